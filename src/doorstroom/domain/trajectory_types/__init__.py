"""Trajectory types as versioned TOML data (phases, steps, forms, documents)."""

from __future__ import annotations

from .aftercare import AftercareBand, add_months, planned_contacts
from .loader import (
    Phase,
    Step,
    TrajectoryType,
    TrajectoryTypeError,
    builtin_types,
    get_trajectory_type,
    latest_types,
    load_directory,
    load_trajectory_type,
    parse_trajectory_type,
)

__all__ = [
    "AftercareBand",
    "add_months",
    "planned_contacts",
    "Phase",
    "Step",
    "TrajectoryType",
    "TrajectoryTypeError",
    "builtin_types",
    "get_trajectory_type",
    "latest_types",
    "load_directory",
    "load_trajectory_type",
    "parse_trajectory_type",
]
