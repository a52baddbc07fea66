"""Deterministic synthetic persons, vacancies and group attributes.

For tests, the benchmark and the evaluation demo. Nothing here is real data.
Competences are those of the built-in ``sw_lde`` framework; vacancies come from
twelve job templates (warehouse, cleaning, kitchen, ...) with small random
adjustments; places are the built-in gazetteer's Flemish and Brussels postcodes.
Group attributes are drawn separately and never enter the ranking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.domain.competences import JobProfile, Requirement
from doorstroom.domain.matching.fairness import GroupAttributes
from doorstroom.domain.matching.geo import Gazetteer, TravelMode, builtin_gazetteer
from doorstroom.domain.matching.persons import MatchPerson
from doorstroom.domain.matching.terms import LanguageLevel, PhysicalDemand, Shift
from doorstroom.domain.matching.vacancies import Employer, Task, Vacancy

COMPETENCES = (
    "cooperation",
    "independence",
    "initiative",
    "flexibility",
    "learning_ability",
    "motivation",
    "accuracy",
    "discipline",
    "accepting_authority",
    "stress_resistance",
    "conflict_handling",
    "appearance",
    "physical_capacity",
    "literacy_numeracy",
    "communication",
    "dutch_language",
    "work_organisation",
)
_FLEMISH = frozenset({"ANT", "LIM", "OVL", "VBR", "WVL", "BRU"})

# (id, title, sector, requirements (competence, required, weight, cutoff),
#  tasks (id, name, share, competences), demands, shifts, language)
_TEMPLATES: tuple[tuple, ...] = (
    (
        "warehouse",
        "Magazijnmedewerker",
        "logistics",
        (
            ("accuracy", 3, 2, 2),
            ("work_organisation", 3, 1, None),
            ("physical_capacity", 3, 2, 2),
            ("cooperation", 2, 1, None),
            ("discipline", 3, 1, None),
            ("motivation", 3, 1, None),
        ),
        (
            ("picking", "Orders verzamelen", 0.5, ("accuracy", "work_organisation")),
            ("loading", "Laden en lossen", 0.3, ("physical_capacity",)),
            ("inventory", "Voorraad tellen", 0.2, ("accuracy", "literacy_numeracy")),
        ),
        ("heavy_lifting", "long_standing"),
        ("day", "early", "late"),
        "A2",
    ),
    (
        "cleaner",
        "Schoonmaker",
        "cleaning",
        (
            ("accuracy", 3, 2, None),
            ("independence", 3, 1, 2),
            ("discipline", 3, 1, None),
            ("physical_capacity", 2, 1, None),
            ("motivation", 3, 1, None),
        ),
        (
            ("offices", "Kantoren poetsen", 0.7, ("accuracy", "independence")),
            ("windows", "Ramen wassen", 0.3, ("physical_capacity",)),
        ),
        ("bending_kneeling", "repetitive_motion"),
        ("early", "late"),
        "A1",
    ),
    (
        "kitchen",
        "Keukenmedewerker",
        "hospitality",
        (
            ("stress_resistance", 3, 2, 2),
            ("cooperation", 3, 2, None),
            ("accuracy", 3, 1, None),
            ("flexibility", 3, 1, None),
            ("appearance", 2, 1, None),
            ("work_organisation", 2, 1, None),
        ),
        (
            ("prep", "Groenten voorbereiden", 0.4, ("accuracy",)),
            ("service", "Drukke service", 0.4, ("stress_resistance", "cooperation")),
            ("dishes", "Afwas", 0.2, ("work_organisation",)),
        ),
        ("long_standing",),
        ("day", "late", "weekend"),
        "A2",
    ),
    (
        "production",
        "Productiemedewerker",
        "manufacturing",
        (
            ("accuracy", 3, 2, 2),
            ("discipline", 3, 2, None),
            ("accepting_authority", 3, 1, None),
            ("cooperation", 2, 1, None),
            ("learning_ability", 2, 1, None),
        ),
        (
            ("line", "Werken aan de lijn", 0.7, ("accuracy", "discipline")),
            ("quality", "Kwaliteitscontrole", 0.3, ("accuracy", "learning_ability")),
        ),
        ("repetitive_motion", "noise", "long_standing"),
        ("early", "late", "night"),
        "A2",
    ),
    (
        "retail",
        "Winkelmedewerker",
        "retail",
        (
            ("communication", 3, 2, 2),
            ("appearance", 3, 1, None),
            ("flexibility", 3, 1, None),
            ("literacy_numeracy", 2, 1, None),
            ("dutch_language", 3, 2, None),
            ("cooperation", 3, 1, None),
        ),
        (
            ("shelves", "Rekken vullen", 0.4, ("flexibility",)),
            ("till", "Kassa", 0.3, ("literacy_numeracy", "communication")),
            ("customers", "Klanten helpen", 0.3, ("communication", "dutch_language")),
        ),
        ("long_standing",),
        ("day", "weekend"),
        "B1",
    ),
    (
        "care_assistant",
        "Logistiek assistent zorg",
        "care",
        (
            ("communication", 3, 2, None),
            ("cooperation", 3, 2, 2),
            ("stress_resistance", 3, 1, None),
            ("accuracy", 3, 1, None),
            ("dutch_language", 3, 1, 2),
            ("appearance", 3, 1, None),
        ),
        (
            ("meals", "Maaltijden rondbrengen", 0.4, ("communication", "cooperation")),
            ("rooms", "Kamers in orde brengen", 0.4, ("accuracy",)),
            ("stock", "Voorraad aanvullen", 0.2, ("accuracy",)),
        ),
        ("long_standing", "bending_kneeling"),
        ("day", "early", "late", "weekend"),
        "B1",
    ),
    (
        "green",
        "Groenarbeider",
        "green_maintenance",
        (
            ("physical_capacity", 3, 2, 2),
            ("cooperation", 3, 1, None),
            ("independence", 2, 1, None),
            ("discipline", 3, 1, None),
            ("motivation", 3, 1, None),
        ),
        (
            ("mowing", "Maaien en snoeien", 0.6, ("physical_capacity",)),
            ("planting", "Aanplanten", 0.4, ("cooperation", "independence")),
        ),
        ("outdoor", "heavy_lifting", "bending_kneeling", "noise"),
        ("day",),
        "A1",
    ),
    (
        "admin",
        "Administratief bediende",
        "services",
        (
            ("literacy_numeracy", 3, 2, 3),
            ("dutch_language", 4, 2, 3),
            ("accuracy", 3, 2, None),
            ("communication", 3, 1, None),
            ("work_organisation", 3, 1, None),
            ("learning_ability", 3, 1, None),
        ),
        (
            ("filing", "Dossiers klasseren", 0.4, ("accuracy", "work_organisation")),
            ("phone", "Telefoon", 0.3, ("communication", "dutch_language")),
            ("data", "Gegevens invoeren", 0.3, ("literacy_numeracy", "accuracy")),
        ),
        (),
        ("day",),
        "B2",
    ),
    (
        "driver_helper",
        "Bijrijder",
        "logistics",
        (
            ("physical_capacity", 3, 2, None),
            ("cooperation", 3, 1, None),
            ("appearance", 2, 1, None),
            ("discipline", 3, 1, 2),
            ("communication", 2, 1, None),
        ),
        (
            ("deliveries", "Leveringen", 0.7, ("physical_capacity", "cooperation")),
            ("signing", "Leverbonnen laten tekenen", 0.3, ("communication",)),
        ),
        ("heavy_lifting", "outdoor"),
        ("early", "day"),
        "A2",
    ),
    (
        "laundry",
        "Medewerker strijkatelier",
        "services",
        (
            ("accuracy", 3, 2, None),
            ("work_organisation", 2, 1, None),
            ("motivation", 3, 1, None),
            ("cooperation", 2, 1, None),
            ("independence", 2, 1, None),
        ),
        (
            ("ironing", "Strijken", 0.7, ("accuracy",)),
            ("counter", "Balie", 0.3, ("cooperation",)),
        ),
        ("long_standing", "repetitive_motion"),
        ("day",),
        "A1",
    ),
    (
        "assembly",
        "Assemblagemedewerker",
        "manufacturing",
        (
            ("accuracy", 4, 2, 3),
            ("learning_ability", 3, 1, None),
            ("discipline", 3, 1, None),
            ("work_organisation", 2, 1, None),
            ("stress_resistance", 2, 1, None),
        ),
        (
            ("assembly", "Monteren", 0.8, ("accuracy", "learning_ability")),
            ("packing", "Verpakken", 0.2, ("work_organisation",)),
        ),
        ("repetitive_motion",),
        ("day", "early", "late"),
        "A2",
    ),
    (
        "recycling",
        "Sorteerder recyclage",
        "recycling",
        (
            ("accuracy", 3, 1, None),
            ("physical_capacity", 3, 1, 2),
            ("cooperation", 2, 1, None),
            ("stress_resistance", 2, 1, None),
            ("discipline", 3, 2, None),
        ),
        (
            ("sorting", "Sorteren aan de band", 0.8, ("accuracy", "stress_resistance")),
            ("containers", "Containers wisselen", 0.2, ("physical_capacity",)),
        ),
        ("noise", "cold", "long_standing"),
        ("early", "late"),
        "A1",
    ),
)
SECTORS = tuple(sorted({template[2] for template in _TEMPLATES}))


def job_templates() -> tuple[JobProfile, ...]:
    """The job profiles behind the synthetic vacancies."""
    return tuple(
        JobProfile(
            template[0],
            template[1],
            tuple(
                Requirement(c, r, weight=w, cutoff=cut) for c, r, w, cut in template[3]
            ),
        )
        for template in _TEMPLATES
    )


@dataclass(frozen=True)
class SyntheticWorld:
    """Persons, their group attributes, vacancies and the hidden truth.

    Attributes
    ----------
    persons:
        Matching data per person.
    groups:
        Group attributes per person (same order), for the fairness report only.
    vacancies:
        Vacancies.
    true_levels:
        ``(persons, competences)`` hidden true levels in the order of
        :data:`COMPETENCES`; the observed levels are these plus assessment noise.
    gazetteer:
        The gazetteer the postcodes come from.
    """

    persons: tuple[MatchPerson, ...]
    groups: tuple[GroupAttributes, ...]
    vacancies: tuple[Vacancy, ...]
    true_levels: np.ndarray
    gazetteer: Gazetteer


def _pick(rng: np.random.Generator, items: Sequence[str], p: float) -> frozenset[str]:
    return frozenset(item for item in items if rng.random() < p)


def make_world(
    n_persons: int,
    n_vacancies: int,
    *,
    seed: int = 20260101,
    gazetteer: Gazetteer | None = None,
    unknown_share: float = 0.08,
) -> SyntheticWorld:
    """Build a deterministic synthetic region.

    Parameters
    ----------
    n_persons, n_vacancies:
        Sizes.
    seed:
        Same seed, same world.
    gazetteer:
        Places to use (default: the built-in one).
    unknown_share:
        Share of person competences left unassessed.

    Returns
    -------
    SyntheticWorld
    """
    gazetteer = gazetteer or builtin_gazetteer()
    rng = np.random.default_rng(seed)
    places = [
        pc
        for pc in gazetteer.postcodes
        if (place := gazetteer.lookup(pc)) and place.province in _FLEMISH
    ]
    n_c = len(COMPETENCES)
    ability = rng.normal(0.0, 0.7, size=(n_persons, 1))
    true_levels = np.clip(
        2.6 + ability + rng.normal(0.0, 0.6, size=(n_persons, n_c)), 1.0, 4.0
    )
    observed = np.clip(
        np.rint((true_levels + rng.normal(0.0, 0.35, size=true_levels.shape)) * 2) / 2,
        1.0,
        4.0,
    )
    unknown = rng.random(observed.shape) < unknown_share
    person_places = rng.integers(0, len(places), size=n_persons)
    shifts_all = tuple(Shift)
    modes_all = tuple(TravelMode)
    demands_all = tuple(PhysicalDemand)
    persons = []
    groups = []
    for i in range(n_persons):
        hours_min = float(rng.choice([0, 10, 19, 24]))
        hours_max = float(max(hours_min, rng.choice([19, 24, 30, 38, 38])))
        shifts = {Shift.DAY} | {
            s
            for s, p in zip(shifts_all[1:], (0.5, 0.5, 0.1, 0.25), strict=True)
            if rng.random() < p
        }
        modes = {TravelMode.WALK} | {
            m
            for m, p in zip(modes_all[1:], (0.65, 0.8, 0.35), strict=True)
            if rng.random() < p
        }
        levels = {
            COMPETENCES[c]: (None if unknown[i, c] else float(observed[i, c]))
            for c in range(n_c)
        }
        wished = _pick(rng, SECTORS, 0.15) if rng.random() < 0.25 else frozenset()
        no_go = _pick(rng, SECTORS, 0.08)
        persons.append(
            MatchPerson(
                id=f"p{i:07d}",
                levels=levels,
                postcode=places[person_places[i]],
                hours_min=hours_min,
                hours_max=hours_max,
                shifts=frozenset(shifts),
                travel_modes=frozenset(modes),
                max_travel_minutes=float(rng.choice([20, 30, 45, 45, 60, 75])),
                physical_limits=frozenset(
                    d for d in demands_all if rng.random() < 0.08
                ),
                language_level=LanguageLevel(int(rng.choice([1, 2, 2, 3, 3, 4, 5]))),
                wished_sectors=wished - no_go,
                no_go_sectors=no_go,
                no_go_employers=frozenset(),
                consent_matching=bool(rng.random() < 0.75),
            )
        )
        groups.append(
            GroupAttributes(
                person_id=f"p{i:07d}",
                sex=str(rng.choice(["M", "V", "X"], p=[0.55, 0.44, 0.01])),
                age_band=str(rng.choice(["<25", "25-54", "55+"], p=[0.15, 0.65, 0.2])),
                origin=str(rng.choice(["belg", "eu", "niet_eu"], p=[0.6, 0.15, 0.25])),
            )
        )
    templates = job_templates()
    vacancies = []
    n_employers = max(1, n_vacancies // 4)
    for j in range(n_vacancies):
        t = int(rng.integers(0, len(_TEMPLATES)))
        template = _TEMPLATES[t]
        base = templates[t]
        requirements = []
        for r in base.requirements:
            required = int(
                np.clip(int(r.required) + rng.choice([-1, 0, 0, 0, 1]), 1, 4)
            )
            cutoff = None if r.cutoff is None else min(int(r.cutoff), required)
            requirements.append(
                Requirement(r.competence_id, required, weight=r.weight, cutoff=cutoff)
            )
        employer = int(rng.integers(0, n_employers))
        vacancy_id = f"v{j:06d}"
        vacancies.append(
            Vacancy(
                id=vacancy_id,
                title=template[1],
                employer=Employer(f"e{employer:05d}", f"Werkgever {employer}"),
                sector=template[2],
                profile=JobProfile(vacancy_id, template[1], tuple(requirements)),
                hours=float(rng.choice([19, 24, 30, 32, 38, 38])),
                postcode=places[int(rng.integers(0, len(places)))],
                shifts=frozenset(
                    Shift(s)
                    for s in template[6]
                    if s == template[6][0] or rng.random() < 0.4
                ),
                tasks=tuple(
                    Task(tid, name, comps, share)
                    for tid, name, share, comps in template[4]
                ),
                physical_demands=frozenset(PhysicalDemand(d) for d in template[5]),
                language_level=LanguageLevel[template[7]],
                reachable_by=frozenset(
                    {TravelMode.WALK, TravelMode.CAR}
                    | ({TravelMode.BIKE} if rng.random() < 0.9 else set())
                    | ({TravelMode.PUBLIC_TRANSPORT} if rng.random() < 0.75 else set())
                ),
                source="synthetic",
            )
        )
    return SyntheticWorld(
        tuple(persons), tuple(groups), tuple(vacancies), true_levels, gazetteer
    )
