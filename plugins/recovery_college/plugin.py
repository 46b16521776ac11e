"""The MkDocs plugin: a thin layer that hands files to the core and puts results into the build."""

from __future__ import annotations

import gzip
import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from . import calendar, feed, helplines, pages, sections, sitemap, statement
from .catalogue import CatalogueViews, build_time, course_view
from .content import Project, load_project
from .errors import ContentErrors
from .i18n import Dates, load_translations

log = logging.getLogger("mkdocs.plugins.recovery_college")


class RecoveryCollegePlugin(BasePlugin):
    """One instance per language build; every language runs in its own process."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            self.project: Project = load_project(root)
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        self.language = self.project.language(config.theme["language"])
        config.site_name = self.project.site.name.get(self.language.code)
        config.theme["direction"] = self.language.direction
        self.base_url = (config.site_url or "/").rstrip("/") + "/"
        config.site_url = self.base_url + self.language.prefix
        self.translations = load_translations(self.project.theme_dir, self.language.code)
        self.views = CatalogueViews(
            self.project.catalogue, self._course_metas(), self.language.code, self._, build_time()
        )
        self.fallbacks: set[str] = set()
        self.sitemap: list[sitemap.SitemapEntry] = []
        return config

    def _course_metas(self) -> dict:
        """Each course's front matter in this language, or the Danish one where not translated."""
        default = self.project.pages[self.project.default.code]
        own = self.project.pages.get(self.language.code, {})
        metas = {}
        for rel, page in default.items():
            if rel.startswith("courses/") and rel.count("/") == 1 and rel != "courses/index.md":
                metas[rel[len("courses/") : -3]] = (own.get(rel) or page).meta
        return metas

    def _(self, message: str) -> str:
        return self.translations.gettext(message)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in [f for f in files if f.src_uri.startswith("locale/")]:
            files.remove(file)  # message catalogues are build input, not site content
        default = self.project.default.code
        for rel, page in self.project.pages[default].items():
            if files.get_file_from_path(rel) is None:
                files.append(File.generated(config, rel, abs_src_path=str(page.path)))
                self.fallbacks.add(rel)
        generated = {
            "search.md": f"---\ntitle: {self._('Search')}\ntemplate: search.html\n---\n",
            "tilgaengelighed.md": statement.page_source(
                self.project.statement, self.language.code, self._
            ),
        }
        generated["courses/index.md"] = statement.generated_page(
            {"title": self._("Courses"), "template": "catalogue.html"}, ""
        )
        generated["courses/arkiv.md"] = statement.generated_page(
            {"title": self._("Earlier terms"), "template": "archive.html"}, ""
        )
        for term in self.project.catalogue.terms:
            generated[f"terms/{term.id}.md"] = statement.generated_page(
                {"title": term.name.get(self.language.code), "template": "term.html"}, ""
            )
        for section, title in sections.SECTIONS.items():
            generated[f"{section}/index.md"] = statement.generated_page(
                {"title": self._(title)}, ""
            )
        for rel, source in generated.items():
            if files.get_file_from_path(rel) is None:
                files.append(File.generated(config, rel, content=source))
        return files

    def on_env(self, env, config: MkDocsConfig, files: Files):
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(self.translations, newstyle=True)
        dates = Dates(self.language.code)
        env.filters["longdate"] = dates.date
        env.globals["site_facts"] = self.project.site
        env.globals["helplines"] = self.project.helplines
        env.globals["rc"] = self._page_view(config, "", None, absolute=True)
        return env

    def _page_view(
        self, config: MkDocsConfig, lang_root: str, page: MkPage | None, *, absolute: bool = False
    ):
        """Context for one page; `absolute` for pages such as 404 that are served at any address."""
        rel = page.file.src_uri if page else None
        known = rel is not None and any(rel in found for found in self.project.pages.values())
        if absolute:
            path = urlsplit(self.base_url).path
            lang_root = path + self.language.prefix.rstrip("/")
            root = path.rstrip("/") or ""
        else:
            root = pages.site_root(lang_root, self.language)
        url = page.url if page else ""
        fallback = rel in self.fallbacks
        return pages.PageView(
            lang=self.language.code,
            direction=self.language.direction,
            content_lang=self.project.default.code if fallback else self.language.code,
            fallback=fallback,
            site_root=root,
            lang_root=lang_root.rstrip("/") if absolute else lang_root,
            alternates=pages.alternates(
                self.project, rel if known else None, url, root, self.base_url
            ),
        )

    def on_page_markdown(
        self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str:
        rel = page.file.src_uri
        if rel.startswith("courses/") and rel.count("/") == 1 and "template" not in page.meta:
            page.meta["template"] = "course.html"
        if page.meta.get("summary") and not page.meta.get("description"):
            page.meta["description"] = page.meta["summary"]
        section = rel.split("/", 1)[0]
        if rel == f"{section}/index.md" and section in sections.SECTIONS:
            markdown += "\n\n" + sections.listing(self.project, self.language.code, section, self._)
        return helplines.insert(markdown, self.project.helplines, self.language.code)

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        """Material puts `dir` on <body>; screen readers and Pagefind also read it from <html>."""
        return output.replace(
            f'<html lang="{self.language.code}" class="no-js">',
            f'<html lang="{self.language.code}" dir="{self.language.direction}" class="no-js">',
            1,
        )

    def on_page_context(self, context, page: MkPage, config: MkDocsConfig, nav):
        self._catalogue_context(context, page)
        view = self._page_view(config, context["base_url"] or ".", page)
        context["rc"] = view
        if not view.fallback:
            self.sitemap.append(sitemap.SitemapEntry(config.site_url + page.url, view.alternates))
        return context

    def _catalogue_context(self, context, page: MkPage) -> None:
        rel = page.file.src_uri
        template = page.meta.get("template")
        if template == "catalogue.html":
            upcoming = self.views.upcoming()
            context["offerings"] = upcoming
            context["filters"] = self.views.filter_options(upcoming)
            context["terms"] = self.views.current_terms()
        elif template == "archive.html":
            context["terms"] = self.views.past_terms()
        elif template == "term.html":
            term = next(t for t in self.project.catalogue.terms if rel == f"terms/{t.id}.md")
            context["term"] = term
            context["months"] = self.views.term_months(term)
        elif rel.startswith("courses/") and rel.count("/") == 1:
            course = rel[len("courses/") : -3]
            meta = self.views.courses.get(course)
            if meta is not None:
                url = self.base_url + self.language.prefix + f"courses/{course}/"
                school = self.project.site.name.get(self.language.code)
                context["course"] = course_view(self.views, course, meta, url, school)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._write_catalogue_files(Path(config.site_dir), config.site_url)
        xml = sitemap.render(sorted(self.sitemap, key=lambda e: e.loc), self.project.default.code)
        target = Path(config.site_dir) / "sitemap.xml"
        target.write_text(xml, encoding="utf-8")
        with gzip.GzipFile(target.with_suffix(".xml.gz"), "wb", mtime=0) as handle:
            handle.write(xml.encode("utf-8"))

    def _write_catalogue_files(self, site_dir: Path, base_url: str) -> None:
        """Calendars and the JSON feed, next to the pages of this language."""
        published = os.environ.get("RC_PUBLISHED_SITE")
        previous_file = (
            Path(published) / self.language.prefix / "courses.ics" if published else None
        )
        previous = calendar.read_previous(previous_file) if previous_file else {}
        school = self.project.site.name.get(self.language.code)
        writer = calendar.CalendarWriter(
            urlsplit(self.base_url).netloc or "localhost",
            base_url,
            school,
            self.language.code,
            previous,
        )
        every = []
        folder = site_dir / "calendars"
        folder.mkdir(exist_ok=True)
        for term in self.project.catalogue.terms:
            term_views = [self.views.offering(term, o) for o in term.offerings]
            every.extend(term_views)
            name = f"{school}: {term.name.get(self.language.code)}"
            (folder / f"{term.id}.ics").write_bytes(writer.calendar(name, term_views))
            for view in term_views:
                (folder / f"{view.id}.ics").write_bytes(writer.calendar(view.course_title, [view]))
        (site_dir / "courses.ics").write_bytes(writer.calendar(school, every))
        (site_dir / "courses.json").write_text(
            feed.render(every, self.project.catalogue, base_url, self.language.code, school),
            encoding="utf-8",
        )
        (site_dir / feed.SCHEMA_NAME).write_text(feed.schema(), encoding="utf-8")
