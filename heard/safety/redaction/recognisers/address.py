"""Where someone lives: street addresses (UK and continental forms, blocks), postcodes."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..presidio import NlpArtifacts, RecognizerResult
from ..wordlists import word_list
from .base import DIGITS, Rule, RuleRecogniser, rule, windows_near

# ---- UK_POSTCODE, and postal codes introduced as such ("ZIP: 53650")

_UK_POSTCODE = (
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y])"
    r"[ \t]?\d[ABD-HJLNP-UW-Z]{2})\b"
)
_POSTAL_AFTER_CUE = (
    r"(?i:\b(?:post[ \t]?code|postal[ \t]code|zip(?:[ \t]?code)?)(?:[ \t]+is)?[ \t]*[:=-]?)"
    r"[ \t]*([A-Z0-9]{1,5}(?:[ \t-](?=[A-Z0-9]*\d|[A-Z]{1,3}\b)[A-Z0-9]{1,4})?)\b"
)


def _check_postcode(text: str, start: int, end: int, score: float) -> float | None:
    covered = text[start:end]
    if not re.search(r"\d", covered):
        return None
    if covered.isupper() and " " in covered:
        return score + 0.1
    return score


def postcode_recogniser() -> RuleRecogniser:
    return RuleRecogniser(
        "UK_POSTCODE",
        [rule(_UK_POSTCODE, 0.6, flags=re.IGNORECASE, near=DIGITS),
         rule(_POSTAL_AFTER_CUE, 0.6, group=1, near=DIGITS)],
        context=["postcode", "post", "code", "address", "zip"],
        check=_check_postcode,
    )

# ---- STREET_ADDRESS: UK streets, common continental forms, flats, boxes, address cues

_STREET_WORDS = (
    r"(?:Street|St(?![ \t]+[A-Z])|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Ct|"
    r"Crescent|Cres|Place|Pl|Gardens|Gdns|Terrace|Grove|Hill|Row|Square|Sq|Walk|Mews|Parade|Park|Rise|"
    r"View|Green|Vale|Boulevard|Blvd|Gate|Wharf|Croft|Fold|Meadows?|Estate|Pass|Summit|"
    r"Forges?|Highway|Hwy|Circle|Loop|Trail|Heights|Yard|Quay|Embankment|Broadway|"
    r"Causeway|Chase|Dene|Glen|Mount|Orchard|Ridge|Villas|Brow|Plaza|Pike|Ferry|Junction|"
    r"Center|Centre|Fort|Manor|Mill|Mills|Port|Springs?|Station|Track|Villages?|Wells?)\b\.?"
)
NAME_WORD = r"[A-ZÀ-Þ][\w'’-]*"
_TRAILING_LINES = (
    # following pieces after a comma or a line break: town, county, country, postcode
    r"(?:[ \t]*(?:[,\n][ \t>]*){1,3}(?:[A-ZÀ-Þ0-9][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,3})"
    r"(?=[ \t]*(?:[,.\n]|$))){0,4}"
)
_ADDRESS_RULES: list[tuple[str, float] | tuple[str, float, int]] = [
    # 14 Elm Road / Flat 2, 14a Elm Road, Leeds LS6 2AB (any case: children type lower case)
    (r"(?i:\b(?:(?:flat|apartment|apt|unit)\.?[ \t]+\d+[a-z]?,?[ \t]+)?\d{1,5}[a-z]?"
     r"(?:-\d{1,5})?,?[ \t]+(?:[\w'’.-]+[ \t]+){0,3}?[\w'’-]+[ \t]+" + _STREET_WORDS + ")"
     + _TRAILING_LINES, 0.6),
    # (a street with no house number, "lives on Elm Street", is a place: see place.py)
    # Via Roma 131, Rua Mina 50, ul. Biskupa Bogedaina 118, Avda. Rio Nalon 58
    (r"(?:\b\d{1,6}[ \t]+)?\b(?:Via|Viale|Rua|Avenida|Avda\.|Av\.|Calle|Carrer|Rue|ul\.|"
     r"Ulica|Paseo|Plaza|Praça|Piazza|Corso|Largo|Travessa|Camino|Strada|Chemin|Allée|"
     r"Estrada|Alameda|Boulevard|Carretera|Ronda|Cesta|Aleja|Rambla)[ \t]+"
     r"(?:[\w'’.-]+[ \t]+){0,4}?\d{1,5}[a-zA-Z]?\b" + _TRAILING_LINES, 0.6),
    # Pohlstrasse 9, Kiannonkatu 98, hersnapvej 18, Lyngveien 46
    (r"(?:\b\d{1,6}[ \t]+)?(?i:\b\w{3,}(?:strasse|straße|gasse|weg|vej|veien|vegen|katu|"
     r"gatan|gata|gade|laan|straat|utca|polku|kuja|väg|vei|allee|platz|damm|ufer|kade|"
     r"gracht|plein|singel|sokak|caddesi|iela|gatve|tänav|põik|ulice|cesta))[ \t]+"
     r"\d{1,5}[a-zA-Z]?\b" + _TRAILING_LINES, 0.6),
    # Apt. 461, Suite 858, Flat 3B, P.O. Box 186, PSC 7589, Box 0572, APO AE 20040
    (r"(?:\b\d{1,6}[ \t]+)?(?i:\b(?:apt|apartment|suite|ste|flat))\.?[ \t]+\d{1,5}[A-Za-z]?\b"
     + _TRAILING_LINES, 0.5),
    (r"\b(?:P\.?[ \t]?O\.?[ \t]?Box|PSC)[ \t]+\d{1,6}(?:,[ \t]*Box[ \t]+\d{1,6})?", 0.6),
    (r"\b(?:APO|FPO|DPO)[ \t]+(?:AE|AA|AP)[ \t]+\d{5}\b", 0.6),
    (r"\b(?:Unit[ \t]+\d{1,6}[ \t]+Box[ \t]+\d{1,6}|USNS[ \t]+[A-Z][\w-]+|USS[ \t]+[A-Z][\w-]+)",
     0.6),
    # the corner of 74 Sikelianou Street and Pas Pass
    (r"(?i:\bcorner[ \t]+of[ \t]+)([^\n.!?]{3,80})", 0.5, 1),
]
_ADDRESS_CUE = re.compile(
    r"(?i)\b(?:(?:home\s+)?address(?:\s+is)?\s*:?|li(?:ve|ves|ved|ving)\s+(?:on|at|in)|"
    r"located\s+at|drops?\s+(?:you|me|us)\s+off\s+at|meet\s+(?:me|us)\s+at|"
    r"send\s+(?:it|them|this|that|a\s+new\s+one|the\s+\w+)\s+to|office\s+is\s+at|"
    r"moved\s+to|staying\s+(?:at|on)|(?:return|send|sent|deliver|post|ship|taxi)\s+(?:it\s+)?to|"
    r"address\?\s+it\s+is|(?:is|at|to|is\s+at)(?-i:(?=\s+\d{1,6}[a-z]?(?:\s+\d{1,6})?\s+(?!I\b)"
    r"[A-ZÀ-ÞΑ-Ω])))[ \t]*\n?[ \t]*"
)


class _AddressRecogniser(RuleRecogniser):
    """Street rules, plus whatever follows an address cue when it contains a number."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for found in list(results):
            for start, end, score in _block_lines(text, found.start, found.end):
                result = self._result(text, start, end, score)
                if result is not None:
                    results.append(result)
        cues = (cue for start, end in windows_near(text, DIGITS)
                for cue in _ADDRESS_CUE.finditer(text, start, end))
        for cue in cues:
            end = _address_end(text, cue.end())
            covered = text[cue.end() : end]
            if re.search(r"\d", covered) and re.search(r"[^\W\d_]{2}", covered):
                result = self._result(text, cue.end(), end, 0.55)
                if result is not None:
                    results.append(result)
        return results


def _address_end(text: str, start: int) -> int:
    """Where an address after a cue stops.

    It runs over numbers, capitalised words, street words, commas and lower-case words
    that a number soon follows ("rue de la Hulotais 31"), and stops at the first other
    word ("... LS6 2AB and I like it"), a sentence end (not the "." of "Apt.") or a
    blank line.
    """
    tokens = list(re.finditer(r"[^\s,]+|,|\n[ \t>]*\n", text[start : start + 120]))
    end = start
    for index, match in enumerate(tokens):
        word = match.group()
        soon = [other.group() for other in tokens[index + 1 : index + 4]]
        if word.startswith("\n") or not _address_token(word, soon):
            break
        end = start + match.end()
        bare = word.rstrip(".!?;:)")
        if bare != word and _plain(bare) not in word_list("address_abbreviations"):
            end = start + match.start() + len(bare)
            break
    return end


def _plain(word: str) -> str:
    return word.strip(".,;:!?()").lower()


def _address_token(word: str, soon: list[str]) -> bool:
    """Whether a word can belong to an address that a cue introduced."""
    bare = word.strip(".,;:!?()")
    if not bare:
        return True  # a lone comma or bracket
    if any(ch.isdigit() for ch in bare) or _plain(word) in word_list("address_words"):
        return True
    if bare[0].isupper() and bare != "I":
        return True
    return any(ch.isdigit() for word in soon for ch in word)




# Rules that can match with no digit: "USNS Brittin", "the corner of". Every other address
# rule needs a house or box number, so it reads only near digits.
_DIGIT_FREE_RULES = frozenset({6, 7})


def _address_rule(index: int, spec: tuple[str, float] | tuple[str, float, int]) -> Rule:
    pattern, score, *group = spec
    near = None if index in _DIGIT_FREE_RULES else DIGITS
    return rule(pattern, score, group[0] if group else 0, near=near)


def address_recogniser() -> RuleRecogniser:
    return _AddressRecogniser(
        "STREET_ADDRESS",
        [_address_rule(index, spec) for index, spec in enumerate(_ADDRESS_RULES)],
        context=["address", "live", "lives", "street", "road"],
    )


_BLOCK_LINE = re.compile(r"[^\n]*")
_LABEL_LINE = re.compile(r"^\W*\w+(?:[ \t]\w+)?[ \t]*:|@|https?:|www\.")


def _block_lines(text: str, start: int, end: int) -> list[tuple[int, int, float]]:
    """Short neighbouring lines of an address that sits in a block of short lines.

    Letters and signatures put a name, an organisation, a town and a postcode on lines
    of their own around the street. Lines above count less: they are often the name,
    which the model may label better.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    outside = text[line_start:start] + " " + text[end:line_end]
    sentence = text[line_start:line_end].rstrip().endswith((".", "!", "?"))
    if line_end - line_start > 60 or (sentence and _prose(outside)):
        return []  # an address inside prose: its sentence is not an address block
    found = [(line_start, line_end, 0.55)]
    found += _walk_lines(text, line_end, +1, 4, 0.55)
    found += _walk_lines(text, line_start - 1, -1, 3, 0.45)
    return found


_BLOCK_CONNECTIVES = frozenset({"and", "of", "de", "la", "le", "du", "van", "von", "del"})


def _prose(fragment: str) -> bool:
    """Whether text reads as a sentence rather than part of an address block."""
    if fragment.rstrip().endswith(("?", "!")):
        return True
    words = re.findall(r"[a-z']+", fragment.lower())
    return any(w in STOP_WORDS and w not in _BLOCK_CONNECTIVES for w in words)


def _sentence(line: str) -> bool:
    stripped = line.rstrip()
    return stripped.endswith(("?", "!")) or (stripped.endswith(".") and _prose(stripped))


def _walk_lines(text: str, edge: int, step: int, limit: int, score: float
                ) -> list[tuple[int, int, float]]:
    found: list[tuple[int, int, float]] = []
    blanks = 0
    while len(found) < limit and 0 <= edge < len(text) and text[edge] == "\n":
        if step > 0:
            start, end = edge + 1, text.find("\n", edge + 1)
            end = len(text) if end < 0 else end
        else:
            start, end = text.rfind("\n", 0, edge) + 1, edge
        line = text[start:end]
        if not line.strip(" \t>?*-"):
            blanks += 1
            if blanks > 1:
                break
        elif len(line) > 50 or _LABEL_LINE.search(line) or _sentence(line):
            break
        else:
            found.append((start, end, score))
        edge = end if step > 0 else start - 1
    return found

