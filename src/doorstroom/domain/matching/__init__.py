"""Matching: vacancies in competence language, ranking both ways, jobcarving, evaluation.

Pure Python and NumPy; never imports Django. See ``docs/matching.md`` for the
model and the formulas.

* :mod:`.terms` - shifts, physical demands, CEFR language levels;
* :mod:`.vacancies` - vacancies, all-or-nothing CSV/JSON/feed import;
* :mod:`.persons` - the person's matching data (no group attributes);
* :mod:`.geo` - postcodes, distances, travel time per mode;
* :mod:`.constraints` - hard constraints with reasons and margins;
* :mod:`.ranking` - vectorised fit, top-k both ways, ``explain``;
* :mod:`.carving` - jobcarving proposals and hints;
* :mod:`.evaluation` - precision@10 and MAP against recorded outcomes;
* :mod:`.fairness` - match rates per group, after ranking;
* :mod:`.synthetic` - deterministic synthetic regions.
"""

from __future__ import annotations

from doorstroom.domain.matching.carving import (
    CarvingProposal,
    TaskHint,
    carve_vacancy,
    carving_hints,
    propose_carving,
)
from doorstroom.domain.matching.constraints import (
    ConstraintCheck,
    ConstraintKind,
    ConstraintReport,
    ConstraintSettings,
    check_constraints,
)
from doorstroom.domain.matching.evaluation import (
    EvaluationResult,
    Outcome,
    OutcomeStatus,
    average_precision,
    evaluate,
    load_outcomes_csv,
    precision_at_k,
    synthetic_outcomes,
    write_outcomes_csv,
)
from doorstroom.domain.matching.fairness import (
    GroupAttributes,
    GroupRate,
    fairness_report,
)
from doorstroom.domain.matching.geo import (
    Gazetteer,
    GeoError,
    Place,
    TravelMode,
    allowed_km,
    builtin_gazetteer,
    load_gazetteer,
    travel_minutes,
)
from doorstroom.domain.matching.persons import (
    MatchPerson,
    PersonError,
    person_from_dict,
    person_to_dict,
)
from doorstroom.domain.matching.ranking import (
    MatchExplanation,
    MatchIndex,
    RankedMatch,
    TopK,
    explain,
    rank_candidates,
    rank_vacancies,
)
from doorstroom.domain.matching.terms import LanguageLevel, PhysicalDemand, Shift
from doorstroom.domain.matching.vacancies import (
    Employer,
    ImportProblem,
    RecordedFeed,
    Task,
    Vacancy,
    VacancyFeed,
    VacancyImportError,
    adjust_profile,
    import_feed,
    load_vacancies_csv,
    load_vacancies_json,
    vacancies_from_csv_text,
    vacancies_from_json_text,
)

__all__ = [
    "CarvingProposal",
    "ConstraintCheck",
    "ConstraintKind",
    "ConstraintReport",
    "ConstraintSettings",
    "Employer",
    "EvaluationResult",
    "Gazetteer",
    "GeoError",
    "GroupAttributes",
    "GroupRate",
    "ImportProblem",
    "LanguageLevel",
    "MatchExplanation",
    "MatchIndex",
    "MatchPerson",
    "Outcome",
    "OutcomeStatus",
    "PersonError",
    "PhysicalDemand",
    "Place",
    "RankedMatch",
    "RecordedFeed",
    "Shift",
    "Task",
    "TaskHint",
    "TopK",
    "TravelMode",
    "Vacancy",
    "VacancyFeed",
    "VacancyImportError",
    "adjust_profile",
    "allowed_km",
    "average_precision",
    "builtin_gazetteer",
    "carve_vacancy",
    "carving_hints",
    "check_constraints",
    "evaluate",
    "explain",
    "fairness_report",
    "import_feed",
    "load_gazetteer",
    "load_outcomes_csv",
    "load_vacancies_csv",
    "load_vacancies_json",
    "person_from_dict",
    "person_to_dict",
    "precision_at_k",
    "propose_carving",
    "rank_candidates",
    "rank_vacancies",
    "synthetic_outcomes",
    "travel_minutes",
    "vacancies_from_csv_text",
    "vacancies_from_json_text",
    "write_outcomes_csv",
]
