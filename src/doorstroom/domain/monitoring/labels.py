"""Dutch labels for the codes of the monitoring report, in one place.

The report renderers (xlsx, html) and the web dashboard read their headings from
here, so that a code is called the same everywhere. Codes stay English or Dutch
identifiers as the contract fixes them; only the labels are for people.
"""

from __future__ import annotations

#: Indicators, in report order.
INDICATOR_LABELS: dict[str, str] = {
    "doorstroom": "Doorstroom naar het NEC",
    "doorstroom_rate": "Doorstroomgraad",
    "sec_nec_sec": "Terugkeer naar de sociale economie (SEC-NEC-SEC)",
    "durable_doorstroom_12m": "Duurzame doorstroom (12 maanden)",
    "doorstroomklaar_advices": "Adviezen 'doorstroomklaar'",
    "trajectories_started": "Gestarte doorstroomtrajecten",
    "trajectories_ended": "Beëindigde doorstroomtrajecten",
    "status_at_as_of": "Situatie op de peildatum (personen)",
}

#: Short names (at most 31 characters: spreadsheet sheet names).
INDICATOR_SHORT_LABELS: dict[str, str] = {
    "doorstroom": "Doorstroom",
    "doorstroom_rate": "Doorstroomgraad",
    "sec_nec_sec": "SEC-NEC-SEC",
    "durable_doorstroom_12m": "Duurzame doorstroom",
    "doorstroomklaar_advices": "Doorstroomklare adviezen",
    "trajectories_started": "Gestarte trajecten",
    "trajectories_ended": "Beëindigde trajecten",
    "status_at_as_of": "Situatie op peildatum",
}

#: What one counted unit is, per indicator.
INDICATOR_UNITS: dict[str, str] = {
    "doorstroom": "doorstroommomenten (per WOP-dossier)",
    "doorstroom_rate": "afgesloten WOP-dossiers",
    "sec_nec_sec": "nieuwe WOP-dossiers in de SEC na doorstroom",
    "durable_doorstroom_12m": "doorstroommomenten",
    "doorstroomklaar_advices": "adviezen",
    "trajectories_started": "trajecten",
    "trajectories_ended": "trajecten",
    "status_at_as_of": "personen",
}

DIMENSION_LABELS: dict[str, str] = {
    "total": "Totaal",
    "province": "Provincie",
    "year": "Jaar",
    "instrument": "Instrument",
    "age_band": "Leeftijd",
    "sex": "Geslacht",
    "sector": "Sector (NACE-afdeling)",
    "partner": "Partner",
    "end_reason": "Reden van beëindiging",
    "stage": "Stage",
    "status": "Situatie",
    "employer": "Werkgever",
    "months_to_return": "Maanden tot terugkeer",
    "education": "Opleidingsniveau",
    "se_years": "Jaren in de sociale economie",
}

#: Parts of a cell: durability classes and the counts of a rate.
PART_LABELS: dict[str, str] = {
    "durable": "Duurzaam",
    "pending": "Nog in opvolging",
    "niet_duurzaam": "Niet duurzaam",
    "numerator": "Teller",
    "denominator": "Noemer",
    "rate": "Percentage",
    "count": "Aantal",
}

UNKNOWN_LABEL = "Onbekend"

CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "education": {"laag": "Laag", "midden": "Midden", "hoog": "Hoog"},
    "se_years": {"<2": "Minder dan 2 jaar", "2-4": "2 tot 4 jaar", "5-9": "5 tot 9 jaar",
                 "10+": "10 jaar of meer"},
    "province": {
        "ANT": "Antwerpen",
        "LIM": "Limburg",
        "OVL": "Oost-Vlaanderen",
        "VBR": "Vlaams-Brabant",
        "WVL": "West-Vlaanderen",
        "BRU": "Brussel",
        "BUI": "Buiten Vlaanderen en Brussel",
    },
    "instrument": {
        "CM": "Collectief maatwerk",
        "LDE": "Lokale diensteneconomie",
        "IM": "Individueel maatwerk",
    },
    "age_band": {
        "<25": "Jonger dan 25",
        "25-54": "25 tot 54 jaar",
        "55+": "55 jaar en ouder",
    },
    "sex": {"M": "Man", "V": "Vrouw", "X": "X"},
    "end_reason": {
        "werk_nec": "Werk in het NEC",
        "werk_sec": "Werk in de SEC",
        "stopzetting_werknemer": "Stopgezet door de werknemer",
        "stopzetting_partner": "Stopgezet door de partner",
        "ziekte": "Ziekte",
        "andere": "Andere reden",
    },
    "stage": {"zonder_stage": "Zonder stage", "met_stage": "Met stage"},
    "status": {
        "nec_zonder_wop": "Werkt in het NEC zonder WOP",
        "nec_met_wop": "Werkt in het NEC met WOP",
        "sec": "Werkt in de SEC",
        "niet_aan_het_werk": "Niet aan het werk",
    },
    "employer": {
        "zelfde_werkgever": "Zelfde werkgever (interne doorstroom)",
        "andere_werkgever": "Andere werkgever (externe doorstroom)",
    },
    "months_to_return": {
        "0-5": "0 tot 5 maanden",
        "6-11": "6 tot 11 maanden",
        "12-23": "12 tot 23 maanden",
        "24+": "24 maanden of meer",
    },
}

#: Text for a suppressed figure and the legend that explains it.
SUPPRESSED_MARK = "×"
SUPPRESSION_LEGEND = (
    "× = niet gepubliceerd (statistische geheimhouding): een aantal kleiner dan "
    "{threshold} (< {threshold}), of een aantal dat verborgen is om zo'n klein "
    "aantal te beschermen (secundaire geheimhouding). Een percentage ontbreekt "
    "wanneer de teller of de noemer niet gepubliceerd is."
)


def indicator_label(indicator: str) -> str:
    """The Dutch name of an indicator (its code when unknown).

    Examples
    --------
    >>> indicator_label("doorstroom_rate")
    'Doorstroomgraad'
    """
    return INDICATOR_LABELS.get(indicator, indicator)


def dimension_label(dimension: str) -> str:
    """The Dutch name of a breakdown, e.g. ``Provincie`` for ``province``."""
    return DIMENSION_LABELS.get(dimension, dimension)


def part_label(part: str) -> str:
    """The Dutch name of a durability class or rate part."""
    return PART_LABELS.get(part, part)


def category_label(dimension: str, code: str) -> str:
    """The Dutch label of a category code within a breakdown.

    Years, NACE divisions and partner names stay as they are; ``onbekend`` is
    ``Onbekend`` everywhere.

    Examples
    --------
    >>> category_label("province", "BUI")
    'Buiten Vlaanderen en Brussel'
    >>> category_label("year", "onbekend")
    'Onbekend'
    >>> category_label("sector", "47")
    '47'
    """
    if code == "onbekend":
        return UNKNOWN_LABEL
    return CATEGORY_LABELS.get(dimension, {}).get(code, str(code))


def suppression_reason_label(reason: str, threshold: int) -> str:
    """A suppression reason of the report in Dutch.

    Examples
    --------
    >>> suppression_reason_label("below 10", 10)
    'kleiner dan 10'
    >>> suppression_reason_label("secondary: protects doorstroom.province.BRU", 10)
    'secundair: beschermt doorstroom.province.BRU'
    >>> suppression_reason_label("numerator suppressed", 10)
    'teller niet gepubliceerd'
    """
    if reason.startswith("below"):
        return f"kleiner dan {threshold}"
    if reason.startswith("secondary: protects "):
        return "secundair: beschermt " + reason.removeprefix("secondary: protects ")
    parts = {"numerator": "teller", "denominator": "noemer"}
    if reason.endswith(" suppressed"):
        named = reason.removesuffix(" suppressed").split(" and ")
        return " en ".join(parts.get(p, p) for p in named) + " niet gepubliceerd"
    return reason
