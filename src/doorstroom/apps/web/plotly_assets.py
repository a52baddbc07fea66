"""plotly.js and its stylesheet, served from the installed ``plotly`` package.

Plotly.js normally injects its CSS rules in ``<style>`` elements, which a strict
Content Security Policy (no inline style) blocks. Plotly.js skips that when the
page already has an element ``#plotly.js-style-global.no-inline-styles``, and the
bundled MapLibre skips its own when an element with its (hash) id exists. So we
link one stylesheet, built from the rules found in the bundled ``plotly.min.js``,
under each of those ids (:func:`style_ids`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_STRING = r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'"
_RULES = re.compile(r"\{(\"X,X div\":.*?)\};for\(", re.S)
_PAIR = re.compile(rf"({_STRING}):({_STRING})")
_INJECTED = re.compile(
    r'createElement\("style"\);\w+\.id="([0-9a-f]{16,})",\w+\.textContent='
    + rf"({_STRING})"
)
#: The id plotly.js looks for before it injects its global rules.
GLOBAL_STYLE_ID = "plotly.js-style-global"


def _unescape(literal: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), literal[1:-1]
    )


def _bundle_path() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@lru_cache(maxsize=1)
def plotly_js() -> bytes:
    """The minified plotly.js bundle shipped with the Python package."""
    return _bundle_path().read_bytes()


@lru_cache(maxsize=1)
def plotly_css() -> str:
    """plotly.js's global CSS rules as a stylesheet (empty if not found)."""
    text = plotly_js().decode("utf-8", errors="replace")
    match = _RULES.search(text)
    rules = []
    for key, value in _PAIR.findall(match.group(1)) if match else ():
        selector = (
            key[1:-1]
            .replace(",", " ,", 1 if key[1:2] == "," else 0)
            .replace("X", ".js-plotly-plot .plotly")
            .replace("Y", ".plotly-notifier")
        )
        rules.append(f"{selector}{{{value[1:-1]}}}")
    rules.extend(_unescape(css) for _id, css in _INJECTED.findall(text))
    return "\n".join(rules) + "\n"


@lru_cache(maxsize=1)
def style_ids() -> tuple[str, ...]:
    """Ids of the ``<style>`` elements the bundle would inject (global first)."""
    text = plotly_js().decode("utf-8", errors="replace")
    return (GLOBAL_STYLE_ID, *(i for i, _css in _INJECTED.findall(text)))
