"""Hand-picked answers to the self-assessment, shared by the page and browser tests."""

from __future__ import annotations

#: Hand-picked answers. Theme by theme (akkoord 2, gedeeltelijk 1, niet akkoord 0):
#: visie 2+1+0 = 3/6 = 50%; werking 6/6 = 100%; coach 0/4 = 0%;
#: netwerk 1+1+2 = 4/6 = 66.7% -> 67%; overall 13/22 = 59.09% -> 59%.
ANSWERS = {
    "visie_doelstellingen": "akkoord",
    "visie_afgebakend": "gedeeltelijk",
    "visie_dagelijks_werk": "niet_akkoord",
    "werking_trajecten_pop": "akkoord",
    "werking_arbeidsvoorwaarden": "akkoord",
    "werking_methodieken": "akkoord",
    "coach_functieprofiel": "niet_akkoord",
    "coach_vorming": "niet_akkoord",
    "netwerk_visie_uitdragen": "gedeeltelijk",
    "netwerk_commercieel": "gedeeltelijk",
    "netwerk_bedrijfsleven": "akkoord",
}
