"""Jobcarving: which tasks keep a vacancy out of reach, and a carved job without them.

Every task of a vacancy names the competences it needs. For a person, a
competence *blocks* when :func:`~doorstroom.domain.competences.distance` says so
(level below the cut-off) or, optionally, when the gap is at least
``gap_threshold`` levels. A task *blocks* when it needs a blocking competence.

The **carved job** keeps the other tasks. Its requirement profile keeps

* the requirements of competences that a kept task needs, and
* the requirements no task names (general ones such as motivation),

and drops those that only removed tasks need. Its hours are the original hours
times the kept tasks' share of the working time (rounded to half hours). When a
blocking competence is a general one, or no task would remain, carving cannot
help and the proposal says why.

:func:`carving_hints` does the same for a group of candidates at once: per task,
how many of them it keeps out of reach, and how many the carved job would bring
within reach, so a coach can discuss a split with the employer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from doorstroom.domain.competences import JobProfile, distance
from doorstroom.domain.matching.persons import MatchPerson
from doorstroom.domain.matching.vacancies import Task, Vacancy


@dataclass(frozen=True)
class CarvingProposal:
    """The outcome of :func:`propose_carving`.

    Attributes
    ----------
    vacancy_id, person_id:
        The pair.
    blocking_competences:
        Competences that keep the job out of reach.
    blocking_tasks:
        Tasks that need one of them.
    kept_tasks:
        The other tasks.
    carved:
        The carved vacancy, or ``None`` when carving cannot help.
    fit_before, fit_after:
        Fit for the original and the carved job (``None`` = unknown / no job).
    blockers_after:
        Competences that still block the carved job.
    reason_nl:
        Plain Dutch summary.
    """

    vacancy_id: str
    person_id: str
    blocking_competences: tuple[str, ...]
    blocking_tasks: tuple[Task, ...]
    kept_tasks: tuple[Task, ...]
    carved: Vacancy | None
    fit_before: float | None
    fit_after: float | None
    blockers_after: tuple[str, ...]
    reason_nl: str


def carve_vacancy(vacancy: Vacancy, removed_task_ids: Sequence[str]) -> Vacancy | None:
    """The vacancy without some tasks, or ``None`` if no task or requirement remains.

    Parameters
    ----------
    vacancy:
        The original vacancy.
    removed_task_ids:
        Tasks to take out.

    Returns
    -------
    Vacancy or None
        Id ``<id>-carved``, title with " (aangepast)", kept tasks, trimmed
        requirements and scaled hours.
    """
    removed = set(removed_task_ids)
    kept = tuple(t for t in vacancy.tasks if t.id not in removed)
    if not kept:
        return None
    linked = {c for t in vacancy.tasks for c in t.competence_ids}
    needed = {c for t in kept for c in t.competence_ids}
    requirements = tuple(
        r
        for r in vacancy.profile.requirements
        if r.competence_id in needed or r.competence_id not in linked
    )
    if not requirements:
        return None
    total_share = math.fsum(t.share for t in vacancy.tasks)
    if total_share > 0:
        share = math.fsum(t.share for t in kept) / total_share
    else:
        share = len(kept) / len(vacancy.tasks)
    hours = max(0.5, round(vacancy.hours * share * 2) / 2)
    carved_id = f"{vacancy.id}-carved"
    title = f"{vacancy.title} (aangepast)"
    return replace(
        vacancy,
        id=carved_id,
        title=title,
        tasks=kept,
        hours=hours,
        profile=JobProfile(
            carved_id, title, requirements, framework=vacancy.profile.framework
        ),
    )


def propose_carving(
    person: MatchPerson,
    vacancy: Vacancy,
    *,
    gap_threshold: float | None = None,
) -> CarvingProposal:
    """Which tasks block this person, and a carved job without them.

    Parameters
    ----------
    person:
        The person.
    vacancy:
        A vacancy that almost fits.
    gap_threshold:
        Also treat competences with a gap of at least this many levels as
        blocking (``None``: only cut-offs block).

    Returns
    -------
    CarvingProposal
    """
    before = distance(person.levels, vacancy.profile)
    blocking = list(before.blockers)
    if gap_threshold is not None:
        blocking += [
            g.competence_id
            for g in before.gaps
            if g.competence_id not in blocking
            and g.gap is not None
            and g.gap >= gap_threshold
        ]
    blocking_set = set(blocking)
    blocking_tasks = tuple(
        t for t in vacancy.tasks if blocking_set & set(t.competence_ids)
    )
    kept = tuple(t for t in vacancy.tasks if t not in blocking_tasks)
    linked = {c for t in vacancy.tasks for c in t.competence_ids}
    general = [c for c in blocking if c not in linked]

    def result(carved: Vacancy | None, reason: str) -> CarvingProposal:
        after = distance(person.levels, carved.profile) if carved is not None else None
        return CarvingProposal(
            vacancy.id,
            person.id,
            tuple(blocking),
            blocking_tasks,
            kept,
            carved,
            before.fit,
            after.fit if after is not None else None,
            after.blockers if after is not None else (),
            reason,
        )

    if not blocking:
        return result(None, "Niets blokkeert: jobcarving is niet nodig.")
    if general:
        return result(
            None,
            "Jobcarving helpt niet: "
            + ", ".join(general)
            + " hoort bij geen enkele taak apart maar bij de hele job.",
        )
    if not kept:
        return result(
            None, "Jobcarving helpt niet: elke taak vraagt een blokkerende competentie."
        )
    carved = carve_vacancy(vacancy, [t.id for t in blocking_tasks])
    if carved is None:
        return result(None, "Jobcarving helpt niet: er blijft geen vereiste over.")
    names = ", ".join(t.name for t in blocking_tasks)
    return result(
        carved,
        f"Zonder de taken {names} blijft een job van {carved.hours:g} uur over "
        f"met {', '.join(t.name for t in kept)}.",
    )


@dataclass(frozen=True)
class TaskHint:
    """How much one task holds candidates back."""

    task: Task
    blocked_persons: int
    within_reach_if_removed: int


def carving_hints(vacancy: Vacancy, persons: Sequence[MatchPerson]) -> list[TaskHint]:
    """Per task: how many of the persons it blocks, and how many its removal helps.

    Parameters
    ----------
    vacancy:
        The vacancy.
    persons:
        Candidates that meet the hard constraints (the caller filters).

    Returns
    -------
    list of TaskHint
        Tasks that block someone, most helpful removal first, then by id.
    """
    hints = []
    for task in vacancy.tasks:
        carved = carve_vacancy(vacancy, [task.id])
        blocked = helped = 0
        for person in persons:
            result = distance(person.levels, vacancy.profile)
            if set(result.blockers) & set(task.competence_ids):
                blocked += 1
                if (
                    carved is not None
                    and not distance(person.levels, carved.profile).blockers
                ):
                    helped += 1
        if blocked:
            hints.append(TaskHint(task, blocked, helped))
    return sorted(
        hints, key=lambda h: (-h.within_reach_if_removed, -h.blocked_persons, h.task.id)
    )
