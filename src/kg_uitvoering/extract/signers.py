"""Signers: the signature blocks at the end of a letter (or before its annex).

A block is a post line and a name, in either order, on one line or several:
"De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties,\\nA.C. van Huffelen",
"De Minister van Defensie, J.S.J. Hillen", "DE MINISTER VAN INFRASTRUCTUUR EN
WATERSTAAT,\\nMark Harbers", "M.A.M. Adriaansens\\nMinister van Economische Zaken en
Klimaat", "De minister-president, minister van Algemene Zaken,\\n\\nM. Rutte".
"""

from __future__ import annotations

import re

from ..dutch import parse_post, tidy
from ..model import Passage, Post, Signer

LETTER = r"[^\W\d_]"
INITIALS = rf"(?:(?:Ch|Th|Ph|Chr|St|Tj|IJ|Ij|[A-Z])\.[ \u00a0]?)+(?:\({LETTER}+\)[ ]?)?"
PARTICLE = r"(?:van|de|der|den|ter|ten|te|het|'t|in|op|uit|la|le|du|d'|von|al|el|bin)"
PARTICLE_WORD = re.compile(rf"(?i){PARTICLE}$")
SURNAME = rf"[A-ZÀ-Ý'’]{LETTER}*(?:[’'-]{LETTER}+)*"
FIRST_NAME = rf"[A-Z]{LETTER}+[ ]"
NAME = (
    rf"(?:{INITIALS}|{FIRST_NAME}(?:{FIRST_NAME}|{INITIALS})?)"
    rf"(?:(?:{PARTICLE}|[A-Z]{LETTER}{{0,2}})[ ])*{SURNAME}"
    rf"(?:[ -](?:{PARTICLE}[ ])*{SURNAME}){{0,3}}"
)
NAME_LINE = re.compile(rf"^[ \t]*(?:w\.g\.[ \t]*)?(?P<name>{NAME})[ \t]*$")  # w.g.: "was getekend"
ON_BEHALF = re.compile(r"^[ \t]*(?:mede[ \t]+)?namens\b", re.IGNORECASE)
POST_WORDS = r"(?i:(?:vice-?)?(?:minister-president|minister|staatssecretaris))"
POST_LINE = re.compile(
    rf"^[ \t]*(?:(?:de|De|DE)[ ]+)?(?P<post>{POST_WORDS}\b[^\n]{{0,140}}?)[ \t]*,?[ \t]*$",
)
ONE_LINE = re.compile(
    rf"^[ \t]*(?:(?:de|De|DE)[ ]+)?(?P<post>{POST_WORDS}\b[^\n]{{0,140}}?),[ \t]+"
    rf"(?P<name>{NAME})[ \t]*$",
)
NOT_A_NAME = re.compile(rf"\b(?:{POST_WORDS}|Kamer|Ministerie|Zaken|Hoogachtend|Bijlage)\b",
                        re.IGNORECASE)
SENTENCE_WORDS = re.compile(
    r"\b(?:heeft|hebben|is|zijn|wordt|worden|zal|zullen|kan|heb|dat|om|over|aan|namens|bij)\b",
    re.IGNORECASE)


def _post(text: str) -> Post | None:
    if SENTENCE_WORDS.search(text) or len(text) > 140:
        return None
    return parse_post(text)


def _name(line: str) -> re.Match[str] | None:
    m = NAME_LINE.match(line)
    return m if m and not NOT_A_NAME.search(line) else None


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.end() > m.start()]


def find_signers(text: str) -> list[tuple[Signer, tuple[int, int]]]:
    """Every signature block, in order: the signer and the span of the whole block."""
    lines = [(a, b) for a, b in _lines(text) if text[a:b].strip()]
    found: list[tuple[Signer, tuple[int, int]]] = []
    used: set[int] = set()
    for i, (a, b) in enumerate(lines):
        if i in used:
            continue
        line = text[a:b]
        if ((m := ONE_LINE.match(line)) and not NOT_A_NAME.search(m["name"])
                and (post := _post(m["post"]))):
            found.append((_signer(text, m["name"], post, a + m.start("name")), (a, b)))
            used.add(i)
            continue
        m2 = POST_LINE.match(line)
        post = _post(m2["post"]) if m2 else None
        if post is None:
            continue
        # A name directly above a post line without a comma ("NAME / Minister van X") ...
        if (i > 0 and i - 1 not in used and not line.rstrip().endswith(",")
                and a - lines[i - 1][1] <= 1 and (n := _name(text[lines[i - 1][0]:lines[i - 1][1]]))):
            pa = lines[i - 1][0]
            found.append((_signer(text, n["name"], post, pa + n.start("name")), (pa, b)))
            used.update({i, i - 1})
            continue
        # ... else a name after the post line (possibly after a blank line or a "mede namens"
        # line) ...
        j, end = i + 1, b
        while j < len(lines) and j <= i + 2 and ON_BEHALF.match(text[lines[j][0]:lines[j][1]]):
            end = lines[j][1]
            j += 1
        if j < len(lines) and (n := _name(text[lines[j][0]:lines[j][1]])):
            na, nb = lines[j]
            if na - end <= 3 and _plausible(line):
                found.append((_signer(text, n["name"], post, na + n.start("name")), (a, nb)))
                used.update(range(i, j + 1))
                continue
        # ... or before it ("M.A.M. Adriaansens / Minister van ...").
        if i > 0 and i - 1 not in used and not line.rstrip().endswith(","):
            pa, pb = lines[i - 1]
            if (n := _name(text[pa:pb])) and a - pb <= 3:
                found.append((_signer(text, n["name"], post, pa + n.start("name")), (pa, b)))
                used.update({i, i - 1})
    return found


def _plausible(line: str) -> bool:
    """A post line that is a signature: short, ends with a comma or stands alone."""
    s = line.strip()
    return s.endswith(",") or len(s.split()) <= 12


def _signer(text: str, name: str, post: Post, at: int) -> Signer:
    clean = tidy(name)
    return Signer(clean, post.role, post.of, Passage(at, at + len(name), text[at:at + len(name)]))


def _name_parts(name: str) -> tuple[str, frozenset[str]]:
    """ "M. H. Schultz van Haegen-Maas Geesteranus" -> ("m", {"schultz", "haegen", "maas",
    "geesteranus"}): the first initial and the surname words, without particles and case."""
    words = [w for w in re.split(r"[\s.\-]+", tidy(name).casefold()) if w]
    initials = [w for w in words if len(w) <= 2 and not PARTICLE_WORD.match(w)]
    surname = frozenset(w for w in words if len(w) > 2 and not PARTICLE_WORD.match(w))
    return (initials[0][:1] if initials else ""), surname


def same_person(a: str, b: str) -> bool:
    """Whether two printings of a name are one person: the surname words of one contain the
    other's (tolerant of initials, case and tussenvoegsel), and first initials, where both
    are printed, agree."""
    (ia, sa), (ib, sb) = _name_parts(a), _name_parts(b)
    return bool(sa and sb) and (sa <= sb or sb <= sa) and (not ia or not ib or ia == ib)


def reconcile_signers(text: list[Signer], registered: list[Signer], source: str
                      ) -> tuple[list[Signer], list[str]]:
    """The text's signers (with their passages) plus the registered signers the text does
    not show (without passage); a warning for every signer only one side names."""
    warnings = [f"{s.name} signs the letter but is not a signer in {source}" for s in text
                if not any(same_person(s.name, r.name) for r in registered)]
    extra = [Signer(r.name, r.role, r.of) for r in registered
             if not any(same_person(r.name, s.name) for s in text)]
    warnings += [f"{s.name} is a signer in {source} but not found in the letter's text; added"
                 for s in extra]
    return text + extra, warnings
