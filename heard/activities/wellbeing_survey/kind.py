"""Wellbeing surveys: a short age-banded set of questions, run again in waves so a service can
see what changes, with results against reference figures it loads (decision 0023)."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext_lazy as _

from heard.activities.models import Activity
from heard.activities.registry import (
    BY_STAFF,
    FROM_A_LIST,
    EntryPoint,
    Export,
    declare_kind,
    page_of,
)


def take_part(activity: Activity) -> EntryPoint | None:
    from .actions import open_wave
    if activity.is_accepting() and open_wave(activity) is not None:
        return page_of("wellbeing:start", activity, str(_("Answer the wellbeing survey")))
    return None


def responders_by_perspective(activity: Activity) -> dict[str, int]:
    """People who answered, in every wave together, by the perspective they gave."""
    from .models import WaveResponse
    return dict(Counter(p for p in WaveResponse.objects.filter(wave__activity=activity)
                        .values_list("perspective", flat=True) if p))


KIND = declare_kind(
    Activity.Kind.WELLBEING_SURVEY, __name__, take_part,
    participant=("wellbeing/", "wellbeing"), staff=("staff/wellbeing/", "wellbeing_staff"),
    own_pages_only=True,
    dashboard_panel="wellbeing/staff/dashboard_panel.html",
    participants_by_perspective=responders_by_perspective,
    participants_label="People who answered (all waves)",
    exports=[Export("Wellbeing results by wave, question and group",
                    "wellbeing_staff:results-csv")],
    demo_loader="heard.activities.wellbeing_survey.demo.load_wellbeing_demo",
    registers=["heard.activities.wellbeing_survey.personal_data"],
    participant_text={},
    not_participant_text={
        "wellbeing.WaveResponse.band": FROM_A_LIST,
        "wellbeing.WaveResponse.perspective": FROM_A_LIST,
        "wellbeing.WaveResponse.send_token": "A random value Heard puts in the answer page.",
        "wellbeing.WaveAnswer.question": FROM_A_LIST,
        "wellbeing.WellbeingReference.question": FROM_A_LIST,
        "wellbeing.WellbeingReference.source": BY_STAFF,
    },
    set_up_on_activity_pages=True,
    runs_in_waves=True,
)
