"""Whatever bytes a school saves, loading gives valid content or content errors with a place,
never another exception; and no failed build leaves the published site half-written."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors
from recovery_college.engine.build import BuildFailed, build_site
from support import FIXTURE, make_project

# The files a school edits most, as the fixture school has them.
EDITED = [
    "content/data/terms/2026-efteraar.yml",
    "content/data/venues.yml",
    "content/data/site.yml",
    "content/data/helplines.yml",
    "content/da/courses/hab.md",
    "content/da/guides/snak.md",
]
# Pieces of YAML and Markdown that editors really type, wrongly placed or not.
PIECES = [
    ":", "- ", "  ", "\t", '"', "'", "---", "\n", "\r\n", "\ufeff", "#", "{", "}", "[", "]",
    "&a", "*a", "!!python/object:os.system", "%TAG", "æøå", "العربية", "null", "no", "13:00",
    "2026-02-30", "-1", "1e9", "<script>", "javascript:x", "](mangler.md)", "\x00", "\udcff",
]  # fmt: skip


@st.composite
def mutation(draw) -> tuple[str, bytes]:
    """One edited file: bytes cut out, pieces put in, or bytes replaced at random places."""
    name = draw(st.sampled_from(EDITED))
    data = bytearray((FIXTURE / name).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "bytes"]))
        if kind == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            piece = draw(st.sampled_from(PIECES))
            data[at:at] = piece.encode("utf-8", "surrogatepass")
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=6))
    return name, bytes(data)


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture school without its theme: loading needs only the content and configs."""
    root = tmp_path_factory.mktemp("fuzz") / "school"
    shutil.copytree(FIXTURE, root)
    return root


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edit=mutation())
def test_any_edit_gives_content_or_errors_with_a_place(school: Path, edit: tuple[str, bytes]):
    name, data = edit
    path = school / name
    original = (FIXTURE / name).read_bytes()
    path.write_bytes(data)
    try:
        load_project(school)
    except ContentErrors as exc:
        assert exc.errors, "ContentErrors without a single error"
        for error in exc.errors:
            assert error.path and not error.path.startswith("/"), error
            assert error.line >= 1 and error.column >= 1, error
            assert error.message.strip(), error
            assert "Traceback" not in error.message
        report = exc.report()
        assert report.splitlines()[0].startswith(exc.errors[0].path)
    finally:
        path.write_bytes(original)


def fingerprint(site: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(site.rglob("*")):
        if file.is_file():
            digest.update(file.relative_to(site).as_posix().encode() + file.read_bytes())
    return digest.hexdigest()


BREAKAGES = {
    "content error": ("content/da/courses/hab.md", "demand: light", "demand: lite"),
    "broken link": ("content/da/guides/snak.md", "<!-- helplines -->", "[x](mangler.md)"),
    "not UTF-8": ("content/da/guides/snak.md", "Før", "F\udcf8r"),
    "unknown language": ("mkdocs.en.yml", "language: en", "language: english"),
    "broken language config": ("mkdocs.ar.yml", "language: ar", "language: [ar"),
    "missing template": ("theme/main.html", "{% extends", "{% extends 'nothing.html' %}{# "),
}


@pytest.mark.build
def test_no_failed_build_leaves_the_site_half_written(tmp_path: Path):
    root = make_project(tmp_path / "school")
    build_site(root)
    site = root / "site"
    before = fingerprint(site)
    for what, (name, old, new) in BREAKAGES.items():
        path = root / name
        original = path.read_bytes()
        text = original.decode("utf-8")
        assert old in text, f"{what}: the fixture changed"
        path.write_bytes(text.replace(old, new, 1).encode("utf-8", "surrogateescape"))
        with pytest.raises((ContentErrors, BuildFailed)):
            build_site(root, force=True)
        path.write_bytes(original)
        assert fingerprint(site) == before, f"{what}: site/ changed"
        assert not list((root / ".build").glob("staging-*")), f"{what}: staging left behind"
