"""The pipeline templates a school copies with the repository (.gitlab-ci.yml and
.github/workflows/) pass their hosts' published schemas, pin what they run, and run the same
commands as the README; and the checker used here rejects a template that is broken."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from support import REPO

GITLAB = REPO / ".gitlab-ci.yml"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SCHEMAS = {
    GITLAB: ["vendor.gitlab-ci"],
    **{
        path: ["vendor.github-workflows", "custom.github-workflows-require-timeout"]
        for path in WORKFLOWS
    },
}


def lint(path: Path, schema: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_there_is_a_template_for_each_host():
    assert GITLAB.is_file()
    assert [path.name for path in WORKFLOWS] == ["publish.yml"]


@pytest.mark.parametrize(
    ("path", "schema"),
    [(path, schema) for path, schemas in SCHEMAS.items() for schema in schemas],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_templates_pass_the_hosts_schema(path: Path, schema: str):
    result = lint(path, schema)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("path", "schema", "old", "new"),
    [
        # A misspelt keyword, as a hand edit in the browser would make it.
        (
            GITLAB,
            "vendor.gitlab-ci",
            "  script:\n    - ./scripts/check",
            "  scirpt:\n    - ./scripts/check",
        ),
        # A job that says nothing about where it runs.
        (
            WORKFLOWS[0],
            "vendor.github-workflows",
            "    runs-on: ubuntu-24.04\n    timeout-minutes: 15\n    steps:\n      - uses: actions/checkout",
            "    timeout-minutes: 15\n    steps:\n      - uses: actions/checkout",
        ),
        # A job without a time limit would run (and bill) for six hours when it hangs.
        (WORKFLOWS[0], "custom.github-workflows-require-timeout", "    timeout-minutes: 60\n", ""),
    ],
    ids=["gitlab-misspelt-keyword", "github-no-runs-on", "github-no-timeout"],
)
def test_the_checker_rejects_a_broken_template(tmp_path: Path, path, schema, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"template changed: {old!r} is not in {path.name}"
    broken = tmp_path / path.name
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = lint(broken, schema)
    assert result.returncode == 1, result.stdout
    assert "Schema validation errors" in result.stdout + result.stderr


def test_actions_are_pinned_to_a_commit_with_its_version():
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOWS[0].read_text(encoding="utf-8"))
    assert len(uses) >= 6
    for action, comment in uses:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), f"{action}: say which version"


def test_the_gitlab_image_is_pinned_to_a_python_release():
    image = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["default"]["image"]
    assert re.fullmatch(r"python:3\.\d+\.\d+-slim-bookworm", image), image


def _commands(text: str) -> list[str]:
    return re.findall(r"(\./scripts/\w+|\.venv/bin/recovery-college [\w-]+)", text)


@pytest.mark.parametrize("path", [GITLAB, *WORKFLOWS], ids=lambda p: p.name)
def test_the_pipelines_run_the_readme_steps_in_order(path: Path):
    """Check, fetch the memory, build, make the offline copy: the README's own commands."""
    commands = _commands(path.read_text(encoding="utf-8"))
    build = [
        "./scripts/check",
        ".venv/bin/recovery-college fetch-published",
        "./scripts/build",
        ".venv/bin/recovery-college offline",
    ]
    assert [c for c in commands if c in build][-4:] == build
    readme = REPO / "README.md"
    for command in set(commands):
        assert command in readme.read_text(encoding="utf-8"), f"README does not name {command}"
        if command.startswith("./scripts/"):
            script = REPO / command
            assert os.access(script, os.X_OK), f"{command} is not executable"
            assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0


def test_the_nightly_build_runs_after_midnight_danish_time_all_year():
    """GitHub's cron is in UTC: the build must fall after midnight in Denmark in winter and in
    summer, when the day's statuses and sign-up windows have changed, and before 06:00."""
    workflow = yaml.safe_load(WORKFLOWS[0].read_text(encoding="utf-8"))
    (cron,) = [entry["cron"] for entry in workflow[True]["schedule"]]  # YAML reads `on` as True
    minute, hour, *every_day = cron.split()
    assert every_day == ["*", "*", "*"]
    for day in (dt.date(2026, 1, 15), dt.date(2026, 7, 15)):
        utc = dt.datetime.combine(day, dt.time(int(hour), int(minute)), dt.UTC)
        local = utc.astimezone(ZoneInfo("Europe/Copenhagen"))
        assert local.date() == day and 1 <= local.hour < 6, local


def test_pages_deploy_only_from_main_and_only_without_a_web_server():
    workflow = yaml.safe_load(WORKFLOWS[0].read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert "refs/heads/main" in jobs["build"]["if"]
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["if"] == "vars.WEB_SERVER_URL == ''"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert gitlab["pages"]["rules"][0] == {"if": "$WEB_SERVER_URL", "when": "never"}
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert "site-offline.zip" in gitlab["build"]["artifacts"]["paths"]


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({}, "WEB_SERVER_URL is not set"),
        (
            {"WEB_SERVER_URL": "ftp://ftp.example.dk/www", "WEB_SERVER_USER": "u"},
            "must start with sftp://",
        ),
        (
            {
                "WEB_SERVER_URL": "sftp://ftp.example.dk/www",
                "WEB_SERVER_USER": "u",
                "WEB_SERVER_PASSWORD": "p",
            },
            "WEB_SERVER_HOST_KEY is not set",
        ),
        (
            {"WEB_SERVER_URL": "ssh://example.dk/var/www", "WEB_SERVER_USER": "u"},
            "WEB_SERVER_SSH_KEY is not set",
        ),
    ],
    ids=["no-address", "plain-ftp", "no-host-key", "no-ssh-key"],
)
def test_upload_refuses_an_incomplete_setting_before_it_connects(tmp_path: Path, env, says):
    if env.get("WEB_SERVER_URL", "").startswith("sftp") and not shutil.which("lftp"):
        pytest.skip("lftp is not installed")
    if env.get("WEB_SERVER_URL", "").startswith("ssh") and not shutil.which("rsync"):
        pytest.skip("rsync is not installed")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WEB_SERVER_")}
    result = subprocess.run(
        [str(REPO / "scripts" / "upload"), str(site)],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert result.returncode == 1
    assert says in result.stderr
    assert "Uploading" not in result.stdout


def _kept_paths(path: Path) -> set[str]:
    """The folders the build job keeps between runs."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if path == GITLAB:
        caches = data["build"]["cache"]
        return {folder for cache in caches for folder in cache["paths"]} - {".cache/pip"}
    steps = data["jobs"]["build"]["steps"]
    kept = [s["with"]["path"] for s in steps if str(s.get("uses", "")).startswith("actions/cache")]
    return {line.strip() for text in kept for line in text.splitlines() if line.strip()}


@pytest.mark.parametrize("path", [GITLAB, *WORKFLOWS], ids=lambda p: p.name)
def test_the_pipelines_keep_what_a_rebuild_reuses_and_no_code(path: Path):
    """A pipeline starts on an empty machine: without the kept pages and calendar events, the
    build after one edit rendered every page again. What is kept is read as data only: never
    the kept parses (pickles) or the compiled templates, whose loading runs code."""
    from recovery_college.content import parsestore
    from recovery_college.engine import published, templatecache

    kept = _kept_paths(path)
    assert kept == {folder.as_posix() for folder in published.PIPELINE_CACHES}
    assert parsestore.FOLDER.as_posix() not in kept
    assert templatecache.FOLDER.as_posix() not in kept
