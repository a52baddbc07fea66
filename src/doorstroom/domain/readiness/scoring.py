"""Scoring a filled checklist: a percentage per theme and overall, with a reading.

A theme's score is its points over the most it could have (every statement on the
best answer), as a whole percentage rounded half up. The overall score counts every
statement once, so a theme with more statements weighs more. A statement is *weak*
when its answer is below the best one; the action plan is built on weak statements.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .checklist import Checklist


class AnswersError(ValueError):
    """The answers do not fit the checklist; the message is Dutch."""


@dataclass(frozen=True)
class ThemeScore:
    """The score of one theme."""

    theme_id: str
    name: str
    points: int
    max_points: int
    percent: int
    reading: str


@dataclass(frozen=True)
class ReadinessScore:
    """Scores per theme and overall, and the weak statements (checklist order)."""

    themes: tuple[ThemeScore, ...]
    points: int
    max_points: int
    percent: int
    reading: str
    weak_statements: tuple[str, ...]


def percent(points: int, max_points: int) -> int:
    """``points / max_points`` as a whole percentage, rounded half up.

    >>> percent(1, 6), percent(5, 8), percent(0, 4)
    (17, 63, 0)
    """
    if max_points <= 0:
        raise ValueError("max_points must be positive")
    return int(Fraction(100 * points, max_points) + Fraction(1, 2))


def check_answers(checklist: Checklist, answers: Mapping[str, str]) -> None:
    """Every statement answered once with a code on the scale, nothing else.

    Raises
    ------
    AnswersError
        Naming the first missing, unknown or invalid answer (Dutch).
    """
    ids = [s.id for s in checklist.statements]
    for statement_id in answers:
        if statement_id not in ids:
            raise AnswersError(f"Onbekende stelling '{statement_id}'.")
    for statement in checklist.statements:
        code = answers.get(statement.id)
        if code is None or code == "":
            raise AnswersError(f"Geen antwoord bij de stelling: {statement.text}")
        try:
            checklist.points(code)
        except KeyError:
            codes = ", ".join(step.code for step in checklist.scale)
            raise AnswersError(
                f"Ongeldig antwoord '{code}' (kies uit {codes})."
            ) from None


def score(checklist: Checklist, answers: Mapping[str, str]) -> ReadinessScore:
    """Score complete ``answers`` (statement id → answer code) on ``checklist``.

    Raises
    ------
    AnswersError
        When an answer is missing, unknown or not on the scale.
    """
    check_answers(checklist, answers)
    best = checklist.max_points
    themes: list[ThemeScore] = []
    weak: list[str] = []
    total = 0
    for theme in checklist.themes:
        points = 0
        for statement in theme.statements:
            value = checklist.points(answers[statement.id])
            points += value
            if value < best:
                weak.append(statement.id)
        most = best * len(theme.statements)
        share = percent(points, most)
        themes.append(
            ThemeScore(
                theme_id=theme.id,
                name=theme.name,
                points=points,
                max_points=most,
                percent=share,
                reading=checklist.reading(share),
            )
        )
        total += points
    most = best * len(checklist.statements)
    overall = percent(total, most)
    return ReadinessScore(
        themes=tuple(themes),
        points=total,
        max_points=most,
        percent=overall,
        reading=checklist.reading(overall),
        weak_statements=tuple(weak),
    )


def is_overdue(due_on: date, done: bool, today: date) -> bool:
    """An action is overdue when it is not done and its due date has passed.

    On the due date itself it is not yet overdue; the day after, it is.
    """
    return not done and due_on < today
