"""Consultations: facilitators write questions, people answer them, save and come back, and send."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from heard.activities.models import Activity, ConsultationResponse
from heard.activities.registry import (
    ON_ACTIVITY_PAGES,
    WITH_FACILITATOR_PAGES,
    EntryPoint,
    Export,
    declare_kind,
    page_of,
)


def take_part(activity: Activity) -> EntryPoint | None:
    return page_of("engagement:consultation", activity,
                   _("Answer the questions") if activity.is_accepting()
                   else _("About this consultation"))


def responders_by_perspective(activity: Activity) -> dict[str, int]:
    """People who sent their answers, by each perspective they gave."""
    counter: Counter[str] = Counter()
    for perspectives in ConsultationResponse.objects.filter(
            activity=activity, status=ConsultationResponse.Status.SUBMITTED).values_list(
            "perspectives", flat=True):
        counter.update(set(perspectives or []))
    return dict(counter)


KIND = declare_kind(
    Activity.Kind.CONSULTATION, __name__, take_part,
    participant=ON_ACTIVITY_PAGES, staff=WITH_FACILITATOR_PAGES,
    dashboard_panel="engagement/consultation/dashboard_panel.html",
    participants_by_perspective=responders_by_perspective,
    exports=[Export("Answers, one column per question", "facilitator:answers-csv")],
    # One loader makes the demo consultation, call for ideas and knowledge event together,
    # since they share the demo facilitator and moderator.
    demo_loader="heard.activities.demo.load_consultation_demo",
    registers=["heard.activities.consultation.retention"],
    participant_text={
        "engagement.Answer.text": (
            "Draft consultation answers: do_hold_urgent_answers when the person moves on or "
            "saves; on Send they become contributions (do_submit_contribution). Never shown to "
            "others."),
    },
    journey=("engagement:consultation-questions", "engagement:consultation-who",
             "engagement:consultation-consent", "engagement:consultation-check"),
    set_up_on_activity_pages=True,
    has_questions=True,
)
