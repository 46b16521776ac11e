"""The 100 ideas as part of the site: an overview, a page per section, per idea and card decks.

Every page is generated from content/data/ideas/ at the same path in every language. Idea
texts exist in Danish and English; in any other language an idea page is the Danish text with
its labels in Danish too (`content_lang: da`), so the whole text block reads as one language.
"""

from __future__ import annotations

from typing import Any

from recovery_college.ideas.booklet import Ideas
from recovery_college.ideas.views import CARDS, FOLDER, IdeaViews
from recovery_college.outputs.feature import BuildContext, Feature, generated_page
from recovery_college.outputs.i18n import load_translations
from recovery_college.outputs.pdf import PdfJob, PrintTemplates

DECK_PDF = f"{FOLDER}/{CARDS}/ideer-kort.pdf"


class IdeasFeature(Feature):
    def __init__(self, ctx: BuildContext):
        super().__init__(ctx)
        self.ideas = ctx.project.find(Ideas)
        self.languages = [language.code for language in ctx.project.languages]
        if self.ideas is None:
            return
        default = ctx.project.default
        self.views = IdeaViews(self.ideas, ctx.lang, self._, default.code, default.direction)
        if ctx.lang == default.code:
            self.danish = self.views
        else:
            danish = load_translations(ctx.project.theme_dir, default.code).gettext
            self.danish = IdeaViews(
                self.ideas, default.code, danish, default.code, default.direction
            )

    def _content(self, translated: bool) -> IdeaViews:
        return self.views if translated else self.danish

    def pages(self) -> dict[str, str]:
        if self.ideas is None:
            return {}
        _ = self._
        lang = self.ctx.lang
        default = self.ctx.project.default.code
        found = {
            f"{FOLDER}/index.md": generated_page(
                {"title": _("100 ways to support recovery"), "template": "ideas.html"}, ""
            )
        }
        for section in self.ideas.sections:
            found[f"{FOLDER}/afsnit-{section.number}.md"] = generated_page(
                {
                    "title": _("Section %(number)s: %(title)s")
                    % {"number": section.number, "title": section.title.get(lang)},
                    "template": "ideas_section.html",
                },
                "",
            )
        for first, last in self.views.decks():
            in_deck = [p for p in self.views.placed if first <= p.number <= last]
            meta: dict[str, Any] = {
                "title": _("Cards to print: ideas %(first)s–%(last)s")
                % {"first": first, "last": last},
                "template": "idea_cards.html",
            }
            meta["languages"] = [
                code for code in self.languages if all(p.idea.has(code) for p in in_deck)
            ]
            if not all(p.idea.has(lang) for p in in_deck):
                meta["content_lang"] = default
            found[f"{FOLDER}/{CARDS}/{first}-{last}.md"] = generated_page(meta, "")
        for placed in self.views.placed:
            idea = placed.idea
            views = self._content(idea.has(lang))
            meta = {
                "title": _("Idea %(number)s: %(title)s")
                % {"number": idea.number, "title": idea.title.get(views.lang)},
                "summary": idea.text.get(views.lang),
                "template": "idea.html",
            }
            meta["languages"] = [code for code in self.languages if idea.has(code)]
            if not idea.has(lang):
                meta["content_lang"] = default
            found[f"{FOLDER}/{idea.number}.md"] = generated_page(meta, "")
        return found

    def pdf_jobs(self) -> list[PdfJob]:
        """The whole card deck as one PDF per language."""
        if self.ideas is None:
            return []
        translated = all(placed.idea.has(self.ctx.lang) for placed in self.views.placed)
        views = self._content(translated)
        cards = views.cards(1, len(self.views.placed))
        templates = PrintTemplates(self.ctx.project.root, views._)
        job = templates.job(
            "cards.html",
            DECK_PDF,
            label=f"{self.ctx.lang}: idea cards",
            cards=cards,
            lang=views.lang,
            direction=self.ctx.language.direction
            if translated
            else self.ctx.project.default.direction,
            title=cards.labels["overview"],
            school=self.ctx.school,
        )
        return [job]

    def context(self, rel: str, meta: dict[str, Any], context: dict[str, Any]) -> None:
        if self.ideas is not None and meta.get("template") in ("ideas.html", "idea_cards.html"):
            context["deck_pdf"] = DECK_PDF
        if self.ideas is None or not rel.startswith(FOLDER + "/"):
            return
        template = meta.get("template")
        name = rel[len(FOLDER) + 1 : -3]
        translated = meta.get("content_lang") in (None, self.ctx.lang)
        if template == "ideas.html":
            context["ideas"] = self.views.overview(self.ctx.now)
        elif template == "ideas_section.html":
            context["ideas_section"] = self.views.section(int(name.removeprefix("afsnit-")))
        elif template == "idea.html":
            context["idea"] = self._content(translated).idea(int(name))
        elif template == "idea_cards.html":
            first, last = name.removeprefix(f"{CARDS}/").split("-")
            context["cards"] = self._content(translated).cards(int(first), int(last))
