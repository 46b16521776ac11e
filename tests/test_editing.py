"""The schemas and the browser editor's config are made from the models, committed, and current;
they help a person typing (Danish help, choices with Danish titles, unknown keys flagged)."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, validators

from recovery_college.assembly import KINDS, load_project
from recovery_college.content.yaml12 import SafeLoader
from recovery_college.editing import admin, generated
from recovery_college.editing.schemas import edited_files, json_schema
from recovery_college.engine.build import build_site
from support import REPO, make_project

SCHEMAS = REPO / "schemas"


def _as_editor_reads(value):
    """YAML 1.2 as editors read it: a date is the text YYYY-MM-DD."""
    if isinstance(value, dict):
        return {key: _as_editor_reads(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_editor_reads(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_committed_schemas_and_editor_config_are_what_the_models_make():
    outputs = generated.generated(load_project(REPO), KINDS)
    assert generated.stale(REPO, outputs) == [], "run `recovery-college schemas` and commit"
    assert {path.parent.as_posix() for path in outputs} == {"schemas", ".vscode", "admin"}


def test_a_model_change_makes_the_committed_files_stale(tmp_path: Path):
    project = load_project(REPO)
    outputs = generated.generated(project, KINDS)
    for path, text in outputs.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    term = tmp_path / "schemas" / "term.schema.json"
    term.write_text(term.read_text(encoding="utf-8").replace("Pladser i alt", "Pladser"))
    assert generated.stale(tmp_path, outputs) == [Path("schemas/term.schema.json")]


def test_every_data_file_of_the_example_school_passes_its_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    checked = 0
    for schema, patterns in settings["yaml.schemas"].items():
        validator = _validator(Path(schema).name.removesuffix(".schema.json"))
        for pattern in patterns:
            for path in sorted(REPO.glob(pattern)):
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
                errors = list(validator.iter_errors(_as_editor_reads(data)))
                assert errors == [], f"{path}: {errors[0].message}"
                checked += 1
    assert checked >= 15


def test_the_front_matter_of_every_example_page_passes_its_schema():
    files = edited_files(KINDS)
    by_folder = {f.folder: f for f in files if f.folder}
    checked = 0
    for path in sorted((REPO / "content").glob("*/*/*.md")):
        edited = by_folder.get(path.parent.name)
        if edited is None:
            continue
        _, front, _ = path.read_text(encoding="utf-8").split("---", 2)
        data = _as_editor_reads(yaml.load(front, Loader=SafeLoader))
        name = "page-meta" if path.name == "index.md" else edited.name  # a folder's own page
        errors = list(_validator(name).iter_errors(data))
        assert errors == [], f"{path}: {errors[0].message}"
        checked += 1
    assert checked >= 20


def test_schemas_help_a_person_typing_in_danish():
    term = _validator("term").schema
    offering = term["$defs"]["Offering"]
    capacity = offering["properties"]["capacity"]
    assert capacity["title"] == "Pladser i alt"
    assert "ledige" not in capacity["description"] and capacity["description"].endswith(".")
    assert capacity["examples"]
    role = term["$defs"]["Educator"]["properties"]["role"]
    assert role["enum"] == ["peer", "relative", "professional"]  # files keep their ids
    assert role["enumDescriptions"][0].startswith("Peer-underviser")  # the editor shows Danish
    start = term["$defs"]["Sessions"]["properties"]["start"]
    assert "format" not in start and start["pattern"]  # 13:00, not 13:00:00+01:00
    # Unknown keys are flagged, and help is there for every field of every model.
    for name, model in term["$defs"].items():
        if "properties" in model:
            assert model["additionalProperties"] is False, name
            for field, spec in model["properties"].items():
                assert spec.get("description"), f"{name}.{field} has no help text"


def test_a_slip_is_flagged_where_the_editor_shows_it():
    validator = _validator("venues")
    venue = yaml.load((REPO / "content/data/venues.yml").read_text("utf-8"), Loader=SafeLoader)[0]
    wrong = {**_as_editor_reads(venue), "stepfree": True}
    messages = [e.message for e in validator.iter_errors([wrong])]
    assert any("stepfree" in message for message in messages)
    course = _validator("course-meta")
    bad = {"title": "A", "summary": "B", "outcomes": ["C"], "for_whom": "D", "chime": ["håb"]}
    assert any("'håb' is not one of" in e.message for e in course.iter_errors(bad))


def test_localized_texts_require_the_main_language():
    schema = json_schema(next(f for f in edited_files(KINDS) if f.name == "term"), "da")
    assert schema["$defs"]["Localized"]["required"] == ["da"]


def test_editor_config_passes_the_editors_own_schema():
    package_schema = REPO / admin.PACKAGE.parent / "schema" / "sveltia-cms.json"
    if not package_schema.exists():
        pytest.skip("the editor's npm package is not installed (npm ci --prefix admin)")
    schema = json.loads(package_schema.read_text(encoding="utf-8"))
    config = yaml.safe_load((REPO / "admin" / "config.yml").read_text(encoding="utf-8"))
    errors = list(validators.validator_for(schema)(schema).iter_errors(config))
    assert errors == [], errors[0].message
    output = config["output"]
    assert output == {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}}
    names = [c["name"] for c in config["collections"]]
    assert names[:2] == ["courses", "terms"] and "school" in names
    school = next(c for c in config["collections"] if c["name"] == "school")
    assert {f["name"] for f in school["files"]} >= {"site_facts", "help_lines", "venues"}


def test_admin_talks_only_to_the_site_and_the_schools_git_host(tmp_path: Path):
    root = make_project(tmp_path / "school")
    (root / "content/data/editor.yml").write_text(
        "host: gitlab\nrepo: eksempelby/recoveryskolen\naddress: https://git.eksempelby.dk\n"
        "app_id: abc123\n",
        encoding="utf-8",
    )
    project = load_project(root)
    page = html.unescape(admin.index_html(project.find(admin.EditorSettings)))
    assert "connect-src 'self' blob: https://git.eksempelby.dk;" in page
    assert "script-src 'self';" in page and "unsafe-eval" not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    config = yaml.safe_load(admin.config_yaml(project, edited_files(KINDS)))
    assert config["backend"]["base_url"] == "https://git.eksempelby.dk"
    assert config["backend"]["auth_type"] == "pkce"


def test_a_changed_git_host_reaches_the_editor_that_a_preview_keeps(tmp_path: Path):
    """`serve` keeps the editor's script and config between rebuilds (admin.Cache); a save of
    editor.yml still changes what /admin/ talks to on the next one."""
    if not (REPO / admin.PACKAGE / admin.SCRIPT).exists():
        pytest.skip("the editor's npm package is not installed (./scripts/build installs it)")
    root = make_project(tmp_path / "school")
    (root / "admin").symlink_to(REPO / "admin")
    cache = admin.Cache()
    assert admin.write(load_project(root), edited_files(KINDS), tmp_path / "first", cache)
    first = yaml.safe_load((tmp_path / "first/admin/config.yml").read_text(encoding="utf-8"))
    assert "base_url" not in first["backend"]
    (root / "content/data/editor.yml").write_text(
        "host: gitlab\nrepo: eksempelby/recoveryskolen\naddress: https://git.eksempelby.dk\n"
        "app_id: abc123\n",
        encoding="utf-8",
    )
    assert admin.write(load_project(root), edited_files(KINDS), tmp_path / "second", cache)
    second = tmp_path / "second/admin"
    config = yaml.safe_load((second / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["base_url"] == "https://git.eksempelby.dk"
    assert "https://git.eksempelby.dk" in (second / "index.html").read_text(encoding="utf-8")
    assert (second / admin.SCRIPT).read_bytes() == (
        tmp_path / "first/admin" / admin.SCRIPT
    ).read_bytes()


def test_a_wrong_editor_file_is_an_error_with_its_place(tmp_path: Path):
    from recovery_college.content.errors import ContentErrors

    root = make_project(tmp_path / "school")
    (root / "content/data/editor.yml").write_text("host: bitbucket\nrepo: a/b\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_project(root)
    assert "content/data/editor.yml:1:7" in caught.value.report()


@pytest.mark.build
def test_public_pages_never_load_or_link_the_editor(example_site: Path):
    assert (example_site / "admin" / "index.html").exists()
    assert (example_site / "admin" / "locales" / "da.json").exists()
    assert "/admin/*" in (example_site / "_headers").read_text(encoding="utf-8")
    script = (example_site / "admin" / admin.SCRIPT).read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net/fontsource" not in script
    for page in example_site.rglob("*.html"):
        if "admin" in page.relative_to(example_site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        assert "admin/" not in text, page
    assert "admin" not in (example_site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.build
def test_building_without_the_editor_package_leaves_admin_out(tmp_path: Path, caplog):
    root = make_project(tmp_path / "school")
    build_site(root)
    assert not (root / "site" / "admin").exists()
    assert (root / "site" / "index.html").exists()
