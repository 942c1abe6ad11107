"""Every question, hint and choice of the share journey, worded for each age band.

The first page asks "How old are you?"; the answer picks one set of words below for the rest of
the journey (docs/decisions/0021). They live here, not in the templates, so that one test
(tests/plain_english/test_band_reading_age.py) can read every text of every band and hold each
band to its reading age: Flesch-Kincaid grade 2 or below for 4-7 and 8-11, 4 or below for 12-17.
The general set is the journey as it was before bands; "I'd rather not say" gets it too.

Pictures are emoji shown beside the words and hidden from screen readers: the words always carry
the meaning, so nobody needs to see or read a picture to answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from heard.core.vocab import AGE_JOURNEYS

Text = str | Promise

GENERAL = "general"
YOUNG_BANDS = ("4_7", "8_11")
# The most each band's texts may score on the Flesch-Kincaid grade (textstat).
READING_GRADE_LIMIT: dict[str, float] = {"4_7": 2.0, "8_11": 2.0, "12_17": 4.0}


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text
    hint: Text = ""
    picture: str = ""  # an emoji, hidden from screen readers; the label says the same


@dataclass(frozen=True)
class BandTexts:
    band: str
    who_question: Text
    who_hint: Text
    perspectives: tuple[Choice, ...]
    rather_not_say: Text
    what_question: Text
    kinds: tuple[Choice, ...]
    write_heading: dict[str, Text]
    write_prompts_intro: Text
    write_prompts: dict[str, tuple[Text, ...]]
    names_warning: Text
    title_label: Text
    text_label: Text
    text_hint: Text  # may name the length limit as %(limit)s
    consent_question: Text
    consent_intro: Text
    consent: dict[str, tuple[Text, Text]]  # purpose -> (question, hint)
    feeling_question: Text = ""
    feeling_hint: Text = ""
    feelings: tuple[Choice, ...] = ()
    big_targets: bool = False  # larger radios, buttons and text for small hands
    easy_read: bool = False  # the easy-read consent and help pages by default

    def texts(self) -> list[tuple[str, str]]:
        """Every text of this band as (name, words), for the reading-age test."""
        found: list[tuple[str, Text]] = [
            ("who_question", self.who_question), ("who_hint", self.who_hint),
            ("rather_not_say", self.rather_not_say), ("what_question", self.what_question),
            ("write_prompts_intro", self.write_prompts_intro),
            ("names_warning", self.names_warning), ("title_label", self.title_label),
            ("text_label", self.text_label), ("text_hint", self.text_hint),
            ("consent_question", self.consent_question), ("consent_intro", self.consent_intro),
            ("feeling_question", self.feeling_question), ("feeling_hint", self.feeling_hint),
        ]
        for group, choices in (("perspective", self.perspectives), ("kind", self.kinds),
                               ("feeling", self.feelings)):
            for choice in choices:
                found += [(f"{group}:{choice.value}", choice.label),
                          (f"{group}:{choice.value}:hint", choice.hint)]
        for kind, heading in self.write_heading.items():
            found.append((f"write_heading:{kind}", heading))
        for kind, prompts in self.write_prompts.items():
            found += [(f"write_prompt:{kind}:{n}", prompt) for n, prompt in enumerate(prompts)]
        for purpose, (question, hint) in self.consent.items():
            found += [(f"consent:{purpose}", question), (f"consent:{purpose}:hint", hint)]
        return [(name, str(text)) for name, text in found if str(text)]


# --- The first question, the same for everyone -------------------------------------------------

AGE_QUESTION = _("How old are you?")
AGE_HINT = _("We will ask the rest in a way that fits you.")
AGE_CHOICES: tuple[Choice, ...] = (
    Choice("4_7", _("4 to 7"), _("A grown-up you trust helps you.")),
    Choice("8_11", _("8 to 11")),
    Choice("12_17", _("12 to 17")),
    Choice("18_plus", _("18 or over")),
    Choice("not_said", _("I'd rather not say")),
)
AGE_TEXTS: list[tuple[str, Text]] = [
    ("age_question", AGE_QUESTION), ("age_hint", AGE_HINT),
    *[(f"age:{c.value}", c.label) for c in AGE_CHOICES],
    *[(f"age:{c.value}:hint", c.hint) for c in AGE_CHOICES if str(c.hint)],
]
assert tuple(c.value for c in AGE_CHOICES) == AGE_JOURNEYS

# The five faces children answer with, worst to best, for "How do you feel about where you
# live?" (a Bright Spots question). The number kept is the position on the scale.
FACES: tuple[Choice, ...] = (
    Choice("1", _("So bad"), picture="😢"),
    Choice("2", _("Bad"), picture="🙁"),
    Choice("3", _("Fine"), picture="😐"),
    Choice("4", _("Good"), picture="🙂"),
    Choice("5", _("Great"), picture="😀"),
)

_GENERAL_KINDS = (
    Choice("story", _("Something that happened"), _("Tell us about an experience you have had.")),
    Choice("problem", _("A problem"), _("Tell us about something that is not working.")),
    Choice("idea", _("An idea"), _("Tell us about something that would make things better.")),
)

_CONSENT_GENERAL: dict[str, tuple[Text, Text]] = {
    "analysis": (_("Can we read it together with what other people said, to find what matters "
                   "most?"),
                 _("Only our team sees it. No one outside will see your words.")),
    "quote": (_("Can we quote some of your words in reports, without your name?"),
              _("We take out names and anything that could show who you are.")),
    "publish": (_("Can we show what you wrote on this website, without your name?"),
                _("Someone checks it first and takes out anything that could show who you "
                  "are.")),
}

GENERAL_TEXTS = BandTexts(
    band=GENERAL,
    who_question=_("Who are you?"),
    who_hint=_("Choose all that are true for you. You can choose more than one."),
    perspectives=(),  # the full list from heard.core.vocab
    rather_not_say=_("Prefer not to say"),
    what_question=_("What do you want to share?"),
    kinds=_GENERAL_KINDS,
    write_heading={"story": _("Tell us what happened"),
                   "problem": _("Tell us about the problem"),
                   "idea": _("Tell us your idea")},
    write_prompts_intro=_("You could think about:"),
    write_prompts={
        "story": (_("what happened"), _("how it made you feel"), _("what would have helped")),
        "problem": (_("what is not working"), _("who it affects, and how"),
                    _("what you think would help")),
        "idea": (_("what would make things better"), _("who could make it happen"),
                 _("how you would know it was working")),
    },
    names_warning=_("Please do not write your name, or the names of other people, schools or "
                    "places. We will take out any we find before anyone else reads it."),
    title_label=_("Give it a short title (optional)"),
    text_label=_("Write it here"),
    text_hint=_("You can write as much or as little as you like, up to %(limit)s characters."),
    consent_question=_("How we may use what you share"),
    consent_intro=_("You choose. Each answer is separate. You can change your mind later with "
                    "your receipt code."),
    consent=_CONSENT_GENERAL,
)

TEEN_TEXTS = BandTexts(
    band="12_17",
    who_question=_("Who are you?"),
    who_hint=_("Choose all that are true for you."),
    perspectives=(
        Choice("child_in_care", _("I am in care"), _("I live with a foster carer, in a home, or "
                                                     "with family. The council set it up.")),
        Choice("care_leaver", _("I have left care, or I am leaving care soon")),
        Choice("adopted", _("I was adopted. I live with my new family for good.")),
        Choice("other_family", _("A brother or sister of a child in care")),
    ),
    rather_not_say=_("Prefer not to say"),
    what_question=_("What do you want to tell us?"),
    kinds=(
        Choice("story", _("A thing that happened"), _("Tell us what went on."), "💬"),
        Choice("problem", _("Something that is not right"), _("Tell us what is wrong."), "😟"),
        Choice("idea", _("A way to make things better"), _("Tell us your idea."), "💡"),
    ),
    write_heading={"story": _("Tell us what happened"),
                   "problem": _("Tell us what is wrong"),
                   "idea": _("Tell us your idea")},
    write_prompts_intro=_("You could say:"),
    write_prompts={
        "story": (_("what happened"), _("how it made you feel"), _("what would have helped")),
        "problem": (_("what is wrong"), _("who it is bad for"), _("what would help")),
        "idea": (_("what would make things better"), _("who could do it")),
    },
    names_warning=_("Please do not put names in it: not yours and not anyone else's. We take "
                    "out any we find."),
    title_label=_("A short title (you can skip this)"),
    text_label=_("Write it here"),
    text_hint=_("Write as much or as little as you like."),
    consent_question=_("How we may use what you say"),
    consent_intro=_("You choose. You can change your mind later with your code."),
    consent={
        "analysis": (_("Can our team read it with what other young people said?"),
                     _("Only our team sees it.")),
        "quote": (_("Can we use some of your words in reports, with no name?"),
                  _("We take out names and things that could show who you are.")),
        "publish": (_("Can we show your words on this website, with no name?"),
                    _("We check it first and take out names.")),
    },
    feeling_question=_("How do you feel about where you live?"),
    feeling_hint=_("Pick one. You can skip this."),
    feelings=FACES,
)

CHILD_TEXTS = BandTexts(
    band="8_11",
    who_question=_("Who are you?"),
    who_hint=_("Pick all that are true."),
    perspectives=(
        Choice("child_in_care", _("I am in care"),
               _("I live with a carer or in a home. It may be with my gran.")),
        Choice("adopted", _("I was adopted. I live with my new mum or dad for good.")),
        Choice("other_family", _("My brother or sister is in care. I am not.")),
    ),
    rather_not_say=_("I do not want to say"),
    what_question=_("What do you want to tell us?"),
    kinds=(
        Choice("story", _("A thing that happened"), _("Tell us what went on."), "💬"),
        Choice("problem", _("A thing that is not good"), _("Tell us what is wrong."), "😟"),
        Choice("idea", _("A way to make things good"), _("Tell us your plan."), "💡"),
    ),
    write_heading={"story": _("Tell us what happened"),
                   "problem": _("Tell us what is wrong"),
                   "idea": _("Tell us your plan")},
    write_prompts_intro=_("You can say:"),
    write_prompts={
        "story": (_("what went on"), _("how you felt"), _("what would help")),
        "problem": (_("what is wrong"), _("what would help")),
        "idea": (_("what we should do"), _("who could do it")),
    },
    names_warning=_("Do not put names in it. Not yours, and not your friends'."),
    title_label=_("Give it a name (you can skip this)"),
    text_label=_("Write it here"),
    text_hint=_("Say as much as you like."),
    consent_question=_("What can we do with it?"),
    consent_intro=_("You choose. You can change it later."),
    consent={
        "analysis": (_("Can our team read it with what all the kids said?"),
                     _("Just our team will see it.")),
        "quote": (_("Can we put some of your words in a report?"),
                  _("We will not put your name in it.")),
        "publish": (_("Can we show your words on this site?"),
                    _("We take out names first.")),
    },
    feeling_question=_("How do you feel about where you live?"),
    feeling_hint=_("Pick a face. You can skip this."),
    feelings=FACES,
    big_targets=True,
    easy_read=True,
)

LITTLE_CHILD_TEXTS = BandTexts(
    band="4_7",
    who_question=_("Who are you?"),
    who_hint=_("The grown-up with you can read this out."),
    perspectives=(
        Choice("child_in_care", _("I am in care"), _("I live with a carer, not my mum or dad.")),
        Choice("adopted", _("I was adopted. I live with my new mum or dad for good.")),
    ),
    rather_not_say=_("I do not want to say"),
    what_question=_("What do you want to tell us?"),
    kinds=(
        Choice("story", _("A thing that happened"), picture="💬"),
        Choice("problem", _("A thing that is not good"), picture="😟"),
        Choice("idea", _("A way to make things good"), picture="💡"),
    ),
    write_heading={"story": _("Tell us what happened"),
                   "problem": _("Tell us what is wrong"),
                   "idea": _("Tell us your plan")},
    write_prompts_intro=_("You can say:"),
    write_prompts={
        "story": (_("what went on"), _("how you felt")),
        "problem": (_("what is wrong"),),
        "idea": (_("what we should do"),),
    },
    names_warning=_("Do not put names in it."),
    title_label=_("Give it a name (you can skip this)"),
    text_label=_("Write it here, or say it to your grown-up"),
    text_hint=_("Your grown-up can write down what you say."),
    consent_question=_("What can we do with it?"),
    consent_intro=_("You choose. Your grown-up can help."),
    consent={
        "analysis": (_("Can our team read it?"), _("Just our team will see it.")),
        "quote": (_("Can we put your words in a report?"), _("We will not put your name.")),
        "publish": (_("Can we show your words on this site?"), _("We take out names first.")),
    },
    feeling_question=_("How do you feel about where you live?"),
    feeling_hint=_("Pick a face. You can skip this."),
    feelings=FACES,
    big_targets=True,
    easy_read=True,
)

BY_BAND: dict[str, BandTexts] = {
    "4_7": LITTLE_CHILD_TEXTS, "8_11": CHILD_TEXTS, "12_17": TEEN_TEXTS,
    "18_plus": GENERAL_TEXTS, "not_said": GENERAL_TEXTS, GENERAL: GENERAL_TEXTS,
}


def texts_for(band: str | None) -> BandTexts:
    """The words for a band; someone who has not chosen one gets the general journey."""
    return BY_BAND.get(band or GENERAL, GENERAL_TEXTS)


# --- Easy read (the Mencap style: one idea to a short sentence, a picture beside each) ----------
# Used by default for 4-7 and 8-11, and linked from the standard pages for anyone. The pictures
# are emoji hidden from screen readers; each sentence says everything on its own.

@dataclass(frozen=True)
class EasyLine:
    picture: str
    words: Text


EASY_CONSENT_TITLE = _("What can we do with what you wrote?")
EASY_CONSENT_INTRO: tuple[EasyLine, ...] = (
    EasyLine("👀", _("A small team reads what you wrote.")),
    EasyLine("✋", _("You choose what we do with it.")),
    EasyLine("🔁", _("You can change your mind later.")),
    EasyLine("🔑", _("You will get a code. Use it to come back.")),
)
# purpose -> (picture, question, hint)
EASY_CONSENT: dict[str, tuple[str, Text, Text]] = {
    "analysis": ("👥", _("Can our team read it with what the rest said?"),
                 _("Just our team will see it.")),
    "quote": ("📄", _("Can we put some of your words in a report?"),
              _("We will not put your name in it.")),
    "publish": ("💻", _("Can we show your words on this website?"),
                _("We take out names first.")),
}

EASY_HELP_TITLE = _("Get help now")
EASY_HELP_INTRO: tuple[EasyLine, ...] = (
    EasyLine("🛟", _("You can get help now. You do not have to wait for us.")),
    EasyLine("🙋", _("Tell a grown-up you trust. It could be a carer or a teacher.")),
    EasyLine("🤐", _("You do not need to say your name.")),
    EasyLine("🛡️", _("If someone hurts you and you tell us, we will act. We keep you safe.")),
)
# Said beside each help line, by the line's name (heard.safety.support); a line not named here
# (the council's own) gets LOCAL_LINE.
EASY_HELP_LINES: dict[str, EasyLine] = {
    "Emergency services": EasyLine("🚨", _("Call 999 if you are not safe now.")),
    "Childline": EasyLine("☎️", _("Childline is free. You can call them day or night.")),
    "Samaritans": EasyLine("💬", _("Samaritans will talk to you if you feel low. It is free.")),
    "NSPCC helpline": EasyLine("🧒", _("The NSPCC helps if you are scared for a child.")),
}
LOCAL_LINE = EasyLine("🏠", _("Call us if you are scared for a child."))
EASY_READ_LIMIT = 2.0


def easy_read_texts() -> list[tuple[str, str]]:
    """Every sentence of the easy-read pages, for the reading-age test."""
    lines = [*EASY_CONSENT_INTRO, *EASY_HELP_INTRO, *EASY_HELP_LINES.values(), LOCAL_LINE]
    found = [(f"easy:{n}", str(line.words)) for n, line in enumerate(lines)]
    found += [("easy:consent_title", str(EASY_CONSENT_TITLE)),
              ("easy:help_title", str(EASY_HELP_TITLE))]
    for purpose, (_picture, question, hint) in EASY_CONSENT.items():
        found += [(f"easy:{purpose}", str(question)), (f"easy:{purpose}:hint", str(hint))]
    return found
