"""What citizens meet on the web: numbers to call are phone links, never glossary links;
language is marked right, and left-to-right text on right-to-left pages is isolated; portals
learn why a course has no peer educator."""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

import jsonschema
import markdown
import pytest

from recovery_college.glossary.terms import Glossary, matcher
from recovery_college.outputs.bidi import AddressExtension
from support import replace_once

NUMBERS = re.compile(r"(?<![\w+\-/.,])(112|1813|70 201 201)(?![\w\-/]|[.,]\d)")


class _Numbers(html.parser.HTMLParser):
    """Every emergency or help-line number in the visible text, with the link it is in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.found: list[tuple[str, str | None]] = []  # (number, href of the enclosing link)

    def handle_starttag(self, tag, attrs):
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if any(t in ("script", "style", "title") for t, _ in self.stack):
            return
        if any("hidden" in a for _, a in self.stack):  # a glossary note read with its link
            return
        links = [a.get("href") for t, a in self.stack if t == "a"]
        for match in NUMBERS.finditer(data):
            self.found.append((match.group(1), links[-1] if links else None))


def numbers_on(page: Path) -> list[tuple[str, str | None]]:
    parser = _Numbers()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


@pytest.mark.build
def test_every_number_to_call_is_a_phone_link_on_every_page(example_site: Path):
    pages = list(example_site.rglob("*.html"))
    seen = 0
    for page in pages:
        for number, href in numbers_on(page):
            seen += 1
            where = page.relative_to(example_site)
            assert href is not None, f"{where}: {number} is not a link"
            if "ordliste" in where.parts and "#" in href:
                continue  # the glossary's list of words names "1813 (Akuttelefonen)" as a word
            assert href.startswith("tel:"), f"{where}: {number} links to {href}, not to the phone"
    assert seen > 50  # the crisis page, the home page and guides in three languages


def test_the_glossary_never_takes_a_number_and_links_whole_words_only():
    glossary = Glossary.model_validate(
        [
            {
                "id": "alarm-112",
                "term": {"da": "Alarmcentralen", "ar": "مركز الطوارئ"},
                "aliases": {"da": ["ring 112", "112"]},
                "provider": "general",
                "definition": {"da": "Ring 112.", "ar": "اتصل بالرقم 112."},
            },
            {
                "id": "raad",
                "term": {"da": "Råd"},
                "provider": "general",
                "definition": {"da": "Et råd."},
            },
            {
                "id": "frivillig",
                "term": {"da": "Frivillig", "ar": "متطوع"},
                "provider": "civil-society",
                "definition": {"da": "En frivillig.", "ar": "شخص متطوع."},
            },
        ],
        context={"default_language": "da"},
    )
    pattern, forms = matcher(glossary, "da")
    assert "112" not in forms and "ring 112" not in forms
    assert pattern is not None and pattern.search("Alarmcentralen svarer")
    assert pattern.search("se alarmcentralen.dk") is None  # a web address is not a word
    assert pattern.search("Søråd og rådø") is None  # æ, ø and å are letters of the word
    assert pattern.search("Spørg et råd.")
    arabic, _ = matcher(glossary, "ar")
    assert arabic is not None
    assert arabic.search("عمل متطوعًا في الجمعية") is None  # not the word inside a longer word
    assert arabic.search("هو متطوع في الجمعية")
    assert arabic.search("عمل المتطوع") is None  # the article ال joins the word
    assert arabic.search("المتطوعُ") is None and arabic.search("عمل متطوعٌ") is None  # harakat


@pytest.mark.build
def test_the_teaching_language_is_named_in_the_reader_s_language(built: Path):
    arabic = (built / "ar/courses/cafe/index.html").read_text(encoding="utf-8")
    # The name is Arabic text: no lang="en" on it, or a screen reader reads it in English.
    assert re.search(r"<dd>الإنجليزية</dd>", arabic)
    assert 'lang="en">الإنجليزية' not in arabic


@pytest.mark.build
def test_courses_json_says_why_there_is_no_peer_educator(project: Path):
    from recovery_college.engine.build import build_site

    term = project / "content/data/terms/2026-efteraar.yml"
    replace_once(
        term,
        "    educators:\n      - {name: Ali Kaya, role: peer}",
        '    co_production_exception: "Gæsteoplæg af en jordemoder"\n'
        "    educators:\n      - {name: Ali Kaya, role: professional}",
    )
    build_site(project)
    feed = json.loads((project / "site/courses.json").read_text(encoding="utf-8"))
    entries = {entry["id"]: entry for entry in feed["offerings"]}
    assert entries["cafe-2026e"]["co_production_exception"] == "Gæsteoplæg af en jordemoder"
    assert entries["hab-2026e"]["co_production_exception"] is None
    schema = json.loads((project / "site/courses.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(feed, schema)  # the schema documents the field for portals
    offering = schema["properties"]["offerings"]["items"]
    assert "co_production_exception" in offering["required"]


def test_addresses_in_right_to_left_text_are_isolated_left_to_right():
    md = markdown.Markdown(extensions=[AddressExtension()])
    html_text = md.convert(
        "انظر livslinien.dk. اكتب إلى skolen@example.org، أو افتح "
        "https://www.sundhed.dk/borger/ مثلًا. [الرابط](https://a.dk) و`b.dk`"
    )
    assert '<bdi dir="ltr">livslinien.dk</bdi>. ' in html_text  # the full stop stays outside
    assert '<bdi dir="ltr">skolen@example.org</bdi>،' in html_text
    assert '<bdi dir="ltr">https://www.sundhed.dk/borger/</bdi> ' in html_text
    assert '<a href="https://a.dk">الرابط</a>' in html_text and "<code>b.dk</code>" in html_text
    md.reset()
    assert "bdi" not in md.convert("Dr. Hansen, f.eks. 3.5 kr.")  # abbreviations are no addresses


class _Isolation(html.parser.HTMLParser):
    """For each given text, whether each of its places in the body is isolated: inside a
    <bdi> or an element with its own dir, below the page's own direction."""

    def __init__(self, texts: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.texts = texts
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.found: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        tags = [tag for tag, _ in self.stack]
        if "body" not in tags or {"script", "style"} & set(tags):
            return
        below_body = self.stack[tags.index("body") + 1 :]
        isolated = any(tag == "bdi" or "dir" in attrs for tag, attrs in below_body)
        for text in self.texts:
            if text in data:
                self.found.append((text, isolated))


@pytest.mark.build
def test_names_addresses_and_e_mail_from_the_data_are_isolated_on_arabic_pages(built: Path):
    latin = ["Mette Holm", "Jonas Berg", "Huset", "Testvej 1, 9999 Testby", "test@example.org"]
    parser = _Isolation(latin)
    parser.feed((built / "ar/courses/hab/index.html").read_text(encoding="utf-8"))
    assert {text for text, _ in parser.found} == set(latin)
    loose = sorted({text for text, isolated in parser.found if not isolated})
    assert not loose, f"left-to-right text not isolated on an Arabic page: {loose}"


def test_the_glossary_takes_the_longest_word_that_fits():
    """The longest form that is a whole word wins: "angstanfald om natten" before
    "angstanfald" before "angst"; a longer word that starts with one of them is none of them."""
    glossary = Glossary.model_validate(
        [
            {
                "id": "angst",
                "term": {"da": "Angst"},
                "provider": "general",
                "definition": {"da": "En følelse."},
            },
            {
                "id": "angstanfald",
                "term": {"da": "Angstanfald"},
                "aliases": {"da": ["angstanfald om natten", "anfald"]},
                "provider": "general",
                "definition": {"da": "Et anfald af angst."},
            },
        ],
        context={"default_language": "da"},
    )
    pattern, _ = matcher(glossary, "da")
    assert pattern is not None
    text = "Angstanfald om natten, et angstanfald, angst og angstanfaldene."
    found = [m.group(1) for m in pattern.finditer(text)]
    assert found == ["Angstanfald om natten", "angstanfald", "angst"]
