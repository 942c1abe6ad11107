"""Erasure: a wellbeing response names nobody and has no receipt; its scores are points on a
fixed scale. The words someone wrote in the last box are a contribution with its own receipt,
which the contributions store erases or withdraws; the response's link to it is then cleared
(on_delete SET_NULL) and the anonymous scores stay."""

from __future__ import annotations

from heard.people.erasure import declare_not_erased

_ANONYMOUS = ("a choice from a fixed list on an anonymous response that no receipt, account "
              "or contact detail points to, so no one can be found in it")

declare_not_erased({
    "wellbeing.WaveResponse.band": _ANONYMOUS,
    "wellbeing.WaveResponse.perspective": _ANONYMOUS,
    "wellbeing.WaveResponse.send_token": "a random value from the answer page, naming no one",
    "wellbeing.WaveAnswer.question": _ANONYMOUS,
    "wellbeing.WellbeingReference.question": "published reference figures staff load",
    "wellbeing.WellbeingReference.source": "published reference figures staff load",
})
