"""Every write to a consultation: its questions, and people's responses from saving a draft to
sending it. Each function runs in one transaction and writes its audit row inside it; written
answers become contributions through `do_submit_contribution`."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.activities.answers import (
    CleanAnswer,
    EngagementError,
    clean_answers,
    closed_message,
)
from heard.activities.models import (
    Activity,
    Answer,
    ConsultationResponse,
    Question,
)
from heard.activities.registry import kind_of
from heard.audit.log import record
from heard.contributions.actions import (
    Actor,
    ContributionError,
    NewContribution,
    do_change_consent,
    do_hold_disclosure,
    do_send_held_disclosure,
    do_submit_contribution,
)
from heard.contributions.models import CONSENT_PURPOSES, Contribution
from heard.core.limits import refuse_long
from heard.core.model_parts import longest
from heard.core.vocab import PERSPECTIVES
from heard.people.erasure import words_removed
from heard.people.models import Receipt, hash_receipt_code, new_receipt_code
from heard.people.send_once import receipt_for_code

# --- Questions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionFields:
    text: str
    kind: str = Question.Kind.FREE_TEXT
    help: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False
    answer_kind: str = Contribution.Kind.STORY
    # Welsh wording, typed by staff (all optional; the English is shown where one is empty).
    text_cy: str = ""
    help_cy: str = ""
    choices_cy: tuple[str, ...] = ()


def _check_question(fields: QuestionFields) -> None:
    if not fields.text.strip():
        raise EngagementError("Write the question.")
    refuse_long(EngagementError, ("the question", fields.text, longest(Question, "text")),
                ("the hint", fields.help, longest(Question, "help")),
                ("the question in Welsh", fields.text_cy, longest(Question, "text_cy")),
                ("the hint in Welsh", fields.help_cy, longest(Question, "help_cy")))
    if fields.kind not in Question.Kind.values:
        raise EngagementError("Choose how people answer the question.")
    if fields.answer_kind not in Contribution.Kind.values:
        raise EngagementError("Choose what a written answer counts as.")
    if fields.kind != Question.Kind.FREE_TEXT and len(fields.choices) < 2:
        raise EngagementError("Give at least two answers to choose from, one on each line.")
    if len(set(fields.choices)) != len(fields.choices):
        raise EngagementError("Each answer to choose from must be different.")
    if fields.choices_cy and len(fields.choices_cy) != len(fields.choices):
        # Welsh labels are matched to the English answers by their place in the list.
        raise EngagementError("Give one Welsh answer for each English answer, in the same "
                              "order, or leave the Welsh answers empty.")


def _question_values(fields: QuestionFields) -> dict[str, object]:
    free_text = fields.kind == Question.Kind.FREE_TEXT
    choices = list(fields.choices) if not free_text else []
    choices_cy = list(fields.choices_cy) if not free_text else []
    return {"text": fields.text.strip(), "help": fields.help.strip(),
            "text_cy": fields.text_cy.strip(), "help_cy": fields.help_cy.strip(),
            "kind": fields.kind, "choices": choices, "choices_cy": choices_cy,
            "required": fields.required, "answer_kind": fields.answer_kind}


@transaction.atomic
def do_add_question(activity: Activity, fields: QuestionFields, actor: User) -> Question:
    if not kind_of(activity).has_questions:
        raise EngagementError("Only consultations have questions.")
    _check_question(fields)
    order = activity.questions.count() + 1
    question = Question.objects.create(activity=activity, order=order,
                                       **_question_values(fields))
    record(actor, "question.added", question, activity=activity.slug, kind=fields.kind)
    return question


@transaction.atomic
def do_update_question(question: Question, fields: QuestionFields, actor: User) -> Question:
    _check_question(fields)
    values = _question_values(fields)
    if question.answers.exists() and (values["kind"] != question.kind
                                      or values["choices"] != question.choices):
        # Answers already given would no longer match what was asked.
        raise EngagementError("People have answered this question, so its type and answers "
                              "cannot change. You can still change its wording.")
    for name, value in values.items():
        setattr(question, name, value)
    question.save(update_fields=list(values))
    record(actor, "question.updated", question)
    return question


@transaction.atomic
def do_remove_question(question: Question, actor: User) -> None:
    if question.answers.exists():
        raise EngagementError("People have answered this question, so it cannot be removed.")
    record(actor, "question.removed", question, activity=question.activity.slug)
    question.delete()


# --- Consultation responses ----------------------------------------------------------------------


def _check_open_consultation(activity: Activity) -> None:
    if not kind_of(activity).has_questions:
        raise EngagementError("This activity is not a consultation.")
    if not activity.is_accepting():
        raise EngagementError(closed_message(activity))


def _locked_draft(
    activity: Activity, response: ConsultationResponse | None
) -> ConsultationResponse | None:
    """Re-read under a lock, so the same saved answers are never sent twice at once."""
    if response is None:
        return None
    response = ConsultationResponse.objects.select_for_update().get(pk=response.pk)
    if response.activity_id != activity.pk:
        raise EngagementError(_("Those answers belong to a different consultation."))
    if not response.is_draft():
        raise EngagementError(_("These answers have already been sent."))
    return response


def _check_self_description(perspectives: list[str], consents: dict[str, bool]) -> None:
    if set(perspectives) - set(PERSPECTIVES):
        raise EngagementError(_("Choose who you are from the list."))
    if set(consents) - set(CONSENT_PURPOSES):
        raise EngagementError("Unknown consent.")


def _new_receipt(actor: Actor) -> tuple[Receipt, str]:
    code = new_receipt_code()
    account = actor if isinstance(actor, User) else None
    return Receipt.objects.create(code_hash=hash_receipt_code(code), account=account), code


def _store_answers(response: ConsultationResponse, answers: list[CleanAnswer]) -> None:
    response.answers.all().delete()
    Answer.objects.bulk_create([
        Answer(response=response, question=a.question, text=a.text, choices=list(a.choices))
        for a in answers])


HeldMap = dict[str, int]


@transaction.atomic
def do_save_consultation_response(
    activity: Activity, answers: list[CleanAnswer], actor: Actor, *,
    response: ConsultationResponse | None = None, perspectives: list[str] | None = None,
    consents: dict[str, bool] | None = None, held: HeldMap | None = None,
) -> tuple[ConsultationResponse, str | None]:
    """Keep a part-finished response so the person can come back. Gives a new receipt code the
    first time only: the code is never stored, so it cannot be shown again."""
    _check_open_consultation(activity)
    response = _locked_draft(activity, response)
    _check_self_description(perspectives or [], consents or {})
    code = None
    if response is None:
        receipt, code = _new_receipt(actor)
        response = ConsultationResponse.objects.create(activity=activity, receipt=receipt)
    response.perspectives = list(perspectives or response.perspectives)
    response.consents = dict(consents or response.consents)
    _store_answers(response, answers)
    response.held = do_hold_urgent_answers(activity, answers, actor,
                                           {**response.held, **(held or {})}, response=response)
    response.save(update_fields=["perspectives", "consents", "held", "updated_at"])
    record(actor, "consultation_response.saved", response, activity=activity.slug,
           answers=len(answers), escalated=len(response.held))
    return response, code


def answers_to_keep(activity: Activity, raw: dict[str, list[str]], *,
                    max_length: int | None = None) -> list[CleanAnswer]:
    """The answers on the questions page, checked to be saved for later: a saved draft may
    still be missing required answers."""
    _check_open_consultation(activity)
    return clean_answers(activity, raw, max_length=max_length, complete=False)


def do_go_on_from_questions(
    activity: Activity, raw: dict[str, list[str]], actor: Actor, held: HeldMap, *,
    response: ConsultationResponse | None, max_length: int | None = None,
) -> HeldMap:
    """The person pressed Continue on the questions page: every answer is checked in full, at
    least one is needed, and the written ones are triaged now, not at Send, because a person
    at risk may never press it (do_hold_urgent_answers). Gives back which answers are held."""
    _check_open_consultation(activity)
    answers = clean_answers(activity, raw, max_length=max_length, complete=True)
    if not answers:
        raise EngagementError(_("Answer at least one question, or save and come back later."))
    return do_hold_urgent_answers(activity, answers, actor, held, response=response)


@transaction.atomic
def do_hold_urgent_answers(
    activity: Activity, answers: list[CleanAnswer], actor: Actor, held: HeldMap, *,
    response: ConsultationResponse | None = None,
) -> HeldMap:
    """Triage every written answer as soon as the person moves on, before they have sent
    anything (they may never). Words saying someone is unsafe now are kept at once for the
    safeguarding lead, so the flag and its alert go out; they carry no consent, so they are
    never published or analysed. A changed answer is triaged again into the same flag. Gives
    back which questions' answers are held: {question id: contribution id}."""
    kept: HeldMap = {}
    earlier = Contribution.objects.in_bulk([pk for pk in held.values() if isinstance(pk, int)])
    for answer in answers:
        if answer.question.takes_choices() or not answer.text:
            continue
        key = str(answer.question.pk)
        # No title: the question's own words would be triaged as if the person wrote them.
        new = NewContribution(kind=answer.question.answer_kind, text=answer.text,
                              perspectives=tuple(response.perspectives) if response else ())
        try:
            contribution = do_hold_disclosure(activity, new, actor,
                                              held=earlier.get(held.get(key, 0)))
        except ContributionError as error:
            raise EngagementError(str(error)) from error
        if contribution is None:
            continue
        if response is not None and contribution.receipt_id != response.receipt_id:
            _fold_receipt(contribution, response)
        kept[key] = contribution.pk
    # Answers no longer given keep their held words: what was written still matters.
    return {**{k: v for k, v in held.items() if k not in kept}, **kept}


def _escalated_earlier(answer: Answer, response: ConsultationResponse) -> Contribution | None:
    """A draft answer kept for the lead before held answers were mapped by question."""
    return (Contribution.objects.filter(receipt=response.receipt, text=answer.text,
                                        consultation_answer__isnull=True)
            .exclude(status__in=[Contribution.Status.WITHDRAWN, Contribution.Status.ERASED])
            .first())


@dataclass(frozen=True)
class SubmittedResponse:
    response: ConsultationResponse
    # Only when the receipt was made now; a saved draft already gave the person its code.
    code: str | None
    urgent: bool


@transaction.atomic
def do_submit_consultation_response(
    activity: Activity, answers: list[CleanAnswer], perspectives: list[str],
    consents: dict[str, bool], actor: Actor, *, response: ConsultationResponse | None = None,
    max_length: int | None = None, code: str | None = None, held: HeldMap | None = None,
) -> SubmittedResponse:
    """Send the answers. Each written answer becomes a contribution linked to its question.
    With `code` (made from a Send's token), a repeat of the same Send gives back the response
    the first one made."""
    _check_open_consultation(activity)
    response = _locked_draft(activity, response)
    _check_self_description(perspectives, consents)
    if not answers:
        raise EngagementError(_("Answer at least one question before you send."))
    if response is None:
        account = actor if isinstance(actor, User) else None
        code = code or new_receipt_code()
        receipt, created = receipt_for_code(code, account)
        if not created:
            return _sent_before(receipt, code)
        response = ConsultationResponse.objects.create(activity=activity, receipt=receipt)
    else:
        code = None  # saved answers: the person already has their code
    response.perspectives, response.consents = list(perspectives), dict(consents)
    response.status = ConsultationResponse.Status.SUBMITTED
    response.submitted_at = timezone.now()
    response.save(update_fields=["perspectives", "consents", "status", "submitted_at",
                                 "updated_at"])
    _store_answers(response, answers)
    held = {**response.held, **(held or {})}
    made = [_answer_to_contribution(answer, response, actor, max_length, held)
            for answer in response.answers.select_related("question")
            if not answer.question.takes_choices()]
    record(actor, "consultation_response.submitted", response, activity=activity.slug,
           answers=len(answers), contributions=len(made))
    urgent = any(c.safety_level == Contribution.SafetyLevel.IMMEDIATE for c in made)
    return SubmittedResponse(response, code, urgent)


def _sent_before(receipt: Receipt, code: str) -> SubmittedResponse:
    earlier = ConsultationResponse.objects.filter(receipt=receipt).first()
    if earlier is None:
        raise EngagementError(_("These answers have already been sent."))
    urgent = Contribution.objects.filter(
        receipt=receipt, safety_level=Contribution.SafetyLevel.IMMEDIATE).exists()
    return SubmittedResponse(earlier, code, urgent)


def _answer_to_contribution(
    answer: Answer, response: ConsultationResponse, actor: Actor, max_length: int | None,
    held: HeldMap,
) -> Contribution:
    contribution = _send_kept_answer(answer, response, actor, held)
    if contribution is None:
        contribution = _new_answer_contribution(answer, response, actor, max_length)
    # The words now live only in the contribution, where withdrawal can erase them.
    answer.text, answer.contribution = "", contribution
    answer.save(update_fields=["text", "contribution"])
    return contribution


def _send_kept_answer(answer: Answer, response: ConsultationResponse, actor: Actor,
                      held: HeldMap) -> Contribution | None:
    """An answer already kept for the lead is sent as that contribution, on its flag."""
    new = NewContribution(kind=answer.question.answer_kind, text=answer.text,
                          perspectives=tuple(response.perspectives), consents=response.consents)
    kept = Contribution.objects.filter(pk=held.get(str(answer.question_id), 0)).first()
    if kept is not None and (sent := do_send_held_disclosure(kept, new, actor)) is not None:
        if sent.receipt_id != response.receipt_id:
            _fold_receipt(sent, response)
        return sent
    earlier = _escalated_earlier(answer, response)
    if earlier is None or earlier.held_for_safeguarding:
        return None
    # Kept by an earlier version of Heard, before answers were held by question.
    for purpose, given in response.consents.items():
        do_change_consent(earlier, purpose, given, actor)
    return earlier


def _new_answer_contribution(
    answer: Answer, response: ConsultationResponse, actor: Actor, max_length: int | None
) -> Contribution:
    # No title: the question's own words would be triaged as if the person had written them.
    new = NewContribution(kind=answer.question.answer_kind, text=answer.text,
                          perspectives=tuple(response.perspectives), consents=response.consents)
    try:
        contribution, _code = do_submit_contribution(response.activity, new, actor,
                                                     max_length=max_length)
    except ContributionError as error:
        raise EngagementError(str(error)) from error
    _fold_receipt(contribution, response)
    return contribution


def _fold_receipt(contribution: Contribution, response: ConsultationResponse) -> None:
    """One code for the whole response: the person sees, changes or takes back every answer
    with the receipt they already hold, so the per-contribution receipt is folded into it."""
    spare = contribution.receipt
    contribution.receipt = response.receipt
    contribution.save(update_fields=["receipt"])
    if spare is not None:
        spare.delete()


@transaction.atomic
def do_erase_abandoned_draft(response: ConsultationResponse, actor: Actor) -> bool:
    """Delete saved answers nobody came back to send. Their receipt goes too, unless it also
    holds contributions (a disclosure raised from the draft), which keep their own life."""
    response = ConsultationResponse.objects.select_for_update().get(pk=response.pk)
    if not response.is_draft():
        return False
    receipt = response.receipt
    answers = response.answers.count()
    record(actor, "consultation_response.draft_erased", response,
           activity=response.activity.slug, answers=answers,
           last_changed=response.updated_at.isoformat())
    response.delete()  # its answers, and with them the words, go with it (cascade)
    words_removed()
    if receipt is not None and not Contribution.objects.filter(receipt=receipt).exists():
        receipt.delete()
    return True


