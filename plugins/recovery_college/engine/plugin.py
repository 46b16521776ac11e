"""The MkDocs plugin: a thin layer that hands files to the core and puts results into the build.

One instance runs per language build, each in its own process. The parts of the site are
`Feature`s (see outputs/feature.py), listed in assembly.py; this class only wires MkDocs events to them.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from recovery_college.assembly import FEATURES, HANDOVER, KINDS, load_project
from recovery_college.content import yamlsource
from recovery_college.content.errors import ContentErrors
from recovery_college.content.loading import Project
from recovery_college.content.settings import TIMEZONE, build_time
from recovery_college.content.yamlsource import ParseCache
from recovery_college.editing import admin
from recovery_college.editing.models import EditorSettings
from recovery_college.editing.schemas import edited_files
from recovery_college.engine import escaping, markdowncache, rendercache, themefiles
from recovery_college.engine.rendercache import RenderCache
from recovery_college.engine.templatecache import template_cache
from recovery_college.outputs import assets, bidi, csp, links, pdf, sitemap
from recovery_college.outputs import pageview as pages
from recovery_college.outputs.feature import BuildContext
from recovery_college.outputs.fingerprints import Fingerprints
from recovery_college.outputs.i18n import Dates, load_translations
from recovery_college.school.models import School

log = logging.getLogger("mkdocs.plugins.recovery_college")

# Material's base.html opens <body> with two hidden checkboxes and a label for its script-driven
# drawer and search overlay. The site loads none of Material's scripts and has its own menu
# link and search form, so they do nothing; and their autocomplete="off" is not allowed on a
# checkbox (the Nu HTML Checker counted two errors on every page). They sit outside any block
# a template can override, so they are taken out of the written page.
MATERIAL_TOGGLES = re.compile(
    r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox"'
    r' id="__(?:drawer|search)" autocomplete="off">\s*'
    r'|<label class="md-overlay" for="__drawer"></label>\s*'
)


class PluginConfig(Config):
    lix_threshold = c.Type(int, default=40)


class RecoveryCollegePlugin(BasePlugin[PluginConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.preview = False
        # The process's cache (yamlsource.SHARED): across preview rebuilds, and in a language
        # build forked from the driver, what the driver parsed.
        self.parsed: ParseCache = yamlsource.SHARED
        self.admin = admin.Cache()  # /admin/'s script and config, kept across rebuilds too
        self.render_cache: RenderCache | None = None  # made at a build's first page

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """`mkdocs serve` rebuilds on every save. Having this hook makes MkDocs keep this one
        instance for the whole process (every later config, language and rebuild), so the
        parse cache lives across a preview's rebuilds; every other state is set again in
        `on_config`, and whoever builds calls this first (build.py does)."""
        self.preview = command == "serve"

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Term files, data and templates are inputs too: a save there rebuilds the preview,
        whatever the school's mkdocs.yml lists under `watch:`."""
        for folder in (self.project.data_dir, self.project.theme_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        themefiles.skip_hidden_folders(config.theme)
        try:
            self.project: Project = HANDOVER.take(root) or load_project(root, self.parsed)
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        self.language = self.project.language(config.theme["language"])
        self.school = self.project.part(School)
        config.site_name = self.school.facts.name.get(self.language.code)
        config.theme["direction"] = self.language.direction
        self.base_url = (config.site_url or "/").rstrip("/") + "/"
        config.site_url = self.base_url + self.language.prefix
        self.translations = load_translations(self.project.theme_dir, self.language.code)
        published = os.environ.get("RC_PUBLISHED_SITE")
        self.ctx = BuildContext(
            project=self.project,
            language=self.language,
            gettext=self.translations.gettext,
            base_url=self.base_url,
            now=build_time(),
            published=Path(published) if published else None,
            school=config.site_name,
            lix_threshold=self.config.lix_threshold,
            preview=self.preview,
        )
        self.features = [feature(self.ctx) for feature in FEATURES]
        for feature in self.features:
            for extension in feature.markdown_extensions():
                if extension not in config.markdown_extensions:
                    config.markdown_extensions.append(extension)
        if self.language.direction == "rtl":
            config.markdown_extensions.append(bidi.AddressExtension())
        self.fallbacks: set[str] = set()
        self.sources: dict[str, str | None] = {}  # built file -> Markdown file it came from
        self.sitemap: list[sitemap.SitemapEntry] = []
        notes = None if self.preview else root / assets.CACHE / f"{self.language.code}.marshal"
        self.page_assets = assets.PageAssets(self.language.prefix, found=assets.page_notes(notes))
        if self.render_cache is not None:  # a preview's last build failed
            self.render_cache.abandon()
            self.render_cache = None
        self.render_keys: dict[str, str] = {}  # built file -> key, for a page to keep
        self._page_facts: str | None = None  # see `_facts`
        self.kept: set[str] = set()  # built files taken from the render cache
        self.fingerprints = self.ctx.shared(Fingerprints, Fingerprints)  # the features use it too
        self._doc_files: list[File] = []
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in [f for f in files if f.src_uri.startswith("locale/")]:
            files.remove(file)  # message catalogues are build input, not site content
        pdf_theme = self.project.theme_dir / "pdf"
        for file in [f for f in files if Path(f.abs_src_path or "/").is_relative_to(pdf_theme)]:
            files.remove(file)  # print templates and PDF fonts are build input, not site content
        ours = self.project.theme_dir.resolve()
        material = [Path(d) for d in config.theme.dirs if Path(d).resolve() != ours]
        for file in [f for f in files if self._unused(f, material)]:
            files.remove(file)  # Material's scripts and source maps: no page loads them
        for rel, page in self.project.pages[self.project.default.code].items():
            if files.get_file_from_path(rel) is None and page.meta.fallback:
                files.append(File.generated(config, rel, abs_src_path=str(page.path)))
                self.fallbacks.add(rel)
        for feature in self.features:
            for rel, source in feature.pages().items():
                if files.get_file_from_path(rel) is None:
                    files.append(File.generated(config, rel, content=source))
        self._doc_files = list(files.documentation_pages())
        if not self.language.is_default and not self.preview:  # a preview keeps its own
            self.page_assets.shared = assets.theme_copies(
                files,
                Path(config.docs_dir),
                self.project.content_dir(self.project.default.code),
            )
        return files

    @staticmethod
    def _unused(file: File, material: list[Path]) -> bool:
        return assets.unused_theme_file(file.src_uri, file.abs_src_path, material)

    def on_env(self, env, config: MkDocsConfig, files: Files):
        env.bytecode_cache = template_cache(self.project.root)
        # Our templates escape every value by default; Material's own (base.html and the
        # partials we do not override) are left as they are, and main.html overrides each of
        # their blocks that prints a value from content (the page head).
        env.autoescape = escaping.our_templates(self.project.theme_dir)
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(self.translations, newstyle=True)
        env.filters["longdate"] = Dates(self.language.code).date
        # Taking the context keeps Jinja from folding `'courses.ics' | webcal` into the compiled
        # template, which every language shares through the template cache.
        env.filters["webcal"] = pass_context(lambda context, path: self._webcal(path))
        env.globals["csp"] = csp.POLICY
        env.globals["site_facts"] = self.school.facts
        env.globals["helplines"] = self.school.helplines
        env.globals["rc"] = self._page_view("", None, absolute=True)
        return env

    def _webcal(self, path: str) -> str:
        """A calendar's subscription address (webcal:), for a path below the language root:
        a phone that opens it subscribes, and later changes arrive by themselves."""
        parts = urlsplit(self.base_url)
        return f"webcal://{parts.netloc}{parts.path}{self.language.prefix}{path}"

    def _page_view(self, lang_root: str, page: MkPage | None, *, absolute: bool = False):
        """Context for one page; `absolute` for pages such as 404 that are served at any address."""
        rel = page.file.src_uri if page else None
        known = rel is not None and any(rel in found for found in self.project.pages.values())
        if absolute:
            path = urlsplit(self.base_url).path
            lang_root = (path + self.language.prefix).rstrip("/")
            root = path.rstrip("/")
        else:
            root = pages.site_root(lang_root, self.language)
        # A generated page whose text exists only in Danish says so with `content_lang: da`.
        content_lang = page.meta.get("content_lang") if page else None
        fallback = rel in self.fallbacks or content_lang not in (None, self.language.code)
        default = self.project.default
        alternates = pages.alternates(
            self.project,
            rel if known else None,
            page.url if page else "",
            root,
            self.base_url,
            page.meta.get("languages") if page else None,
            everywhere=self._everywhere(rel),
        )
        return pages.PageView(
            lang=self.language.code,
            direction=self.language.direction,
            content_lang=default.code if fallback else self.language.code,
            content_dir=default.direction if fallback else self.language.direction,
            default_lang=default.code,
            fallback=fallback,
            site_root=root,
            lang_root=lang_root,
            alternates=alternates,
            canonical=pages.canonical(
                page.canonical_url if page else None, fallback, alternates, default.code
            ),
        )

    def _everywhere(self, rel: str | None) -> bool:
        """Whether a page is built in every language (an easy-read page is not)."""
        page = self.project.pages[self.project.default.code].get(rel or "")
        return page is None or page.meta.fallback

    def on_pre_page(self, page: MkPage, config: MkDocsConfig, files: Files) -> MkPage:
        markdowncache.install(page, self._cache(config))
        return page

    def on_page_markdown(
        self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str:
        if page.meta.get("summary") and not page.meta.get("description"):
            page.meta["description"] = page.meta["summary"]
        meta = cast(dict[str, Any], page.meta)  # MkDocs keeps front matter in a plain dict
        for feature in self.features:
            markdown = feature.markdown(page.file.src_uri, meta, markdown)
        return markdown

    def on_page_context(self, context, page: MkPage, config: MkDocsConfig, nav):
        # The page body is the HTML Python-Markdown made of what the school wrote: trusted
        # markup, where every other value is escaped.
        page.content = Markup(page.content or "")
        meta = cast(dict[str, Any], page.meta)
        rel = page.file.src_uri
        from_terms: dict[str, Any] = {}  # what features put in from the term schedules
        for feature in self.features:
            if feature.reads_terms:
                before = {key: id(value) for key, value in context.items()}
                feature.context(rel, meta, context)
                from_terms.update((k, v) for k, v in context.items() if before.get(k) != id(v))
        view = self._page_view(context["base_url"] or ".", page)
        context["rc"] = view
        self.sources[page.file.dest_uri] = self._source_of(rel)
        if not view.fallback:
            loc = (config.site_url or "") + page.url
            self.sitemap.append(sitemap.SitemapEntry(loc, view.alternates))
        terms = self.fingerprints.of(sorted(from_terms.items()))
        if terms is not None and self._kept(page, context, terms, self._facts(nav)):
            # The other features' views are made of the page and the key's inputs only: a
            # page kept as it was does not need them (the 100 ideas' views, for one).
            return context
        for feature in self.features:
            if not feature.reads_terms:
                feature.context(rel, meta, context)
        return context

    def _cache(self, config: MkDocsConfig) -> RenderCache:
        """The render cache of this build, made before the first page is converted. Its
        inputs are what every page may read; the date and the navigation, which the
        converted Markdown does not show, are in each page's key (`_facts`)."""
        if self.render_cache is None:
            mode = "preview" if self.preview else "build"
            pages = sorted(f"{f.src_uri}>{f.dest_uri}" for f in self._doc_files)
            facts = [self.language.code, mode, self.base_url, config.site_url or "", *pages]
            self.render_cache = RenderCache(
                self.project.root / rendercache.FOLDER / f"{self.language.code}-{mode}.sqlite",
                rendercache.inputs(self.project, self.parsed, *facts),
            )
            self.fingerprints.made_with = self.render_cache.inputs  # for the features' keys
        return self.render_cache

    def _facts(self, nav) -> str:
        """What every rendered page shows besides its own input: the date and the navigation,
        read when the first page is rendered, when every page has its title."""
        if self._page_facts is None:
            date = self.ctx.now.astimezone(TIMEZONE).date().isoformat()
            self._page_facts = f"{date}\n{rendercache.nav_shape(nav)}"
        return self._page_facts

    def _kept(self, page: MkPage, context, terms: str, facts: str) -> bool:
        """Give the template the page as the last build wrote it, when its key is the same
        (main.html then renders nothing else); otherwise note the key for `on_post_page`."""
        cache = self.render_cache
        assert cache is not None  # made before the page was converted
        dest = page.file.dest_uri
        key = cache.key(
            facts,
            dest,
            page.url,
            str(page.title),
            page.markdown or "",
            str(page.content),
            repr(page.meta),
            repr(context["rc"]),
            " ".join(sorted(context)),
            terms,
        )
        kept = cache.get(rendercache.PAGE, dest, key)
        if kept is None:
            self.render_keys[dest] = key
            return False
        context["rc_kept_page"] = Markup(kept)
        self.kept.add(dest)
        return True

    def _source_of(self, rel: str) -> str | None:
        """The Markdown file a page was made from (the default language's for a fallback);
        None for a page the build generates."""
        for code in (self.language.code, self.project.default.code):
            page = self.project.pages.get(code, {}).get(rel)
            if page is not None and (code == self.language.code or rel in self.fallbacks):
                return page.path.relative_to(self.project.root).as_posix()
        return None

    def on_post_page(self, output: str, page: MkPage | None, config: MkDocsConfig) -> str:
        """Material puts `dir` on <body>; screen readers also read it from <html>.
        Material's unused toggles go (see MATERIAL_TOGGLES). Then the features' last changes
        (`Feature.page_output`)."""
        dest = page.file.dest_uri if page is not None else None
        if dest in self.kept:  # as it was written last time, after all of this
            self.page_assets.note(output, dest)
            return self._written(output, page)
        output = MATERIAL_TOGGLES.sub("", output)
        output = output.replace(
            f'<html lang="{self.language.code}" class="no-js">',
            f'<html lang="{self.language.code}" dir="{self.language.direction}" class="no-js">',
            1,
        )
        for feature in self.features:
            output = feature.page_output(output)
        output = self.page_assets.page(output, dest or "404.html")
        if dest in self.render_keys and self.render_cache is not None:
            self.render_cache.put(rendercache.PAGE, dest, self.render_keys.pop(dest), output)
        return self._written(output, page)

    def _written(self, output: str, page: MkPage | None) -> str:
        """The page, or "" when the published site has it as it is: then it is linked from
        there (outputs/unchanged.py), and MkDocs writes nothing, as for a page whose template
        made no output. MkDocs would encode it so."""
        if page is None:
            return output
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        if self.ctx.unchanged.place(data, Path(page.file.abs_dest_path), page.file.dest_uri):
            return ""
        return output

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page is a static template, not a page: give its <html> the direction too."""
        if template_name == "404.html":
            return self.on_post_page(output, None, config)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.render_cache is not None:
            self.render_cache.close()
            self.render_cache = None
        for feature in self.features:
            feature.post_build(site_dir)
        if not self.preview:  # read by build.py's link check, then removed
            links.write_sources(site_dir, self.sources)
        if self.preview:
            others = {lang.code for lang in self.project.languages if lang != self.language}
            published = self.project.root / "site" / self.language.prefix
            pdf.link_published(published, site_dir, others)
        else:
            for feature in self.features:
                if jobs := feature.pdf_jobs():
                    pdf.stage_jobs(site_dir, type(feature).__name__, jobs)
        if self.language.is_default:  # the site's root: header files for hosts that read them
            headers = csp.headers_file()
            if admin.write(self.project, edited_files(KINDS), site_dir, self.admin):
                headers += admin.headers_block(self.project.find(EditorSettings))
            else:
                log.warning(
                    "The browser editor (/admin/) was left out: its npm package is not "
                    "installed. Run ./scripts/build with npm on the machine."
                )
            (site_dir / "_headers").write_text(headers, encoding="utf-8")
            (site_dir / ".htaccess").write_text(csp.htaccess(), encoding="utf-8")
        sitemap.write(site_dir, self.sitemap, self.project.default.code)
        if not self.preview:  # read by build.py, which writes the site's sitemap at its root
            sitemap.record(site_dir, self.sitemap)
            self.page_assets.write(site_dir)
