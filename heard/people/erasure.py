"""One erasure that reaches every place a participant's words or contact details are kept.

Each app registers the stores it owns with `register_store`, from its AppConfig.ready(): what it
holds (model fields, so a test can check that every text column of every model is either covered
by a store or declared not personal), how to find the person's rows, how to erase them, and how to
describe them to the person when they ask for a copy. Erasing a person, or a single contribution,
runs every registered store in one transaction, so a store added later cannot be forgotten by a
caller: callers never list stores themselves.

The registry lives in `people` (a low layer) so that apps above it register without anyone
importing upwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Model

from heard.audit.log import record
from heard.core.limits import ERASE_REASON_MAX_LENGTH, refuse_long

Actor = AbstractBaseUser | AnonymousUser | None


@dataclass
class Subject:
    """Whose data is to be erased or described, as ids. Stores add the ids they can find from
    the ones already here (a receipt leads to its contributions, an account to its voters)."""

    receipt_ids: set[int] = field(default_factory=set)
    user_ids: set[int] = field(default_factory=set)
    contribution_ids: set[int] = field(default_factory=set)
    registration_ids: set[int] = field(default_factory=set)
    voter_ids: set[int] = field(default_factory=set)
    response_ids: set[int] = field(default_factory=set)  # consultation responses
    supporter_labels: set[str] = field(default_factory=set)  # "account:1", "session:ab12..."
    emails: set[str] = field(default_factory=set)
    session_keys: set[str] = field(default_factory=set)  # browser sessions to end
    # False for one contribution taken back: the person's other data stays.
    whole_person: bool = True
    # What the contributions become: "withdrawn" when the person asked, "erased" when staff did.
    contribution_status: str = "withdrawn"

    def size(self) -> int:
        return sum(len(getattr(self, name)) for name in ID_FIELDS)

    # How a store's `find` goes from the person's receipts or accounts to its own rows.
    def ids_on_receipts(self, model: type[Model]) -> set[int]:
        """The ids of `model`'s rows whose `receipt` is one of the person's receipts."""
        return _ids_pointing_to(model, "receipt", self.receipt_ids)

    def ids_on_accounts(self, model: type[Model]) -> set[int]:
        """The ids of `model`'s rows whose `account` is one of the person's accounts."""
        return _ids_pointing_to(model, "account", self.user_ids)


def _ids_pointing_to(model: type[Model], field: str, ids: set[int]) -> set[int]:
    if not ids:
        return set()
    return set(model._default_manager.filter(**{f"{field}__in": ids})
               .values_list("pk", flat=True))


ID_FIELDS = ("receipt_ids", "user_ids", "contribution_ids", "registration_ids", "voter_ids",
             "response_ids", "supporter_labels", "emails", "session_keys")


@dataclass(frozen=True)
class Section:
    """One part of what Heard holds about a person, for the copy they can download."""

    title: str
    rows: list[dict[str, Any]]
    note: str = ""


@dataclass(frozen=True)
class Store:
    name: str
    # "app_label.Model.field" for each column that can hold a participant's words or details.
    holds: tuple[str, ...]
    erase: Callable[[Subject], int]
    find: Callable[[Subject], None] | None = None
    describe: Callable[[Subject], list[Section]] | None = None


STORES: dict[str, Store] = {}
# Run after every erasure commits (for example: checkpoint SQLite's write-ahead log).
AFTER_ERASURE: list[Callable[[], None]] = []
# Called inside the erasure's transaction with the resolved subject, before anything is erased
# (the erasure ledger fingerprints rows that an erasure may delete).
BEFORE_ERASURE: list[Callable[[Subject], None]] = []


def register_store(store: Store) -> Store:
    STORES[store.name] = store
    return store


# What a person chose about themselves, stored as codes ("perspectives": who they said they
# are, "equality": their "about you" answers, "consents": their choices), as words in the page's
# language for their copy of their data. The contributions layer owns those words and registers
# them here, so stores in any layer can use them; a kind with nothing registered shows the codes.
SELF_WORDS: dict[str, Callable[[Any], Any]] = {}


def register_self_words(kind: str, words: Callable[[Any], Any]) -> None:
    SELF_WORDS[kind] = words


def self_words(kind: str, value: Any) -> Any:
    words = SELF_WORDS.get(kind)
    return words(value) if words is not None and value else value


def after_erasure(func: Callable[[], None]) -> Callable[[], None]:
    AFTER_ERASURE.append(func)
    return func


def before_erasure(func: Callable[[Subject], None]) -> Callable[[Subject], None]:
    BEFORE_ERASURE.append(func)
    return func


def resolve(subject: Subject) -> Subject:
    """Let every store add what it can find, until nothing new turns up."""
    for _ in range(4):
        before = subject.size()
        for store in STORES.values():
            if store.find is not None:
                store.find(subject)
        if subject.size() == before:
            break
    return subject


def erase_subject(subject: Subject, *, replaying: bool = False) -> dict[str, int]:
    """Erase the subject from every store. Call inside an audited action's transaction.
    `replaying` is for erasures re-applied after a restore, which are in the ledger already."""
    resolve(subject)
    if not replaying:
        for hook in BEFORE_ERASURE:
            hook(subject)
    counts = {name: store.erase(subject) for name, store in STORES.items()}
    words_removed()
    return {name: count for name, count in counts.items() if count}


def words_removed() -> None:
    """Call inside any transaction that removes a person's words outside an erasure (a flag
    closing, a retention rule): the clean-up that makes them unrecoverable runs after commit."""
    for func in AFTER_ERASURE:
        transaction.on_commit(func)


def describe_subject(subject: Subject) -> list[Section]:
    resolve(subject)
    sections: list[Section] = []
    for store in STORES.values():
        if store.describe is not None:
            sections.extend(s for s in store.describe(subject) if s.rows)
    return sections


@dataclass(frozen=True)
class ErasureReport:
    counts: dict[str, int]
    kept_for_safeguarding: int


@transaction.atomic
def do_erase_person(subject: Subject, actor: Actor, *, reason: str) -> ErasureReport:
    """Erase everything a person shared and everything made from it: their words, their
    details and contact address, their votes and places at events, in every store at once.
    The reason is kept whole in the audit log, so one too long is refused before anything is
    erased."""
    refuse_long(ValueError, ("the reason", reason, ERASE_REASON_MAX_LENGTH))
    subject.whole_person = True
    counts = erase_subject(subject)
    kept = _open_safeguarding_flags(subject)
    if getattr(actor, "pk", None) in subject.user_ids:
        actor = AnonymousUser()  # the account is gone; its name must not come back here
    # Ids and counts only: the log is kept for years and must not point at what was said.
    record(actor, "person.erased", object_type="people.person", reason=reason.strip(),
           stores=counts, kept_for_safeguarding=kept)
    return ErasureReport(counts, kept)


def _open_safeguarding_flags(subject: Subject) -> int:
    counter = KEPT_COUNTERS.get("safeguarding")
    return counter(subject) if counter else 0


# Stores that keep something on purpose (an open safeguarding flag) say how many.
KEPT_COUNTERS: dict[str, Callable[[Subject], int]] = {}


# Text and JSON columns that hold no participant's words or details (staff's own writing,
# reference figures, counts), or that are kept on purpose, each with the reason. A test checks
# that every such column of every model is either held by a store or declared here, so a new
# column cannot slip past erasure unnoticed.
NOT_ERASED: dict[str, str] = {}


def declare_not_erased(reasons: dict[str, str]) -> None:
    NOT_ERASED.update(reasons)
