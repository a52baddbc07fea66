"""Rules of the guide and the advices as data: id, source, inputs, Dutch explanation.

Importing the package registers every rule in :data:`REGISTRY`.
"""

from __future__ import annotations

from .base import REGISTRY, Rule, RuleRegistry, RuleResult
from .parameters import Parameter, ParameterSet, param, using_parameters
from .reminders import ReminderFacts, due_reminders
from .stages import StageFacts, broken, check_stage

__all__ = [
    "REGISTRY",
    "Parameter",
    "ParameterSet",
    "ReminderFacts",
    "Rule",
    "RuleRegistry",
    "RuleResult",
    "StageFacts",
    "broken",
    "check_stage",
    "due_reminders",
    "param",
    "using_parameters",
]
