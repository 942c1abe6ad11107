"""The survey's questions for each age band, fixed in code so every wave asks the same ones and
waves can be compared (decision 0023).

The bands follow Coram Voice's Bright Spots surveys (about 13 questions for 4-7 year olds
answered with a trusted adult, 34 for 8-11, 49 for 11-17), but the sets here are much shorter and
the words are our own: a few plain questions a child can answer in a few minutes. A question
asked in more than one band keeps its key, so its results can be put side by side.

Every answer has words as well as a face: the face is decoration and never the only label.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Choice:
    words: Promise
    face: str  # an emoji, hidden from screen readers: the words say the same


@dataclass(frozen=True)
class Question:
    key: str
    text: Promise


THREE_FACES = (Choice(_("No"), "🙁"), Choice(_("Sometimes"), "😐"), Choice(_("Yes"), "🙂"))
FIVE_STEPS = (Choice(_("Never"), "😞"), Choice(_("Hardly ever"), "🙁"),
              Choice(_("Sometimes"), "😐"), Choice(_("Most of the time"), "🙂"),
              Choice(_("All of the time"), "😄"))

AGE_4_7, AGE_8_11, AGE_12_17, NOT_SAID = "4-7", "8-11", "12-17", ""
BAND_LABELS: dict[str, Promise] = {
    AGE_4_7: _("4 to 7, with a grown-up I trust helping me"),
    AGE_8_11: _("8 to 11"),
    AGE_12_17: _("12 to 17"),
    NOT_SAID: _("I'd rather not say"),
}
# Short names for results tables, which staff read.
BAND_SHORT = {AGE_4_7: "Age 4-7", AGE_8_11: "Age 8-11", AGE_12_17: "Age 12-17",
              NOT_SAID: "Age not said"}
BANDS = (AGE_4_7, AGE_8_11, AGE_12_17)

_SAFE = Question("safe", _("Do you feel safe where you live?"))
_CARED = Question("cared_for", _("Do the adults you live with care about you?"))
_HAPPY = Question("happy", _("Do you feel happy?"))
_FRIEND = Question("friend", _("Do you have a good friend?"))
_FUN = Question("fun", _("Do you get to do fun things?"))
_LISTENS = Question("worker_listens", _("Does your social worker listen to you?"))
_TALK = Question("adult_to_talk_to", _("Is there an adult you can talk to when you are worried?"))
_SCHOOL = Question("school", _("Do you like going to school?"))
_SETTLED = Question("settled", _("Do you feel settled where you live?"))
_SAY = Question("say_in_plans", _("Do you get a say in plans about your life?"))
_FUTURE = Question("future", _("Do you feel good about what is ahead for you?"))

QUESTION_SETS: dict[str, tuple[Question, ...]] = {
    AGE_4_7: (_SAFE, _CARED, _HAPPY, _FRIEND, _FUN, _LISTENS),
    AGE_8_11: (_SAFE, _CARED, _HAPPY, _FRIEND, _FUN, _LISTENS, _TALK, _SCHOOL),
    AGE_12_17: (_SAFE, _CARED, _HAPPY, _FRIEND, _LISTENS, _TALK, _SCHOOL, _SETTLED, _SAY,
                _FUTURE),
}
# People who would rather not give their age get the set for the oldest band, which has the
# most general words.
QUESTION_SETS[NOT_SAID] = QUESTION_SETS[AGE_12_17]
SCALES = {AGE_4_7: THREE_FACES, AGE_8_11: FIVE_STEPS, AGE_12_17: FIVE_STEPS,
          NOT_SAID: FIVE_STEPS}

# Every question key in the order results are shown.
ALL_QUESTIONS: tuple[Question, ...] = tuple(
    {q.key: q for band in (AGE_12_17, AGE_8_11, AGE_4_7) for q in QUESTION_SETS[band]}.values())
QUESTION_TEXT = {q.key: q.text for q in ALL_QUESTIONS}

# Who a child may say they are: the perspectives (heard.core.vocab) that fit a child or young
# person, in their own words.
PERSPECTIVE_CHOICES: dict[str, Promise] = {
    "child_in_care": _("I live in care, or with foster carers"),
    "adopted": _("I was adopted"),
    "care_leaver": _("I have left care"),
    NOT_SAID: _("Something else, or I'd rather not say"),
}

COMMENT_QUESTION = _("Is there anything else you want to tell us? (You can leave this empty.)")
COMMENT_MAX_LENGTH = 2000
