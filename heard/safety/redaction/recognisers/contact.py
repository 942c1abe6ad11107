"""Ways to reach someone: email addresses, web addresses, phone numbers, social media handles."""

from __future__ import annotations

import re
from functools import cache

import tldextract

from ..wordlists import word_list
from .base import AT_SIGN, DIGITS, RuleRecogniser, is_common_word, rule
from .words import is_english

# ---- EMAIL_ADDRESS, checked against the bundled public-suffix list


@cache
def _suffixes() -> tldextract.TLDExtract:
    """tldextract with no URLs to fetch and no cache: it uses its bundled snapshot only."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _check_email(text: str, start: int, end: int, score: float) -> float | None:
    domain = text[start:end].rsplit("@", 1)[-1]
    # an unknown suffix ("jo@school.local") is still worth showing a moderator, less surely
    return score if _suffixes()(domain).suffix else 0.4


def email_recogniser() -> RuleRecogniser:
    return RuleRecogniser(
        "EMAIL_ADDRESS",
        [rule(r"(?<![\w.%+'-])[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+", 0.85, near=AT_SIGN)],
        context=["email", "mail", "contact"],
        check=_check_email,
    )


# ---- URL: with a scheme or www., or a bare domain with a common suffix

_URL = (
    r"(?i:\b(?:https?://|www\.)[^\s<>\"'()]+[^\s<>\"'().,;:!?]"
    r"|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|org|net|uk|io|me|tv|"
    r"co|info|biz|edu|gov|de|fr|es|it|nl|be|at|ch|dk|se|no|fi|pl|ie|eu|us|ca|au|app|dev|"
    r"blog|site|online|xyz|ly|gl|gg)\b(?:/[^\s<>\"'()]*[^\s<>\"'().,;:!?])?)"
)


def url_recogniser() -> RuleRecogniser:
    # Presidio's URL rule lists every suffix in one regex: 2-3 ms a text on its own
    return RuleRecogniser("URL", [rule(_URL, 0.6)], context=["url", "website", "link"])

# ---- PHONE_NUMBER: UK formats first, anything phone-shaped at a lower score

_PHONE = (
    r"(?<![\w/.@+-])"
    r"(?:(?:\+|00)\d{1,3}(?:[ \t]?\(0\))?[ \t.-]?)?"  # +44, 0044, +41 (0)
    r"(?:\(\d{1,5}\)[ \t.-]?)?"  # (0113), (37)
    r"\d+(?:(?:[ \t]{1,2}|[ \t]?[.-][ \t]?)\d+){0,5}"
    r"(?:[ \t]?(?:x|ext\.?|extension)[ \t]?\d{1,5})?"
    r"(?![\w]|[-/]\d)"
)
PHONE_CUE = re.compile(
    r"(?i)\b(?:call|phone|tel|telephone|mobile|mob|number|no|ring|text|whatsapp|fax|desk|"
    r"contact|answering|reach|messages?|sms|landline|office|cell|on)\b"
)
# "nhs" inside an address such as someone@nhs.net is not a cue
NHS_CUE = re.compile(r"(?i)(?<![.@\w])nhs\b(?!\.\w)|health\s+(?:service\s+)?number")


def _check_phone(text: str, start: int, end: int, score: float) -> float | None:
    covered = text[start:end]
    main = re.split(r"(?i)x|ext", covered)[0]
    digits = re.sub(r"\D", "", main)
    if not 7 <= len(digits) <= 15 or len(set(digits)) == 1:
        return None
    if NHS_CUE.search(text, max(0, start - 40), start):
        return None  # a number near "NHS" that failed the NHS check is not a phone either
    return _phone_score(covered, digits)


def _phone_score(covered: str, digits: str) -> float:
    uk_national = digits.startswith("0") and len(digits) in (10, 11)
    uk_international = digits.startswith(("44", "0044")) and covered.lstrip().startswith(
        ("+", "00")
    )
    if uk_national or uk_international:
        return 0.75
    if covered.startswith(("+", "(")) or "(0)" in covered:
        return 0.6
    groups = len(re.findall(r"\d+", covered))
    if groups >= 3 or (groups == 2 and len(digits) >= 8):
        return 0.45
    return 0.3  # a bare run of digits: shown only next to a cue such as "call me on"


def phone_recogniser() -> RuleRecogniser:
    return RuleRecogniser(
        "PHONE_NUMBER", [rule(_PHONE, 0.5, near=DIGITS)],
        context=["phone", "call", "mobile", "number", "tel", "text", "ring", "whatsapp"],
        cue=PHONE_CUE, cue_boost=0.3, check=_check_phone,
    )

# ---- SOCIAL_HANDLE: @handles, and usernames after "my snap is"

_SOCIAL_RULES = [
    (r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?", 0.7, 0),
    (r"(?i:(?=[istfdyk])"  # first letters only: see FIRST_LETTER_NOTE in base.py
     r"\b(?:insta(?:gram)?|ig|snap(?:chat)?|sc|tik[ \t]?tok|twitter|facebook|fb|discord|"
     r"twitch|youtube|yt|threads|kik|telegram)\b(?:[ \t]*(?:name|handle|username|user|"
     r"account|acc|id|is|it['’]?s|on|at|as|me|:|-|=)){0,3})[ \t]*@?"
     r"([A-Za-z0-9_][A-Za-z0-9_.]{2,29})",
     0.6, 1),
]


def _check_handle(text: str, start: int, end: int, score: float) -> float | None:
    handle = text[start:end].lstrip("@").rstrip(".").lower()
    if handle in word_list("not_handles") or is_common_word(handle) or handle.isdigit():
        return None
    if not text[start:end].startswith("@") and handle.isalpha() and is_english(handle):
        return None  # "not on snap anymore": an ordinary word, not a username
    return score


def social_handle_recogniser() -> RuleRecogniser:
    return RuleRecogniser(
        "SOCIAL_HANDLE", [rule(pattern, score, group) for pattern, score, group in _SOCIAL_RULES],
        context=["insta", "snap", "tiktok", "follow", "add"], check=_check_handle,
    )
