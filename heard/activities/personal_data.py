"""Consultation answers and idea supports in the erasure registry, and how every activity kind
registers the table of people's own rows it keeps (`register_kind_store`)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model
from django.utils.translation import get_language, gettext, gettext_noop

from heard.people.erasure import (
    Section,
    Store,
    Subject,
    declare_not_erased,
    register_store,
    self_words,
)
from heard.people.ledger import register_ledger_table, register_supporter_table

from .models import Answer, ConsultationResponse, IdeaSupport


def register_kind_store(name: str, *, table: type[Model], ids: str,
                        found: Callable[[Subject, type[Model]], set[int]],
                        also_find: Callable[[Subject], None], erase: Callable[[Subject], int],
                        describe: Callable[[Subject], list[Section]], holds: tuple[str, ...],
                        not_erased: dict[str, str] | None = None) -> None:
    """A kind's personal data, declared once. Its `table` holds a row for each person taking
    part in one activity (a response, a sign-up, a voter), found from the person's receipts or
    accounts (`found`: `Subject.ids_on_receipts` or `Subject.ids_on_accounts`) and gathered in
    `Subject.<ids>`; `also_find` then looks further from them. The table's rows are
    fingerprinted in the erasure ledger (as `ids` less "_ids"), so that an erasure is applied
    again after a restore. The columns the kind keeps, and why, are `not_erased`."""
    def find(subject: Subject) -> None:
        if subject.whole_person:
            getattr(subject, ids).update(found(subject, table))
        also_find(subject)

    register_store(Store(name=name, holds=holds, find=find, erase=erase, describe=describe))
    declare_not_erased(not_erased or {})
    register_ledger_table(ids, ids.removesuffix("_ids"), table)


def _find(subject: Subject) -> None:
    if subject.whole_person:
        # Answers kept for the safeguarding lead before Send are the person's words too.
        for held in ConsultationResponse.objects.filter(
                pk__in=subject.response_ids).values_list("held", flat=True):
            subject.contribution_ids |= {i for i in (held or {}).values() if isinstance(i, int)}


def _erase(subject: Subject) -> int:
    """The whole response goes, with its answers (saved words and choices): the words that were
    sent live in contributions, which the contributions store erases."""
    if not subject.whole_person:
        return 0
    responses, _ = ConsultationResponse.objects.filter(pk__in=subject.response_ids).delete()
    supports, _ = IdeaSupport.objects.filter(supporter__in=subject.supporter_labels).delete()
    return responses + supports


# A consultation response's states as the person reads them (the model's labels are staff's).
RESPONSE_STATES = {"draft": gettext_noop("Saved, not sent"), "submitted": gettext_noop("Sent")}


def _describe(subject: Subject) -> list[Section]:
    """Keys are marked, not translated, so the file's format is one in either language; the
    answers (the consultation's title, the question, the answers picked) are in the language of
    the page that asked, with staff's Welsh wording where they gave one."""
    language = get_language() or ""
    responses = (ConsultationResponse.objects.filter(pk__in=subject.response_ids)
                 .select_related("activity").prefetch_related("answers__question"))
    answers = [{gettext_noop("consultation"): r.activity.welsh_or_english("title", language)[0],
                gettext_noop("status"): gettext(RESPONSE_STATES.get(r.status, r.status)),
                gettext_noop("question"): a.question.welsh_or_english("text", language)[0],
                gettext_noop("your answer"): _answer_words(a, language),
                gettext_noop("who you said you are"): self_words("perspectives", r.perspectives),
                gettext_noop("your choices"): self_words("consents", r.consents),
                gettext_noop("saved"): r.updated_at, gettext_noop("sent"): r.submitted_at}
               for r in responses for a in r.answers.all()]
    supports = [{gettext_noop("idea"): s.idea_id, gettext_noop("when"): s.created_at}
                for s in IdeaSupport.objects.filter(supporter__in=subject.supporter_labels)]
    return [Section(gettext_noop("Your consultation answers"), answers),
            Section(gettext_noop("Ideas you supported"), supports)]


def _answer_words(answer: Answer, language: str) -> str:
    """Words typed, or the answers picked in the page's language (they are stored in English)."""
    if answer.text:
        return answer.text
    if answer.choices:
        labels = {value: label for value, label, _english
                  in answer.question.choice_labels(language)}
        return "; ".join(labels.get(choice, choice) for choice in answer.choices)
    if answer.contribution_id:
        return gettext("sent as what you shared, number %(number)s") % {
            "number": answer.contribution_id}
    return ""


register_kind_store(
    "consultations_and_ideas", table=ConsultationResponse, ids="response_ids",
    found=Subject.ids_on_receipts, also_find=_find, erase=_erase, describe=_describe,
    holds=("engagement.Answer.text", "engagement.Answer.choices",
           "engagement.ConsultationResponse.perspectives",
           "engagement.ConsultationResponse.consents", "engagement.ConsultationResponse.held",
           "engagement.IdeaSupport.supporter"))
register_supporter_table("supporter", IdeaSupport)

# The activities' own wording, which staff write for every kind.
STAFF_WRITTEN = "written by staff setting up the activity"
declare_not_erased({
    "engagement.Activity.slug": STAFF_WRITTEN, "engagement.Activity.title": STAFF_WRITTEN,
    "engagement.Activity.purpose": STAFF_WRITTEN, "engagement.Activity.audience": STAFF_WRITTEN,
    "engagement.Activity.title_cy": STAFF_WRITTEN, "engagement.Activity.purpose_cy": STAFF_WRITTEN,
    "engagement.Activity.run_by": STAFF_WRITTEN, "engagement.Activity.outputs_go_to": STAFF_WRITTEN,
    "engagement.Question.text": STAFF_WRITTEN, "engagement.Question.help": STAFF_WRITTEN,
    "engagement.Question.text_cy": STAFF_WRITTEN, "engagement.Question.help_cy": STAFF_WRITTEN,
    "engagement.Question.choices_cy": STAFF_WRITTEN,
    "engagement.Question.choices": STAFF_WRITTEN, "engagement.Question.answer_kind": STAFF_WRITTEN,
    "engagement.Presenter.name": "a presenter at a knowledge event, entered by staff",
    "engagement.Presenter.role": STAFF_WRITTEN, "engagement.Material.title": STAFF_WRITTEN,
    "engagement.Presenter.role_cy": STAFF_WRITTEN, "engagement.Material.title_cy": STAFF_WRITTEN,
    "engagement.Material.url": STAFF_WRITTEN, "engagement.KeyMessage.text": STAFF_WRITTEN,
    "engagement.KeyMessage.text_cy": STAFF_WRITTEN,
})

