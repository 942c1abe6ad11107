"""Analysts' codebook: define codes and code contributions by hand. Every write is one
transaction with its audit row; a refused request raises CodebookError and changes nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction

from heard.audit.log import record
from heard.contributions.models import Contribution
from heard.core.model_parts import longest

from .codebook import codable
from .models import Code, CodeApplication, CodingReview

NAME_LIMIT = longest(Code, "name")
TEXT_LIMIT = 2000


class CodebookError(ValueError):
    """A request that cannot be carried out; safe to show to analysts. `field` names the box
    on the form the problem is in, so the error summary can link to it."""

    def __init__(self, message: str, field: str = "name") -> None:
        super().__init__(message)
        self.field = field


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise CodebookError("Give the code a name.")
    if len(name) > NAME_LIMIT:
        raise CodebookError(f"Keep the name to {NAME_LIMIT} characters or fewer.")
    return name


def _clean_text(text: str, what: str) -> str:
    text = text.strip()
    if len(text) > TEXT_LIMIT:
        raise CodebookError(f"Keep the {what} to {TEXT_LIMIT:,} characters or fewer.", what)
    return text


def _check_unique(name: str, code: Code | None = None) -> None:
    # Case and spacing are ignored: "Moving home" and "moving  home" would confuse coders.
    clash = Code.objects.filter(name__iexact=name)
    if code is not None:
        clash = clash.exclude(pk=code.pk)
    if clash.exists():
        raise CodebookError(f"There is already a code called “{name}”. Choose another name.")


@transaction.atomic
def do_create_code(name: str, definition: str, examples: str, analyst: User) -> Code:
    name = _clean_name(name)
    definition = _clean_text(definition, "definition")
    examples = _clean_text(examples, "examples")
    _check_unique(name)
    code = Code.objects.create(name=name, definition=definition, examples=examples,
                               created_by=analyst)
    record(analyst, "code.created", code, name=name)
    return code


@transaction.atomic
def do_update_code(code: Code, name: str, definition: str, examples: str,
                   analyst: User) -> Code:
    name = _clean_name(name)
    definition = _clean_text(definition, "definition")
    examples = _clean_text(examples, "examples")
    _check_unique(name, code)
    changed = [f for f, v in (("name", name), ("definition", definition),
                              ("examples", examples)) if getattr(code, f) != v]
    code.name, code.definition, code.examples = name, definition, examples
    code.save(update_fields=["name", "definition", "examples", "updated_at"])
    record(analyst, "code.updated", code, name=name, changed=changed)
    return code


def _check_codable(contribution: Contribution) -> None:
    # Checked again inside the write: the person may have withdrawn since the page was shown.
    if not codable().filter(pk=contribution.pk).exists():
        raise CodebookError("This contribution cannot be coded: it has been withdrawn, or it "
                            "is not shared for analysis.")


def _mark_reviewed(contribution: Contribution, coder: User) -> None:
    review, created = CodingReview.objects.get_or_create(contribution=contribution, coder=coder)
    if not created:
        review.save(update_fields=["reviewed_at"])


@transaction.atomic
def do_apply_code(code: Code, contribution: Contribution, coder: User) -> CodeApplication:
    _check_codable(contribution)
    application, created = CodeApplication.objects.get_or_create(
        code=code, contribution=contribution, coder=coder)
    _mark_reviewed(contribution, coder)
    if created:
        record(coder, "code.applied", code, contribution=contribution.pk)
    return application


@transaction.atomic
def do_remove_code(code: Code, contribution: Contribution, coder: User) -> bool:
    _check_codable(contribution)
    deleted, _ = CodeApplication.objects.filter(code=code, contribution=contribution,
                                                coder=coder).delete()
    _mark_reviewed(contribution, coder)
    if deleted:
        record(coder, "code.removed", code, contribution=contribution.pk)
    return bool(deleted)


@transaction.atomic
def do_code_contribution(contribution: Contribution, codes: Iterable[Code],
                         coder: User) -> tuple[list[int], list[int]]:
    """Set this coder's codes on a contribution to exactly those ticked (perhaps none), and
    note that they have looked at it. Returns the code ids added and removed."""
    _check_codable(contribution)
    wanted = {code.pk: code for code in codes}
    mine = CodeApplication.objects.filter(contribution=contribution, coder=coder)
    had = set(mine.values_list("code_id", flat=True))
    added, removed = sorted(set(wanted) - had), sorted(had - set(wanted))
    mine.filter(code_id__in=removed).delete()
    # A second tab may have saved the same ticks a moment ago; that is not an error.
    CodeApplication.objects.bulk_create(
        [CodeApplication(code=wanted[pk], contribution=contribution, coder=coder)
         for pk in added], ignore_conflicts=True)
    _mark_reviewed(contribution, coder)
    record(coder, "contribution.coded", contribution, added=added, removed=removed)
    return added, removed
