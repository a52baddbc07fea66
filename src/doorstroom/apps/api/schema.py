"""OpenAPI schema: the project's AutoSchema and post-processing.

Django derives the bounds of integer fields from the database backend (SQLite's
positive integers reach 2**63-1, PostgreSQL's 2**31-1 or 2**15-1), so the schema
would differ between the two. The committed schema must be one file, so bounds that
are only database limits are dropped; real validation bounds stay.
"""

from __future__ import annotations

from drf_spectacular import openapi

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


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the refusals every operation can give.

    Besides its success response, an operation documents the error shape of
    :class:`~doorstroom.apps.api.errors.ErrorSerializer` for: 403 (always: not
    logged in, second factor missing, not allowed, CSRF), 404 (a path parameter
    or a page number that names nothing) and 400 (a request body or query
    parameters that do not validate). Responses a view documents itself win.
    """

    def _error_codes(self) -> list[str]:
        codes = ["403"]
        paginated = self._is_list_view() and self._get_paginator() is not None
        if "{" in self.path or paginated:
            codes.append("404")
        query = [
            p
            for p in self._get_parameters()
            if p.get("in") == "query" and p.get("name") != "page"
        ]
        if self.method in {"POST", "PUT", "PATCH"} or query:
            codes.append("400")
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        from .errors import ErrorSerializer

        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    ErrorSerializer, code, direction=direction
                )
        return dict(sorted(responses.items()))
