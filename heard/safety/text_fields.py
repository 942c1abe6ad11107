"""Every text field in Heard, and why it is safe: the one place to declare it.

Each CharField, TextField and JSONField on every model is listed once, either as words a
participant writes (with the path that triages them for risk and checks them before anyone else
sees them), or as something else, with the reason.
tests/safety/test_text_fields_are_triaged.py finds every such field by looking at the models,
and fails for a field missing here, so a new field cannot skip triage by being forgotten; it
also writes immediate-risk words through each route below and checks that a safeguarding flag
comes out.

When you add a field: if a participant can type into it, route it through
`do_submit_contribution` (it becomes a contribution), `do_hold_disclosure` (words kept before
Send) or `do_screen_participant_text` (words that live elsewhere), show it to other participants
only through heard/safety/shown_text.py, and list it in PARTICIPANT_TEXT. Otherwise list it in
NOT_PARTICIPANT_TEXT with the reason. A field of an activity kind's own models is declared
in the same two ways in its ActivityKind (heard/activities/<kind>/kind.py), so adding a kind
touches only its own package; participant_text() and not_participant_text() join them.
"""

from __future__ import annotations

# "app_label.Model.field": how the words are triaged, and checked before others see them.
PARTICIPANT_TEXT: dict[str, str] = {
    "contributions.Contribution.text": (
        "do_submit_contribution triages every channel (share journey, assisted or not, "
        "consultations, ideas, Open Space, API, CSV import, staff entry, paper forms typed in "
        "by staff); do_hold_disclosure triages the share journey "
        "and ideas as soon as the words are written. Shown only after moderation (public_text), "
        "or redacted through shown_text.words_for_others."),
    "contributions.Contribution.title": (
        "Triaged with the text (assess_on_arrival, do_hold_disclosure)."),
}

_CHOICE = "A value from a fixed list, checked on the way in: no free words."
_STAFF = "Written by staff (facilitators, moderators, analysts, leads), not by participants."
_SYSTEM = "Written by Heard itself, never typed by anyone."
_SIGN_IN = ("Recorded by sign-in protection about staff sign-in attempts; shown only to "
            "administrators, never to participants.")
_DJANGO = "Django's own bookkeeping."

NOT_PARTICIPANT_TEXT: dict[str, str] = {
    # Django and accounts
    "auth.Permission.name": _DJANGO,
    "auth.Permission.codename": _DJANGO,
    "auth.Group.name": _DJANGO,
    "auth.User.password": "A password hash.",
    "auth.User.username": (
        "Participants choose it, but only from letters, numbers, dots, dashes and underscores "
        "(USERNAME_PATTERN in people/password_form.py); it is never shown to other "
        "participants."),
    "auth.User.first_name": _STAFF,
    "auth.User.last_name": _STAFF,
    "auth.User.email": _STAFF + " Participant accounts have none.",
    "contenttypes.ContentType.app_label": _DJANGO,
    "contenttypes.ContentType.model": _DJANGO,
    "sessions.Session.session_key": _DJANGO,
    "sessions.Session.session_data": (
        "Half-finished journeys live here, but each step that stores words triages them first "
        "(share write step, consultation questions, idea write step); never shown to others."),
    # Sign-in protection (django-axes) and second factors (django-otp): written by the sign-in
    # machinery from request headers and form fields, seen only by administrators.
    **{f"axes.{model}.{field}": _SIGN_IN for model, fields in {
        "AccessAttempt": ("get_data", "post_data", "http_accept", "path_info", "user_agent",
                          "username"),
        "AccessFailureLog": ("http_accept", "path_info", "user_agent", "username"),
        "AccessLog": ("http_accept", "path_info", "session_hash", "user_agent", "username"),
    }.items() for field in fields},
    "otp_static.StaticDevice.name": _SYSTEM,
    "otp_static.StaticToken.token": "A recovery code Heard generates; never typed in as text.",
    "otp_totp.TOTPDevice.key": "An authenticator secret Heard generates.",
    "otp_totp.TOTPDevice.name": _SYSTEM,
    # Audit and tasks
    "audit.AuditEvent.actor_label": _SYSTEM,
    "audit.AuditEvent.action": _SYSTEM,
    "audit.AuditEvent.object_type": _SYSTEM,
    "audit.AuditEvent.object_id": _SYSTEM,
    "audit.AuditEvent.details": _SYSTEM + " Never holds the words people share.",
    "tasks.Task.name": _SYSTEM,
    "tasks.Task.lane": _SYSTEM,
    "tasks.Task.payload": _SYSTEM + " Ids only.",
    "tasks.Task.status": _SYSTEM,
    "tasks.Task.leased_by": _SYSTEM,
    "tasks.Task.last_error": _SYSTEM,
    "tasks.OutboxEmail.message_id": _SYSTEM,
    "tasks.OutboxEmail.about": _SYSTEM,
    "tasks.OutboxEmail.lane": _SYSTEM,
    "tasks.OutboxEmail.to": "Addresses from settings, staff accounts or a receipt's email.",
    "tasks.OutboxEmail.subject": _SYSTEM + " Alerts never carry a person's words.",
    "tasks.OutboxEmail.body": _SYSTEM + " Alerts never carry a person's words.",
    "tasks.OutboxEmail.state": _SYSTEM,
    "tasks.OutboxEmail.attempt_token": _SYSTEM,
    "tasks.OutboxEmail.attempt_by": _SYSTEM,
    "tasks.OutboxEmail.last_error": _SYSTEM,
    # People
    "people.Receipt.code_hash": _SYSTEM,
    "people.ErasureRecord.fingerprints": _SYSTEM + " Keyed hashes of erased rows only.",
    "people.RetentionRule.kind": _CHOICE,
    "people.Receipt.language": _CHOICE,
    "people.Receipt.email": (
        "An email address, checked for its shape, given only for news; shown to no one."),
    "people.Profile.perspectives": _CHOICE,
    "people.Profile.equality": _CHOICE,
    # Activities
    "engagement.Activity.slug": _STAFF,
    "engagement.Activity.title": _STAFF,
    "engagement.Activity.purpose": _STAFF,
    "engagement.Activity.title_cy": _STAFF,
    "engagement.Activity.purpose_cy": _STAFF,
    "engagement.Activity.audience": _STAFF,
    "engagement.Activity.kind": _CHOICE,
    "engagement.Activity.status": _CHOICE,
    "engagement.Activity.run_by": _STAFF,
    "engagement.Activity.outputs_go_to": _STAFF,
    "engagement.Question.text": _STAFF,
    "engagement.Question.help": _STAFF,
    "engagement.Question.text_cy": _STAFF,
    "engagement.Question.help_cy": _STAFF,
    "engagement.Question.choices_cy": _STAFF,
    "engagement.Question.kind": _CHOICE,
    "engagement.Question.choices": _STAFF,
    "engagement.Question.answer_kind": _CHOICE,
    "engagement.ConsultationResponse.status": _CHOICE,
    "engagement.ConsultationResponse.perspectives": _CHOICE,
    "engagement.ConsultationResponse.consents": _CHOICE,
    "engagement.ConsultationResponse.held": _SYSTEM + " Question and contribution ids.",
    "engagement.Answer.choices": "Picked from the question's own answers, checked on the way in.",
    "engagement.IdeaSupport.supporter": _SYSTEM + " A label such as account:12.",
    "engagement.Presenter.name": _STAFF,
    "engagement.Presenter.role": _STAFF,
    "engagement.Presenter.role_cy": _STAFF,
    "engagement.Material.title": _STAFF,
    "engagement.Material.title_cy": _STAFF,
    "engagement.Material.url": _STAFF,
    "engagement.KeyMessage.kind": _CHOICE,
    "engagement.KeyMessage.text": _STAFF,
    "engagement.KeyMessage.text_cy": _STAFF,
    # Contributions: everything but the words themselves
    "contributions.Contribution.kind": _CHOICE,
    "contributions.Contribution.status": _CHOICE,
    "contributions.Contribution.channel": _CHOICE,
    "contributions.Contribution.safety_level": _CHOICE,
    "contributions.Contribution.age_journey": _CHOICE,
    "contributions.Contribution.public_text": (
        "The moderator's redacted copy of the text, which was triaged when it arrived."),
    "contributions.Contribution.redaction_suggestions": _SYSTEM + " Spans, not words.",
    "contributions.Contribution.redactions": "Spans a moderator chose, not new words.",
    "contributions.Contribution.perspectives": _CHOICE,
    "contributions.Contribution.equality": _CHOICE,
    "contributions.Contribution.consent_version": _SYSTEM,
    "contributions.Contribution.moderation_reason": _STAFF,
    "contributions.Contribution.import_reference": _SYSTEM + " Such as 'line 12'.",
    "contributions.Contribution.helper_role": _CHOICE,
    "contributions.Contribution.capture_mode": _CHOICE,
    "contributions.ConsentEvent.purpose": _CHOICE,
    "contributions.ConsentEvent.text_version": _SYSTEM,
    # Safety
    "safety.ModerationDecision.decision": _CHOICE,
    "safety.ModerationDecision.reason": _STAFF,
    "safety.SafeguardingFlag.level": _CHOICE,
    "safety.SafeguardingFlag.status": _CHOICE,
    "safety.SafeguardingFlag.triggers": _SYSTEM,
    "safety.SafeguardingFlag.evidence_text": "A copy of triaged words, for the lead alone.",
    "safety.SafeguardingFlag.action_taken": _STAFF,
    "safety.SafeguardingFlag.outcome": _STAFF,
    "safety.SafeguardingAlert.kind": _CHOICE,
    # Reports, analysis, accountability, quality: staff work and official figures
    "reports.ReferenceFigure.source_file": "Official statistics imported by staff.",
    "reports.ReferenceFigure.publisher": "Official statistics imported by staff.",
    "reports.ReferenceFigure.measure": "Official statistics imported by staff.",
    "reports.ReferenceFigure.breakdown": "Official statistics imported by staff.",
    "reports.ReferenceFigure.category": "Official statistics imported by staff.",
    "reports.ReferenceFigure.geography_code": "Official statistics imported by staff.",
    "reports.ReferenceFigure.geography_name": "Official statistics imported by staff.",
    "reports.ReferenceFigure.geography_level": "Official statistics imported by staff.",
    "reports.ReferenceFigure.time_period": "Official statistics imported by staff.",
    "reports.ReferenceFigure.unit": "Official statistics imported by staff.",
    "insight.AnalysisRun.embedder": _CHOICE,
    "insight.AnalysisRun.status": _CHOICE,
    "insight.AnalysisRun.message": _SYSTEM,
    "insight.AnalysisRun.state": _SYSTEM,
    "insight.Theme.key": _SYSTEM,
    "insight.Theme.label": _STAFF + " Or made by the analysis from checked words.",
    "insight.Theme.key_words": _SYSTEM,
    "insight.Theme.key_phrases": _SYSTEM,
    "insight.Theme.description": _SYSTEM + " Written from checked key phrases; quotes no one.",
    "insight.Theme.description_quote": _SYSTEM + " A consenting contributor's moderated words, "
    "checked through quote_text() each time it is shown.",
    "insight.Theme.quote_ids": _SYSTEM + " Ids; quotes are read through quote_text().",
    "insight.Theme.lens": _SYSTEM,
    "insight.Assignment.secondary_key": _SYSTEM,
    "insight.ThemeEdit.scope": _SYSTEM,
    "insight.ThemeEdit.key": _SYSTEM,
    "insight.ThemeEdit.label": _STAFF,
    "insight.ThemeEdit.merged_into": _SYSTEM,
    "insight.ContributionPin.scope": _SYSTEM,
    "insight.ContributionPin.key": _SYSTEM,
    "insight.Code.name": _STAFF,
    "insight.Code.definition": _STAFF,
    "insight.Code.examples": _STAFF,
    "accountability.Response.subject": _CHOICE,
    "accountability.Response.theme_key": _SYSTEM,
    "accountability.Response.title": _STAFF,
    "accountability.Response.body": _STAFF,
    "accountability.Action.title": _STAFF,
    "accountability.Action.owner": _STAFF,
    "accountability.Action.status": _CHOICE,
    "accountability.Action.reason": _STAFF,
    "accountability.ActionUpdate.status": _CHOICE,
    "accountability.ActionUpdate.note": _STAFF,
    "accountability.Response.title_cy": _STAFF,
    "accountability.Response.body_cy": _STAFF,
    "accountability.Action.title_cy": _STAFF,
    "accountability.Action.owner_cy": _STAFF,
    "accountability.Action.reason_cy": _STAFF,
    "accountability.ActionUpdate.note_cy": _STAFF,
    "quality.LundyAnswer.item": _CHOICE,
    "quality.LundyAnswer.answer": _CHOICE,
    "quality.LundyAnswer.evidence": _STAFF,
    "quality.ArnsteinRating.rung": _CHOICE,
    "quality.ArnsteinRating.evidence": _STAFF,
}


def participant_text() -> dict[str, str]:
    """Every field a participant types into: the ones above, and those each activity kind
    declares in its ActivityKind (heard/activities/<kind>/kind.py)."""
    from heard.activities.registry import participant_text as kinds_text
    return {**PARTICIPANT_TEXT, **kinds_text()}


def not_participant_text() -> dict[str, str]:
    from heard.activities.registry import not_participant_text as kinds_text
    return {**NOT_PARTICIPANT_TEXT, **kinds_text()}
