"""Consultation pages. Participant pages sit under /activities/<slug>/consultation/ in the shared
`engagement:` namespace; the questions and answers file sit with the other facilitator pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from heard.activities import staff_views as staff

from . import views as consultation

participant: list[URLPattern] = [
    path("<slug:slug>/consultation/", consultation.start, name="consultation"),
    path("<slug:slug>/consultation/questions/", consultation.questions,
         name="consultation-questions"),
    # consultation-who, -consent, -check, -done
    *consultation.STEPS.shared_pages("<slug:slug>/consultation/", check=consultation.check),
    path("<slug:slug>/consultation/saved/", consultation.saved, name="consultation-saved"),
    path("<slug:slug>/consultation/continue/", consultation.resume,
         name="consultation-continue"),
]

staff_pages: list[URLPattern] = [
    path("<slug:slug>/answers.csv", staff.answers_csv, name="answers-csv"),
    path("<slug:slug>/questions/", staff.questions, name="questions"),
    path("<slug:slug>/questions/<int:question_id>/", staff.question_edit, name="question"),
]
