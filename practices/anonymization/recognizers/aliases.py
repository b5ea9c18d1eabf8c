"""People named without their name: aliases and nicknames, and the initials of minors.

An alias follows a cue ("alias «El Chino»", "apodado 'El Flaco'", "known as
'Flaco'", "(a) La Güera") or sits in quotes inside a name
(Juan "El Chapo" Pérez). After the weaker cues "known as" and "conocido
como", organisations and operations ("known as 'Los Zetas'") are not aliases.

Initials that stand for a child ("la menor J.M.R.", "the minor identified as
K.L.") are reported after a cue; a bare "A.B.C." is reported with a lower
score, and common abbreviations ("EE.UU.", "S.A. de C.V.") never are.
"""

import re
from collections.abc import Iterator

from ..findings import Finding
from ..kinds import ALIAS, MINOR_INITIALS, PERSON_NAME
from .base import cue_pattern, preceded_by, span_finding
from .names import PSEUDONYM

_UP = "A-ZÁÉÍÓÚÑÜ"
_QUOTED = (
    r"(?:«(?P<q1>[^»\n]{2,40})»|\"(?P<q2>[^\"\n]{2,40})\"|“(?P<q3>[^”\n]{2,40})”"
    r"|‘(?P<q4>[^’\n]{2,40})’|'(?P<q5>[^'\n]{2,40})')"
)
_BARE = (
    # A cue word is never the alias: "le decían alias «El Chino»" is read from its second cue.
    rf"(?P<bare>(?!(?:alias|apodo|mote|sobrenombre|nickname)\b)"
    rf"(?:(?:(?:El|La|Los|Las|The|Big|Little|Don|Doña)[ \t]+)?[{_UP}][\w-]+"
    rf"(?:[ \t]+(?:de[ \t]+|del[ \t]+)?[{_UP}][\w-]+){{0,2}}|[a-záéíóúñ]{{3,15}}(?=[\s,.;)])))"
)
_STRONG_CUE = (
    r"alias|a\.?k\.?a\.?|apodad[oa]|apodo|sobrenombre|mote|\(a\)|nickname[d]?|street name|moniker|seudónimo|pseudónimo"
)
_WEAK_CUE = (
    r"conoc(?:id[oa]s?|[íi]an|[íi]a|en)\s+como|(?:went|goes|go|going)\s+by\s+the\s+name(?:\s+of)?"
    r"|by\s+the\s+name\s+of|under\s+the\s+name|referred\s+to\s+(?:[\w]+\s+){0,4}?as"
    r"|se\s+refer[íi]an\s+a\s+(?:[\w]+\s+){0,3}?como|le\s+llamaban|known\s+as"
    r"|llamad[oa]\s+por\s+sus\s+(?:compañeros|cómplices)\s+|who\s+goes\s+by|que\s+se\s+hac[ei]a?\s+llamar"
    r"|went\s+by|goes\s+by|le\s+dec[íi]an|they\s+called\s+(?:him|her)"
)
# An alias is on the same line as its cue: a table's "Alias" header is not followed by the alias itself.
_ALIAS = re.compile(
    rf"(?P<cue>\b(?:{_STRONG_CUE})|\b(?:{_WEAK_CUE}))"
    rf"(?:[ \t]+(?:de|como|as|was|is|el|la))?[ \t]*[:,]?[ \t]*(?:{_QUOTED}|{_BARE})",
    re.IGNORECASE,
)
_INLINE_NICKNAME = re.compile(
    rf"(?P<first>\b[{_UP}][a-záéíóúñü]+)\s+(?:{_QUOTED})\s+(?P<last>[{_UP}][a-záéíóúñü]+(?:\s+[{_UP}][a-záéíóúñü]+)?)"
)
_NOT_PERSONAL = re.compile(
    r"\b(?:c[áa]rtel|cartel|operaci[óo]n|operation|mara|pandilla|gang|banda|red|network|clan|grupo|group"
    r"|plan|programa|program|protocolo|protocol|ley|law|act|convenci[óo]n|convention|caso|case|ruta|route"
    r"|zetas|salvatrucha|barrio|familia|organizaci[óo]n|organization|empresa|company|hotel|bar|restaurante)\b",
    re.IGNORECASE,
)


def find_aliases(text: str, language: str) -> Iterator[Finding]:
    for match in _ALIAS.finditer(text):
        group = next(name for name in ("q1", "q2", "q3", "q4", "q5", "bare") if match.group(name))
        value = match.group(group)
        weak = not re.match(rf"(?:{_STRONG_CUE})", match.group("cue"), re.IGNORECASE)
        if weak and (_NOT_PERSONAL.search(value) or group == "bare" and value[0].islower()):
            continue
        if group == "bare" and value[0].islower() and len(value) < 4 or _PSEUDONYM.match(value):
            continue
        yield span_finding(ALIAS, text, match.start(group), match.end(group), 0.93 if weak else 0.97)
    for match in _INLINE_NICKNAME.finditer(text):
        group = next(name for name in ("q1", "q2", "q3", "q4", "q5") if match.group(name))
        value = match.group(group)
        if len(value.split()) <= 3 and value[:1].isupper() and not _NOT_PERSONAL.search(value):
            # Juan "El Chapo" Pérez: the quotes make a nickname, and the words around it a name.
            yield span_finding(ALIAS, text, match.start(group), match.end(group), 0.95)
            yield Finding(PERSON_NAME, match.start("first"), match.end("first"), match.group("first"), 0.85)
            yield Finding(PERSON_NAME, match.start("last"), match.end("last"), match.group("last"), 0.85)


_PSEUDONYM = re.compile(PSEUDONYM)

_INITIALS = re.compile(r"(?<![\w.])(?:[A-ZÑ]\.[ ]?){2,4}(?![\w])|(?<![\w.])[A-ZÑ]\.[ ]?[A-ZÑ]\.(?=[ ,;)])")
_BARE_INITIALS = re.compile(r"(?<![\w.])[A-ZÑ]{2,4}(?![\w.])")
_COMMON_ABBREVIATIONS = frozenset(
    {
        "EE.UU.",
        "E.U.",
        "E.E.U.U.",
        "U.S.",
        "U.S.A.",
        "U.K.",
        "S.A.",
        "C.V.",
        "D.F.",
        "A.C.",
        "P.M.",
        "A.M.",
        "S.R.L.",
        "U.N.",
        "S.E.",
        "N.N.",
        "R.L.",
        "S.C.",
        "C.P.",
        "D.C.",
        "E.E.",
        "N.A.",
        "I.V.A.",
        "L.L.C.",
    }
)
_MINOR_CUE = cue_pattern(
    r"\bmenor(?:es)?\b|niñ[oa]s?|adolescentes?|\bhij[oa]s?\b|bebé|\bminors?\b|\bchild(?:ren)?\b|\bgirls?\b|\bboys?\b"
    r"|juvenile|teen(?:ager)?|infant|iniciales|initials|v[íi]ctimas?|victims?|identificad[oa] como|identified as"
    r"|estudiante|student",
    gap=30,
)
_MINOR_CUE_ADJACENT = re.compile(
    r"(?:\bmenor(?:es)?(?:\s+de\s+edad)?|niñ[oa]|adolescente|\bminor|\bchild|\bgirl|\bboy|juvenile|iniciales"
    r"|initials)[ \t]*,?[ \t]*(?:de iniciales|identificad[oa] como|identified as|known as)?[ \t]*$",
    re.IGNORECASE,
)


def find_minor_initials(text: str, language: str) -> Iterator[Finding]:
    for match in _INITIALS.finditer(text):
        initials = match.group().replace(" ", "")
        if initials in _COMMON_ABBREVIATIONS:
            continue
        cued = preceded_by(_MINOR_CUE, text, match.start())
        if cued or initials.count(".") >= 3:
            yield Finding(MINOR_INITIALS, match.start(), match.end(), match.group().rstrip(), 0.92 if cued else 0.65)
    for match in _BARE_INITIALS.finditer(text):
        if preceded_by(_MINOR_CUE_ADJACENT, text, match.start(), window=40):
            yield Finding(MINOR_INITIALS, match.start(), match.end(), match.group(), 0.85)
