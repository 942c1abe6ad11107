"""The safeguarding lead sees why a contribution was flagged: the rule phrases, and the
sentences the model scored with the score and the nearest labelled examples."""

from __future__ import annotations

import pytest

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.safety.models import SafeguardingFlag
from heard.safety.safeguarding_views import highlight

from ..conftest import client_for

pytestmark = pytest.mark.django_db
# No rule phrase covers this; the model does.
DISCLOSURE = ("The new placement is fine and school is ok. He put his cigarette out on my arm "
              "again last night. Anyway I like the forum.")


def test_the_flag_page_shows_the_model_reason_with_score_and_examples(activity,
                                                                       safeguarding_lead):
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text=DISCLOSURE, perspectives=("child_in_care",),
        consents={"analysis": True, "quote": True, "publish": False}), None)
    flag = SafeguardingFlag.objects.get(contribution=contribution)
    (model,) = [t for t in flag.triggers if t.get("source") == "model"]
    assert "cigarette out on my arm" in model["phrase"]
    assert 0 < model["score"] <= 1 and len(model["examples"]) == 3
    page = client_for(safeguarding_lead).get(f"/staff/safeguarding/{flag.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Model:" in html and "model score" in html
    assert "Nearest labelled examples (written for training, not real people)" in html
    assert "<mark>" in html and "cigarette out on my arm" in html


def test_overlapping_reasons_are_marked_as_one_stretch() -> None:
    text = "Hello. My stepdad hits me at night. Bye."
    sentence = (text.index("My"), text.index(" Bye"))
    phrase = (text.index("hits me"), text.index("hits me") + len("hits me"))
    pieces = highlight(text, [{"start": phrase[0], "end": phrase[1]},
                              {"start": sentence[0], "end": sentence[1]}])
    assert pieces == [("text", "Hello. "), ("mark", "My stepdad hits me at night."),
                      ("text", " Bye.")]
