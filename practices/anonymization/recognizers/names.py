"""Person names and the names of directory members.

Without a statistical model, a name is recognised from two kinds of evidence,
weighed together:

* the words themselves: a run of capitalised words that starts with a known
  given name ("María Fernanda López") or is made of known surnames
  ("Hernández Ramírez") - gazetteers from Faker's es_MX, es_ES, es_CO, en_US
  and en_GB person providers;
* the context: an honorific, rank or role right before the run ("Lic.",
  "Detective Sergeant", "la víctima,", "el imputado", "the witness",
  "de nombre"), which makes any capitalised word a name, even one missing
  from the gazetteers.

A run is never a name when it is part of an institution, place, law, event or
organisation: capitalised sequences are split at stop-list words
("Policía Nacional Civil", "Segundo Curso Regional"), and a run glued to one
of them ("San José", "Ciudad Juárez") is that thing's name. Spanish and
English sentences start with a capital, so a sentence's first word counts as
a name only when the gazetteers know it. Pseudonyms ("Víctima A", "Testigo B",
"V1") never qualify: a name word has at least two letters and no digits.
"""

import re
from collections.abc import Iterable, Iterator
from enum import Enum

from ..findings import Finding
from ..kinds import ALIAS, MEMBER_NAME, PERSON_NAME
from .base import followed_by, preceded_by
from .gazetteers import (
    BLOCK_WORDS,
    FUNCTION_WORDS,
    ROLE_WORDS,
    given_names,
    is_ambiguous_surname,
    is_common_word,
    surnames,
)

_UPPER = "A-ZÁÉÍÓÚÑÜ"
_LOWER = "a-záéíóúñüçàèìòùâêîôûäëïö"
# A capitalised word ("María", "O'Brien", "McAllister", "García-Luna") or an acronym ("PNC").
_WORD = (
    rf"(?:[{_UPPER}](?:'[{_UPPER}])?[{_LOWER}]+(?:[A-Z][{_LOWER}]+)?(?:-[{_UPPER}][{_LOWER}]+)?"
    rf"|[{_UPPER}]{{2,6}}(?![{_LOWER}]))"
)
# Between the words of a name: spaces, a hyphen, or a particle ("de la", "del", "van der").
_CONNECTOR = (
    r"(?:[ \t]+(?:de[ \t]+(?:la[ \t]+|las[ \t]+|los[ \t]+)?|del[ \t]+|van[ \t]+(?:der[ \t]+|den[ \t]+)?"
    r"|von[ \t]+|da[ \t]+|dos[ \t]+|di[ \t]+|le[ \t]+)?|[ \t]*-[ \t]*)"
)
_SEQUENCE = re.compile(rf"(?<![\w@.'-]){_WORD}(?:{_CONNECTOR}{_WORD})*(?![\w@]|'\w\w)")
_TOKEN = re.compile(_WORD)

_ARTICLES = frozenset({"El", "La", "Los", "Las", "The"})
# Rank words that may sit between a role and a name: "Fiscal General Ana Ruiz", "Special Agent".
_RANK_MODIFIERS = frozenset(
    {"General", "Special", "Adjunto", "Adjunta", "Auxiliar", "Senior", "Deputy", "Chief", "Jefe", "Jefa", "Principal"}
)

_HONORIFIC_BEFORE = re.compile(
    r"\b(?:sr|sra|srta|lic|licda|dr|dra|ing|mtro|mtra|prof|gral|cap|cmdte|sgto|tte|cnel|agte|mr|mrs|ms"
    r"|det|sgt|lt|capt|insp|supt|cpl|ofc|atty|hon|gen|maj|cmdr|rev|fr|ds|di|dc|pc|dci)\.?[ \t]*$",
    re.IGNORECASE,
)
_ROLES = (
    r"señor|señora|señorita|don|doña|licenciad[oa]|doctor|doctora|ingenier[oa]|agente|comandante|comisari[oa]"
    r"|subcomisari[oa]|inspector|inspectora|oficial|sargento|teniente|capit[áa]n|coronel|fiscal|juez|jueza"
    r"|magistrad[oa]|defensor|defensora|abogad[oa]|imputad[oa]s?|acusad[oa]s?|procesad[oa]s?|sentenciad[oa]s?"
    r"|condenad[oa]s?|v[íi]ctimas?|testigos?|detenid[oa]s?|sospechos[oa]s?|denunciante|ofendid[oa]|investigador"
    r"|investigadora|tratantes?|reclutador[a]?|madre|padre|herman[oa]|espos[oa]|pareja|novi[oa]|hij[oa]|t[íi][oa]"
    r"|prim[oa]|abuel[oa]|menor|niñ[oa]|adolescente|joven|ciudadan[oa]|migrante|extranjer[oa]|l[íi]der"
    r"|cabecilla|jefe|jefa|socio|socia|c[óo]mplice|informante|colaborador[a]?|perito|perita|int[ée]rprete"
    r"|traductor[a]?|director[a]?|secretari[oa]|president[ea]|ministr[oa]|diputad[oa]|senador[a]?|alcalde(?:sa)?"
    r"|gobernador[a]?|funcionari[oa]|empresari[oa]|propietari[oa]|dueñ[oa]|encargad[oa]|gerente|contador[a]?"
    r"|chofer|conductor[a]?|guardia|custodio|polic[íi]a|sobrevivientes?|compañer[oa]|amig[oa]|vecin[oa]"
    r"|coacusad[oa]|coimputad[oa]|agraviad[oa]"
    r"|detective|sergeant|officer|agent|inspector|constable|superintendent|lieutenant|captain|corporal"
    r"|commander|chief|sheriff|deputy|marshal|judge|justice|prosecutor|attorney|counsel|lawyer|defendants?"
    r"|accused|victims?|witness(?:es)?|suspects?|informant|complainant|survivors?|trafficker|recruiter|smuggler"
    r"|mother|father|brother|sister|wife|husband|son|daughter|uncle|aunt|cousin|partner|girlfriend|boyfriend"
    r"|boss|leader|accomplice|co-defendant|interpreter|analyst|director|minister|president|senator|mayor"
    r"|governor|official|businessman|businesswoman|owner|manager|accountant|driver|guard|nurse|teacher"
    r"|pastor|priest|friend|neighbou?r|colleague|employer|employee|worker|girl|boy|woman|man|mr"
)
# Words that may not come between a role and a name: "la víctima viajó a Tapachula" is no cue.
_NOT_BETWEEN = (
    r"(?!(?:a|al|en|to|in|at|from|desde|hacia|into|para|for|ante|before|near|cerca|of|del|de|la|el|the"
    r"|y|and|con|with|por|by)\b)"
)
# Between a role and a name: nothing, a comma, a few words closed by a comma ("la víctima,
# de 23 años, María"), or one of a few qualifiers ("el testigo protegido Juan").
_QUALIFIERS = (
    r"presunt[oa]|supuest[oa]|principal|protegid[oa]|colaborador[a]?|mayor|menor|mexican[oa]|guatemaltec[oa]"
    r"|salvadoreñ[oa]|hondureñ[oa]|nicaragüense|costarricense|panameñ[oa]|belizeñ[oa]|colombian[oa]|alleged"
    r"|main|key|protected|former|late|young|star|co-|lead|chief|senior|junior|undercover|encubiert[oa]"
)
_ROLE_BEFORE = re.compile(
    rf"\b(?:{_ROLES})(?:[ \t]*[,:]?|(?:[ \t]+{_NOT_BETWEEN}[{_LOWER}0-9-]+){{1,3}}[ \t]*,"
    rf"|(?:[ \t]+(?:{_QUALIFIERS})){{1,2}}[ \t]*,?)[ \t]*"
    r"(?:(?:de nombre|llamad[oa]|identificad[oa] como|quien dijo llamarse|named|called|identified as"
    r"|a\.k\.a\.)[ \t]+)?$",
    re.IGNORECASE,
)
_NAMING_BEFORE = re.compile(
    r"\b(?:de nombre|llamad[oa]|identific(?:ad[oa]|[óo])(?:[ \t]+[\w]+){0,4}?[ \t]+como|quien dijo llamarse"
    r"|se identific[óo] como|named|called|identified as|introduced (?:himself|herself) as|firmado por"
    r"|signed by|a nombre de|in the name of)[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)
# A place or building named after someone: "aeropuerto Juan Santamaría", "Benito Juárez airport".
_NAMESAKE_BEFORE = re.compile(
    r"\b(?:aeropuerto|estadio|hospital|colegio|escuela|instituto|avenida|av\.|calle|calzada|bulevar|boulevard"
    r"|puente|parque|plaza|colonia|barrio|mercado|municipio|teatro|airport|stadium|bridge|park|avenue|street"
    r"|school|square|caso|operativo|operaci[óo]n|operation)"
    r"(?:[ \t]+(?:internacional|international|nacional|national|municipal|general))?[ \t]+$",
    re.IGNORECASE,
)
_NAMESAKE_AFTER = re.compile(
    r"^[ \t]+(?:International[ \t]+)?(?:Airport|Avenue|Street|Boulevard|Bridge|Stadium|Park|School|Hospital)\b"
)
# What is said of a person right after their name: "..., de 19 años", "..., a Nigerian national", "... declaró".
_PERSON_AFTER = re.compile(
    r"^(?:,[ \t]*(?:de[ \t]+\d+[ \t]+años|\d+[ \t]*,|a[ \t]+\w+[ \t]+(?:national|citizen|woman|man)"
    r"|an?[ \t]+\d+-year-old|quien|who|alias|a\.k\.a|indígena|originari[oa]|de[ \t]+nacionalidad|vecin[oa]"
    r"|madre|padre|hij[oa]|espos[oa]|herman[oa]"
    r"|mother|father|daughter|son|wife|husband|sister|brother)"
    r"|[ \t]+(?:declaró|dijo|testificó|confesó|admitió|negó|aceptó|reconoció|huyó|fue[ \t]+(?:detenid|arrestad|condenad"
    r"|sentenciad|extraditad|capturad|rescatad|reclutad|obligad|vinculad|acusad)|was[ \t]+(?:arrested|convicted"
    r"|sentenced|extradited|detained|stopped|charged|recruited|rescued|found|indicted)|told|testified|said|admitted"
    r"|denied|confessed|pleaded|fled))",
    re.IGNORECASE,
)
# Words with these endings are nouns and adjectives ("Violencia Sexual", "Desarrollo Integral").
_NOUN_ENDING = re.compile(
    r"(?:ción|sión|dad|tad|encia|ancia|ería|ismo|mente|tion|sion|ness|ity|ance|ence|ment|al|ales|ico|ica|icos"
    r"|icas|ivo|iva|ivos|ivas|oso|osa|ble|ista|istas|ado|ada|ados|adas|ido|ida|ing|ed|ern|ian|ese|ish|ist)$"
)
_ARTICLE_BEFORE = re.compile(r"\b(?:el|la|los|las|lo|del|al|un|una|the|an?)[ \t]+$")
# Names that case files use to hide a person: "Jane Doe 1", "John Doe", "Fulano de Tal".
PSEUDONYM = r"(?:(?:Jane|John|Richard|Mary|Baby)[ \t]+Doe|Fulan[oa](?:[ \t]+de[ \t]+Tal)?|Mengan[oa]|Zutan[oa])\b"
_PSEUDONYM = re.compile(PSEUDONYM)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;¿¡\n]|[.!?][\"'”»)])[ \t\"'“«(]*$")


class _Word(Enum):
    ROLE = "role"
    FUNCTION = "function"
    BLOCK = "block"
    GIVEN = "given"
    SURNAME = "surname"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"


def _classify(word: str) -> _Word:
    if word in ROLE_WORDS:
        return _Word.ROLE
    if word in FUNCTION_WORDS:
        return _Word.FUNCTION
    if word in BLOCK_WORDS or word.isupper():
        return _Word.BLOCK
    if word in given_names():
        return _Word.GIVEN
    if word in surnames():
        return _Word.SURNAME
    if is_ambiguous_surname(word):
        return _Word.AMBIGUOUS
    if is_common_word(word):
        return _Word.BLOCK  # "Academy of Mayan Languages": ordinary words, capitalised.
    return _Word.UNKNOWN


def find_person_names(text: str, language: str) -> Iterator[Finding]:
    for sequence in _SEQUENCE.finditer(text):
        tokens = [
            (sequence.start() + token.start(), sequence.start() + token.end(), token.group())
            for token in _TOKEN.finditer(sequence.group())
        ]
        classes = [_classify(word) for _, _, word in tokens]
        # "a woman called Norma": after an explicit naming, even a common word is a name.
        if (
            classes[0] is _Word.BLOCK
            and not tokens[0][2].isupper()
            and preceded_by(_NAMING_BEFORE, text, sequence.start(), window=40)
        ):
            classes[0] = _Word.UNKNOWN
        index = 0
        while index < len(tokens):
            if classes[index] in (_Word.ROLE, _Word.FUNCTION, _Word.BLOCK):
                index += 1
                continue
            end = index
            while end < len(tokens) and classes[end] not in (_Word.ROLE, _Word.FUNCTION, _Word.BLOCK):
                end += 1
            finding = _judge_run(text, tokens[index:end], classes[index:end], tokens[:index], classes[:index])
            if finding is not None:
                yield finding
            index = end


def _judge_run(text, run, classes, before, before_classes) -> Finding | None:
    start, end = run[0][0], run[-1][1]
    if not before and (
        preceded_by(_NAMESAKE_BEFORE, text, start, window=40) or followed_by(_NAMESAKE_AFTER, text, end)
    ):
        return None
    cued_before = _is_cued(text, start, before, before_classes)
    cued = cued_before or followed_by(_PERSON_AFTER, text, end, window=50)
    if not cued_before and before_classes:
        previous = before_classes[-1]
        if previous is _Word.BLOCK:
            return None  # "San José", "Operación Tormenta", "Policía ... Civil"
        if previous is _Word.FUNCTION and before[-1][2] in _ARTICLES and len(before) > 1:
            return None  # "... de La Esperanza"
    score = _score(classes, cued)
    if score is None and not cued and _looks_like_unlisted_name(text, run, classes, before):
        score = 0.55
    if (
        score is None
        and not cued
        and classes[0] is _Word.UNKNOWN
        and len(run) > 1
        and _at_sentence_start(text, start, before)
    ):
        # A capitalised first word of a sentence that no gazetteer knows: judge the rest.
        run, classes = run[1:], classes[1:]
        score = _score(classes, cued)
    if score is None or _PSEUDONYM.match(text, run[0][0]):
        return None
    return Finding(PERSON_NAME, run[0][0], run[-1][1], text[run[0][0] : run[-1][1]], score)


def _looks_like_unlisted_name(text, run, classes, before) -> bool:
    """Capitalised words inside a sentence that are neither institution, place nor known name words.

    Most often a name missing from the gazetteers ("Osmín Ardón"), unless the words
    are nouns or adjectives ("Violencia Sexual") or follow an article ("la Bestia").
    """
    start = run[0][0]
    return (
        2 <= len(run) <= 4
        and all(c in (_Word.UNKNOWN, _Word.AMBIGUOUS) for c in classes)
        and all(len(word) > 2 and not _NOUN_ENDING.search(word) for _, _, word in run)
        and not _at_sentence_start(text, start, before)
        and not preceded_by(_ARTICLE_BEFORE, text, start, window=12)
    )


def _score(classes: list[_Word], cued: bool) -> float | None:
    if not classes:
        return None
    if cued:
        return 0.9
    known = [c for c in classes if c in (_Word.GIVEN, _Word.SURNAME)]
    first = classes[0]
    if len(classes) == 1:
        return 0.6 if first is _Word.GIVEN else None
    if first is _Word.GIVEN:
        return 0.85 if len(known) > 1 or _Word.AMBIGUOUS in classes else 0.75
    if first is _Word.AMBIGUOUS and known:
        return 0.8
    if first is _Word.SURNAME and all(c in (_Word.SURNAME, _Word.AMBIGUOUS) for c in classes):
        return 0.75
    if first is _Word.UNKNOWN and len(classes) == 2 and classes[1] is _Word.SURNAME:
        return 0.7
    if known and len(known) >= len(classes) - 1 and _Word.GIVEN in classes:
        return 0.7
    return None


def _is_cued(text: str, start: int, before, before_classes) -> bool:
    if before_classes:
        # Inside a capitalised sequence: "Detective Sergeant Ana", "Fiscal General Consuelo".
        for word_class, (_, _, word) in zip(reversed(before_classes), reversed(before), strict=True):
            if word_class is _Word.ROLE:
                return True
            if word not in _RANK_MODIFIERS:
                return False
        return False
    return (
        preceded_by(_HONORIFIC_BEFORE, text, start, window=12)
        or preceded_by(_ROLE_BEFORE, text, start, window=60)
        or preceded_by(_NAMING_BEFORE, text, start, window=40)
    )


def _at_sentence_start(text: str, start: int, before) -> bool:
    position = before[0][0] if before else start
    return preceded_by(_SENTENCE_START, text, position, window=6)


# ---------------------------------------------------------------- directory members

_ACCENTS = {
    "a": "aáàä",
    "e": "eéèë",
    "i": "iíìï",
    "o": "oóòö",
    "u": "uúùü",
    "n": "nñ",
    "c": "cç",
}
_ACCENT_CLASS = {accented: f"[{group}]" for group in _ACCENTS.values() for accented in group}


def member_name_pattern(names: Iterable[str]) -> re.Pattern | None:
    """A pattern that finds any of `names`, ignoring case, accents and spacing."""
    alternatives = []
    for name in sorted({" ".join(n.split()) for n in names if n and n.strip()}, key=len, reverse=True):
        parts = ["".join(_ACCENT_CLASS.get(char, re.escape(char)) for char in word.lower()) for word in name.split()]
        alternatives.append(r"\s+".join(parts))
    if not alternatives:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def find_member_names(text: str, pattern: re.Pattern | None) -> Iterator[Finding]:
    if pattern is None:
        return
    for match in pattern.finditer(text):
        yield Finding(MEMBER_NAME, match.start(), match.end(), match.group(), 1.0)


# ---------------------------------------------------------------- later mentions


def find_later_mentions(text: str, findings: Iterable[Finding]) -> Iterator[Finding]:
    """Mentions of part of a name already found: "Marlon Estuardo Galindo ... Galindo declaró".

    Case studies name a person in full once and then by surname or given name;
    each capitalised word of a person, member or alias finding is reported
    wherever else it stands on its own, with the kind of the full name.
    """
    findings = list(findings)
    parts: dict[str, str] = {}
    for finding in findings:
        if finding.kind not in (PERSON_NAME, MEMBER_NAME, ALIAS) or finding.score < 0.7:
            continue
        for token in _TOKEN.finditer(finding.text):
            word = token.group()
            if len(word) > 2 and not word.isupper() and _classify(word) not in _NOT_NAME_WORDS:
                parts.setdefault(word, PERSON_NAME if finding.kind == ALIAS else finding.kind)
    if not parts:
        return
    pattern = re.compile(rf"(?<![\w@.'-])(?:{'|'.join(map(re.escape, sorted(parts, key=len, reverse=True)))})(?![\w@])")
    for match in pattern.finditer(text):
        mention = Finding(parts[match.group()], match.start(), match.end(), match.group(), 0.7)
        if not any(mention.overlaps(finding) for finding in findings):
            yield mention


_NOT_NAME_WORDS = (_Word.ROLE, _Word.FUNCTION, _Word.BLOCK)
