"""Street addresses in the forms used in Mexico, Central America, Colombia and English.

Covered: "calle Hidalgo número 123, colonia Centro", "Av. Insurgentes Sur
1234", "4a avenida 3-25 zona 1", "12 calle 4-56, zona 10 de Mixco",
"calle 5 # 12-34", "carrera 7 No. 45-67", Costa Rican directions by landmark
("100 metros al norte de la iglesia"), Honduran "colonia Kennedy, bloque 5,
casa 12" and English "123 Main Street, Apt. 4". A neighbourhood alone
("colonia Las Flores") is reported only after a cue such as "vive en" or
"domicilio", because neighbourhoods are also named in context-free prose.
"""

import re
from collections.abc import Iterator

from ..findings import Finding
from ..kinds import ADDRESS
from .base import cue_pattern, preceded_by, span_finding

_UP = r"[A-ZÁÉÍÓÚÑÜ]"
_WORD = rf"{_UP}[\wáéíóúñü.'-]*"
_NAME = rf"{_WORD}(?:\s+(?:de\s+(?:la\s+|los\s+|las\s+)?|del\s+|la\s+|las\s+|los\s+|el\s+)?{_WORD}){{0,4}}"
_NUMBER = r"(?:#\s*|n[úu]m(?:ero|\.)?\s*|no\.\s*|n°\s*|nro\.\s*)?\d{1,5}(?:\s?[A-Z])?(?:\s?-\s?\d{1,4}[A-Z]?)?"
_STREET_TYPE = (
    r"calle|avenida|av\.|avda\.|calzada|calz\.|boulevard|bulevar|blvd\.|carrera|cra\.|kr\.|diagonal"
    r"|transversal|callej[óo]n|pasaje|privada|priv\.|andador|circuito|cerrada|prolongaci[óo]n|camino"
    r"|carretera|paseo|perif[ée]rico|autopista"
)
_NEIGHBOURHOOD = (
    r"colonia|col\.|barrio|bo\.|residencial|res\.|fraccionamiento|fracc\.|urbanizaci[óo]n|lotificaci[óo]n"
    r"|reparto|condominio|aldea|caser[íi]o|cant[óo]n|unidad habitacional|conjunto habitacional|villa"
)
# Trailing parts: ", colonia Centro", ", zona 1", ", casa 12", ", interior 4", ", C.P. 06700".
_TAIL = (
    rf"(?:,?\s+(?:(?:{_NEIGHBOURHOOD})\s+{_NAME}"
    r"|zona\s+\d{1,2}|casa\s+(?:n[úu]mero\s+|no\.\s*|#\s*)?\d+[A-Z]?|bloque\s+\w+|lote\s+\d+|manzana\s+\w+"
    r"|(?:interior|int\.|depto\.|departamento|apartamento|apto\.|piso)\s+\w+|c\.\s?p\.\s*\d{5}"
    r"|código postal\s+\d{5}))*"
)

_SPANISH_STREET = re.compile(
    # "4a avenida 3-25", "12 calle 4-56" (Guatemalan grid), optionally with a letter: "3a. calle A".
    rf"(?:\b\d{{1,2}}(?:a|ª|o|º)?\.?\s+(?:avenida|calle|av\.)(?:\s+[A-Z]\b)?\s+{_NUMBER}"
    # "calle 5 # 12-34", "carrera 7 No. 45-67", "calle Hidalgo número 123", "Av. Insurgentes Sur 1234".
    rf"|\b(?:{_STREET_TYPE})\s+(?:{_NAME}|\d{{1,3}}(?:\s?[A-Z]\b)?(?:\s+(?:bis|sur|norte|este|oeste))?)\s*,?\s+{_NUMBER}"
    # "calle Los Pinos, colonia Centro"
    rf"|\b(?:{_STREET_TYPE})\s+{_NAME}(?=,?\s+(?:{_NEIGHBOURHOOD}|zona|casa)\b))"
    rf"{_TAIL}",
    re.IGNORECASE,
)
# "colonia Kennedy, bloque 5, casa 1234" - a neighbourhood followed by a house.
_NEIGHBOURHOOD_HOUSE = re.compile(
    rf"\b(?:{_NEIGHBOURHOOD})\s+{_NAME}(?:,?\s+(?:bloque|lote|manzana|pasaje|senda|sector|etapa)\s+\w+)*"
    r",?\s+casa\s+(?:n[úu]mero\s+|no\.\s*|#\s*)?\d+[A-Z]?",
    re.IGNORECASE,
)
_NEIGHBOURHOOD_ONLY = re.compile(rf"\b(?:{_NEIGHBOURHOOD})\s+{_NAME}{_TAIL}", re.IGNORECASE)
_DOMICILE_CUE = cue_pattern(
    r"vive|viv[íi]a|resid[eií]|habita|domicilio|domiciliad[oa]|direcci[óo]n|se mud[óo]|casa de|lives|lived"
    r"|resides|resided|address|home",
    gap=25,
)
# Costa Rican and Nicaraguan addresses by landmark: "100 metros al norte de la iglesia católica".
_LANDMARK = re.compile(
    r"\b\d{2,4}\s+(?:metros|varas|m)\s+(?:al\s+)?(?:norte|sur|este|oeste|noreste|noroeste|sureste|suroeste)"
    r"(?:\s+y\s+\d{2,4}\s+(?:metros|varas|m)\s+(?:al\s+)?(?:norte|sur|este|oeste))?"
    r"\s+(?:de|del)\s+[^,.;\n]{3,60}",
    re.IGNORECASE,
)
_ENGLISH_STREET_TYPE = (
    r"Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Ln\.|Drive|Dr\.|Court|Ct\.|Way|Place|Pl\."
    r"|Terrace|Highway|Hwy\.|Crescent|Close|Parkway|Pkwy\.|Alley|Circle"
)
_ENGLISH_STREET = re.compile(
    rf"(?:#\s?)?\b\d{{1,5}}[A-Z]?\s+(?:[NSEW]\.?\s+)?(?:{_WORD}\s+){{1,3}}(?:{_ENGLISH_STREET_TYPE})(?!\w)"
    r"(?:,?\s+(?:Apt\.?|Apartment|Unit|Suite|Flat|#)\s*\w+)?"
)


def find_addresses(text: str, language: str) -> Iterator[Finding]:
    for pattern in (_SPANISH_STREET, _NEIGHBOURHOOD_HOUSE, _ENGLISH_STREET):
        for match in pattern.finditer(text):
            yield span_finding(ADDRESS, text, match.start(), match.end(), 0.88)
    for match in _LANDMARK.finditer(text):
        yield span_finding(ADDRESS, text, match.start(), match.end(), 0.85)
    for match in _NEIGHBOURHOOD_ONLY.finditer(text):
        if preceded_by(_DOMICILE_CUE, text, match.start()):
            yield span_finding(ADDRESS, text, match.start(), match.end(), 0.8)
