"""Commitments (toezeggingen): promises of the government to the Kamer, by kind.

Each sentence of the body and footnotes gets one signal:

- ``promise``: a future act of the sender towards the Kamer or a concrete future act of
  the government ("Over de uitkomsten zal ik u nader informeren", "Het streven is uw
  Kamer ... te doen toekomen", "ik zeg u toe ...", "Een beleidsreactie zal worden gegeven");
- ``fulfil``: this letter says it keeps an earlier promise ("Met deze brief doe ik mijn
  toezegging gestand", "Zoals toegezegd ...", "wordt voldaan aan ... toezeggingen");
- ``report``: an earlier promise is recalled ("is aan uw Kamer de toezegging gedaan ...");
- ``delay``: an earlier promise cannot be met on time ("niet binnen de gestelde termijn").

Then, in reading order: a delay turns the next promise in the same section into a
``postponed`` commitment (or is one itself when no promise follows); a recalled promise
is ``fulfilled`` unless a delay or a new promise about it follows; promises left over
are ``new``. Text-internal announcements ("hieronder ga ik in op") and vague intentions
("zal ik blijven inzetten") are not commitments; neither are other actors' plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Commitment, CommitmentKind, KamerstukRef, Passage
from .citations import CITATION, citation_refs
from .due import due_range, find_due
from .layout import is_heading, sentences, squash

IC = re.IGNORECASE
GOV = (r"(?:ik|wij|we|het kabinet|dit kabinet|de regering|(?:het|mijn|ons) ministerie(?: van \w+)?|"
       r"het departement|(?:de|mijn) (?:minister|staatssecretaris)|mijn ambtgenoot|"
       r"BZK|IenW|EZK|EZ|LNV|OCW|VWS|SZW|JenV|VenJ|IenM|BZ|BuZa|AZ|KGG|VRO|Defensie|Financiën)")
KAMER = r"(?:uw kamer|de kamer|de tweede kamer|de eerste kamer|u|de commissie)"
INFORM = (r"(?:informeren|geïnformeerd|ge ïnformeerd|inlichten|ingelicht|berichten|bericht|"
          r"rapporteren|gerapporteerd|(?:toe)?(?:sturen|gestuurd|zenden|gezonden)|toekomen|"
          r"aan(?:te )?bieden|aangeboden|voorleggen|voorgelegd|delen|gedeeld|toegaan|toegaat|"
          r"verstrekken|verstrekt|op de hoogte (?:houden|stellen|brengen)|terug(?:te )?komen|"
          r"terugkomen|tegemoet zien|ontvangen|presenteren|gepresenteerd|reageren)")
DELIVERABLE = (r"(?:\w*(?:reactie|brief|rapport|rapportage|antwoorden|beantwoording|informatie|"
               r"overzicht|notitie|evaluatie|voorstel|plan|agenda|agenda’s|visie|uitwerking|"
               r"convenant|strategie|nota|analyse|onderzoek|verkenning|toelichting|brieven|standpunt|"
               r"besluit|wetsvoorstel|regeling|rapporten|monitor))")
FUTURE = re.compile(r"\b(?:zal|zullen)\b", IC)
INTERNAL = re.compile(
    r"\b(?:hieronder|hierna|verderop|onderstaand\w*|in deze (?:brief|kamerbrief|rapportage|"
    r"voortgangsrapportage)|in het vervolg van deze brief|in (?:het|dit) (?:eerste|tweede|"
    r"laatste) (?:gedeelte|deel)|navolgende?)\b", IC)
INTERNAL_VERBS = re.compile(
    r"\b(?:toelichten|ingaan op|in ?gaan op|schetsen|beschrijven|uiteenzetten|stilstaan bij|"
    r"stil ?staan bij)\b", IC)
VAGUE = re.compile(r"\bblijven\b", IC)
REPORTED = re.compile(
    r"\b(?:is|werd|heb(?:ben)?|heeft|had|hadden)\b[^.]{0,120}?\b(?:aangegeven|aangekondigd|"
    r"gemeld|meegedeeld|medegedeeld|geschreven|laten weten|afgesproken|verzocht|gevraagd)\b"
    r"[^.]{0,60}?\b(?:dat|om)\b", IC)
FULFIL = re.compile(
    r"toezegging(?:en)?\b[^.]{0,120}\bgestand\b|\bgestand\b[^.]{0,60}toezegging"
    r"|\b(?:kom|komen|voldoe|voldoen|geef|geven)\b[^.]{0,60}\b(?:tegemoet aan|aan|uitvoering aan)"
    r"\b[^.]{0,40}\btoezegging"
    r"|\b(?:wordt|worden|is)\b[^.]{0,30}\b(?:voldaan|uitvoering gegeven|invulling gegeven)\b"
    r"[^.]{0,40}\btoezegging"
    r"|\bzoals (?:(?:ik|wij|we)\s)?(?:\w+\s){0,4}?toegezegd\b"
    r"|\b(?:conform|ter uitvoering van|overeenkomstig)\b[^.]{0,30}\btoezegging"
    r"|\b(?:met|in|via) deze (?:brief|kamerbrief)\b[^.]{0,80}\btoezegging", IC)
REPORT = re.compile(
    r"\btoezegging(?:en)?\b[^.]{0,20}\bgedaan\b|\b(?:heb|hebben|heeft|is|zijn|werd|werden)\b"
    r"[^.]{0,120}\btoegezegd\b|\bzegde\b[^.]{0,120}\btoe\b", IC)
DELAY = re.compile(
    r"\bniet\b[^.]{0,80}\b(?:binnen|op|voor) de (?:gestelde|gevraagde|toegezegde|afgesproken|"
    r"beoogde|geplande|wettelijke) termijn\b"
    r"|\b(?:gestelde|gevraagde|toegezegde|afgesproken|beoogde) termijn\b[^.]{0,60}\bniet\b"
    r"|\btermijn\b[^.]{0,40}\bniet (?:haalbaar|halen|gehaald)\b"
    r"|\bvertraging\b[^.]{0,30}\b(?:opgelopen|oplopen|ontstaan|ondervonden)\b"
    r"|\b(?:later|langer)\b[^.]{0,30}\bdan\b[^.]{0,20}\b(?:gepland|voorzien|toegezegd|verwacht|"
    r"aangekondigd|beoogd|gebruikelijk)\b"
    r"|\b(?:uitstel|uitgesteld|uitstellen|uitstelt|uit te stellen)\b"
    r"|\bmeer tijd\b[^.]{0,40}\b(?:nodig|in beslag|vergt|kost|vraagt)\b"
    r"|\bniet eerder dan\b", IC)
DELAY_WORDS = ("termijn", "vertraging", "later", "langer", "uitstel", "uitgesteld", "meer tijd",
               "niet eerder", "uit te stellen")
# An earlier promise that this letter cannot keep: "Helaas kan ik u niet zoals toegezegd voor
# 1 maart informeren", "Anders dan toegezegd lukt het niet ...": a delay, not a fulfilment.
NOT_KEPT = re.compile(
    r"\b(?:niet|geen)\b[^.]{0,40}\b(?:zoals|conform|overeenkomstig)\s(?:\w+\s){0,4}?"
    r"toegezegd\b|\banders dan\s(?:\w+\s){0,3}?toegezegd\b"
    r"|\btoe(?:zegging|gezegde?)\b[^.]{0,80}\b(?:niet|kan ik niet)\s(?:\w+\s){0,2}?"
    r"(?:nakomen|halen|gestand doen|waarmaken)\b", IC)
PROMISE_WORDS = ("zal", "zullen", "zeg", "voornemens", "streef", "streven", "tegemoet", "toe", "wordt",
                 "worden", "ontvang", "verwacht", "laat", "laten", "ga", "start", "stuur",
                 "organiseer", "ontwikkel", "verken", "publiceer", "presenteer", "neem", "zet",
                 "informeer", "bericht", "rapporteer", "zend", "terug", "beoog", "hoop",
                 "van plan", "hopen", "beogen")
EXPLICIT_PROMISE = re.compile(
    rf"\bzeg(?:gen)?\b[^.]{{0,120}}\btoe\b|\b(?:ik|wij|we)\b[^.]{{0,20}}\bvoornemens\b"
    rf"|\bvoornemens (?:ben ik|zijn wij)\b|\bhet streven is\b[^.]{{0,40}}\b{KAMER}\b"
    rf"|\bkunt\b[^.]{{0,80}}\btegemoet zien\b|\bgaat\b[^.]{{0,10}}\b{KAMER}\b[^.]{{0,60}}\btoe\b"
    rf"|\b(?:wordt|worden)\b[^.]{{0,15}}\b{KAMER}\b[^.]{{0,120}}\b(?:geïnformeerd|ge ïnformeerd|"
    rf"ingelicht|bericht)\b|\b{KAMER}\b[^.]{{0,80}}\b(?:wordt|worden)\b[^.]{{0,30}}"
    rf"\b(?:geïnformeerd|ge ïnformeerd|ingelicht)\b|\bontvangt\b[^.]{{0,10}}\b{KAMER}\b"
    rf"[^.]{{0,30}}\b(?:hierover|daarover|separa\w+|binnenkort|nog|later|apart\w*)\b"
    rf"|\b{KAMER}\b\s+ontvangt\b[^.]{{0,30}}\b(?:hierover|daarover|separa\w+|binnenkort|nog|"
    rf"later|apart\w*)\b|\bde verwachting is dat\b[^.]{{0,20}}\b{KAMER}\b", IC)
PRESENT_DELIVERY = re.compile(
    r"\b(?:hierbij|bijgaand|hiermee|bij deze brief|met deze (?:brief|kamerbrief)|in de bijlage)\b",
    IC)
# An intention of the sender to inform the Kamer: "Ik verwacht uw Kamer voor de zomer te
# informeren", "Ik streef ernaar ... te sturen", "Naar verwachting kan ik u ... informeren".
INTENT = re.compile(
    rf"\b(?:ik|wij|we|het kabinet)\b[^.]{{0,30}}\b(?:verwacht(?:en)?|streef|streven|beoog|"
    rf"beogen|hoop|hopen|ben van plan|zijn van plan)\b[^.]{{0,140}}\b(?:te|toe te|aan te|voor te)"
    rf"\s+(?:kunnen\s+)?(?:informeren|sturen|zenden|doen toekomen|berichten|rapporteren|bieden|leggen|"
    rf"presenteren|delen)\b"
    rf"|\bnaar verwachting\b[^.]{{0,30}}\b(?:kan|kunnen)\s+(?:ik|wij|we)\b[^.]{{0,100}}"
    rf"\b{INFORM}\b", IC)
# Present tense with a time still to come: "Ik informeer uw Kamer voor het kerstreces",
# "Ik kom hierop voor de zomer terug", "U ontvangt de rapportage in september".
PRESENT_FUTURE = re.compile(
    rf"\b(?:ik|wij|we)\s+(?:informeer|informeren|bericht|berichten|rapporteer|rapporteren|"
    rf"zend|zenden|stuur|sturen)\b[^.]{{0,60}}\b{KAMER}\b"
    rf"|\b(?:ik|wij|we)\s+(?:kom|komen)\b[^.]{{0,80}}\bterug\b"
    rf"|\b(?:u|uw kamer|de kamer)\s+(?:ontvangt|kan\b[^.]{{0,80}}\bverwachten)\b"
    rf"|\bontvangt\s+(?:u|uw kamer|de kamer)\b"
    rf"|\b{KAMER}\s+(?:wordt|worden)\b[^.]{{0,160}}\b(?:geïnformeerd|ge ïnformeerd|ingelicht)\b"
    rf"|\b(?:wordt|worden)\b[^.]{{0,100}}\b(?:naar|aan)\s+{KAMER}\s+(?:(?:toe)?gestuurd|"
    rf"(?:toe|ver)?gezonden|aangeboden|voorgelegd)\b",
    IC)
# A time that is soon without being a date: enough for a present-tense promise.
SOON = re.compile(r"\bz\.?s\.?m\b|\bzo (?:spoedig|snel) mogelijk\b|\bbinnenkort\b|"
                  r"\bop korte termijn\b", IC)
GOV_PRESENT = re.compile(
    rf"^(?:\w+\s){{0,3}}?{GOV}\s+(?:laat|laten|ga|gaan|start|starten|stuur|sturen|organiseer|"
    rf"organiseren|ontwikkel|ontwikkelen|verken|verkennen|publiceer|publiceren|presenteer|"
    rf"presenteren|neem|nemen|zet|zetten)\b", IC)
CLAUSE_START = re.compile(r"[,;:–]\s|\b(?:dat|die|maar|en|waarover|waarin|nadat|wat)\s", IC)
ADVERBIAL = {
    "op", "in", "met", "over", "voor", "vóór", "na", "bij", "aan", "via", "door", "tijdens",
    "naar", "vanaf", "sinds", "zoals", "aanvullend", "daarnaast", "tevens", "vervolgens", "ook",
    "daartoe", "daarom", "hierover", "daarover", "hiervoor", "daarvoor", "eind", "begin",
    "medio", "uiterlijk", "binnenkort", "spoedig", "nog", "dan", "verder", "bovendien",
    "naast", "om", "rond", "ten", "uit", "onder", "daarbij", "hierbij", "hiermee", "waarover",
}
TIME_WORDS = {"jaar", "najaar", "voorjaar", "week", "maand", "maanden", "zomer", "periode",
              "winter", "kwartaal"}


@dataclass
class Signal:
    kind: str  # promise | fulfil | report | delay
    start: int
    end: int


def _classify(np: str, rest: str) -> str:
    """What kind of actor a noun phrase is: gov, kamer, passive (a deliverable or "er"
    with a passive verb following) or other."""
    if re.match(rf"\s*(?:{GOV})\b", np, IC) and not re.match(r"\s*(?:het|de)\s+[A-Z]", np):
        return "gov"
    if re.match(rf"\s*{KAMER}\b", np, IC):
        return "kamer"
    passive = re.search(r"\bworden\b", rest, IC) is not None
    if passive and re.match(rf"\s*(?:er\b|(?:\w+\s){{0,3}}?{DELIVERABLE}\b)", np, IC):
        return "passive"
    if passive and re.search(rf"\b{KAMER}\b[^.]{{0,60}}\b{INFORM}\b", rest, IC):
        return "passive"  # something is sent to the Kamer: the government sends it
    return "other"


def _after_auxiliary(rest: str) -> str | None:
    """The subject after an inverted auxiliary ("zal ik", "zal uw Kamer", "zal worden")."""
    head = rest.lstrip()
    first = head.split(" ", 1)[0].lower() if head else ""
    if not first or first in ADVERBIAL:
        clause = re.split(r"[,;]", head, maxsplit=1)[0]
        return "passive" if re.search(r"\bworden\b", clause, IC) else None
    if first in ("worden", "word") or re.fullmatch(r"ge\w+[dt]", first):
        return "passive"
    return _classify(head, rest)


def _subject(sentence: str, aux: re.Match[str]) -> str:
    """Who acts in the clause of the auxiliary ``aux``: gov, kamer, passive or other.

    Dutch puts one constituent before the finite verb of a main clause: when that is
    the subject, it is classified; when it is an adverbial ("Daartoe", "Over de
    uitkomsten"), the subject follows the verb ("zal ik", "zal uw Kamer"). In a
    subordinate clause ("dat de Kamer ... zal") the subject follows the conjunction.
    """
    boundaries = list(CLAUSE_START.finditer(sentence, 0, aux.start()))
    clause_start = boundaries[-1].end() if boundaries else 0
    clause = sentence[clause_start:aux.start()].strip()
    rest = sentence[aux.end():]
    if re.match(r"\s*(?:ik|wij|we)\b", rest, IC):
        return "gov"  # "Een reactie zal ik u ... toesturen", "Zo spoedig mogelijk zal ik ..."
    words = clause.split()
    if not words:  # "..., maar zal ...": the main clause's subject, unless one follows
        found = _after_auxiliary(rest)
        return found or _classify(sentence, rest)
    first = words[0].lower()
    lead = [w.lower() for w in words if w.lower() not in ("de", "het", "dit", "deze")][:2]
    time_phrase = bool(lead) and (lead[0] in TIME_WORDS or (
        lead[0] in ("komend", "komende", "volgend", "volgende") and len(lead) > 1
        and lead[1] in TIME_WORDS))
    if first in ADVERBIAL or time_phrase:
        return _after_auxiliary(rest) or "other"
    return _classify(clause, rest)


def _is_promise(s: str, letter_date: str | None) -> bool:
    if INTERNAL.search(s) and (INTERNAL_VERBS.search(s) or not re.search(INFORM, s, IC)):
        return False
    if INTERNAL_VERBS.search(s) and find_due(s) is None:
        return False
    if EXPLICIT_PROMISE.search(s) and not PRESENT_DELIVERY.search(s[:40]):
        return True
    for m in FUTURE.finditer(s):
        subject = _subject(s, m)
        rest = s[m.end():]
        if subject == "other" or VAGUE.search(rest[:60]):
            continue
        informs = re.search(rf"\b{INFORM}\b", s, IC) and re.search(rf"\b{KAMER}\b", s, IC)
        if subject in ("gov", "kamer", "passive") and (informs or subject != "kamer"):
            return True
    if INTENT.search(s):
        return True
    if (GOV_PRESENT.search(s) or PRESENT_FUTURE.search(s)) and not PRESENT_DELIVERY.search(s):
        return _due_ahead(s, letter_date)
    return False


def _due_ahead(s: str, letter_date: str | None) -> bool:
    """The sentence names a time that is still to come at the letter's date."""
    if SOON.search(s):
        return True
    due = find_due(s)
    if due is None or letter_date is None:
        return False
    rng = due_range(s[due[0]:due[1]], letter_date)
    return rng is not None and (rng.latest or rng.earliest or "") >= letter_date


def _signal(sentence: str, letter_date: str | None) -> str | None:
    # Inside one sentence every full stop but the last belongs to an abbreviation
    # ("z.s.m.", "nr.", "jl."): drop them so that patterns can span the sentence.
    s = re.sub(r"\.(?!\s*$)", "", sentence)
    low = s.lower()
    # Cheap word checks first: most sentences of a letter carry none of the signals.
    promised = "toezeg" in low or "toegezegd" in low
    if promised and NOT_KEPT.search(s):
        return "delay"
    if (promised or "gestand" in low) and FULFIL.search(s):
        return "fulfil"
    if any(w in low for w in DELAY_WORDS) and DELAY.search(s):
        return "delay"
    if (promised or "zegde" in low) and REPORT.search(s):
        return "report"
    if not any(w in low for w in PROMISE_WORDS):
        return None
    if REPORTED.search(s) and FUTURE.search(s):
        return None  # an earlier announcement recalled, not a new promise
    if _is_promise(s, letter_date):
        return "promise"
    return None


def find_commitments(text: str, spans: list[tuple[int, int]], letter_date: str | None
                     ) -> list[Commitment]:
    """Commitments in ``spans`` (body and footnotes), in reading order."""
    signals: list[Signal | None] = []
    for start, end in spans:
        for a, b in sentences(text, start, end):
            kind = _signal(squash(text[a:b]), letter_date)
            signals.append(Signal(kind, a, b) if kind else None)
            if kind is None and is_heading(text[a:b]):
                signals.append(None)  # a heading closes a section
                signals.append(None)
    return _combine(text, signals, letter_date)


def _combine(text: str, signals: list[Signal | None], letter_date: str | None
             ) -> list[Commitment]:
    out: list[Commitment] = []
    delay: Signal | None = None
    quiet = 0
    for i, sig in enumerate(signals):
        nxt = [s for s in signals[i + 1:i + 4] if s is not None]
        if sig is None:
            quiet += 1
            if delay is not None and quiet > 12:
                out.append(_commitment(text, "postponed", delay, delay, letter_date))
                delay = None
            continue
        quiet = 0
        if sig.kind == "delay" and _complete_delay(text[sig.start:sig.end]):
            if delay is not None:
                out.append(_commitment(text, "postponed", delay, delay, letter_date))
                delay = None
            out.append(_commitment(text, "postponed", sig, sig, letter_date))
        elif sig.kind == "delay":
            delay = delay or sig
        elif sig.kind == "promise" and delay is not None:
            out.append(_commitment(text, "postponed", sig, sig, letter_date))
            delay = None
        elif sig.kind == "promise":
            prev = out[-1] if out else None
            if (prev and prev.kind == "new" and prev.passage
                    and _adjacent(text, prev.passage.end, sig.start)
                    and re.match(r"(?:Deze|Dit|Die)\b", text[sig.start:sig.end])):
                out[-1] = _commitment(text, "new", Signal("promise", prev.passage.start,
                                                          prev.passage.end), sig, letter_date)
            else:
                out.append(_commitment(text, "new", sig, sig, letter_date))
        elif sig.kind == "fulfil":
            prev = out[-1] if out else None
            if prev and prev.kind == "fulfilled" and prev.passage \
                    and _adjacent(text, prev.passage.end, sig.start):
                out[-1] = _commitment(text, "fulfilled", Signal("fulfil", prev.passage.start,
                                                                prev.passage.end), sig, letter_date)
            else:
                out.append(_commitment(text, "fulfilled", sig, sig, letter_date))
        elif sig.kind == "report":
            if any(s.kind in ("delay", "promise") for s in nxt[:2]):
                continue  # a recalled promise followed by its delay or its new date
            out.append(_commitment(text, "fulfilled", sig, sig, letter_date))
    if delay is not None:
        out.append(_commitment(text, "postponed", delay, delay, letter_date))
    return out


def _complete_delay(sentence: str) -> bool:
    """A delay that names its own new time ("zal later dan gepland, in mei, ... worden
    gezonden"): it is the postponed commitment, and a later promise is another one."""
    s = squash(sentence)
    return find_due(s) is not None and (FUTURE.search(s) is not None or INTENT.search(s) is not None
                                        or re.search(r"\bverwacht\w*\b", s, IC) is not None)


def _adjacent(text: str, end: int, start: int) -> bool:
    return start - end <= 3 and "\n\n" not in text[end:start]


def _commitment(text: str, kind: CommitmentKind, first: Signal, last: Signal,
                letter_date: str | None) -> Commitment:
    start, end = first.start, last.end
    quote = text[start:end]
    due_span = find_due(text[last.start:last.end])
    due = squash(text[last.start + due_span[0]:last.start + due_span[1]]) if due_span else None
    origin: KamerstukRef | None = None
    if kind != "new":
        for m in CITATION.finditer(text, start, end):
            refs = citation_refs(m)
            if refs:
                origin = refs[0][0]
                break
    return Commitment(kind=kind, quote=quote, due=due, passage=Passage(start, end, quote),
                      due_range=due_range(due, letter_date) if due else None, origin=origin)
