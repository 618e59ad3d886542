"""The three renderings of a letter as text: an officielebekendmakingen page, an OpenTK page
and the text layer of a ministry's letterhead PDF.

Each returns the file's text and each paragraph as it stands in the file (the same
characters, with some spaces turned into line breaks), so that quotes can be cut from it.
"""

from __future__ import annotations

import random

from .model import Letter
from .people import ADDRESSES, Post
from .refs import dutch

NAV = ("[overzicht] [activiteiten] [ongeplande activiteiten] [besluiten] [commissies] [geschenken]"
       " [kamerleden] [kamerstukdossiers] [open vragen]\n[toezeggingen] [stemmingen] [verslagen] "
       "[🔍 uitgebreid zoeken] [wat is dit?]")


def senders(posts: list[Post]) -> str:
    """The heading's "BRIEF VAN ..." senders, in capitals."""
    if len(posts) == 1:
        return f"DE {posts[0].title()}".upper()
    a, b = posts
    if a.prep == b.prep == "van" and a.portfolio == b.portfolio and a.role != b.role:
        return f"DE {a.role} EN {b.role} VAN {a.portfolio}".upper()
    if a.role == b.role == "Minister" and a.prep == b.prep == "van":
        return f"DE MINISTERS VAN {a.portfolio} EN VAN {b.portfolio}".upper()
    return f"DE {a.title()} EN DE {b.title()}".upper()


def signature(letter: Letter, rng: random.Random, letterhead: bool) -> str:
    blocks = []
    style = rng.random()
    for n, (post, name) in enumerate(zip(letter.posts, letter.names, strict=True)):
        title = post.title()
        case = rng.random()
        if case < 0.35 and not letterhead:
            title = title[:1].lower() + title[1:] if post.role != "Minister-president" else \
                "minister-president, minister van Algemene Zaken"
        elif case < 0.3 and letterhead:
            title = title.upper()
        line = f"De {title}" if not title.isupper() else f"DE {title}"
        if letterhead and style < 0.3:  # "M.A.M. Adriaansens / Minister van ..."
            blocks.append(f"{name}\n{post.title()}")
        elif not letterhead and style < 0.35 and post.role != "Minister-president":
            blocks.append(f"{line}, {name}")
        elif n == 0 and letter.co_sender is not None and rng.random() < 0.3:
            co = letter.co_sender.title()
            blocks.append(f"{line},\nmede namens de {co[:1].lower() + co[1:]},\n{name}")
        else:
            gap = "\n\n" if rng.random() < 0.4 else "\n"
            blocks.append(f"{line},{gap}{name}")
    return "\n\n".join(blocks)


def _heading(letter: Letter) -> str:
    assert letter.kamerstuk is not None
    nr = letter.kamerstuk[1]
    lines = "\n\n".join(f"{printed} {title}" for printed, title in letter.dossier_lines)
    number = nr if letter.chamber == "Eerste Kamer" else f"Nr. {nr}"
    return (f"{lines}\n\n{number} BRIEF VAN {senders(letter.posts)}\n\n"
            f"Aan de Voorzitter van de {letter.chamber} der Staten-Generaal\n\n"
            f"Den Haag, {dutch(letter.day)}\n\n")


def _body(letter: Letter) -> tuple[str, list[str]]:
    texts = [p.text for p in letter.paras]
    return "\n\n".join(texts), texts


def ob(letter: Letter) -> tuple[str, list[str]]:
    rng = letter.rng
    assert letter.kamerstuk is not None
    dossier, nr = letter.kamerstuk
    body, paras = _body(letter)
    notes = "".join(f"\n\nX Noot\n{n}\n\n{note}" for n, note in enumerate(letter.notes, 1))
    tail = f"{signature(letter, rng, False)}\n\n{notes}\n" if notes else \
        f"{signature(letter, rng, False)}\n"
    if letter.variant == "direct":
        number, _, toev = dossier.partition("-")
        head = (f"Direct naar (in deze pagina): inhoud, zoekveld of menu.\n\n  • Download PDF\n\n"
                f"{letter.dossier_title}\n\n{number}{' ' + toev if toev else ''} {nr} BRIEF VAN "
                f"{senders(letter.posts)}\n\nVergaderjaar {letter.vj}\n\nNr. {nr}\n\n"
                f"Aan de Voorzitter van de {letter.chamber} der Staten-Generaal\n\n"
                f"Den Haag, {dutch(letter.day)}\n\n")
        return f"{head}{body}\n\n{tail}\nNaar boven\n", paras
    if letter.variant == "preamble":
        head = (f"Kamerstuk\n\nDatum publicatieOrganisatieVergaderjaarDossier- en ondernummer\n"
                f"{letter.chamber} der Staten-Generaal{letter.vj}{dossier} nr. {nr}\n\n")
        end = "\nNaar boven\n" if rng.random() < 0.5 else ""
        return f"{head}{_heading(letter)}{body}\n\n{tail}{end}", paras
    return f"{_heading(letter)}{body}\n\n{tail}\nNaar boven\n", paras


def opentk(letter: Letter) -> tuple[str, list[str]]:
    rng = letter.rng
    assert letter.kamerstuk is not None
    dossier, nr = letter.kamerstuk
    number, _, toev = dossier.partition("-")
    updated = f"{letter.day.year + rng.randint(0, 2)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    head = (f"{NAV}\n\n{letter.title}\n\n{letter.dossier_title}\n\nBrief regering\n\n"
            f"Nummer: {letter.documentnummer}, datum: {letter.iso}, bijgewerkt: {updated} "
            f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}, versie: {rng.randint(1, 4)}\n\n"
            f"Directe link naar document (.pdf), link naar pagina op de Tweede Kamer site, "
            f"officiële HTML versie (kst-{dossier}-{nr}).\n\nGerelateerde personen: Bijlagen:\n\n"
            f"Onderdeel van kamerstukdossier {number}{' ' + toev if toev else ''} -{nr} "
            f"{letter.dossier_title}.\n\nOnderdeel van zaak {letter.zaak}:\n\n"
            f"Onderdeel van activiteiten:\n\nPreview document (🔗 origineel)\n\n\n"
            f"Tweede Kamer der Staten-Generaal {rng.randint(1, 2)}\nVergaderjaar {letter.vj}\n\n")
    body, paras = _body(letter)
    notes = "".join(f"\n\n  {n}. {note}↩︎" for n, note in enumerate(letter.notes, 1))
    tail = f"\n\n{notes}" if notes else ""
    return f"{head}{_heading(letter)}{body}\n\n{signature(letter, rng, False)}{tail}\n", paras


# --- letterhead ------------------------------------------------------------------------

def _wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy line breaks at spaces: (start, end) of each line. A line never starts with a
    number (it would read as a footnote) nor follows a word ending in a hyphen."""
    lines: list[tuple[int, int]] = []
    start, last_ok = 0, -1
    pos = text.find(" ")
    while pos != -1:
        nxt = text[pos + 1:pos + 2]
        if not nxt.isdigit() and text[pos - 1:pos] != "-":
            if pos - start > width and last_ok > start:
                lines.append((start, last_ok))
                start = last_ok + 1
            last_ok = pos
        pos = text.find(" ", pos + 1)
    if len(text) - start > width and last_ok > start:
        lines.append((start, last_ok))
        start = last_ok + 1
    lines.append((start, len(text)))
    return lines


def _spaced(text: str, rng: random.Random) -> str:
    """PDF letter-spacing noise in a margin line: "Inf rastructuur", "P agina"."""
    if rng.random() < 0.75 or len(text) < 6:
        return text
    cut = rng.randint(1, min(4, len(text) - 2))
    return text if text[cut - 1] == " " or text[cut] == " " else f"{text[:cut]} {text[cut:]}"


def _noisy(lines: list[str], rng: random.Random) -> dict[str, str]:
    """The same noise wherever a margin line recurs (it comes from the same PDF fonts);
    the first line ("Ministerie van") is left as it is."""
    return {line: line if n == 0 or "www" in line or "/" in line or line == "Ons kenmerk"
            else _spaced(line, rng) for n, line in enumerate(lines)}


def letterhead(letter: Letter) -> tuple[str, list[str]]:
    rng = letter.rng
    width = rng.randint(76, 88)
    key = letter.ministry.key
    postbus, pc, street, pc2 = ADDRESSES.get(key, ADDRESSES["BZK"])
    kenmerk = f"{(letter.ministry.abbr or key).upper()}/{rng.choice(('DGB', 'BSK', 'DB', 'DGO'))}-" \
              f"{letter.day.year}/{rng.randint(100000, 9999999)}"
    chamber_box = "20018" if letter.chamber == "Tweede Kamer" else "20017"
    head = (f"> Retouradres Postbus {postbus} {pc} Den Haag\nDe Voorzitter van de {letter.chamber}\n"
            f"der Staten-Generaal\nPostbus {chamber_box}\n2500 EA DEN HAAG\n"
            f"{'' if letter.variant == 'dense' else chr(10)}Datum {dutch(letter.day)}\n"
            f"Betreft {letter.title}\n{'' if letter.variant == 'dense' else chr(10)}"
            f"Geachte {rng.choice(('voorzitter', 'Voorzitter'))},\n")
    margin = list(letter.ministry.head_lines)
    full_block = [*margin, street, f"{pc2} Den Haag", f"Postbus {postbus}", f"{pc} Den Haag",
                  f"T 070 {rng.randint(300, 460)} {rng.randint(1000, 9999)}",
                  "www.rijksoverheid.nl", "Ons kenmerk", kenmerk]
    if rng.random() < 0.5:
        full_block += ["Bijlage(n)", str(rng.randint(1, 4))]
    short_block = [*margin, "Ons kenmerk", kenmerk]
    # Lines of the body: (text, paragraph, start, end, blank line before).
    rendered: list[str] = []
    lines: list[tuple[str, int, int, int, bool]] = []
    protected: dict[int, list[tuple[int, int]]] = {}
    for c in letter.commitments:
        for span in [c.quote, *c.alts]:
            protected.setdefault(span[0], []).append(span[1:])
    for span in letter.optional + letter.not_commitments:
        protected.setdefault(span[0], []).append(span[1:])
    for i, para in enumerate(letter.paras):
        text = para.text
        chars = list(text)
        for n, (a, b) in enumerate(_wrap(text, width)):
            if n:
                chars[a - 1] = "\n"
            lines.append((text[a:b], i, a, b, n == 0 and bool(lines)
                          and letter.variant == "blank"))
        rendered.append("".join(chars))
    sig_lines = ("Hoogachtend,\n\n" if rng.random() < 0.6 else "") + signature(letter, rng, True)
    for n, line in enumerate(sig_lines.split("\n")):
        lines.append((line, -1, 0, 0, n == 0))
    marks = {(p, off): k + 1 for k, (p, off) in enumerate(letter.note_marks)}
    note_lines = [[f"{k} {line}" if m == 0 else line for m, (a, b) in enumerate(_wrap(note, width))
                   for line in [note[a:b]]] for k, note in enumerate(letter.notes, 1)]
    # Pages: break only between lines where no quote runs across.
    pages: list[list[int]] = [[]]
    page_notes: list[list[int]] = [[]]
    room = 30
    for idx, (_, p, a, b, _) in enumerate(lines):
        new_notes = [k for (mp, off), k in marks.items() if mp == p and a <= off <= b]
        need = 1 + sum(len(note_lines[k - 1]) for k in new_notes)
        can_break = idx > 0 and not (lines[idx - 1][1] == p and (p < 0 or any(
            s < a <= e for s, e in protected.get(p, []))))
        if need > room and can_break and pages[-1]:
            pages.append([])
            page_notes.append([])
            room = 46
        pages[-1].append(idx)
        page_notes[-1].extend(new_notes)
        room -= need
    total = len(pages)
    out = [head]
    top = rng.random() < 0.5
    noise = _noisy(full_block, rng)
    pagina = "P agina" if rng.random() < 0.25 else "Pagina"
    for number, (page, notes) in enumerate(zip(pages, page_notes, strict=True), 1):
        if number > 1 and top:
            out.extend(noise[s] + "\n" for s in short_block)
        for idx in page:
            text, _, _, _, blank = lines[idx]
            out.append(("\n" if blank and idx != page[0] else "") + text + "\n")
        for k in notes:
            out.extend(line + "\n" for line in note_lines[k - 1])
        if number == 1:
            out.extend(noise[s] + "\n" for s in full_block)
        elif not top:
            out.extend(noise[s] + "\n" for s in short_block)
        out.append(f"{pagina} {number} van {total}\n")
    return "".join(out), rendered


RENDERERS = {"ob": ob, "opentk": opentk, "letterhead": letterhead}
