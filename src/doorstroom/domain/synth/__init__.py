"""Synthetic Flemish population for the monitoring engine (pure Python, no Django).

:func:`generate` writes the six CSV files of the monitoring contract for a
deterministic, calibrated population; ``docs/synth.md`` describes the model. The
names below are imported on first use, so that importing the package (as the
command line does to list its commands) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from doorstroom.domain.synth.generator import SynthSummary, generate
    from doorstroom.domain.synth.parameters import DEFAULT_PERSONS

__all__ = ["DEFAULT_PERSONS", "SynthSummary", "generate"]


def __getattr__(name: str) -> Any:
    if name in ("SynthSummary", "generate"):
        from doorstroom.domain.synth import generator

        return getattr(generator, name)
    if name == "DEFAULT_PERSONS":
        from doorstroom.domain.synth import parameters

        return parameters.DEFAULT_PERSONS
    raise AttributeError(name)
