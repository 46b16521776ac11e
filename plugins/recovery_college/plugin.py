"""The MkDocs plugin: a thin layer that hands files to the core and puts results into the build."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from . import helplines, pages, sections, sitemap, statement
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
        self.fallbacks: set[str] = set()
        self.sitemap: list[sitemap.SitemapEntry] = []
        return config

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
        view = self._page_view(config, context["base_url"] or ".", page)
        context["rc"] = view
        if not view.fallback:
            self.sitemap.append(sitemap.SitemapEntry(config.site_url + page.url, view.alternates))
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        xml = sitemap.render(sorted(self.sitemap, key=lambda e: e.loc), self.project.default.code)
        target = Path(config.site_dir) / "sitemap.xml"
        target.write_text(xml, encoding="utf-8")
        with gzip.GzipFile(target.with_suffix(".xml.gz"), "wb", mtime=0) as handle:
            handle.write(xml.encode("utf-8"))
