"""The browser editor's configuration (Sveltia CMS at /admin/), made from the same JSON Schemas.

Every form field comes from a model field: its Danish title is the label, its description the
hint, its allowed ids a drop-down with Danish titles. Dates are written YYYY-MM-DD and times
HH:MM, double-quoted, so the loader reads exactly what the form showed. Pages in several
languages are one entry with a tab per language (`content/{{locale}}/courses/...`).
"""

from __future__ import annotations

from typing import Any

from recovery_college.content.languages import Language, language_name
from recovery_college.editing.models import EditorSettings
from recovery_college.editing.schemas import TIME_PATTERN, EditedFile, json_schema

# Fields that name an entry of another collection: the form offers the entries to choose.
RELATIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("Offering", "course"): {
        "collection": "courses",
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
    },
    ("Offering", "venue"): {
        "collection": "school",
        "file": "venues",
        "value_field": "items.*.id",
        "search_fields": ["items.*.name"],
        "display_fields": ["items.*.name"],
    },
    ("CourseMeta", "themes"): {
        "collection": "school",
        "file": "themes",
        "value_field": "items.*.id",
        "search_fields": ["items.*.name.{lang}"],
        "display_fields": ["items.*.name.{lang}"],
        "multiple": True,
    },
}
# Long texts get a text area rather than a one-line box.
LONG_TEXTS = {"summary", "for_whom", "definition", "aim", "does", "what", "notes", "text", "intro"}
# Folders of pages that are the same in every language (i18n), and those written for one.
SINGLE_LANGUAGE_FOLDERS = {"letlaest"}
# Settings kept the same in every language version of a page.
SHARED_PAGE_FIELDS = {
    "chime",
    "themes",
    "demand",
    "attendance",
    "pause_policy",
    "audience",
    "model",
    "duration",
    "group_size",
    "series",
    "hide",
    "template",
}
TECHNICAL_FIELDS = {"source_hash", "template", "hide"}


class _Schema:
    """One model's JSON Schema, with its definitions, turned into form fields."""

    def __init__(self, schema: dict[str, Any], languages: list[Language]):
        self.defs = schema.get("$defs", {})
        self.languages = languages
        self.default = next(language.code for language in languages if language.is_default)

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = self.defs[node["$ref"].rsplit("/", 1)[1]]
        return node

    def fields(self, schema: dict[str, Any], model: str) -> list[dict[str, Any]]:
        required = set(schema.get("required", []))
        return [
            self.field(name, node, model, name in required)
            for name, node in schema.get("properties", {}).items()
        ]

    def field(self, name: str, node: dict[str, Any], model: str, required: bool) -> dict[str, Any]:
        optional = False
        if "anyOf" in node:
            choices = [c for c in node["anyOf"] if c.get("type") != "null"]
            optional = len(choices) < len(node["anyOf"])
            node = {**node, **choices[0]}
            node.pop("anyOf", None)
        target = self.resolve(node)
        out: dict[str, Any] = {
            "name": name,
            "label": node.get("title") or target.get("title") or name,
        }
        hint = node.get("description") or target.get("description")
        if hint:
            out["hint"] = hint
        if not required or optional:
            out["required"] = False
        relation = RELATIONS.get((model, name))
        if relation:
            named = {
                key: [v.format(lang=self.default) for v in value]
                if isinstance(value, list)
                else value
                for key, value in relation.items()
            }
            return {**out, "widget": "relation", **named}
        out.update(self.widget(name, target, model, _model_name(node)))
        return out

    def widget(self, name: str, node: dict[str, Any], model: str, ref: str = "") -> dict[str, Any]:
        """The form widget for a value; `ref` names the model of a nested group of fields."""
        kind = node.get("type")
        if self.is_localized(node):
            return self.localized(node)
        if "enum" in node:
            return self.select(node)
        if kind == "array":
            items = self.resolve(node.get("items", {}))
            if "enum" in items:
                return {**self.select(items), "multiple": True}
            if items.get("type") == "object" and "properties" in items:
                return {
                    "widget": "list",
                    "fields": self.fields(items, _model_name(node.get("items", {}))),
                    "collapsed": "auto",
                    "summary": self.summary(items),
                }
            return {
                "widget": "list",
                "field": {"name": "punkt", "label": "Punkt", **self.widget(name, items, model)},
            }
        if kind == "object" and "properties" in node:
            return {
                "widget": "object",
                "fields": self.fields(node, ref),
                "collapsed": "auto",
            }
        if kind == "object":  # a language code with a list under it (glossary aliases)
            return {"widget": "keyvalue", "key_label": "Sprog", "value_label": "Tekst"}
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "integer":
            extra = {k: node[k] for k in ("minimum", "maximum") if k in node}
            return {"widget": "number", "value_type": "int", **{k[:3]: v for k, v in extra.items()}}
        if node.get("format") == "date":
            return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
        if node.get("pattern") == TIME_PATTERN:
            return {"widget": "datetime", "type": "time", "format": "HH:mm"}
        if name in LONG_TEXTS:
            return {"widget": "text"}
        return {"widget": "string"}

    def is_localized(self, node: dict[str, Any]) -> bool:
        """A text in several languages (content.models.Localized): language codes to texts."""
        values = node.get("additionalProperties")
        return (
            node.get("type") == "object"
            and "properties" not in node
            and isinstance(values, dict)
            and self.resolve(values).get("type") == "string"
        )

    def select(self, node: dict[str, Any]) -> dict[str, Any]:
        titles = node.get("x-titles", {})
        options = [{"label": titles.get(v, v), "value": v} for v in node["enum"]]
        return {"widget": "select", "options": options}

    def localized(self, node: dict[str, Any]) -> dict[str, Any]:
        """A text per language: the reference language required, the others optional."""
        fields = []
        for language in self.languages:
            fields.append(
                {
                    "name": language.code,
                    "label": _capitalized(language_name(language.code, self.default)),
                    "widget": "string",
                    **({} if language.is_default else {"required": False}),
                }
            )
        return {"widget": "object", "fields": fields}

    def summary(self, items: dict[str, Any]) -> str:
        names = [n for n in ("id", "name", "title", "term", "course") if n in items["properties"]]
        return " · ".join(f"{{{{fields.{n}}}}}" for n in names[:2]) or ""


def _capitalized(name: str) -> str:
    return name[:1].upper() + name[1:]


def _model_name(node: dict[str, Any]) -> str:
    """The model class a JSON Schema node refers to ("Offering"), which RELATIONS names."""
    return str(node.get("$ref", "")).rsplit("/", 1)[-1]


def _page_fields(edited: EditedFile, schema: _Schema, root: dict[str, Any]) -> list[dict]:
    fields = schema.fields(root, edited.model.__name__)
    for field in fields:
        shared = field["name"] in SHARED_PAGE_FIELDS
        field["i18n"] = "duplicate" if shared else True
    body = {
        "name": "body",
        "label": "Tekst",
        "hint": "Sidens egen tekst. Skriv i korte afsnit; brug overskrifter til at dele den op.",
        "widget": "markdown",
        "required": False,
        "i18n": True,
    }
    # The technical fields last: most staff never touch them.
    ordinary = [f for f in fields if f["name"] not in TECHNICAL_FIELDS]
    return [*ordinary, body, *(f for f in fields if f["name"] in TECHNICAL_FIELDS)]


def collections(
    files: list[EditedFile], languages: list[Language], default: str
) -> list[dict[str, Any]]:
    """The editor's collections: pages by folder, term files, and the school's data files."""
    out: list[dict[str, Any]] = []
    by_name = {f.name: f for f in files}
    for edited in files:
        if edited.folder is None:
            continue
        root = json_schema(edited, default)
        schema = _Schema(root, languages)
        single = edited.folder in SINGLE_LANGUAGE_FOLDERS
        collection: dict[str, Any] = {
            "name": edited.folder,
            "label": edited.label,
            "folder": f"content/{default}/{edited.folder}"
            if single
            else (f"content/{{{{locale}}}}/{edited.folder}"),
            "extension": "md",
            "format": "yaml-frontmatter",
            "create": True,
            "identifier_field": "title",
            "slug": "{{slug}}",
            "fields": _page_fields(edited, schema, root),
        }
        if single:
            for field in collection["fields"]:
                field.pop("i18n", None)
        else:
            collection["i18n"] = True
        out.append(collection)
    term = by_name["term"]
    root = json_schema(term, default)
    out.insert(
        1,
        {
            "name": "terms",
            "label": term.label,
            "label_singular": "Semester",
            "folder": "content/data/terms",
            "extension": "yml",
            "format": "yml",
            "create": True,
            "identifier_field": "id",
            "slug": "{{fields.id}}",
            "fields": _Schema(root, languages).fields(root, "Term"),
        },
    )
    school_files = []
    for name in (
        "site-facts",
        "help-lines",
        "venues",
        "themes",
        "accessibility-statement",
        "glossary",
        "sources",
    ):
        data_file = by_name.get(name)
        if data_file is None:
            continue
        root = json_schema(data_file, default)
        schema = _Schema(root, languages)
        entry: dict[str, Any] = {
            "name": name.replace("-", "_") if name not in ("venues", "themes") else name,
            "label": data_file.label,
            "file": data_file.globs[0],
            "format": "yml",
        }
        if root.get("type") == "array":  # the file is a list at its top level
            items = schema.resolve(root["items"])
            entry["fields"] = [
                {
                    "name": "items",
                    "label": data_file.label,
                    "widget": "list",
                    "root": True,
                    "collapsed": "auto",
                    "summary": schema.summary(items),
                    "fields": schema.fields(items, _model_name(root["items"])),
                }
            ]
        else:
            entry["fields"] = schema.fields(root, data_file.model.__name__)
        school_files.append(entry)
    out.append({"name": "school", "label": "Skolen", "files": school_files})
    return out


def config(
    files: list[EditedFile],
    languages: list[Language],
    settings: EditorSettings | None,
) -> dict[str, Any]:
    """The whole config.yml: backend, languages, output format and collections."""
    default = next(language.code for language in languages if language.is_default)
    backend: dict[str, Any] = {"name": "github", "repo": "skolen/hjemmeside", "branch": "main"}
    if settings is not None:
        backend = {"name": settings.host, "repo": settings.repo, "branch": settings.branch}
        if settings.address:
            root = settings.address.rstrip("/")
            backend["base_url"] = root
            backend["api_root"] = (
                f"{root}/api/v4" if settings.host == "gitlab" else (f"{root}/api/v1")
            )
        if settings.app_id:
            backend["app_id"] = settings.app_id
            backend["auth_type"] = "pkce"
    return {
        "backend": {
            **backend,
            "commit_messages": {
                "create": "Ny {{collection}}: {{slug}}",
                "update": "Rettet {{collection}}: {{slug}}",
                "delete": "Slettet {{collection}}: {{slug}}",
                "uploadMedia": "Nyt billede: {{path}}",
                "deleteMedia": "Slettet billede: {{path}}",
            },
        },
        "media_folder": "content/da/billeder",
        "public_folder": "/billeder",
        "i18n": {
            "structure": "multiple_folders",
            "locales": [language.code for language in languages],
            "default_locale": default,
            # A new page starts in the main language only: a missing translation shows the
            # main language with a notice, and translators add theirs later (the tabs).
            "initial_locales": "default",
        },
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}},
        # File names (and so addresses) of new pages in plain letters: "Sorg og håb" becomes
        # sorg-og-haab.md, like the ids staff type elsewhere.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(files, languages, default),
    }
