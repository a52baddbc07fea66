"""OpenAPI schema post-processing.

Django derives the bounds of integer fields from the database backend (SQLite's
positive integers reach 2**63-1, PostgreSQL's 2**31-1 or 2**15-1), so the schema
would differ between the two. The committed schema must be one file, so bounds that
are only database limits are dropped; real validation bounds stay.
"""

from __future__ import annotations

DATABASE_BOUNDS = frozenset(
    {2**63 - 1, -(2**63), 2**31 - 1, -(2**31), 2**15 - 1, -(2**15)}
)


def _strip(node) -> None:
    if isinstance(node, dict):
        if node.get("type") == "integer":
            dropped = False
            for key in ("maximum", "minimum"):
                if node.get(key) in DATABASE_BOUNDS:
                    del node[key]
                    dropped = True
            if dropped and node.get("format") == "int64":
                del node["format"]
        for value in node.values():
            _strip(value)
    elif isinstance(node, list):
        for value in node:
            _strip(value)


def strip_database_integer_bounds(result, generator, request, public):
    """drf-spectacular post-processing hook (see the module docstring)."""
    _strip(result)
    return result
