"""The report as JSON, exactly the object of the report contract (§5)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doorstroom.domain.monitoring.report import Report


def render_json(report: Report) -> str:
    """Serialise a report: keys in report order, UTF-8 text, indent 2.

    Parameters
    ----------
    report
        The report.

    Returns
    -------
    str
        The JSON text, ending with a newline; suppressed figures are ``null``.
    """
    return json.dumps(report.data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
