"""Rules as data: an id, where the rule comes from, its inputs and a Dutch explanation.

Every rule is a pure function of its inputs that returns a :class:`RuleResult`. The
explanation is a Dutch template filled with the inputs, so a coach sees *why* a stage
or a date breaks the rule, next to the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one rule check.

    Attributes
    ----------
    ok : bool
        True when the rule is respected (or, for a reminder, nothing is due).
    rule_id : str
        The rule's id, e.g. ``"stage.bvs.duration"``.
    explanation_nl : str
        Dutch explanation, filled in; empty when ``ok``.
    field : str
        The input field the explanation belongs next to (for forms).
    source : str
        Where the rule comes from in the seed documents, e.g. ``"000 L3670"``.
    due_on : date or None
        For reminders: the date by which the action is due.
    """

    ok: bool
    rule_id: str
    explanation_nl: str = ""
    field: str = ""
    source: str = ""
    due_on: date | None = None


@dataclass(frozen=True)
class Rule:
    """A rule: a predicate over named inputs with a Dutch explanation when it fails.

    Attributes
    ----------
    id : str
        Stable identifier, dotted (``stage.bvs.duration``).
    source : str
        Seed reference: document number and line, e.g. ``"000 L3670"``.
    inputs : tuple of str
        The names of the inputs ``predicate`` receives as keyword arguments.
    explanation_nl : str
        Dutch template, formatted with the inputs plus the predicate's extra values.
    predicate : callable
        ``predicate(**inputs) -> (ok, extra)`` where ``extra`` is a dict of values
        for the template.
    field : str
        The form field the explanation is shown next to.
    title_nl : str
        Short Dutch name of the rule, for lists and documentation.
    """

    id: str
    source: str
    inputs: tuple[str, ...]
    explanation_nl: str
    predicate: Callable[..., tuple[bool, Mapping[str, Any]]] = field(repr=False)
    field: str = ""
    title_nl: str = ""

    def check(self, **values: Any) -> RuleResult:
        """Check the rule on ``values`` (exactly the rule's inputs).

        Raises
        ------
        TypeError
            When an input is missing or an unknown one is given.
        """
        missing = set(self.inputs) - set(values)
        unknown = set(values) - set(self.inputs)
        if missing or unknown:
            raise TypeError(
                f"rule {self.id}: missing {sorted(missing)}, unknown {sorted(unknown)}"
            )
        ok, extra = self.predicate(**values)
        text = "" if ok else self.explanation_nl.format(**{**values, **extra})
        return RuleResult(
            ok=ok,
            rule_id=self.id,
            explanation_nl=text,
            field=self.field,
            source=self.source,
            due_on=extra.get("due_on"),
        )


class RuleRegistry:
    """All rules by id; modules register their rules at import time."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(self, rule: Rule) -> Rule:
        """Add ``rule``; an id may be registered only once."""
        if rule.id in self._rules:
            raise ValueError(f"rule {rule.id} is already registered")
        self._rules[rule.id] = rule
        return rule

    def get(self, rule_id: str) -> Rule:
        """The rule with ``rule_id`` (KeyError when unknown)."""
        return self._rules[rule_id]

    def __iter__(self):
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules


#: The project's rules: stage rules and reminder rules register themselves here.
REGISTRY = RuleRegistry()
