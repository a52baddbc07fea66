"""Every writable field of the API has limits, and ids out of range are refused."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.api.fields import ID_MAX
from tests.apps.factories import logged_in_client


def _request_schemas(schema: dict) -> dict[str, dict]:
    """The components used as request bodies (``COMPONENT_SPLIT_REQUEST``)."""
    names: set[str] = set()
    for path in schema["paths"].values():
        for operation in path.values():
            for media in operation.get("requestBody", {}).get("content", {}).values():
                ref = media["schema"].get("$ref", "")
                names.add(ref.rsplit("/", 1)[-1])
    components = schema["components"]["schemas"]
    return {name: components[name] for name in names if name}


def _unbounded(name: str, node: dict, components: dict, seen: set) -> list[str]:
    if "$ref" in node:
        target = node["$ref"].rsplit("/", 1)[-1]
        if target in seen:
            return []
        seen.add(target)
        return _unbounded(target, components[target], components, seen)
    for key in ("allOf", "oneOf", "anyOf"):
        if key in node:
            return [
                problem
                for part in node[key]
                for problem in _unbounded(name, part, components, seen)
            ]
    if node.get("readOnly") or "enum" in node:
        return []
    kind = node.get("type")
    if kind == "object":
        problems = []
        if "additionalProperties" in node and not isinstance(
            node["additionalProperties"], bool
        ):
            if "maxProperties" not in node:
                problems.append(f"{name}: object without maxProperties")
            problems += _unbounded(
                f"{name}{{}}", node["additionalProperties"], components, seen
            )
        for field, sub in node.get("properties", {}).items():
            problems += _unbounded(f"{name}.{field}", sub, components, seen)
        return problems
    if kind == "array":
        problems = [] if "maxItems" in node else [f"{name}: array without maxItems"]
        return problems + _unbounded(f"{name}[]", node["items"], components, seen)
    if kind == "string":
        if node.get("format") in {"date", "binary"}:
            return []  # a date parses or is refused; a file's size is checked
        if node.get("format") == "decimal" and "pattern" in node:
            return []  # digits bounded by the pattern
        return [] if "maxLength" in node else [f"{name}: string without maxLength"]
    if kind in {"integer", "number"}:
        if "minimum" in node and "maximum" in node:
            return []
        return [f"{name}: {kind} without minimum and maximum"]
    if kind == "boolean":
        return []
    return [f"{name}: no type ({node})"]


@pytest.mark.django_db
def test_every_writable_field_has_limits():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    requests = _request_schemas(schema)
    assert "PartnerInputRequest" in requests
    problems = [
        problem
        for name, node in sorted(requests.items())
        for problem in _unbounded(name, node, components, set())
    ]
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("get", f"/api/observation-notes/?plan={ID_MAX + 1}", None),
        ("get", f"/api/observation-notes/?person={2**70}", None),
        ("post", "/api/network/contacts/", {"partner": 2**70}),
        ("post", "/api/observation-plans/", {"persons": [2**70]}),
        ("post", "/api/consents/", {"person": 2**70, "organisation": 0}),
    ],
)
def test_ids_out_of_range_are_refused_not_crashing(world, method, url, body):
    client = logged_in_client(world.users[Role.COACH])
    client.raise_request_exception = False
    if body is None:
        response = client.get(url)
    else:
        response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid"
    assert response.json()["message"] == "Invalid input."
