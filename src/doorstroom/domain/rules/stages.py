"""The guide's rules for stages: BVS, TBS and enclave (seed 000, L3589–3845).

A stage is described by :class:`StageFacts`; :func:`check_stage` runs every stage
rule and returns the results, :func:`broken` keeps the ones that fail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .base import REGISTRY, Rule, RuleResult
from .parameters import param

BVS = "BVS"
TBS = "TBS"
ENCLAVE = "enclave"
#: The time zone of "today" when a stage has no start day yet.
BRUSSELS = ZoneInfo("Europe/Brussels")

# The numbers (a BVS lasts 1–5 full days or 2–10 half days, i.e. 2 to 10 half days;
# at most two BVS at the same company) are parameters in data/parameters.toml, read
# in the version in force on the stage's start day (``on``).


def _normal_post(post: str) -> str:
    return " ".join(post.casefold().split())


def _bvs_duration(kind: str, full_days: int, half_days: int, on: date):
    units = 2 * full_days + half_days
    low = int(param("stage.bvs.min_half_days", on))
    high = int(param("stage.bvs.max_half_days", on))
    ok = kind != BVS or (full_days >= 0 and half_days >= 0 and low <= units <= high)
    return ok, {
        "half_day_units": units,
        "min_full": _days(low / 2),
        "min_half": low,
        "max_full": _days(high / 2),
        "max_half": high,
    }


def _days(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _bvs_max_per_company(kind: str, earlier_bvs_work_posts: tuple[str, ...], on: date):
    count = len(earlier_bvs_work_posts)
    most = int(param("stage.bvs.max_per_company", on))
    return kind != BVS or count < most, {"earlier_count": count, "most": most}


def _bvs_different_post(
    kind: str, work_post: str, earlier_bvs_work_posts: tuple[str, ...]
):
    if kind != BVS or not earlier_bvs_work_posts:
        return True, {}
    earlier = {_normal_post(p) for p in earlier_bvs_work_posts}
    post = _normal_post(work_post)
    earlier_text = ", ".join(sorted(p or "(leeg)" for p in earlier_bvs_work_posts))
    return bool(post) and post not in earlier, {"earlier_posts": earlier_text}


def _bvs_status(kind: str, article_60: bool, learner_worker: bool):
    if kind != BVS or not (article_60 or learner_worker):
        return True, {}
    status = "artikel 60" if article_60 else "leerwerknemer"
    if article_60 and learner_worker:
        status = "artikel 60 en leerwerknemer"
    return False, {"status": status}


def _bvs_programme(kind: str, programme: str):
    return kind != BVS or bool(programme.strip()), {}


def _bvs_observation(kind: str, observation_only: bool):
    return kind != BVS or observation_only, {}


def _tbs_status(kind: str, article_60: bool):
    return kind != TBS or not article_60, {}


def _enclave_contract(kind: str, enterprise_contract: bool):
    return kind != ENCLAVE or enterprise_contract, {}


def _enclave_union(kind: str, union_informed: bool):
    return kind != ENCLAVE or union_informed, {}


STAGE_RULES: tuple[Rule, ...] = tuple(
    REGISTRY.register(rule)
    for rule in (
        Rule(
            id="stage.bvs.duration",
            title_nl="Duur van een BVS",
            source="000 L3668–3671",
            inputs=("kind", "full_days", "half_days", "on"),
            field="full_days",
            explanation_nl=(
                "Een beroepsverkennende stage duurt minstens {min_full} voltijdse "
                "of {min_half} halftijdse werkdagen en hoogstens {max_full} "
                "voltijdse of {max_half} halftijdse werkdagen. Nu zijn het {full_days} voltijdse en {half_days} "
                "halftijdse werkdagen ({half_day_units} halve dagen)."
            ),
            predicate=_bvs_duration,
        ),
        Rule(
            id="stage.bvs.max_two_per_company",
            title_nl="Hoogstens twee BVS in hetzelfde bedrijf",
            source="000 L3672–3673",
            inputs=("kind", "earlier_bvs_work_posts", "on"),
            field="host",
            explanation_nl=(
                "In hetzelfde bedrijf mag iemand hoogstens {most} beroepsverkennende "
                "stages doen. Bij dit stagebedrijf waren er al {earlier_count}."
            ),
            predicate=_bvs_max_per_company,
        ),
        Rule(
            id="stage.bvs.different_work_post",
            title_nl="Tweede BVS op een andere werkpost",
            source="000 L3672–3673",
            inputs=("kind", "work_post", "earlier_bvs_work_posts"),
            field="work_post",
            explanation_nl=(
                "Een tweede beroepsverkennende stage in hetzelfde bedrijf moet over "
                "een andere werkpost of afdeling gaan. De eerdere stage was op: "
                "{earlier_posts}."
            ),
            predicate=_bvs_different_post,
        ),
        Rule(
            id="stage.bvs.worker_status",
            title_nl="Geen BVS voor artikel 60 of leerwerknemers",
            source="000 L3717–3718",
            inputs=("kind", "article_60", "learner_worker"),
            field="kind",
            explanation_nl=(
                "Een beroepsverkennende stage is niet mogelijk voor leerwerknemers "
                "of werknemers onder artikel 60; deze werknemer is {status}. "
                "Vraag je lokale VDAB-consulent naar een andere vorm."
            ),
            predicate=_bvs_status,
        ),
        Rule(
            id="stage.bvs.programme",
            title_nl="Driepartijenovereenkomst met programma",
            source="000 L3677–3684",
            inputs=("kind", "programme"),
            field="programme",
            explanation_nl=(
                "Voor een beroepsverkennende stage maak je een overeenkomst tussen "
                "drie partijen (stagiair, stagebedrijf en huidige werkgever) met "
                "een programma in bijlage: welke afdelingen, welke taken, hoe lang. "
                "Vul het programma in."
            ),
            predicate=_bvs_programme,
        ),
        Rule(
            id="stage.bvs.observation_only",
            title_nl="BVS: enkel observeren",
            source="000 L3665–3666, L3705–3711",
            inputs=("kind", "observation_only"),
            field="observation_only",
            explanation_nl=(
                "Tijdens een beroepsverkennende stage mag de stagiair niet "
                "bijdragen tot het economische proces van het stagebedrijf: het "
                "blijft bij observeren. Anders kan de sociale inspectie de stage "
                "als een verboden terbeschikkingstelling beoordelen."
            ),
            predicate=_bvs_observation,
        ),
        Rule(
            id="stage.tbs.worker_status",
            title_nl="Geen TBS voor artikel 60",
            source="000 L3648–3649",
            inputs=("kind", "article_60"),
            field="kind",
            explanation_nl=(
                "Werknemers onder artikel 60 komen niet in aanmerking voor een "
                "terbeschikkingstelling (TBS)."
            ),
            predicate=_tbs_status,
        ),
        Rule(
            id="stage.enclave.enterprise_contract",
            title_nl="Enclave: ondernemingscontract",
            source="000 L3722–3732",
            inputs=("kind", "enterprise_contract"),
            field="enterprise_contract",
            explanation_nl=(
                "Een enclave vraagt een ondernemingscontract tussen het SEC-bedrijf "
                "en de klant uit het NEC."
            ),
            predicate=_enclave_contract,
        ),
        Rule(
            id="stage.enclave.union_informed",
            title_nl="Enclave: vakbond op de hoogte",
            source="000 L3733–3739",
            inputs=("kind", "union_informed"),
            field="union_informed",
            explanation_nl=(
                "Bij een ondernemingscontract breng je de syndicale afvaardiging "
                "van het SEC-bedrijf zo snel mogelijk op de hoogte (en de "
                "ondernemingsraad en het CPBW op hun eerstvolgende vergadering)."
            ),
            predicate=_enclave_union,
        ),
    )
)


@dataclass(frozen=True)
class StageFacts:
    """What the stage rules need to know about one planned stage.

    Attributes
    ----------
    kind : str
        ``"BVS"``, ``"TBS"`` or ``"enclave"``.
    full_days, half_days : int
        Planned full and half working days (BVS).
    work_post : str
        The work post or department.
    earlier_bvs_work_posts : tuple of str
        Work posts of the person's earlier BVS stages at the same host.
    article_60, learner_worker : bool
        The worker's status.
    programme : str
        The programme attached to the three-party agreement.
    observation_only : bool
        The stagiair only observes (BVS).
    enterprise_contract, union_informed : bool
        Enclave: contract signed, union delegation informed.
    on : date or None
        The stage's start day: the rules' numbers in force then apply (None:
        today).
    """

    kind: str
    full_days: int = 0
    half_days: int = 0
    work_post: str = ""
    earlier_bvs_work_posts: tuple[str, ...] = field(default_factory=tuple)
    article_60: bool = False
    learner_worker: bool = False
    programme: str = ""
    observation_only: bool = True
    enterprise_contract: bool = False
    union_informed: bool = False
    on: date | None = None


def check_stage(facts: StageFacts) -> list[RuleResult]:
    """Run every stage rule on ``facts``.

    Examples
    --------
    >>> results = check_stage(StageFacts(kind="BVS", full_days=6, programme="x"))
    >>> [r.rule_id for r in broken(results)]
    ['stage.bvs.duration']
    """
    values = {name: getattr(facts, name) for name in StageFacts.__dataclass_fields__}
    values["on"] = facts.on or datetime.now(tz=BRUSSELS).date()
    return [
        rule.check(**{name: values[name] for name in rule.inputs})
        for rule in STAGE_RULES
    ]


def broken(results: Iterable[RuleResult]) -> list[RuleResult]:
    """The results whose rule is not respected."""
    return [r for r in results if not r.ok]
