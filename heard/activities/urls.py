"""Addresses for activities: participant pages under /activities/<slug>/, facilitator pages under
/staff/activities/."""

from __future__ import annotations

from django.urls import path

from . import staff_views as staff
from .call_for_ideas import views as ideas
from .consultation import views as consultation
from .knowledge_event import views

participant_patterns = (
    [
        path("<slug:slug>/consultation/", consultation.start, name="consultation"),
        path("<slug:slug>/consultation/questions/", consultation.questions,
             name="consultation-questions"),
        path("<slug:slug>/consultation/who/", consultation.who, name="consultation-who"),
        path("<slug:slug>/consultation/consent/", consultation.consent,
             name="consultation-consent"),
        path("<slug:slug>/consultation/check/", consultation.check, name="consultation-check"),
        path("<slug:slug>/consultation/done/", consultation.done, name="consultation-done"),
        path("<slug:slug>/consultation/saved/", consultation.saved, name="consultation-saved"),
        path("<slug:slug>/consultation/continue/", consultation.resume,
             name="consultation-continue"),
        path("<slug:slug>/ideas/", ideas.ideas, name="ideas"),
        path("<slug:slug>/ideas/new/", ideas.write, name="idea-new"),
        path("<slug:slug>/ideas/who/", ideas.who, name="idea-who"),
        path("<slug:slug>/ideas/consent/", ideas.consent, name="idea-consent"),
        path("<slug:slug>/ideas/check/", ideas.check, name="idea-check"),
        path("<slug:slug>/ideas/done/", ideas.done, name="idea-done"),
        path("<slug:slug>/ideas/<int:idea_id>/support/", ideas.support, name="idea-support"),
        path("<slug:slug>/event/", views.knowledge_event, name="event"),
    ],
    "engagement",
)

staff_patterns = (
    [
        path("", staff.activity_list, name="list"),
        path("new/", staff.activity_new, name="new"),
        path("<slug:slug>/", staff.activity_dashboard, name="dashboard"),
        path("<slug:slug>/edit/", staff.activity_edit, name="edit"),
        path("<slug:slug>/status/", staff.activity_status, name="status"),
        path("<slug:slug>/summary.csv", staff.summary_csv, name="summary-csv"),
        path("<slug:slug>/answers.csv", staff.answers_csv, name="answers-csv"),
        path("<slug:slug>/questions/", staff.questions, name="questions"),
        path("<slug:slug>/questions/<int:question_id>/", staff.question_edit,
             name="question"),
        path("<slug:slug>/event/", staff.event, name="event"),
    ],
    "facilitator",
)
