"""The Examples sections of the matching docstrings run as doctests."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["geo", "terms", "evaluation"])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"doorstroom.domain.matching.{name}")
    failures, tried = doctest.testmod(module)
    assert tried > 0
    assert failures == 0
