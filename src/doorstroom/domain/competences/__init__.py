"""Competences: frameworks, assessments, agreement, gap assessment and POP (pure Python).

The guide's competence gap assessment (competentie(afstands)meting) as domain
values and functions; the Django app stores and shows them. See
``docs/competences.md`` for the model and the formulas.

* :mod:`.scales` - the four levels (Onvoldoende ... Zeer goed) and "niet geobserveerd";
* :mod:`.frameworks`, :mod:`.framework_files` - versioned frameworks as data, derive;
* :mod:`.assessments` - rounds, raters, STARR notes, consensus, history;
* :mod:`.agreement` - weighted kappa, ICC(2,1), Dutch readings;
* :mod:`.observation` - WAKKER observation plans (max. 6 persons at once);
* :mod:`.job_profiles`, :mod:`.distance` - job profiles and the gap assessment;
* :mod:`.pop` - POP action library, proposals, yearly check;
* :mod:`.esco` - importer for the ESCO CSV download;
* :mod:`.charts` - radar and growth chart data (Plotly optional).
"""

from __future__ import annotations

from doorstroom.domain.competences.agreement import (
    AgreementResult,
    icc_2_1,
    icc_label_nl,
    kappa_label_nl,
    round_agreement,
    weighted_kappa,
)
from doorstroom.domain.competences.assessments import (
    DEFAULT_POLICY,
    OTHERS_POLICY,
    SELF_POLICY,
    AssessmentError,
    AssessmentRound,
    ConsensusPolicy,
    HistoryPoint,
    RaterRole,
    RaterSheet,
    Rating,
    SelfOtherComparison,
    StarrNote,
    TravelledDistance,
    competence_history,
    consensus_levels,
    distance_travelled,
    levels_from_mapping,
    self_vs_others,
    validate_round,
)
from doorstroom.domain.competences.charts import growth_series, radar_data, radar_figure
from doorstroom.domain.competences.distance import (
    CompetenceGap,
    DistanceResult,
    GapStatus,
    distance,
)
from doorstroom.domain.competences.esco import (
    EscoData,
    EscoImportError,
    EscoOccupation,
    EscoSkill,
    draft_job_profile,
    load_esco,
)
from doorstroom.domain.competences.framework_files import (
    BUILTIN_FRAMEWORK_IDS,
    FrameworkFileError,
    builtin_framework,
    builtin_frameworks,
    framework_from_dict,
    load_framework,
)
from doorstroom.domain.competences.frameworks import (
    BehaviourIndicator,
    Competence,
    CompetenceGroup,
    Framework,
    FrameworkChanges,
    FrameworkError,
    FrameworkRef,
    derive,
    find_framework,
    framework_to_dict,
)
from doorstroom.domain.competences.job_profiles import (
    JobProfile,
    JobProfileError,
    Requirement,
    job_profile_from_dict,
    job_profile_to_dict,
    validate_job_profile,
)
from doorstroom.domain.competences.observation import (
    MAX_PERSONS_AT_ONCE,
    ObservationError,
    ObservationPlan,
    ObservationStep,
    check_observer_load,
)
from doorstroom.domain.competences.pop import (
    ActionLibraryError,
    CompetenceKind,
    PopAction,
    PopActionLibrary,
    PopActionTemplate,
    builtin_action_library,
    load_action_library,
    pop_is_outdated,
    propose_pop,
)
from doorstroom.domain.competences.scales import Level, level_label_nl, parse_level

__all__ = [
    "BUILTIN_FRAMEWORK_IDS",
    "DEFAULT_POLICY",
    "MAX_PERSONS_AT_ONCE",
    "OTHERS_POLICY",
    "SELF_POLICY",
    "ActionLibraryError",
    "AgreementResult",
    "AssessmentError",
    "AssessmentRound",
    "BehaviourIndicator",
    "Competence",
    "CompetenceGap",
    "CompetenceGroup",
    "CompetenceKind",
    "ConsensusPolicy",
    "DistanceResult",
    "EscoData",
    "EscoImportError",
    "EscoOccupation",
    "EscoSkill",
    "Framework",
    "FrameworkChanges",
    "FrameworkError",
    "FrameworkFileError",
    "FrameworkRef",
    "GapStatus",
    "HistoryPoint",
    "JobProfile",
    "JobProfileError",
    "Level",
    "ObservationError",
    "ObservationPlan",
    "ObservationStep",
    "PopAction",
    "PopActionLibrary",
    "PopActionTemplate",
    "Rating",
    "RaterRole",
    "RaterSheet",
    "Requirement",
    "SelfOtherComparison",
    "StarrNote",
    "TravelledDistance",
    "builtin_action_library",
    "builtin_framework",
    "builtin_frameworks",
    "check_observer_load",
    "competence_history",
    "consensus_levels",
    "derive",
    "distance",
    "distance_travelled",
    "draft_job_profile",
    "find_framework",
    "framework_from_dict",
    "framework_to_dict",
    "growth_series",
    "icc_2_1",
    "icc_label_nl",
    "job_profile_from_dict",
    "job_profile_to_dict",
    "kappa_label_nl",
    "level_label_nl",
    "levels_from_mapping",
    "load_action_library",
    "load_esco",
    "load_framework",
    "parse_level",
    "pop_is_outdated",
    "propose_pop",
    "radar_data",
    "radar_figure",
    "round_agreement",
    "self_vs_others",
    "validate_job_profile",
    "validate_round",
    "weighted_kappa",
]
