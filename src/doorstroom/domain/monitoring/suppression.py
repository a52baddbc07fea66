"""Statistical disclosure control of the monitoring report (contract §4).

The report is modelled as a set of *cells* (every count it publishes: totals,
breakdown cells, the three durability classes, rate numerators and denominators,
the ``months_to_return`` distribution) and a set of linear *relations* between
them that anyone reading the report knows:

* every breakdown of a table sums to the table's total (every dimension of every
  indicator, each durability class and each rate part being a table of its own);
* the ``months_to_return`` buckets sum to the ``sec_nec_sec`` total;
* ``durable + pending + niet_duurzaam = doorstroom`` for the total and for every
  cell of every breakdown (the durability classes partition the doorstroom events
  counted in the period, cell by cell);
* ``status_at_as_of.by.employer`` covers the persons at work only, so it sums to
  ``nec_zonder_wop + nec_met_wop + sec`` of ``status_at_as_of.by.status``;
* a rate's numerator never exceeds its denominator (an inequality).

Not linked, on purpose: ``doorstroom`` counts events by their *doorstroom date*
while ``doorstroom_rate`` counts dossiers by their *end date* (a dossier that ended
in 2018 can have its doorstroom in 2019, and one that ended in the period can have
it after the period), so neither is a sum of, or bounded by, the other.
``sec_nec_sec`` counts new dossiers by their start date whatever the period of the
earlier doorstroom, ``doorstroomklaar_advices`` and the trajectories count other
events, and ``status_at_as_of`` counts persons: no linear relation holds between
them and the other tables, and inventing one would only suppress more.

Suppression runs in three steps, all deterministic:

1. *Primary*: every count from 1 to ``k - 1`` (and 0 with ``suppress_zeros``) is
   suppressed, reason ``"below k"``. A suppressed zero gets the same reason, so
   that the reason does not give the zero away.
2. *Secondary*, to a fixpoint: a relation whose suppressed cells would be
   determined by it alone (exactly one suppressed cell, or suppressed cells on one
   side that add up to zero) gets one more suppressed cell: the smallest remaining
   non-zero cell among its parts, else among its whole (the total). Ties are broken
   by the cell's label (see :attr:`Cell.label`) in code-point order. A suppressed
   total thereby propagates to every relation it is in.
3. *Audit and repair*: linear relations can still combine across tables (a
   suppressed cell that bridges two otherwise protected patterns is fixed by the
   other relations), and bounds can pinch (two cells "below 10" that add up to
   18). :func:`recoverable_cells` bounds every suppressed cell by linear
   programming; while one is recoverable, the smallest non-zero published cell in
   a relation with it is suppressed too and step 2 runs again. The audit solves
   each connected component of suppressed cells alone, keeps the proofs it has
   (a free cell stays free when more cells are hidden) and, between repairs,
   asks only about the cell being repaired; the result is audited in full.

The reader the audit guards against knows the relations, every published
figure, non-negativity, integrality, and that a cell ``"below k"`` is at most
``k - 1``. A sharper reader could add that a suppressed cell is non-zero when
zeros are published, and that a secondary cell is at least ``k``. Step 3 runs
first against that sharper reader, as long as a published non-zero cell can
still be added; no pattern protects every table against it (a total of 2 made of
two cells of 1 with ``k = 3`` is given away by the published zeros around it),
so the guarantee is for the first reader and what is left for the sharper one is
reported in :attr:`SuppressedIndicators.residual` (see ``docs/monitoring.md``).

Exact figures are a permission, checked in one place: :func:`publish` is the only
gate between exact and suppressed figures; the command line and the web app call
it with their own answer to :func:`may_see_exact_figures`.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: Tables whose durability classes add up, cell by cell, to another table.
LINKED_CLASSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "durable_doorstroom_12m": ("doorstroom", ("durable", "pending", "niet_duurzaam")),
}

#: Breakdowns that cover only some categories of another breakdown of the same
#: table: ``(indicator, dimension) -> (other dimension, its categories)``.
PARTIAL_DIMENSIONS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("status_at_as_of", "employer"): (
        "status",
        ("nec_zonder_wop", "nec_met_wop", "sec"),
    ),
}

#: Distributions stored beside ``by`` that sum to the table's total.
DISTRIBUTIONS: tuple[str, ...] = ("months_to_return",)

#: The two counts of a rate cell.
RATE_PARTS: tuple[str, str] = ("numerator", "denominator")

DEFAULT_THRESHOLD = 10

_TABLE_KEYS = frozenset({"total", "by", "suppressed", *DISTRIBUTIONS})


class InconsistentIndicatorsError(ValueError):
    """The indicators break a relation the report promises its readers."""

    def __init__(self, broken: list[str]) -> None:
        super().__init__("inconsistent indicators: " + "; ".join(broken))
        self.broken = broken


class SuppressionError(RuntimeError):
    """Suppression could not make every suppressed cell unrecoverable."""


@dataclass(frozen=True)
class Cell:
    """One published count of the report.

    Attributes
    ----------
    indicator
        Key of the indicator in the ``indicators`` object.
    group
        Durability class for grouped indicators, else ``None``.
    part
        ``"numerator"`` or ``"denominator"`` for a rate cell, else ``None``.
    dimension
        Breakdown name, ``"months_to_return"``, or ``None`` for the total.
    category
        Category code inside the breakdown, ``None`` for the total.
    """

    indicator: str
    group: str | None
    part: str | None
    dimension: str | None
    category: str | None

    @property
    def label(self) -> str:
        """Dotted path that names the cell, e.g. ``doorstroom.province.BRU``.

        Examples
        --------
        >>> Cell("doorstroom_rate", None, "numerator", "province", "BRU").label
        'doorstroom_rate.province.BRU.numerator'
        >>> Cell("doorstroom", None, None, None, None).label
        'doorstroom.total'
        """
        pieces = [self.indicator]
        if self.group is not None:
            pieces.append(self.group)
        if self.dimension is None:
            pieces.append("total")
        else:
            pieces.extend([self.dimension, str(self.category)])
        if self.part is not None:
            pieces.append(self.part)
        return ".".join(pieces)


@dataclass(frozen=True)
class Relation:
    """A linear relation ``sum(whole) == sum(parts)`` between cells.

    A cell absent from the report (a category left out because it is zero) is a
    known zero and simply does not appear.
    """

    name: str
    whole: tuple[Cell, ...]
    parts: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return self.parts + self.whole


@dataclass(frozen=True)
class Inequality:
    """``small <= large`` (a rate's numerator and its denominator)."""

    small: Cell
    large: Cell


@dataclass
class ReportModel:
    """The cells of a report, their exact values and the relations between them."""

    values: dict[Cell, int]
    relations: list[Relation]
    inequalities: list[Inequality]
    relations_of: dict[Cell, list[Relation]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[Cell, list[Relation]] = {cell: [] for cell in self.values}
        for relation in self.relations:
            for cell in relation.cells:
                index[cell].append(relation)
        self.relations_of = index


@dataclass(frozen=True)
class RecoverableCell:
    """A suppressed cell whose exact value follows from the published figures."""

    cell: str
    value: int
    lower: float
    upper: float


@dataclass
class SuppressedIndicators:
    """Published indicators and how they were produced.

    Attributes
    ----------
    indicators
        The published ``indicators`` object of the report contract (§5):
        suppressed figures are ``None`` and a ``"suppressed"`` object beside each
        ``"by"`` gives the reasons.
    threshold
        The threshold ``k``.
    applied
        ``False`` when exact figures were published (``--no-suppression``).
    suppress_zeros
        Whether zeros were suppressed too.
    reasons
        Reason per suppressed cell label, in suppression order.
    residual
        Labels of the suppressed cells that only the sharper reader (see
        :func:`recoverable_cells`, ``strict``) could still pin down, because no
        published non-zero cell was left to hide beside them. Never published.
    tables
        The published cross tables (:func:`publish_with_tables`), else ``None``.
    """

    indicators: dict[str, Any]
    threshold: int
    applied: bool
    suppress_zeros: bool = False
    reasons: dict[str, str] = field(default_factory=dict)
    residual: list[str] = field(default_factory=list)
    tables: dict[str, Any] | None = None

    def header(self) -> dict[str, Any]:
        """The ``suppression`` object of the report header."""
        return {
            "threshold": self.threshold,
            "applied": self.applied,
            "suppress_zeros": self.suppress_zeros,
        }

    @property
    def primary_count(self) -> int:
        """Number of cells suppressed because they are below the threshold."""
        return sum(1 for r in self.reasons.values() if r.startswith("below"))

    @property
    def secondary_count(self) -> int:
        """Number of cells suppressed to protect another cell."""
        return sum(1 for r in self.reasons.values() if r.startswith("secondary"))


# --------------------------------------------------------------------------- gate


def may_see_exact_figures(*, has_exact_figures_permission: bool) -> bool:
    """Whether a reader may see exact (unsuppressed) figures.

    The single place where the permission is read. The command line passes
    ``True`` (whoever can read the data folder can count for themselves, contract
    §4); the web app and the API pass whether the user's role carries the
    "exact figures" permission.

    Parameters
    ----------
    has_exact_figures_permission
        The caller's capability.

    Returns
    -------
    bool
        ``True`` only when the capability is present.

    Examples
    --------
    >>> may_see_exact_figures(has_exact_figures_permission=False)
    False
    """
    return has_exact_figures_permission is True


def publish(
    indicators: Mapping[str, Any],
    *,
    exact_requested: bool,
    exact_allowed: bool,
    threshold: int = DEFAULT_THRESHOLD,
    suppress_zeros: bool = False,
) -> SuppressedIndicators:
    """Turn computed indicators into publishable ones: the one gate for exact figures.

    Exact figures come out only when they are asked for *and* allowed (see
    :func:`may_see_exact_figures`); in every other case the figures are
    suppressed.

    Parameters
    ----------
    indicators
        The unsuppressed ``indicators`` object.
    exact_requested
        The reader asked for exact figures (``--no-suppression``).
    exact_allowed
        The answer of :func:`may_see_exact_figures` for this reader.
    threshold, suppress_zeros
        See :func:`suppress`.

    Returns
    -------
    SuppressedIndicators
    """
    if exact_requested and may_see_exact_figures(
        has_exact_figures_permission=exact_allowed
    ):
        return exact_figures(indicators, threshold=threshold)
    return suppress(indicators, threshold=threshold, suppress_zeros=suppress_zeros)


def exact_figures(
    indicators: Mapping[str, Any], *, threshold: int = DEFAULT_THRESHOLD
) -> SuppressedIndicators:
    """Publish the indicators unchanged, marked as not suppressed.

    Use it only behind :func:`publish`. The tables get an empty ``"suppressed"``
    object so that every report has the same shape.
    """
    model = build_model(indicators)
    check_consistency(model)
    published = copy.deepcopy(dict(indicators))
    for table in _tables(published):
        table["suppressed"] = {}
    return SuppressedIndicators(
        indicators=published, threshold=threshold, applied=False, reasons={}
    )


# -------------------------------------------------------------------- the model


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_rate_cell(value: Any) -> bool:
    return isinstance(value, Mapping) and all(part in value for part in RATE_PARTS)


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping) and "total" in value


def _tables(indicators: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Every table (dict with ``total``) of an indicators object, in order."""
    for value in indicators.values():
        if _is_table(value):
            yield value
        elif isinstance(value, Mapping):
            for sub in value.values():
                if _is_table(sub):
                    yield sub


def _check_table_keys(name: str, table: Mapping[str, Any]) -> None:
    unknown = set(table) - _TABLE_KEYS
    if unknown:
        raise ValueError(
            f"{name}: unknown keys {sorted(unknown)}; suppression only publishes "
            "figures it can protect"
        )


def _add_count_table(
    name: str,
    group: str | None,
    part: str | None,
    table: Mapping[str, Any],
    values: dict[Cell, int],
    relations: list[Relation],
) -> None:
    """Register the cells and the breakdown relations of one count table."""

    def count(raw: Any, where: str) -> int:
        value = raw[part] if part is not None else raw
        if not _is_count(value) or value < 0:
            raise ValueError(f"{where}: expected a count >= 0, got {value!r}")
        return int(value)

    prefix = name if group is None else f"{name}.{group}"
    total = Cell(name, group, part, None, None)
    values[total] = count(table["total"], f"{prefix}.total")
    by = table.get("by", {}) or {}
    for dimension, categories in by.items():
        for category, raw in categories.items():
            cell = Cell(name, group, part, dimension, str(category))
            values[cell] = count(raw, cell.label)
    for dimension in DISTRIBUTIONS:
        for category, raw in (table.get(dimension) or {}).items():
            cell = Cell(name, group, part, dimension, str(category))
            values[cell] = count(raw, cell.label)

    suffix = f".{part}" if part else ""
    for dimension, categories in by.items():
        parts = tuple(Cell(name, group, part, dimension, str(c)) for c in categories)
        partial = PARTIAL_DIMENSIONS.get((name, dimension))
        if partial is None:
            whole: tuple[Cell, ...] = (total,)
        else:
            other, covered = partial
            present = by.get(other, {}) or {}
            whole = tuple(
                Cell(name, group, part, other, str(c))
                for c in present
                if str(c) in covered
            )
        relations.append(Relation(f"{prefix}.{dimension}{suffix}", whole, parts))
    for dimension in DISTRIBUTIONS:
        if dimension in table:
            parts = tuple(
                Cell(name, group, part, dimension, str(c)) for c in table[dimension]
            )
            relations.append(Relation(f"{prefix}.{dimension}{suffix}", (total,), parts))


def build_model(indicators: Mapping[str, Any]) -> ReportModel:
    """Model an (exact) indicators object as cells and relations.

    Parameters
    ----------
    indicators
        The unsuppressed ``indicators`` object of the report contract.

    Returns
    -------
    ReportModel

    Raises
    ------
    ValueError
        When a value is not a non-negative count or a table has keys whose
        figures this module would not know how to protect.
    """
    values: dict[Cell, int] = {}
    relations: list[Relation] = []
    inequalities: list[Inequality] = []
    for name, indicator in indicators.items():
        if not isinstance(indicator, Mapping):
            raise ValueError(f"{name}: not a table")
        if _is_table(indicator):
            _check_table_keys(name, indicator)
            if _is_rate_cell(indicator["total"]):
                for part in RATE_PARTS:
                    _add_count_table(name, None, part, indicator, values, relations)
                numerators = [
                    c for c in values if c.indicator == name and c.part == "numerator"
                ]
                for cell in numerators:
                    inequalities.append(
                        Inequality(
                            cell,
                            Cell(
                                name, None, "denominator", cell.dimension, cell.category
                            ),
                        )
                    )
            else:
                _add_count_table(name, None, None, indicator, values, relations)
        else:
            for group, table in indicator.items():
                if not _is_table(table):
                    raise ValueError(f"{name}.{group}: not a table")
                _check_table_keys(f"{name}.{group}", table)
                _add_count_table(name, str(group), None, table, values, relations)
    relations.extend(_linked_class_relations(indicators, values))
    # Sorted by name, so that the key order of the input cannot change the result.
    relations.sort(key=lambda relation: relation.name)
    return ReportModel(values=values, relations=relations, inequalities=inequalities)


def _linked_class_relations(
    indicators: Mapping[str, Any], values: Mapping[Cell, int]
) -> list[Relation]:
    """``class_1 + class_2 + ... = base`` for the total and every breakdown cell."""
    relations: list[Relation] = []
    for name, (base, classes) in LINKED_CLASSES.items():
        if name not in indicators or base not in indicators:
            continue
        groups = indicators[name]
        present = [c for c in classes if c in groups]
        if not present:
            continue
        relations.append(
            Relation(
                f"{name}.total=classes",
                (Cell(base, None, None, None, None),),
                tuple(Cell(name, c, None, None, None) for c in present),
            )
        )
        base_by = indicators[base].get("by", {}) or {}
        for dimension, categories in base_by.items():
            # A class without this breakdown tells nothing about its cells.
            if not all(dimension in (groups[c].get("by") or {}) for c in present):
                continue
            keys = [str(k) for k in categories]
            for c in present:
                keys.extend(
                    str(k) for k in groups[c]["by"][dimension] if str(k) not in keys
                )
            for category in keys:
                whole = tuple(
                    cell
                    for cell in (Cell(base, None, None, dimension, category),)
                    if cell in values
                )
                parts = tuple(
                    cell
                    for cell in (
                        Cell(name, c, None, dimension, category) for c in present
                    )
                    if cell in values
                )
                relations.append(
                    Relation(f"{name}.{dimension}.{category}=classes", whole, parts)
                )
    return relations


def check_consistency(model: ReportModel) -> None:
    """Raise :class:`InconsistentIndicatorsError` when a relation does not hold."""
    broken: list[str] = []
    for relation in model.relations:
        whole = sum(model.values[c] for c in relation.whole)
        parts = sum(model.values[c] for c in relation.parts)
        if whole != parts:
            broken.append(f"{relation.name}: {whole} != {parts}")
    for inequality in model.inequalities:
        if inequality.large not in model.values:
            broken.append(f"{inequality.small.label}: no matching denominator")
        elif model.values[inequality.small] > model.values[inequality.large]:
            broken.append(f"{inequality.small.label} > {inequality.large.label}")
    if broken:
        raise InconsistentIndicatorsError(broken)


# ---------------------------------------------------------------- suppression


def suppress(
    indicators: Mapping[str, Any],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    suppress_zeros: bool = False,
) -> SuppressedIndicators:
    """Apply primary and secondary suppression to an indicators object.

    Parameters
    ----------
    indicators
        The unsuppressed ``indicators`` object (counts as ints, rates as
        ``{numerator, denominator, rate}``).
    threshold
        ``k``: counts from 1 to ``k - 1`` are suppressed.
    suppress_zeros
        Suppress zero counts too.

    Returns
    -------
    SuppressedIndicators
        The published indicators: suppressed figures ``None``, reasons under
        ``"suppressed"`` beside ``"by"``, rates ``None`` when their numerator or
        denominator is suppressed.

    Raises
    ------
    InconsistentIndicatorsError
        When the indicators break one of the relations of the model.
    SuppressionError
        When no pattern could be found that protects every cell (never seen).

    Examples
    --------
    >>> result = suppress({"trajectories_started": {
    ...     "total": 30, "by": {"year": {"2019": 3, "2020": 12, "2021": 15}}}})
    >>> result.indicators["trajectories_started"]["by"]["year"]
    {'2019': None, '2020': None, '2021': 15}
    >>> result.indicators["trajectories_started"]["suppressed"]
    {'year': {'2019': 'below 10', '2020': 'secondary: protects trajectories_started.year.2019'}}
    """
    if threshold < 1:
        raise ValueError("the threshold must be at least 1")
    if suppress_zeros:
        indicators = pad_empty_breakdowns(indicators)
    model = build_model(indicators)
    check_consistency(model)
    reasons, residual = _suppression_pattern(
        model, threshold=threshold, suppress_zeros=suppress_zeros
    )
    published = _published(indicators, model, reasons)
    return SuppressedIndicators(
        indicators=published,
        threshold=threshold,
        applied=True,
        suppress_zeros=suppress_zeros,
        reasons={cell.label: reason for cell, reason in reasons.items()},
        residual=residual,
    )


def pad_empty_breakdowns(indicators: Mapping[str, Any]) -> dict[str, Any]:
    """Give every empty breakdown a category ``onbekend`` with count 0.

    Open lists (sector, partner) leave zero categories out, so an empty one
    tells the reader that the table's total is 0. With ``suppress_zeros`` that
    zero must not be given away: the padded ``onbekend`` cell is suppressed with
    the others. The category is added to the same breakdown of every table linked
    with it (the doorstroom table and its durability classes), so that the
    relation between them does not pin it to zero instead.

    Parameters
    ----------
    indicators
        An exact ``indicators`` object.

    Returns
    -------
    dict
        A padded deep copy.
    """
    padded = copy.deepcopy(dict(indicators))
    groups: list[list[dict[str, Any]]] = []
    linked: set[str] = set()
    for name, (base, classes) in LINKED_CLASSES.items():
        if name in padded and base in padded:
            tables = [padded[base]] + [
                padded[name][c] for c in classes if c in padded[name]
            ]
            groups.append(tables)
            linked.update({name, base})
    for name, indicator in padded.items():
        if name in linked or not isinstance(indicator, dict):
            continue
        if _is_table(indicator):
            groups.append([indicator])
        else:
            groups.extend([table] for table in indicator.values() if _is_table(table))
    for tables in groups:
        dimensions = {d for table in tables for d in (table.get("by") or {})}
        for dimension in sorted(dimensions):
            breakdowns = [(table.get("by") or {}).get(dimension) for table in tables]
            if not any(b == {} for b in breakdowns):
                continue
            for table, breakdown in zip(tables, breakdowns, strict=True):
                if breakdown is None or "onbekend" in breakdown:
                    continue
                sample = table["total"]
                breakdown["onbekend"] = (
                    {"numerator": 0, "denominator": 0, "rate": None}
                    if _is_rate_cell(sample)
                    else 0
                )
    return padded


def _sort_key(cell: Cell, values: Mapping[Cell, int]) -> tuple[int, str]:
    return (values[cell], cell.label)


def _choose(
    candidates: Iterable[Cell],
    values: Mapping[Cell, int],
    suppressed: Mapping[Cell, str],
) -> Cell | None:
    """The smallest remaining non-zero cell (ties: by label), or ``None``."""
    pool = [c for c in candidates if c not in suppressed and values[c] > 0]
    if not pool:
        return None
    return min(pool, key=lambda c: _sort_key(c, values))


def _relation_needs_help(
    relation: Relation, values: Mapping[Cell, int], suppressed: Mapping[Cell, str]
) -> Cell | None:
    """The suppressed cell this relation gives away, or ``None`` when it is safe."""
    hidden_parts = [c for c in relation.parts if c in suppressed]
    hidden_whole = [c for c in relation.whole if c in suppressed]
    hidden = hidden_parts + hidden_whole
    if not hidden:
        return None
    if len(hidden) == 1:
        return hidden[0]
    # Suppressed cells on one side that add up to zero are all pinned at zero by
    # non-negativity (only possible with suppress_zeros).
    for side in (hidden_parts, hidden_whole):
        if len(side) == len(hidden) and sum(values[c] for c in side) == 0:
            return min(side, key=lambda c: c.label)
    return None


def _secondary_fixpoint(model: ReportModel, suppressed: dict[Cell, str]) -> None:
    values = model.values
    changed = True
    while changed:
        changed = False
        for relation in model.relations:
            exposed = _relation_needs_help(relation, values, suppressed)
            if exposed is None:
                continue
            pick = _choose(relation.parts, values, suppressed) or _choose(
                relation.whole, values, suppressed
            )
            if pick is None:
                continue  # left to the audit, which looks further
            suppressed[pick] = f"secondary: protects {exposed.label}"
            changed = True


def _suppression_pattern(
    model: ReportModel, *, threshold: int, suppress_zeros: bool
) -> tuple[dict[Cell, str], list[str]]:
    values = model.values
    suppressed: dict[Cell, str] = {}
    below = f"below {threshold}"
    for cell in sorted(values, key=lambda c: c.label):
        value = values[cell]
        if 0 < value < threshold or (suppress_zeros and value == 0):
            suppressed[cell] = below
    _secondary_fixpoint(model, suppressed)

    # First against the sharper reader, as far as published cells can help;
    # then the guarantee against the reader of the contract.
    sharp = _Auditor(
        model, threshold=threshold, strict=True, suppress_zeros=suppress_zeros
    )
    plain = _Auditor(model, threshold=threshold)
    residual: set[Cell] = set()
    for auditor, guaranteed in ((sharp, False), (plain, True)):
        if guaranteed and not residual:
            # Every cell the sharp reader cannot pin, the plain one cannot
            # either (looser bounds, larger feasible set).
            break
        while True:
            recovered = [
                c for c in auditor.recoverable(suppressed) if c not in residual
            ]
            if not recovered:
                break
            # Repair the first cell until it is free, solving only its own
            # component in between; then audit everything again.
            target = recovered[0]
            while True:
                pick = _repair_candidate(model, suppressed, target, auditor)
                if pick is None:
                    if guaranteed:
                        raise SuppressionError(
                            f"{target.label} stays recoverable and nothing is "
                            "left to suppress"
                        )
                    residual.add(target)
                    break
                suppressed[pick] = f"secondary: protects {target.label}"
                _secondary_fixpoint(model, suppressed)
                if not auditor.pins(target, suppressed):
                    break
    residual_labels = sorted(c.label for c in sharp.recoverable(suppressed))
    return suppressed, residual_labels


def _repair_candidate(
    model: ReportModel, suppressed: Mapping[Cell, str], target: Cell, auditor: _Auditor
) -> Cell | None:
    """A cell whose suppression adds freedom around ``target``."""
    values = model.values
    relations = model.relations_of[target]
    pick = _choose((c for r in relations for c in r.parts), values, suppressed)
    pick = pick or _choose((c for r in relations for c in r.whole), values, suppressed)
    if pick is not None:
        return pick
    # Cells further away cannot change what the component's relations say.
    component = auditor.component_of(target, suppressed)
    nearby = (
        c for cell in component for r in model.relations_of[cell] for c in r.cells
    )
    return _choose(nearby, values, suppressed)


def _published(
    indicators: Mapping[str, Any], model: ReportModel, reasons: Mapping[Cell, str]
) -> dict[str, Any]:
    published = copy.deepcopy(dict(indicators))
    for table in _tables(published):
        table["suppressed"] = {}
        _move_suppressed_last(table)
    for cell, reason in reasons.items():
        table = published[cell.indicator]
        if cell.group is not None:
            table = table[cell.group]
        _set_value(table, cell, None)
        _set_reason(table["suppressed"], cell, reason)
    # Rates: not shown when a part is suppressed.
    for name, indicator in published.items():
        if _is_table(indicator) and _is_rate_cell(indicator["total"]):
            _hide_rates(name, indicator)
    return published


def _move_suppressed_last(table: dict[str, Any]) -> None:
    """Key order: total, by, distributions, suppressed."""
    for key in ("by", *DISTRIBUTIONS, "suppressed"):
        if key in table:
            table[key] = table.pop(key)


def _slot_parent(table: dict[str, Any], cell: Cell) -> tuple[dict[str, Any], str]:
    if cell.dimension is None:
        return table, "total"
    if cell.dimension in DISTRIBUTIONS:
        container = table[cell.dimension]
    else:
        container = table["by"][cell.dimension]
    key = cell.category
    if key not in container:  # non-string keys (e.g. int years) in the input
        key = next(k for k in container if str(k) == cell.category)
    return container, key


def _set_value(table: dict[str, Any], cell: Cell, value: Any) -> None:
    parent, key = _slot_parent(table, cell)
    if cell.part is None:
        parent[key] = value
    else:
        parent[key][cell.part] = value


def _set_reason(reasons: dict[str, Any], cell: Cell, reason: str) -> None:
    if cell.dimension is None:
        parent, key = reasons, "total"
    else:
        parent, key = reasons.setdefault(cell.dimension, {}), str(cell.category)
    if cell.part is None:
        parent[key] = reason
    else:
        parent.setdefault(key, {})[cell.part] = reason


def _hide_rates(name: str, table: dict[str, Any]) -> None:
    reasons = table["suppressed"]
    slots: list[tuple[dict[str, Any], dict[str, Any], str]] = [
        (table["total"], reasons, "total")
    ]
    for dimension, categories in (table.get("by") or {}).items():
        for category, rate_cell in categories.items():
            slots.append((rate_cell, reasons.get(dimension, {}), str(category)))
    for rate_cell, parent, key in slots:
        hidden = [p for p in RATE_PARTS if rate_cell.get(p) is None]
        if not hidden:
            continue
        rate_cell["rate"] = None
        parent[key]["rate"] = " and ".join(hidden) + " suppressed"


# ----------------------------------------------------------------------- audit


class _Auditor:
    """Bounds suppressed cells by linear programming, one component at a time.

    Two cells interact only through a relation (or inequality) with both of
    them hidden, so the suppressed cells split into connected components that
    are solved alone, each with a sparse constraint matrix. Answers are cached
    per component (its cells and their bounds), so the repair loop re-solves
    only what it changed.

    Proofs carry over: a cell seen at two values in integer solutions stays
    unrecoverable when more cells are suppressed (the old solution, with every
    newly hidden cell at its true value, is still a solution), so the repair
    loop never proves a cell twice. The auditor checks that the suppressed
    cells only grow and keep their reasons, and forgets its proofs otherwise.
    """

    def __init__(
        self,
        model: ReportModel,
        *,
        threshold: int,
        strict: bool = False,
        suppress_zeros: bool = False,
    ) -> None:
        self.model = model
        self.threshold = threshold
        self.strict = strict
        self.suppress_zeros = suppress_zeros
        self._cache: dict[tuple[Any, ...], list[tuple[Cell, float, float]]] = {}
        self._free: set[Cell] = set()
        self._seen: dict[Cell, str] = {}
        self.inequalities_of: dict[Cell, list[Inequality]] = {}
        for inequality in model.inequalities:
            for cell in (inequality.small, inequality.large):
                self.inequalities_of.setdefault(cell, []).append(inequality)
        self._cells = sorted(model.values, key=lambda c: c.label)
        self._id = {cell: i for i, cell in enumerate(self._cells)}
        links = [tuple(self._id[c] for c in r.cells) for r in model.relations]
        links.extend(
            (self._id[i.small], self._id[i.large])
            for i in model.inequalities
            if i.large in self._id
        )
        self._links = links

    def bounds_for(self, cell: Cell, reason: str) -> tuple[float, float | None]:
        if reason.startswith("below"):
            low = 1.0 if self.strict and not self.suppress_zeros else 0.0
            return (low, float(self.threshold - 1))
        if reason.startswith("secondary") and self.strict:
            return (float(self.threshold), None)
        return (0.0, None)

    def _sync(self, suppressed: Mapping[Cell, str]) -> None:
        """Forget the proofs unless the suppressed cells only grew."""
        if any(suppressed.get(cell) != reason for cell, reason in self._seen.items()):
            self._free.clear()
        self._seen = dict(suppressed)

    def components(self, suppressed: Mapping[Cell, str]) -> list[list[Cell]]:
        """The connected components of the suppressed cells, each sorted by label."""
        hidden = [False] * len(self._cells)
        for cell in suppressed:
            hidden[self._id[cell]] = True
        parent = list(range(len(self._cells)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for link in self._links:
            members = [i for i in link if hidden[i]]
            if len(members) < 2:
                continue
            root = find(members[0])
            for other in members[1:]:
                other_root = find(other)
                if other_root != root:
                    parent[other_root] = root
        groups: dict[int, list[Cell]] = {}
        for i, cell in enumerate(self._cells):  # label order
            if hidden[i]:
                groups.setdefault(find(i), []).append(cell)
        return sorted(groups.values(), key=lambda group: group[0].label)

    def component_of(self, start: Cell, suppressed: Mapping[Cell, str]) -> list[Cell]:
        return next(c for c in self.components(suppressed) if start in c)

    def _key(
        self, component: list[Cell], suppressed: Mapping[Cell, str]
    ) -> tuple[Any, ...]:
        return tuple(
            (cell, self.bounds_for(cell, suppressed[cell])) for cell in component
        )

    def recoverable(self, suppressed: Mapping[Cell, str]) -> list[Cell]:
        return [cell for cell, _, _ in self.recoverable_with_bounds(suppressed)]

    def recoverable_with_bounds(
        self, suppressed: Mapping[Cell, str]
    ) -> list[tuple[Cell, float, float]]:
        self._sync(suppressed)
        found: list[tuple[Cell, float, float]] = []
        for component in self.components(suppressed):
            key = self._key(component, suppressed)
            if key not in self._cache:
                self._cache[key] = self._solve(component, suppressed, component)
            found.extend(self._cache[key])
        return sorted(found, key=lambda item: item[0].label)

    def pins(self, target: Cell, suppressed: Mapping[Cell, str]) -> bool:
        """Whether ``target`` is recoverable (only its own component is solved)."""
        self._sync(suppressed)
        if target in self._free:
            return False
        component = self.component_of(target, suppressed)
        key = self._key(component, suppressed)
        if key in self._cache:
            return any(cell == target for cell, _, _ in self._cache[key])
        return bool(self._solve(component, suppressed, [target]))

    def _solve(
        self,
        component: list[Cell],
        suppressed: Mapping[Cell, str],
        checked: list[Cell],
    ) -> list[tuple[Cell, float, float]]:
        """The cells of ``checked`` (in ``component``) that are recoverable."""
        from scipy.optimize import Bounds, LinearConstraint, linprog, milp
        from scipy.sparse import csr_array

        values = self.model.values
        index = {cell: i for i, cell in enumerate(component)}
        n = len(component)
        true = np.array([float(values[cell]) for cell in component])

        def matrix(
            rows: list[list[tuple[int, float]]], rhs: list[float]
        ) -> tuple[Any, Any]:
            if not rows:
                return None, None
            data = [v for row in rows for _, v in row]
            cols = [j for row in rows for j, _ in row]
            pointers = np.cumsum([0] + [len(row) for row in rows])
            return (
                csr_array((data, cols, pointers), shape=(len(rows), n)),
                np.array(rhs),
            )

        eq_rows: list[list[tuple[int, float]]] = []
        eq_rhs: list[float] = []
        seen_relations: set[int] = set()
        for cell in component:
            for relation in self.model.relations_of[cell]:
                if id(relation) in seen_relations:
                    continue
                seen_relations.add(id(relation))
                coefficients: dict[int, float] = {}
                rhs = 0.0
                for sign, cells in ((1.0, relation.whole), (-1.0, relation.parts)):
                    for member in cells:
                        if member in index:
                            j = index[member]
                            coefficients[j] = coefficients.get(j, 0.0) + sign
                        else:
                            rhs -= sign * values[member]
                eq_rows.append(sorted(coefficients.items()))
                eq_rhs.append(rhs)
        ub_rows: list[list[tuple[int, float]]] = []
        ub_rhs: list[float] = []
        seen_inequalities: set[int] = set()
        for cell in component:
            for inequality in self.inequalities_of.get(cell, []):
                if id(inequality) in seen_inequalities:
                    continue
                seen_inequalities.add(id(inequality))
                coefficients = {}
                rhs = 0.0
                for sign, member in ((1.0, inequality.small), (-1.0, inequality.large)):
                    if member in index:
                        j = index[member]
                        coefficients[j] = coefficients.get(j, 0.0) + sign
                    else:
                        rhs -= sign * values[member]
                ub_rows.append(sorted(coefficients.items()))
                ub_rhs.append(rhs)
        a_eq, b_eq = matrix(eq_rows, eq_rhs)
        a_ub, b_ub = matrix(ub_rows, ub_rhs)
        bounds = [self.bounds_for(cell, suppressed[cell]) for cell in component]
        cap = 2.0 * float(true.max()) + 2.0 * self.threshold
        capped = [(low, cap if high is None else high) for low, high in bounds]

        free = self._free
        open_cells = [index[cell] for cell in checked if cell not in free]

        def note(point: np.ndarray | None) -> None:
            """Record the cells an integer solution moves off their true value."""
            if point is None or np.any(np.abs(point - np.round(point)) >= 1e-6):
                return
            for j in np.flatnonzero(np.abs(np.round(point) - true) > 0.5):
                free.add(component[j])

        def undecided() -> list[int]:
            return [j for j in open_cells if component[j] not in free]

        def lp(c: np.ndarray, box: list[tuple[float, float | None]]) -> Any:
            return linprog(
                c,
                A_ub=a_ub,
                b_ub=b_ub,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=box,
                method="highs",
            )

        def relaxed(i: int, sign: float) -> float:
            """Optimum of ``x_i`` (minimum for sign 1, maximum for -1)."""
            c = np.zeros(n)
            c[i] = sign
            result = lp(c, bounds)
            if result.status == 3:  # unbounded: only possible when maximising
                return math.inf
            if result.status != 0:
                raise SuppressionError(
                    f"audit LP failed for {component[i].label}: {result.message}"
                )
            note(result.x)
            return float(result.x[i])

        def integer(i: int, sign: float) -> None:
            constraints = []
            if a_eq is not None:
                constraints.append(LinearConstraint(a_eq, b_eq, b_eq))
            if a_ub is not None:
                constraints.append(LinearConstraint(a_ub, -np.inf, b_ub))
            lower = np.array([b[0] for b in bounds])
            upper = np.array([np.inf if b[1] is None else b[1] for b in bounds])
            c = np.zeros(n)
            c[i] = sign
            result = milp(
                c,
                constraints=constraints,
                integrality=np.ones(n),
                bounds=Bounds(lower, upper),
            )
            note(result.x)

        def sweep(sign: float, cells: list[int]) -> None:
            """One LP pushing every undecided cell down (or up) at once.

            Its optimal vertex, when integral, is an integer solution that
            proves at once every cell it moves. Going up, the bounds are capped
            (any point of the capped polytope is a point of the real one).
            """
            c = np.zeros(n)
            c[cells] = sign
            result = lp(c, bounds if sign > 0 else capped)
            if result.status == 0:
                note(result.x)

        # Sweep while it settles cells; the cells left get their own LPs.
        left = undecided()
        while len(left) > 1:
            before = len(left)
            sweep(1.0, left)
            left = undecided()
            if left:
                sweep(-1.0, left)
                left = undecided()
            if len(left) == before:
                break

        found = []
        for i in open_cells:
            cell = component[i]
            if cell in free:
                continue
            low = relaxed(i, 1.0)
            if cell in free:
                continue
            high = relaxed(i, -1.0)
            if high == math.inf or cell in free:
                # Unbounded above: the true (integer) point plus a multiple of
                # the rational ray is another integer solution.
                continue
            if high - low >= 1 - 1e-9:
                # The relaxation allows another integer but its optimal
                # vertices are fractional: ask the exact integer program.
                integer(i, 1.0)
                if cell not in free:
                    integer(i, -1.0)
                if cell in free:
                    continue
            # At most one integer in [low, high] (or the integer program found
            # no other): the true value is given away.
            found.append((cell, low, high))
        return found


def _lookup(indicators: Mapping[str, Any], cell: Cell) -> Any:
    table = indicators[cell.indicator]
    if cell.group is not None:
        table = table[cell.group]
    if cell.dimension is None:
        raw = table["total"]
    else:
        container = (
            table.get(cell.dimension, {})
            if cell.dimension in DISTRIBUTIONS
            else table.get("by", {}).get(cell.dimension, {})
        )
        raw = next(
            (v for k, v in container.items() if str(k) == cell.category), _MISSING
        )
    if raw is _MISSING or cell.part is None:
        return raw
    return raw.get(cell.part, _MISSING)


def _lookup_reason(indicators: Mapping[str, Any], cell: Cell) -> str:
    table = indicators[cell.indicator]
    if cell.group is not None:
        table = table[cell.group]
    reasons = table.get("suppressed", {}) or {}
    raw = (
        reasons.get("total")
        if cell.dimension is None
        else (reasons.get(cell.dimension) or {}).get(str(cell.category))
    )
    if isinstance(raw, Mapping):
        raw = raw.get(cell.part or "")
    return raw if isinstance(raw, str) else ""


_MISSING = object()


def _with_published_categories(
    original: Mapping[str, Any], published: Mapping[str, Any]
) -> dict[str, Any]:
    """The original, with a 0 for every category only the published report shows."""
    aligned = copy.deepcopy(dict(original))

    def align(target: dict[str, Any], shown: Mapping[str, Any]) -> None:
        for dimension, categories in (shown.get("by") or {}).items():
            known = target.setdefault("by", {}).setdefault(dimension, {})
            rate = _is_rate_cell(target["total"])
            for category in categories:
                if not any(str(k) == str(category) for k in known):
                    known[category] = (
                        {"numerator": 0, "denominator": 0, "rate": None} if rate else 0
                    )

    for name, indicator in published.items():
        if name not in aligned or not isinstance(indicator, Mapping):
            continue
        if _is_table(indicator):
            align(aligned[name], indicator)
        else:
            for group, table in indicator.items():
                if _is_table(table) and group in aligned[name]:
                    align(aligned[name][group], table)
    return aligned


def recoverable_cells(
    published: Mapping[str, Any],
    original: Mapping[str, Any],
    *,
    threshold: int | None = None,
    use_reasons: bool = True,
    strict: bool = False,
) -> list[RecoverableCell]:
    """Audit: the suppressed cells whose exact value follows from the published ones.

    For every suppressed cell, its minimum and maximum are solved by linear
    programming (``scipy.optimize.linprog``, HiGHS) over all the relations of the
    report, with every published cell fixed at its value and every suppressed
    cell a free variable ``>= 0``. The relaxation contains every integer
    solution, so a range narrower than 1 pins the cell (the true value is the
    only integer in it). A wider range whose two optimal vertices are integral
    proves two integer solutions with different values. The matrix of several
    linked tables is not always totally unimodular, so in the remaining case the
    exact integer program (``scipy.optimize.milp``) decides.

    Parameters
    ----------
    published
        The published ``indicators`` object, or a whole report (then its
        ``suppression`` header supplies ``threshold``).
    original
        The exact ``indicators`` object it was made from.
    threshold
        What the attacker reads from the header; default: the report's header,
        else 10.
    use_reasons
        Let the attacker use the published reasons: a ``"below k"`` cell is at
        most ``k - 1``. With ``False`` only non-negativity is used.
    strict
        A stronger reader, for analysis: a ``"below k"`` cell is also at least 1
        when zeros are published (header ``suppress_zeros`` false) and a
        ``"secondary"`` cell at least ``k``. :func:`suppress` guarantees the
        default reader only; no pattern can satisfy the strict one in every
        table (a total of 2 made of two cells of 1 with ``k = 3``).

    Returns
    -------
    list of RecoverableCell
        Empty when the report is safe; ordered by cell label.

    Raises
    ------
    ValueError
        When a published figure differs from the original one.
    """
    header: Mapping[str, Any] = {}
    if "indicators" in published and isinstance(published["indicators"], Mapping):
        header = published.get("suppression", {}) or {}
        published = published["indicators"]
    k = (
        threshold
        if threshold is not None
        else int(header.get("threshold", DEFAULT_THRESHOLD))
    )
    model = build_model(_with_published_categories(original, published))
    check_consistency(model)
    hidden: dict[Cell, str] = {}
    for cell, value in model.values.items():
        shown = _lookup(published, cell)
        if shown is None:
            hidden[cell] = _lookup_reason(published, cell) if use_reasons else ""
        elif shown is _MISSING:
            if value != 0:
                raise ValueError(f"{cell.label}: left out but {value} in the original")
        elif shown != value:
            raise ValueError(
                f"{cell.label}: published {shown} but {value} in the original"
            )
    auditor = _Auditor(
        model,
        threshold=k,
        strict=strict,
        suppress_zeros=bool(header.get("suppress_zeros", False)),
    )
    return [
        RecoverableCell(cell.label, model.values[cell], low, high)
        for cell, low, high in auditor.recoverable_with_bounds(hidden)
    ]


# ------------------------------------------------------------ cross tables
#
# The report's cross tables (:mod:`.tables`) count the same events as the
# indicators. Every published count is a marginal of one event set: it is named by
# its *universe* (the indicator whose events it counts) and the dimension values
# that select it, e.g. ``("doorstroom", {"province": "ANT", "year": "2019"})``.
# Two figures with the same name are the same cell (a table's row totals are
# often an indicator's breakdown), so they are suppressed together; and every
# cell equals the sum of its children along one more dimension, which gives the
# relations between tables and indicators (row and column totals, the blocks of
# the advices tables, the durability classes, ...).

#: Dimension of the classes of a :data:`LINKED_CLASSES` table.
LINKED_CLASS_DIMENSION = "durability"

#: Table labels start with this.
TABLE_CELL_PREFIX = "tables"

CanonicalKey = tuple[str, frozenset[tuple[str, str]]]


def canonical_key(cell: Cell) -> CanonicalKey:
    """The universe and dimension values that define an indicator cell.

    Examples
    --------
    >>> key = canonical_key(Cell("durable_doorstroom_12m", "durable", None, "year", "2020"))
    >>> key[0], sorted(key[1])
    ('doorstroom', [('durability', 'durable'), ('year', '2020')])
    """
    mapping: dict[str, str] = {}
    universe = cell.indicator
    if cell.part is not None:
        universe = f"{cell.indicator}.{cell.part}"
    if cell.group is not None and cell.indicator in LINKED_CLASSES:
        universe = LINKED_CLASSES[cell.indicator][0]
        mapping[LINKED_CLASS_DIMENSION] = cell.group
    elif cell.group is not None:
        universe = f"{cell.indicator}.{cell.group}"
    if cell.dimension is not None:
        mapping[cell.dimension] = str(cell.category)
    return universe, frozenset(mapping.items())


def _table_cell(key: CanonicalKey) -> Cell:
    universe, mapping = key
    values = dict(mapping)
    dims = sorted(values)
    return Cell(
        TABLE_CELL_PREFIX,
        universe,
        None,
        "|".join(dims) if dims else None,
        "|".join(values[d] for d in dims) if dims else None,
    )


@dataclass
class TableModel:
    """The joint model of indicators and cross tables.

    Attributes
    ----------
    model
        Cells, values and relations of both.
    slots
        Every figure of every table and the cell it shows.
    base
        The cells of the indicators (the rest are table cells).
    """

    model: ReportModel
    slots: dict[Any, Cell]
    base: frozenset[Cell]


def build_table_model(
    indicators: Mapping[str, Any], tables: Mapping[str, Mapping[str, Any]]
) -> TableModel:
    """Model indicators and cross tables together.

    A table figure that names the same marginal as an indicator cell (or as a
    figure of another table) is that cell. Relations: those of
    :func:`build_model`, plus, for every cell and every dimension the model
    splits it by, ``cell = sum of its children`` (a child category left out is
    a known zero). The partial breakdowns of :data:`PARTIAL_DIMENSIONS` are
    not split this way.

    Parameters
    ----------
    indicators
        The exact ``indicators`` object.
    tables
        The exact tables (:func:`.tables.compute_tables`).

    Returns
    -------
    TableModel

    Raises
    ------
    InconsistentIndicatorsError
        When a table figure differs from the indicator figure it repeats, or a
        relation does not hold.
    """
    from doorstroom.domain.monitoring.tables import slot_mapping, slots

    base_model = build_model(indicators)
    values = dict(base_model.values)
    by_key: dict[CanonicalKey, Cell] = {}
    for cell in values:
        by_key.setdefault(canonical_key(cell), cell)
    broken: list[str] = []
    slot_cells: dict[Any, Cell] = {}
    for name in tables:
        table = tables[name]
        universe = str(table["indicator"])
        for slot, raw in slots(name, table):
            if not _is_count(raw) or raw < 0:
                raise ValueError(f"tables.{name}: expected a count >= 0, got {raw!r}")
            key = (universe, frozenset(slot_mapping(table["dimensions"], slot).items()))
            cell = by_key.get(key)
            if cell is None:
                cell = _table_cell(key)
                if cell in values:
                    raise ValueError(f"{cell.label}: two different figures, one label")
                by_key[key] = cell
                values[cell] = int(raw)
            elif values[cell] != raw:
                broken.append(
                    f"tables.{name} {slot}: {raw} != {cell.label} {values[cell]}"
                )
            slot_cells[slot] = cell
    if broken:
        raise InconsistentIndicatorsError(broken)

    base = frozenset(base_model.values)
    partial = {(name, dim) for name, dim in PARTIAL_DIMENSIONS}
    children: dict[tuple[CanonicalKey, str], list[Cell]] = {}
    for key, cell in by_key.items():
        universe, mapping = key
        for dim, _value in mapping:
            parent = (universe, frozenset(p for p in mapping if p[0] != dim))
            children.setdefault((parent, dim), []).append(cell)
    relations = list(base_model.relations)
    for (parent, dim), parts in sorted(
        children.items(), key=lambda item: (_table_cell(item[0][0]).label, item[0][1])
    ):
        whole = by_key.get(parent)
        if whole is None or (parent[0], dim) in partial:
            continue
        if whole in base and all(part in base for part in parts):
            continue  # already a relation of the indicators
        relations.append(
            Relation(
                f"{TABLE_CELL_PREFIX}.{_table_cell(parent).label}.{dim}",
                (whole,),
                tuple(sorted(parts, key=lambda c: c.label)),
            )
        )
    relations.sort(key=lambda relation: relation.name)
    model = ReportModel(
        values=values, relations=relations, inequalities=base_model.inequalities
    )
    check_consistency(model)
    return TableModel(model=model, slots=slot_cells, base=base)


def pad_empty_tables(
    indicators: Mapping[str, Any], tables: Mapping[str, Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Give the tables every open-list category the (padded) indicators show.

    :func:`pad_empty_breakdowns` adds ``onbekend`` to an empty open list; a
    table with that dimension gets the category too (zeros), so that both
    name the same cell.
    """
    from doorstroom.domain.monitoring.tables import OPEN_DIMENSIONS

    padded = copy.deepcopy({name: dict(t) for name, t in tables.items()})
    for table in padded.values():
        indicator = indicators.get(table["indicator"])
        if not isinstance(indicator, Mapping) or not _is_table(indicator):
            continue
        for axis, key in (("rows", "row_categories"), ("columns", "column_categories")):
            dim = table["dimensions"][axis]
            if dim not in OPEN_DIMENSIONS:
                continue
            shown = [str(c) for c in ((indicator.get("by") or {}).get(dim) or {})]
            missing = [c for c in shown if c not in table[key]]
            if not missing:
                continue
            table[key] = [*table[key], *missing]
            grids = table["blocks"].values() if "blocks" in table else [table]
            for grid in grids:
                for category in missing:
                    if axis == "rows":
                        grid["cells"][category] = dict.fromkeys(
                            table["column_categories"], 0
                        )
                        grid["row_totals"][category] = 0
                    else:
                        for row in grid["cells"].values():
                            row[category] = 0
                        grid["column_totals"][category] = 0
    return padded


def _published_tables(
    tables: Mapping[str, Mapping[str, Any]],
    joint: TableModel,
    reasons: Mapping[Cell, str],
) -> dict[str, dict[str, Any]]:
    """The tables with suppressed figures ``None`` and their reasons beside them.

    ``"suppressed"`` has the shape of the figures: ``{"cells": {row: {column:
    reason}}, "row_totals": {...}, "column_totals": {...}, "total": reason}``,
    per block in a table with blocks.
    """
    from doorstroom.domain.monitoring.tables import grids

    published = copy.deepcopy({name: dict(t) for name, t in tables.items()})
    for name, table in published.items():
        for block, grid in grids(table):
            hidden: dict[str, Any] = {}
            for row, cells in grid["cells"].items():
                for column in cells:
                    cell = joint.slots[_slot(name, block, "cell", row, column)]
                    if cell in reasons:
                        cells[column] = None
                        hidden.setdefault("cells", {}).setdefault(row, {})[column] = (
                            reasons[cell]
                        )
            for kind, key in (
                ("row_total", "row_totals"),
                ("column_total", "column_totals"),
            ):
                for category in grid[key]:
                    row = category if kind == "row_total" else None
                    column = category if kind == "column_total" else None
                    cell = joint.slots[_slot(name, block, kind, row, column)]
                    if cell in reasons:
                        grid[key][category] = None
                        hidden.setdefault(key, {})[category] = reasons[cell]
            cell = joint.slots[_slot(name, block, "total", None, None)]
            if cell in reasons:
                grid["total"] = None
                hidden["total"] = reasons[cell]
            grid["suppressed"] = hidden
    return published


def _slot(
    name: str, block: str | None, kind: str, row: str | None, column: str | None
) -> Any:
    from doorstroom.domain.monitoring.tables import TableSlot

    return TableSlot(name, block, kind, row, column)


def _unsuppressed_tables(tables: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    from doorstroom.domain.monitoring.tables import grids

    published = copy.deepcopy({name: dict(t) for name, t in tables.items()})
    for table in published.values():
        for _block, grid in grids(table):
            grid["suppressed"] = {}
    return published


def publish_with_tables(
    indicators: Mapping[str, Any],
    tables: Mapping[str, Mapping[str, Any]],
    *,
    exact_requested: bool,
    exact_allowed: bool,
    threshold: int = DEFAULT_THRESHOLD,
    suppress_zeros: bool = False,
) -> SuppressedIndicators:
    """:func:`publish` for a report with cross tables: one pattern for both.

    Exact figures come out only when asked for *and* allowed, as in
    :func:`publish`. Otherwise indicators and tables are suppressed together
    (:func:`build_table_model`), so that no suppressed count of either can be
    recovered from the figures of both.

    Returns
    -------
    SuppressedIndicators
        With :attr:`SuppressedIndicators.tables` set to the published tables.
    """
    if exact_requested and may_see_exact_figures(
        has_exact_figures_permission=exact_allowed
    ):
        build_table_model(indicators, tables)  # checks the tables add up
        result = exact_figures(indicators, threshold=threshold)
        result.tables = _unsuppressed_tables(tables)
        return result
    return suppress_with_tables(
        indicators, tables, threshold=threshold, suppress_zeros=suppress_zeros
    )


def suppress_with_tables(
    indicators: Mapping[str, Any],
    tables: Mapping[str, Mapping[str, Any]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    suppress_zeros: bool = False,
) -> SuppressedIndicators:
    """:func:`suppress` over indicators and cross tables at once.

    The rules are those of :func:`suppress` (primary, secondary to a fixpoint,
    audit and repair), run on the joint model; a figure a table shares with an
    indicator is one cell, suppressed in both places with the same reason.

    Returns
    -------
    SuppressedIndicators
        The published indicators, and the published tables in
        :attr:`SuppressedIndicators.tables`.
    """
    if threshold < 1:
        raise ValueError("the threshold must be at least 1")
    if suppress_zeros:
        indicators = pad_empty_breakdowns(indicators)
        tables = pad_empty_tables(indicators, tables)
    joint = build_table_model(indicators, tables)
    reasons, residual = _suppression_pattern(
        joint.model, threshold=threshold, suppress_zeros=suppress_zeros
    )
    base_reasons = {c: r for c, r in reasons.items() if c in joint.base}
    base_model = build_model(indicators)
    return SuppressedIndicators(
        indicators=_published(indicators, base_model, base_reasons),
        threshold=threshold,
        applied=True,
        suppress_zeros=suppress_zeros,
        reasons={cell.label: reason for cell, reason in reasons.items()},
        residual=residual,
        tables=_published_tables(tables, joint, reasons),
    )


def recoverable_table_cells(
    published_indicators: Mapping[str, Any],
    published_tables: Mapping[str, Mapping[str, Any]],
    original_indicators: Mapping[str, Any],
    original_tables: Mapping[str, Mapping[str, Any]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    suppress_zeros: bool = False,
    strict: bool = False,
) -> list[RecoverableCell]:
    """Audit a report with cross tables (see :func:`recoverable_cells`).

    Every published figure, of the indicators and of the tables, is fixed;
    every suppressed one is a variable bounded by its reason; the relations are
    those of :func:`build_table_model`.

    Parameters
    ----------
    published_indicators, published_tables
        What the report publishes.
    original_indicators, original_tables
        The exact figures they were made from.
    threshold, suppress_zeros, strict
        What the reader knows (see :func:`recoverable_cells`).

    Returns
    -------
    list of RecoverableCell
        Empty when nothing can be recovered.

    Raises
    ------
    ValueError
        When a published figure differs from the original, or two places
        publish the same cell differently.
    """
    from doorstroom.domain.monitoring.tables import grids, slots

    aligned = _with_published_categories(original_indicators, published_indicators)
    aligned_tables = pad_empty_tables(aligned, original_tables)
    joint = build_table_model(aligned, aligned_tables)
    hidden: dict[Cell, str] = {}
    shown_as: dict[Cell, Any] = {}

    def see(cell: Cell, shown: Any, reason: str) -> None:
        if shown is None:
            hidden[cell] = reason
        elif shown != joint.model.values[cell]:
            raise ValueError(
                f"{cell.label}: published {shown} but {joint.model.values[cell]}"
            )
        previous = shown_as.setdefault(cell, shown)
        if (previous is None) != (shown is None):
            raise ValueError(f"{cell.label}: shown in one place, hidden in another")

    for cell in joint.base:
        shown = _lookup(published_indicators, cell)
        if shown is _MISSING:
            if joint.model.values[cell] != 0:
                raise ValueError(f"{cell.label}: left out but not 0")
            continue
        see(cell, shown, _lookup_reason(published_indicators, cell))
    for name, table in published_tables.items():
        reasons_of = {
            block: grid.get("suppressed") or {} for block, grid in grids(table)
        }
        for slot, shown in slots(name, table):
            why = reasons_of[slot.block]
            if slot.kind == "cell":
                reason = ((why.get("cells") or {}).get(slot.row) or {}).get(slot.column)
            elif slot.kind == "row_total":
                reason = (why.get("row_totals") or {}).get(slot.row)
            elif slot.kind == "column_total":
                reason = (why.get("column_totals") or {}).get(slot.column)
            else:
                reason = why.get("total")
            see(joint.slots[slot], shown, str(reason or ""))
    auditor = _Auditor(
        joint.model, threshold=threshold, strict=strict, suppress_zeros=suppress_zeros
    )
    return [
        RecoverableCell(cell.label, joint.model.values[cell], low, high)
        for cell, low, high in auditor.recoverable_with_bounds(hidden)
    ]
