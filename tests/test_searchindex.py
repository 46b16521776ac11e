"""The search index's files, as the search page reads them (outputs/searchindex.py).

Which page a query finds first is tested in the browser (test_search.py); here: what is
indexed from a page, how words are folded and stemmed, and the files' format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recovery_college.engine.build import build_site
from recovery_college.outputs import searchindex
from recovery_college.outputs.searchindex import (
    IndexedPage,
    IndexWriter,
    Stems,
    index_page,
    page_text,
)

COURSE = """<html><head><title>Ignored</title></head><body><header>Søg Kurser Menu</header>
<div id="rc-main" data-search-body>
<h1 data-search-meta="course, about[data-rc-about]" data-rc-about="Kursus: angst, uro">Angst i hverdagen</h1>
<p>Et kursus om angst og uro. <span data-search-ignore>Skjult tekst</span></p>
<dl><dt>Varighed</dt><dd>120 minutter</dd></dl>
</div><footer>Sidefod</footer></body></html>"""


def test_words_are_folded_as_the_search_page_folds_a_query():
    assert searchindex.words("Håb, CAFÉ og Peer-støtte!") == ["håb", "cafe", "og", "peer", "støtte"]
    # Arabic: short vowels, hamza marks and tatweel go; the article and a letter joined to it too
    assert searchindex.words("تواصَلْ والأمل بالـنوم") == ["تواصل", "امل", "نوم"]
    assert searchindex.words("ال") == ["ال"], "nothing left without the article: kept as it is"


def test_a_page_gives_its_marked_text_title_and_fields():
    text = page_text(COURSE)
    assert text is not None
    assert text.title == "Angst i hverdagen"
    assert "Skjult" not in text.text and "Sidefod" not in text.text and "Menu" not in text.text
    assert "Varighed 120 minutter" in text.text, "a label and its value stay apart"
    assert ("about", "Kursus: angst, uro") in text.fields
    assert ("course", "Angst i hverdagen") in text.fields
    assert dict(text.parts)["Angst i hverdagen"] == searchindex.HEADING_WEIGHTS["h1"]
    assert page_text("<html><body><p>Nothing marked</p></body></html>") is None


def test_text_hidden_from_the_reader_is_not_indexed():
    text = page_text(
        '<main data-search-body><p><a aria-describedby="n1">Region</a><span id="n1" hidden>'
        "De fem regioner driver hospitalerne.</span> betaler.</p>"
        "<script>var x = 1;</script><style>p {}</style></main>"
    )
    assert text is not None and text.text == "Region betaler."


def test_a_weighed_part_counts_less():
    light = page_text('<div data-search-body data-search-weight="0.5"><p>håb</p></div>')
    full = page_text("<div data-search-body><p>håb</p></div>")
    assert light is not None and full is not None
    stems = Stems("da")
    assert index_page(light, stems).scores == {"håb": (0.5, 0.0)}
    assert index_page(full, stems).scores == {"håb": (1.0, 0.0)}


def test_a_page_kept_between_builds_is_the_same_page():
    text = page_text(COURSE)
    assert text is not None
    page = index_page(text, Stems("da"))
    assert IndexedPage.unpacked(page.packed()) == page
    assert page.scores["kursus"] == (1.0, searchindex.FIELD_WEIGHTS["about"])


def write(
    tmp_path: Path, pages: dict[str, str], lang: str = "da", published: Path | None = None
) -> dict:
    stems = Stems(lang)
    writer = IndexWriter(tmp_path, published)
    for url, html in pages.items():
        text = page_text(html)
        assert text is not None
        writer.add(url, index_page(text, stems))
    writer.finish()
    return json.loads((tmp_path / "searchindex" / "entry.json").read_text(encoding="utf-8"))


def word_files(tmp_path: Path, entry: dict) -> list[dict]:
    folder = tmp_path / "searchindex" / entry["files"]
    return [
        json.loads((folder / f"w{n}.json").read_text(encoding="utf-8"))
        for n in range(len(entry["words"]))
    ]


def test_the_files_hold_stems_with_their_pages_and_forms_with_their_stem(tmp_path):
    entry = write(
        tmp_path,
        {
            "courses/angst/": COURSE,
            "guides/kurser/": "<main data-search-body><h1>Kurser</h1><p>Alle kurser.</p></main>",
        },
    )
    assert entry["pages"] == 2
    entries: dict = {}
    for file in word_files(tmp_path, entry):
        entries.update(file)
    assert entries["kurser"] == {"s": "kurs"}, "a form points to its stem"
    # page numbers as differences, each followed by its score
    assert entries["kurs"]["p"][0::2] == [1], "kurser: the guide"
    assert entries["kursus"]["p"][0::2] == [0], "Kursus (its field 'about'): the course"
    angst = entries["angst"]["p"]
    assert angst[0] == 0 and len(angst) == 2, "only the course has 'angst'"
    page = json.loads((tmp_path / "searchindex" / entry["files"] / "p0.json").read_text())
    assert page["u"] == "courses/angst/" and page["t"] == "Angst i hverdagen"
    assert page["x"].startswith("Et kursus om angst"), "the excerpt does not repeat the title"


def test_the_course_field_outscores_a_mention_in_the_text(tmp_path):
    entry = write(
        tmp_path,
        {
            "courses/angst/": COURSE,
            "guides/x/": "<main data-search-body><h1>Om os</h1><p>Vi taler om angst.</p></main>",
        },
    )
    entries: dict = {}
    for file in word_files(tmp_path, entry):
        entries.update(file)
    course, guide = entries["angst"]["p"][1], entries["angst"]["p"][3]
    assert course > 4 * guide


def test_word_files_are_small_and_in_order_and_a_new_index_replaces_the_old(tmp_path):
    pages = {
        f"p/{n}/": f"<main data-search-body><h1>Side {n}</h1><p>"
        + " ".join(f"ord{n}x{m} fælles" for m in range(60))
        + "</p></main>"
        for n in range(40)
    }
    first = write(tmp_path, pages)
    files = word_files(tmp_path, first)
    assert len(files) > 10
    keys = [key for file in files for key in file]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert [next(iter(file)) for file in files] == first["words"]
    folder = tmp_path / "searchindex" / first["files"]
    assert all(len(path.read_bytes()) < 2 * searchindex.FILE_BYTES for path in folder.glob("w*"))
    second = write(tmp_path, dict(list(pages.items())[:3]))
    assert second["files"] != first["files"]
    left = {path.name for path in (tmp_path / "searchindex").iterdir()}
    assert left == {"entry.json", second["files"]}, "the old build's files are gone"


def test_a_language_added_later_gets_its_stemmer_or_finds_words_by_their_start():
    assert Stems("da")("kurserne") == "kurs"
    assert Stems("sv")("kurserna") == "kurs", "Swedish, by its code alone"
    assert Stems("uk")("курси") == "курси", "Snowball has no Ukrainian stemmer: the word itself"


def test_a_page_file_the_published_index_has_is_linked_from_it(tmp_path):
    """The files of the published index that a rebuild makes again, byte for byte, are
    hard links to them (outputs/unchanged.py); the others are files of their own."""
    guide = "<main data-search-body><h1>Kurser</h1><p>Alle kurser.</p></main>"
    published, staging = tmp_path / "site", tmp_path / "staging"
    old = write(published, {"courses/angst/": COURSE, "guides/kurser/": guide})
    new = write(
        staging,
        {"courses/angst/": COURSE, "guides/kurser/": guide.replace("Alle", "Nye")},
        published=published,
    )
    old_files, new_files = (
        published / "searchindex" / old["files"],
        staging / "searchindex" / new["files"],
    )
    inodes = {
        name: (old_files / name).stat().st_ino == (new_files / name).stat().st_ino
        for name in ("p0.json", "p1.json")
    }
    assert inodes == {"p0.json": True, "p1.json": False}
    assert "Nye" in (new_files / "p1.json").read_text(encoding="utf-8")
    assert "Alle" in (old_files / "p1.json").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_rebuild_keeps_the_index_while_the_pages_give_it_the_same(project, monkeypatch):
    """After an edit that changes no page's text, the index is the last build's files; after
    one that does, it is made again and finds the new word."""
    build_site(project)
    site = project / "site"
    words = (site / "search" / "words.txt").read_bytes()
    entry = (site / "searchindex" / "entry.json").read_bytes()
    assert (project / searchindex.CACHE / "da.index").is_file()

    def not_again(*_args: object) -> None:
        raise AssertionError("the index was made again")

    with monkeypatch.context() as patched:
        patched.setattr(searchindex.IndexWriter, "add", not_again)
        build_site(project, force=True)  # every language built again, the same pages
    assert (site / "search" / "words.txt").read_bytes() == words
    assert (site / "searchindex" / "entry.json").read_bytes() == entry
    files = json.loads(entry)["files"]
    assert len(list((site / "searchindex" / files).glob("p*.json"))) == json.loads(entry)["pages"]

    guide = project / "content" / "da" / "guides" / "gruppen.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nSolsikkemark.\n", encoding="utf-8")
    build_site(project)
    assert "solsikkemark" in (site / "search" / "words.txt").read_text(encoding="utf-8")
    assert (site / "searchindex" / "entry.json").read_bytes() != entry


def test_a_kept_index_that_cannot_be_read_or_is_of_other_pages_is_made_again(tmp_path):
    site = tmp_path / "site"
    write(site, {"courses/angst/": COURSE})
    (site / "search").mkdir()
    (site / "search" / "words.txt").write_text("angst\n", encoding="utf-8")
    file = tmp_path / "da.index"
    searchindex.KeptIndex(file, "made of these pages").keep(site)
    kept = searchindex.KeptIndex(file, "made of these pages").files()
    assert kept is not None and kept["search/words.txt"] == b"angst\n"
    assert "searchindex/entry.json" in kept
    assert searchindex.KeptIndex(file, "made of other pages").files() is None
    assert searchindex.KeptIndex(file, None).files() is None, "what it is made of is unknown"
    file.write_bytes(b"not a kept index")
    assert searchindex.KeptIndex(file, "made of these pages").files() is None
