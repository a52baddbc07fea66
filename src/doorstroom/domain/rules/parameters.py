"""The numbers of the rules as versioned data (``data/parameters.toml``).

Numbers that change with regulation (five years, one month, 140 hours, ...) are not
written in the rules: each is a parameter with versions, every version with the date
from which it applies. A rule asks for the value *in force on* a date (usually the
date its term starts), so a new version changes outcomes only from its
``valid_from`` on.

Tests and simulations may swap the whole set with :func:`using_parameters`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

#: The packaged file.
PARAMETERS_FILE = "parameters.toml"
_FIELDS = ("id", "value", "unit", "valid_from", "source")


class ParameterError(ValueError):
    """A parameter file is invalid, or a parameter is unknown."""


@dataclass(frozen=True)
class Parameter:
    """One version of one parameter.

    Attributes
    ----------
    id : str
        Dotted id, e.g. ``"coaching.budget"``.
    value : int or float
        The number.
    unit : str
        Dutch unit (``"jaar"``, ``"maand"``, ``"uur"``, ...).
    valid_from : date
        The first day this version applies.
    source : str
        Where the number comes from (seed + line, or the issue).
    """

    id: str
    value: int | float
    unit: str
    valid_from: date
    source: str


class ParameterSet:
    """All versions of all parameters; picks the version in force on a date."""

    def __init__(self, versions: list[Parameter]) -> None:
        by_id: dict[str, list[Parameter]] = {}
        for version in versions:
            by_id.setdefault(version.id, []).append(version)
        for pid, items in by_id.items():
            items.sort(key=lambda p: p.valid_from)
            days = [p.valid_from for p in items]
            if len(set(days)) != len(days):
                raise ParameterError(f"{pid}: two versions with the same valid_from")
        self._versions = by_id

    @property
    def ids(self) -> list[str]:
        """The parameter ids, sorted."""
        return sorted(self._versions)

    def versions(self, parameter_id: str) -> list[Parameter]:
        """Every version of ``parameter_id``, oldest first."""
        try:
            return list(self._versions[parameter_id])
        except KeyError as exc:
            raise ParameterError(f"unknown parameter {parameter_id}") from exc

    def version(self, parameter_id: str, on: date) -> Parameter:
        """The version of ``parameter_id`` in force on ``on``.

        Before the first ``valid_from`` the first version applies: it is the oldest
        statement of the rule the sources give.
        """
        items = self.versions(parameter_id)
        current = items[0]
        for item in items[1:]:
            if item.valid_from <= on:
                current = item
        return current

    def value(self, parameter_id: str, on: date) -> int | float:
        """The value of ``parameter_id`` in force on ``on``.

        Examples
        --------
        >>> default_parameters().value("coaching.budget", date(2026, 1, 1))
        140
        """
        return self.version(parameter_id, on).value

    def with_version(self, parameter: Parameter) -> ParameterSet:
        """A new set with ``parameter`` added as a version (the set is unchanged)."""
        return ParameterSet(
            [p for items in self._versions.values() for p in items] + [parameter]
        )


def parse_parameters(text: str, name: str = PARAMETERS_FILE) -> ParameterSet:
    """Parse and validate the TOML ``text`` of a parameter file.

    Raises
    ------
    ParameterError
        When an entry misses a field or has a wrong type.
    """
    data = tomllib.loads(text)
    versions = []
    for index, entry in enumerate(data.get("parameters", [])):
        missing = [f for f in _FIELDS if f not in entry]
        if missing:
            raise ParameterError(f"{name}: parameters[{index}] misses {missing}")
        value = entry["value"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(f"{name}: {entry['id']}: value must be a number")
        if not isinstance(entry["valid_from"], date):
            raise ParameterError(f"{name}: {entry['id']}: valid_from must be a date")
        versions.append(
            Parameter(
                id=str(entry["id"]),
                value=value,
                unit=str(entry["unit"]),
                valid_from=entry["valid_from"],
                source=str(entry["source"]),
            )
        )
    return ParameterSet(versions)


def load_parameters(path: Path | str) -> ParameterSet:
    """Load a parameter file from ``path``."""
    path = Path(path)
    return parse_parameters(path.read_text(encoding="utf-8"), path.name)


@cache
def default_parameters() -> ParameterSet:
    """The packaged parameters (``data/parameters.toml``), read once."""
    text = (
        resources.files("doorstroom.domain.rules.data")
        .joinpath(PARAMETERS_FILE)
        .read_text(encoding="utf-8")
    )
    return parse_parameters(text)


_ACTIVE: ContextVar[ParameterSet | None] = ContextVar("rule_parameters", default=None)


def parameters_in_use() -> ParameterSet:
    """The set the rules read: the packaged one unless :func:`using_parameters`."""
    return _ACTIVE.get() or default_parameters()


@contextmanager
def using_parameters(parameters: ParameterSet) -> Iterator[ParameterSet]:
    """Let the rules read ``parameters`` inside the ``with`` block."""
    token = _ACTIVE.set(parameters)
    try:
        yield parameters
    finally:
        _ACTIVE.reset(token)


def param(parameter_id: str, on: date) -> int | float:
    """The value of ``parameter_id`` in force on ``on``, from the set in use."""
    return parameters_in_use().value(parameter_id, on)
