"""The organisation's readiness for doorstroom: the guide's self-assessment
("Organisatie doorstroomklaar?") as versioned TOML data, and its scoring."""

from __future__ import annotations

from .checklist import (
    READINESS_CHECKLIST,
    Checklist,
    ChecklistError,
    Reading,
    ScaleStep,
    Statement,
    Theme,
    builtin_checklists,
    get_checklist,
    load_checklist,
    parse_checklist,
)
from .scoring import (
    AnswersError,
    ReadinessScore,
    ThemeScore,
    check_answers,
    is_overdue,
    percent,
    score,
)

__all__ = [
    "READINESS_CHECKLIST",
    "AnswersError",
    "Checklist",
    "ChecklistError",
    "Reading",
    "ReadinessScore",
    "ScaleStep",
    "Statement",
    "Theme",
    "ThemeScore",
    "builtin_checklists",
    "check_answers",
    "get_checklist",
    "is_overdue",
    "load_checklist",
    "parse_checklist",
    "percent",
    "score",
]
