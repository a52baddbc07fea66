"""Names for the web app's demo: persons, organisations and trajectory partners.

Person names are drawn from short built-in lists of first names and surnames that are
common in Flanders across generations (compiled by hand in the spirit of Statbel's
name statistics, including names of families with a migration background); they are
combined at random, so a name never points to a real person. Organisation and partner
names are invented compounds that end in "(fictief)", so nobody can mistake them for
the real organisations named in the seeds.
"""

from __future__ import annotations

import numpy as np

FIRST_NAMES_M = (
    "Jan",
    "Peter",
    "Marc",
    "Luc",
    "Patrick",
    "Dirk",
    "Geert",
    "Kris",
    "Bart",
    "Tom",
    "Wim",
    "Stefaan",
    "Filip",
    "Koen",
    "Johan",
    "Erik",
    "Danny",
    "Frank",
    "Guy",
    "Rudi",
    "Jos",
    "Eddy",
    "Pieter",
    "Thomas",
    "Jonas",
    "Wouter",
    "Kevin",
    "Steven",
    "Sven",
    "Nick",
    "Jeroen",
    "Dries",
    "Ruben",
    "Bram",
    "Lander",
    "Arne",
    "Jens",
    "Robbe",
    "Mohamed",
    "Ahmed",
    "Youssef",
    "Mustafa",
    "Ali",
    "Mehmet",
    "Hasan",
    "Piotr",
    "Tomasz",
    "Dimitri",
    "Samir",
    "Karim",
)
FIRST_NAMES_V = (
    "Maria",
    "Anne",
    "Ann",
    "Martine",
    "Christine",
    "Linda",
    "Rita",
    "Hilde",
    "Els",
    "Katrien",
    "Sofie",
    "Veerle",
    "Nathalie",
    "Sandra",
    "Kathleen",
    "Inge",
    "Griet",
    "Liesbeth",
    "Sarah",
    "Lotte",
    "Julie",
    "Laura",
    "Charlotte",
    "Eline",
    "Lien",
    "Marieke",
    "Jolien",
    "Ilse",
    "Nancy",
    "Monique",
    "Godelieve",
    "Lieve",
    "Fatima",
    "Khadija",
    "Aicha",
    "Samira",
    "Naima",
    "Elif",
    "Ayse",
    "Agnieszka",
    "Olga",
    "Nadia",
)
FIRST_NAMES_X = ("Sam", "Robin", "Kim", "Charlie", "Noa", "Alex", "Jo", "Sasha")
SURNAMES = (
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Hermans",
    "Aerts",
    "Pauwels",
    "Michiels",
    "Vermeulen",
    "Desmet",
    "Verstraete",
    "Claeys",
    "Martens",
    "Van Damme",
    "Stevens",
    "Lambrechts",
    "Segers",
    "Vandenberghe",
    "De Clercq",
    "Smets",
    "Cools",
    "Wuyts",
    "Van de Velde",
    "Coppens",
    "Verhaeghe",
    "Declercq",
    "Van Hoof",
    "Leysen",
    "Bogaerts",
    "Verbeke",
    "De Backer",
    "Vervoort",
    "Geerts",
    "Van den Broeck",
    "Hendrickx",
    "Dewulf",
    "Mahieu",
    "Vanhove",
    "Baert",
    "Moens",
    "Van Acker",
    "Deprez",
    "Lemmens",
    "Thys",
    "El Amrani",
    "Benali",
    "Bouzid",
    "El Idrissi",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Nowak",
    "Kowalski",
    "Popescu",
    "Diallo",
    "Nguyen",
)

#: Stems and endings of invented organisation names.
_STEMS = (
    "Klaver",
    "Linde",
    "Beuken",
    "Eiken",
    "Vlier",
    "Hazel",
    "Wilgen",
    "Distel",
    "Berken",
    "Iepen",
    "Zilver",
    "Koper",
    "Molen",
    "Kade",
    "Duinen",
    "Heide",
    "Polder",
    "Meersen",
    "Bronnen",
    "Vonder",
    "Horizon",
    "Noorder",
    "Zuider",
    "Ooster",
    "Wester",
    "Zonne",
    "Regenboog",
    "Vlinder",
    "Egel",
    "Reiger",
    "Zwaluw",
    "Merel",
    "Lijster",
    "Spreeuw",
)
_ENDINGS = (
    "werk",
    "hof",
    "hoeve",
    "veld",
    "kracht",
    "poort",
    "dal",
    "steeg",
    "gaard",
    "stroom",
    "kring",
    "brug",
    "haven",
    "wijk",
    "plein",
    "beek",
)

#: Kind of activity per NACE division, for NEC employer names.
_ACTIVITY = {
    "01": "Tuinbouw",
    "10": "Voeding",
    "22": "Kunststoffen",
    "25": "Metaalwerken",
    "41": "Bouwbedrijf",
    "43": "Installatie",
    "45": "Garage",
    "46": "Groothandel",
    "47": "Winkel",
    "49": "Transport",
    "52": "Logistiek",
    "55": "Hotel",
    "56": "Brasserie",
    "78": "Interim",
    "81": "Schoonmaak",
    "84": "Gemeentelijke dienst",
    "87": "Woonzorgcentrum",
    "88": "Thuiszorg",
}


def person_names(
    sexes: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Draw a first name fitting each sex code and a surname.

    Parameters
    ----------
    sexes
        ``M``, ``V``, ``X`` or ``""`` (unknown: any first name).
    rng
        The random generator.

    Returns
    -------
    tuple of numpy.ndarray
        First names and surnames (object arrays).
    """
    first = np.empty(sexes.size, dtype=object)
    pools = {"M": FIRST_NAMES_M, "V": FIRST_NAMES_V, "X": FIRST_NAMES_X}
    everyone = FIRST_NAMES_M + FIRST_NAMES_V + FIRST_NAMES_X
    for code in ("M", "V", "X", ""):
        mask = sexes == code
        pool = np.array(pools.get(code, everyone), dtype=object)
        first[mask] = pool[rng.integers(0, pool.size, int(mask.sum()))]
    surnames = np.array(SURNAMES, dtype=object)[
        rng.integers(0, len(SURNAMES), sexes.size)
    ]
    return first, surnames


def organisation_name(
    kind: str, number: int, municipality: str, division: str, rng: np.random.Generator
) -> str:
    """Invent an obviously fictional organisation name.

    Parameters
    ----------
    kind
        ``maatwerkbedrijf``, ``lde_initiatief``, ``nec_employer`` or ``interim``.
    number
        A running number, to keep names apart.
    municipality
        Where the organisation is based (may be empty).
    division
        The first two digits of its NACE code (may be empty).
    rng
        The random generator.

    Returns
    -------
    str
        A name such as ``"Maatwerkbedrijf Klaverhof Geel (fictief)"``.

    Examples
    --------
    >>> organisation_name("interim", 3, "", "78", np.random.default_rng(0)).endswith("(fictief)")
    True
    """
    word = f"{_STEMS[rng.integers(len(_STEMS))]}{_ENDINGS[rng.integers(len(_ENDINGS))]}"
    place = f" {municipality}" if municipality else ""
    if kind == "maatwerkbedrijf":
        return f"Maatwerkbedrijf {word}{place} (fictief)"
    if kind == "lde_initiatief":
        return f"Buurtdienst {word}{place} (fictief)"
    if kind == "interim":
        return f"Interim {word} {number} (fictief)"
    activity = _ACTIVITY.get(division, "Onderneming")
    return f"{activity} {word}{place} {number} (fictief)"


def partner_name(number: int) -> str:
    """Name of fictional trajectory partner ``number`` (1-based).

    Examples
    --------
    >>> partner_name(1)
    'Doorstroompartner Klaverbrug (fictief)'
    """
    stem = _STEMS[(number - 1) % len(_STEMS)]
    ending = ("brug", "poort", "kompas", "stap", "pad", "sprong")[(number - 1) % 6]
    return f"Doorstroompartner {stem}{ending} (fictief)"
