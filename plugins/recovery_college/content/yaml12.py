"""YAML read the way editors show it: the YAML 1.2 core schema for booleans and numbers.

PyYAML follows YAML 1.1, where `13:00` is the number 780 (base 60) and `no`, `yes`, `on` and
`off` are booleans. The YAML language server in staff's editors and the browser editor follow
YAML 1.2, where `13:00` and `no` are text. The loader must read what the editor showed, so the
1.1-only forms are text here too. Dates (`2027-01-14`) stay dates: the editor shows the same
day either way.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"

BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
INT = re.compile(r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$")
FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
# A float needs a dot or an exponent; plain digits are left to INT.
FLOAT_NEEDS = re.compile(r"[.eE]")


def core_schema(base: type[Any]) -> type[Any]:
    """A loader class like `base` whose plain scalars resolve as in YAML 1.2's core schema."""
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if tag not in (BOOL_TAG, INT_TAG, FLOAT_TAG)]
        for first, entries in base.yaml_implicit_resolvers.items()
    }
    loader: Any = type(f"Core{base.__name__}", (base,), {"yaml_implicit_resolvers": resolvers})
    loader.add_implicit_resolver(BOOL_TAG, BOOL, list("tTfF"))
    loader.add_implicit_resolver(INT_TAG, INT, list("-+0123456789"))
    loader.add_implicit_resolver(FLOAT_TAG, _Float(), list("-+0123456789."))
    return loader


class _Float:
    """FLOAT, but not for plain integers (PyYAML tries resolvers in order per first letter)."""

    def match(self, value: str) -> bool:
        return bool(FLOAT.match(value) and FLOAT_NEEDS.search(value))


SafeLoader: type[Any] = core_schema(yaml.SafeLoader)
CSafeLoader: type[Any] | None = (
    core_schema(yaml.CSafeLoader) if getattr(yaml, "CSafeLoader", None) else None
)
