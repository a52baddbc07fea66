"""Provinces, and a small list of municipalities with their main postcode.

A short built-in list per province (the larger towns and a spread of smaller
municipalities), written from the Belgian postcode system: Brussels 1000-1299,
Vlaams-Brabant 1500-1999 and 3000-3499, Antwerpen 2000-2999, Limburg 3500-3999,
West-Vlaanderen 8000-8999, Oost-Vlaanderen 9000-9999. ``BUI`` (outside Flanders and
Brussels) uses Walloon municipalities near the language border, with their Dutch
names. Municipalities are picked with a weight, so the cities come up more often.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

#: (postcode, municipality, weight) per province code.
MUNICIPALITIES = MappingProxyType(
    {
        "ANT": (
            ("2000", "Antwerpen", 30),
            ("2100", "Deurne", 6),
            ("2170", "Merksem", 4),
            ("2660", "Hoboken", 4),
            ("2800", "Mechelen", 10),
            ("2300", "Turnhout", 6),
            ("2200", "Herentals", 3),
            ("2400", "Mol", 3),
            ("2440", "Geel", 4),
            ("2500", "Lier", 4),
            ("2640", "Mortsel", 2),
            ("2900", "Schoten", 3),
            ("2930", "Brasschaat", 3),
            ("2960", "Brecht", 2),
            ("2220", "Heist-op-den-Berg", 3),
            ("2390", "Malle", 1),
            ("2550", "Kontich", 2),
            ("2650", "Edegem", 2),
            ("2850", "Boom", 2),
            ("2830", "Willebroek", 2),
            ("2880", "Bornem", 2),
            ("2490", "Balen", 1),
            ("2380", "Ravels", 1),
        ),
        "LIM": (
            ("3500", "Hasselt", 14),
            ("3600", "Genk", 12),
            ("3700", "Tongeren", 4),
            ("3800", "Sint-Truiden", 6),
            ("3580", "Beringen", 5),
            ("3550", "Heusden-Zolder", 4),
            ("3520", "Zonhoven", 2),
            ("3530", "Houthalen-Helchteren", 4),
            ("3630", "Maasmechelen", 5),
            ("3680", "Maaseik", 3),
            ("3920", "Lommel", 4),
            ("3960", "Bree", 2),
            ("3590", "Diepenbeek", 2),
            ("3740", "Bilzen", 2),
            ("3770", "Riemst", 1),
            ("3650", "Dilsen-Stokkem", 2),
            ("3950", "Bocholt", 1),
            ("3570", "Alken", 1),
        ),
        "OVL": (
            ("9000", "Gent", 28),
            ("9300", "Aalst", 9),
            ("9100", "Sint-Niklaas", 8),
            ("9200", "Dendermonde", 4),
            ("9500", "Geraardsbergen", 3),
            ("9600", "Ronse", 3),
            ("9700", "Oudenaarde", 3),
            ("9900", "Eeklo", 3),
            ("9160", "Lokeren", 4),
            ("9120", "Beveren", 4),
            ("9140", "Temse", 2),
            ("9220", "Hamme", 2),
            ("9230", "Wetteren", 2),
            ("9240", "Zele", 2),
            ("9400", "Ninove", 3),
            ("9800", "Deinze", 3),
            ("9820", "Merelbeke", 2),
            ("9880", "Aalter", 2),
            ("9940", "Evergem", 2),
            ("9990", "Maldegem", 2),
        ),
        "VBR": (
            ("3000", "Leuven", 14),
            ("1800", "Vilvoorde", 8),
            ("3300", "Tienen", 5),
            ("3200", "Aarschot", 4),
            ("1500", "Halle", 6),
            ("1700", "Dilbeek", 4),
            ("1930", "Zaventem", 3),
            ("3290", "Diest", 3),
            ("3020", "Herent", 2),
            ("3070", "Kortenberg", 2),
            ("3080", "Tervuren", 2),
            ("1600", "Sint-Pieters-Leeuw", 3),
            ("1850", "Grimbergen", 3),
            ("1830", "Machelen", 2),
            ("3270", "Scherpenheuvel-Zichem", 2),
            ("3400", "Landen", 2),
            ("3150", "Haacht", 2),
            ("1650", "Beersel", 2),
            ("1740", "Ternat", 1),
        ),
        "WVL": (
            ("8000", "Brugge", 16),
            ("8500", "Kortrijk", 12),
            ("8400", "Oostende", 10),
            ("8800", "Roeselare", 9),
            ("8900", "Ieper", 5),
            ("8700", "Tielt", 3),
            ("8600", "Diksmuide", 2),
            ("8630", "Veurne", 2),
            ("8670", "Koksijde", 2),
            ("8370", "Blankenberge", 2),
            ("8450", "Bredene", 2),
            ("8530", "Harelbeke", 3),
            ("8560", "Wevelgem", 3),
            ("8790", "Waregem", 4),
            ("8930", "Menen", 4),
            ("8940", "Wervik", 2),
            ("8970", "Poperinge", 2),
            ("8820", "Torhout", 2),
            ("8760", "Meulebeke", 1),
            ("8610", "Kortemark", 1),
        ),
        "BRU": (
            ("1000", "Brussel", 10),
            ("1030", "Schaarbeek", 6),
            ("1070", "Anderlecht", 6),
            ("1080", "Sint-Jans-Molenbeek", 5),
            ("1090", "Jette", 3),
            ("1140", "Evere", 2),
            ("1020", "Laken", 3),
            ("1050", "Elsene", 4),
            ("1060", "Sint-Gillis", 3),
            ("1190", "Vorst", 3),
            ("1180", "Ukkel", 3),
            ("1081", "Koekelberg", 1),
            ("1083", "Ganshoren", 1),
        ),
        "BUI": (
            ("7700", "Moeskroen", 4),
            ("7500", "Doornik", 3),
            ("1300", "Waver", 2),
            ("1400", "Nijvel", 2),
            ("4000", "Luik", 2),
            ("7780", "Komen-Waasten", 2),
            ("1420", "Eigenbrakel", 2),
            ("5000", "Namen", 1),
        ),
    }
)


def pick_municipalities(
    provinces: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Draw a postcode and municipality for each province code.

    Parameters
    ----------
    provinces
        Province codes; an unknown province (``""``) gets empty values.
    rng
        The random generator.

    Returns
    -------
    tuple of numpy.ndarray
        Postcodes and municipality names (object arrays).
    """
    postcodes = np.full(provinces.size, "", dtype=object)
    names = np.full(provinces.size, "", dtype=object)
    for code, rows in MUNICIPALITIES.items():
        mask = provinces == code
        if not mask.any():
            continue
        weights = np.array([row[2] for row in rows], dtype=float)
        choice = rng.choice(len(rows), size=int(mask.sum()), p=weights / weights.sum())
        postcodes[mask] = np.array([row[0] for row in rows], dtype=object)[choice]
        names[mask] = np.array([row[1] for row in rows], dtype=object)[choice]
    return postcodes, names
