"""Named personas and helpers shared by every test."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.activities.defaults import ensure_default_activity
from heard.activities.models import DEFAULT_ACTIVITY_SLUG, Activity
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.models import Contribution
from heard.people.actions import (
    do_confirm_authenticator,
    do_create_staff_member,
    do_start_authenticator,
)
from heard.people.roles import ROLE_NAMES, ROLE_PERMISSIONS, ensure_roles
from heard.safety.actions import do_publish, do_review_redactions

from . import audit_guard
from .migrated_state import forget_migrated_rows, keep_migrated_rows, teardown_back_to_migrated

# Playwright's sync API runs an event loop in the test thread; the ORM calls our tests make
# between browser steps are still plain synchronous calls, so Django's guard can stand down.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Safeguarding triage's contextual look loads torch and MiniLM (about 4 s and 200 MB a
# process) the first time a risky text is classified: off for the suite, so its workers do not
# each pay for it; tests/safety/test_triage_look.py switches it on where it tests it. The
# shipped app has it on (decision 0026, round 9).
os.environ.setdefault("HEARD_TRIAGE_LOOK", "off")

STAFF_PASSWORD = "correct horse battery staple 42"
STAFF_ROLES = ("facilitator", "moderator", "safeguarding_lead", "analyst", "service_lead",
               "administrator")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--bench", action="store_true",
                     help="run the benchmarks (tests marked bench) too; `make bench` does")
    parser.addoption("--cpu-log", metavar="DIR", default=None,
                     help="write each test's CPU seconds (its process, and the child processes "
                          "it waited for) to DIR/cpu-<worker>.jsonl; `python -m tests.cpu_report "
                          "DIR` sums them by file and by test")


# --- CPU seconds per test (--cpu-log), for a machine too busy for wall times to mean much -----

_CPU_LOG = pytest.StashKey[Any]()


def _cpu_now() -> tuple[float, float]:
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """With --cpu-log, the CPU a test costs: set-up (module and session fixtures included, so
    a module's first test carries its shared data), call and tear-down, in this process (every
    thread) and in the child processes it started and waited for. Chromium, the live server's
    threads and anything not waited for are not children counted here."""
    directory = item.config.getoption("--cpu-log")
    if not directory:
        yield
        return
    log = item.config.stash.get(_CPU_LOG, None)
    if log is None:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        Path(directory).mkdir(parents=True, exist_ok=True)
        log = open(Path(directory) / f"cpu-{worker}.jsonl", "a", encoding="utf-8")  # noqa: SIM115
        item.config.stash[_CPU_LOG] = log
        item.config.add_cleanup(log.close)
    own, children = _cpu_now()
    yield
    own_after, children_after = _cpu_now()
    log.write(json.dumps({"test": item.nodeid, "cpu": round(own_after - own, 3),
                          "children": round(children_after - children, 3)}) + "\n")
    log.flush()


# --- The garbage collector in a process that keeps models for its whole life (decision 0046) --

# A test process holds what no server request would build again: spaCy's and Presidio's
# pipelines, the triage model, MiniLM, the source scans' syntax trees. Python's full collection
# walks every one of their objects each time, about 0.3 CPU-s in a worker of 1.5 GB, and ran
# about 17 times in each worker (11 CPU-s of `make check`'s 240). Two changes, both only
# in the tests' processes, cut the collector's time from 13.8 to 6.3 CPU-s:
# - fewer young collections (every 20,000 new objects instead of 700), so fewer full ones;
# - after each test module, once its module fixtures are gone, what survives is moved out of
#   the collector's sight (`gc.freeze`): it is what the process keeps (models, caches, trees).
#   A cycle of garbage older than the young generations stays in memory instead of being
#   collected; the larger worker's peak memory was no higher (1.56 GB, against 1.85 GB).
GC_YOUNG_THRESHOLDS = (20_000, 20, 20)


def _collect_less_often() -> None:
    import gc

    gc.set_threshold(*GC_YOUNG_THRESHOLDS)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    yield  # every tear-down has run: a module's last test has its module fixtures finalised
    if nextitem is None or getattr(nextitem, "module", None) is not getattr(item, "module", None):
        import gc

        gc.collect(1)
        gc.freeze()


# --- One thread for each numeric library (decision 0048) ----------------------------------------

# The suite runs one worker per core or more (xdist), so a second BLAS or OpenMP thread in a
# worker has no core of its own: it competes with the other workers, and OpenBLAS's and
# OpenMP's idle threads spin before they sleep. Set before a worker, a `heard` process or a
# library starts, so each reads it when it loads. The benchmarks keep what a deployment has.
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                     "MKL_NUM_THREADS")}


def _one_thread_per_library(config: pytest.Config) -> None:
    if config.getoption("--bench"):
        return
    os.environ.update(ONE_THREAD)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)  # the libraries this process has loaded already


def pytest_configure(config: pytest.Config) -> None:
    """Compile the Welsh catalogue as `make setup` does, so a plain `pytest` in a fresh checkout
    tests the Welsh pages too. It is compiled every run (msgfmt takes a fraction of a second)
    and the .mo replaced only when it differs: a copied or restored .mo can be newer than its
    .po and still stale, and then the Welsh tests would test old text. Only the controlling
    process compiles; xdist workers start after it."""
    _collect_less_often()  # in every process, workers included (above)
    _one_thread_per_library(config)  # the same
    audit_guard.watch()  # the same: every request, task, check and command is watched
    if hasattr(config, "workerinput"):
        return
    for po in (Path(__file__).resolve().parent.parent / "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if shutil.which("msgfmt") is None:
            if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
                continue  # cannot check it; an older .mo is refused below
            raise pytest.UsageError("The Welsh catalogue needs compiling and msgfmt is "
                                    "missing: install gettext (`make system-deps`).")
        fresh = mo.with_name(f".{mo.name}.{os.getpid()}")
        try:
            subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po)], check=True)
            if not mo.exists() or mo.read_bytes() != fresh.read_bytes():
                fresh.replace(mo)
        finally:
            fresh.unlink(missing_ok=True)


# --- One test database per run, copied by each parallel worker (decision 0032) --------------

# The key under which the controlling pytest tells each xdist worker where the template's
# status file is and which process builds it.
TEMPLATE_KEY = "heard_test_database_template"
# A worker waits this long for the migrations before failing with the reason: far more than
# they take on a loaded machine (about 30 s), so only a hung build reaches it.
TEMPLATE_WAIT_SECONDS = 900


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config: pytest.Config, specs: object) -> None:
    """Start migrating the template database now, while the workers start and collect the
    tests (about 15 s of imports each), instead of once in each worker after collection.
    Not with --reuse-db (the workers keep their own databases then) or --nomigrations."""
    if config.getvalue("reuse_db") or config.getvalue("nomigrations"):
        return
    root = Path(__file__).resolve().parent.parent
    status = root / "var" / f"test-database-template.{os.getpid()}.json"
    status.parent.mkdir(parents=True, exist_ok=True)
    status.unlink(missing_ok=True)
    builder = subprocess.Popen(  # noqa: S603 - our own module, with this interpreter
        [sys.executable, "-m", "tests.database_template", str(status)],
        cwd=root, stdin=subprocess.PIPE, env={**os.environ, "HEARD_TESTING": "1"})
    config.stash[_TEMPLATE_BUILDER] = (builder, status)


_TEMPLATE_BUILDER = pytest.StashKey[tuple[subprocess.Popen, Path]]()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    started = node.config.stash.get(_TEMPLATE_BUILDER, None)
    if started is not None:
        builder, status = started
        node.workerinput[TEMPLATE_KEY] = {"status": str(status), "pid": builder.pid}


def pytest_unconfigure(config: pytest.Config) -> None:
    """At the end of the run the builder drops the template (it waits for its input to close)."""
    started = config.stash.get(_TEMPLATE_BUILDER, None)
    if started is None:
        return
    builder, status = started
    if builder.stdin is not None:
        builder.stdin.close()
    builder.wait()
    status.unlink(missing_ok=True)


def _wait_for_template(status: Path, pid: int) -> dict[str, str]:
    """The template's database names once the builder has written them; a clear failure if it
    could not build them or stopped without saying."""
    deadline = time.monotonic() + TEMPLATE_WAIT_SECONDS
    while not status.exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            if status.exists():
                break
            pytest.fail("The test database build (tests/database_template.py) stopped "
                        "without a result.", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"The test database build took over {TEMPLATE_WAIT_SECONDS} s.",
                        pytrace=False)
        time.sleep(0.1)
    report = json.loads(status.read_text(encoding="utf-8"))
    if "error" in report:
        pytest.fail(f"Migrating the test database failed:\n{report['error']}", pytrace=False)
    return report["names"]


def _copy_database(connection: Any, source: str, target: str) -> None:
    """A worker's own database as a copy of the template: SQLite copies the file (closed, so
    the write-ahead log is already in it), PostgreSQL copies it in the server."""
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
        shutil.copyfile(source, target)
    elif connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        from django.db import OperationalError
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
            # The builder's session can outlive its closed connection by a moment, and
            # PostgreSQL refuses a template anyone is connected to: try again for a while.
            for attempt in range(50):
                try:
                    cursor.execute(
                        f"CREATE DATABASE {quote(target)} WITH TEMPLATE {quote(source)}")
                    break
                except OperationalError as error:
                    if "being accessed by other users" not in str(error) or attempt == 49:
                        raise
                    time.sleep(0.2)
    else:
        raise NotImplementedError(f"no template copy for {connection.vendor}")


@pytest.fixture(scope="session")
def django_db_setup(request: pytest.FixtureRequest, django_test_environment: None,
                    django_db_blocker: Any, django_db_use_migrations: bool,
                    django_db_keepdb: bool, django_db_createdb: bool,
                    django_db_modify_db_settings: None) -> Iterator[None]:
    """pytest-django's test databases, except that an xdist worker copies the database the
    run migrated once (above) instead of migrating its own. Without xdist (a
    plain `pytest`), with --reuse-db or --nomigrations, this is pytest-django's own set-up."""
    from django.db import connections
    from django.test import TransactionTestCase
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    template = getattr(request.config, "workerinput", {}).get(TEMPLATE_KEY)
    verbosity = request.config.option.verbose
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        # A test that asks for serialized_rollback needs the contents pytest-django saves
        # while migrating (none does today); it gets pytest-django's own set-up.
        if template is None or serialized_aliases:
            if not django_db_use_migrations:
                _disable_migrations()
            old_config = setup_databases(
                verbosity=verbosity, interactive=False, aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=django_db_keepdb and not django_db_createdb)
            tear_down = not django_db_keepdb
        else:
            names = _wait_for_template(Path(template["status"]), int(template["pid"]))
            old_config = []
            for alias, source in names.items():
                if alias not in aliases:
                    continue
                connection = connections[alias]
                old_name = connection.settings_dict["NAME"]
                target = connection.creation._get_test_db_name()  # with the worker's suffix
                _copy_database(connection, source, target)
                connection.close()
                settings.DATABASES[alias]["NAME"] = target
                connection.settings_dict["NAME"] = target
                old_config.append((connection, old_name, True))
            tear_down = True
        kept = {alias: keep_migrated_rows(connections[alias]) for alias in aliases}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", teardown_back_to_migrated(kept))
        yield
    with django_db_blocker.unblock():
        for rows in kept.values():
            forget_migrated_rows(rows)
        if tear_down:
            teardown_databases(old_config, verbosity=verbosity)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Benchmarks measure a real model on reference data for a minute; they are not part of
    `make test` or `make check`, and say so when skipped."""
    if config.getoption("--bench"):
        return
    skip = pytest.mark.skip(reason="a benchmark: `make bench` runs it (pytest --bench -m bench)")
    for item in items:
        if item.get_closest_marker("bench"):
            item.add_marker(skip)


@contextmanager
def kept_for_the_module(django_db_blocker: Any) -> Iterator[None]:
    """Data built once for a module's tests, inside a transaction that is rolled back after
    the module's last test, as Django's ``TestCase.setUpTestData`` does for a class. Each test
    still runs in its own savepoint inside it (pytest-django's ``db``), so what one test
    writes is undone before the next, and the next module finds the database as it was.
    Only for tests that need no real commit (``db``, not ``transactional_db``): a test that
    commits would end the transaction the data lives in. A fixture using this hands each test
    a deep copy of the objects it built (``copy.deepcopy``), as ``setUpTestData`` does, so a
    test that changes an object in memory does not change it for the next."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True, scope="session")
def static_files_listed_once() -> Iterator[None]:
    """WhiteNoise lists every static file (about 950, GOV.UK Frontend's among them), stats it and
    works out its headers when its middleware is made. A server makes it once per process;
    Django's test client makes the middleware again for every new `Client`, so the suite paid
    that listing (about 0.05 CPU-s) thousands of times. Here the first listing in a process is
    kept and each later middleware gets the same files, as every request of a real server does.
    Every request still goes through WhiteNoise; the key holds the settings the listing reads,
    so a test that changed them would get a listing of its own."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    list_files = WhiteNoiseMiddleware.add_files_from_finders
    listed: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add_files_from_finders(self: WhiteNoiseMiddleware) -> None:
        key = (self.static_prefix, repr(settings.STATICFILES_DIRS),
               repr(settings.STATICFILES_FINDERS))
        if key not in listed:
            before = dict(self.files)
            list_files(self)
            listed[key] = {url: found for url, found in self.files.items()
                           if before.get(url) is not found}
        self.files.update(listed[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoiseMiddleware, "add_files_from_finders", add_files_from_finders)
        yield


# How many parsed texts a test process keeps (a parse of a few hundred characters holds about
# 40 kB): enough for the texts the theme tests share, a bounded share of memory.
PARSES_KEPT = 4000


@pytest.fixture(autouse=True, scope="session")
def theme_texts_parsed_once() -> Iterator[None]:
    """Naming themes parses each theme's central texts with spaCy, most of a theme run's time,
    and the theme tests run the pipeline again and again on the same texts (the demo corpus,
    the staff CSV, a campaign among 240 stories): of about 3,000 texts parsed in the analysis
    and insight tests, about 1,100 were different. A parse depends only on the text and the
    loaded pipeline, and naming only reads it, so a test process parses each text once and
    hands the same parse to later runs. Every theme test still runs spaCy's pipeline on every
    text it names (the first time that text is seen), and naming, ranking and screening run in
    full each time."""
    from heard.analysis.themes import names

    parse = names._parse
    parsed: dict[str, Any] = {}

    def parse_once(texts: list[str]) -> list[Any]:
        new = list(dict.fromkeys(text for text in texts if text not in parsed))
        if new:
            parsed.update(zip(new, parse(new), strict=True))
            for oldest in list(parsed)[:max(0, len(parsed) - PARSES_KEPT)]:
                if oldest not in texts:
                    del parsed[oldest]
        return [parsed[text] for text in texts]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(names, "_parse", parse_once)
        yield


@pytest.fixture(autouse=True)
def fresh_throttles() -> None:
    """Code-guess throttles live in the cache, which outlives a test; each test starts clean."""
    cache.clear()


@pytest.fixture(autouse=True)
def every_request_and_task_that_writes_is_audited() -> Iterator[None]:
    """A request, task, check or command that wrote anything but the session with no audit row
    beside it fails the test that made it, on every path the suite takes (tests/audit_guard.py,
    decisions 0057 and 0058)."""
    audit_guard.take_unaudited()  # what ran between tests belongs to no test
    yield
    found = audit_guard.take_unaudited()
    assert not found, ("every write of personal data goes through an action that records it "
                       f"(heard.audit.log.record): {found}")


@pytest.fixture(autouse=True)
def english_by_default() -> Iterator[None]:
    """A request through LocaleMiddleware leaves its language active in the thread after the
    response (Django does not reset it), so a Welsh request would make the next test on the
    same worker read Welsh messages. Each test starts and ends with the default language."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def erasure_ledger(settings, tmp_path):
    """Each test keeps its own erasure ledger, outside the database as in production."""
    settings.HEARD_ERASURE_LEDGER = str(tmp_path / "erasure-ledger.jsonl")
    return tmp_path / "erasure-ledger.jsonl"


@pytest.fixture
def baseline() -> None:
    """What migrations create: the default activity and the staff roles. A transactional
    test's teardown puts every migrated row back (tests/migrated_state.py), so a test finds
    them as migrations made them; this checks that with two queries and makes them again only
    if something outside a test's transaction changed them (`ensure_roles` is about 15
    queries)."""
    ensure_default_activity(Activity)
    if not _roles_as_ensured():
        ensure_roles()


_ROLES_AS_ENSURED = {(role, *dotted.split(".")) for role, perms in ROLE_PERMISSIONS.items()
                     for dotted in perms}


def _roles_as_ensured() -> bool:
    """Whether each role group holds exactly the permissions ensure_roles gives it."""
    held = Group.permissions.through.objects.filter(group__name__in=ROLE_NAMES).values_list(
        "group__name", "permission__content_type__app_label", "permission__codename")
    return set(held) == _ROLES_AS_ENSURED


@pytest.fixture
def activity(db, baseline) -> Activity:
    return Activity.objects.get(slug=DEFAULT_ACTIVITY_SLUG)


@pytest.fixture
def make_staff(db, baseline) -> Callable[[str], User]:
    """A staff persona with a password and an authenticator app, as every real one has."""

    def make(role: str) -> User:
        user = do_create_staff_member(f"{role}-persona", STAFF_PASSWORD, [role], None)
        give_authenticator(user)
        return user

    return make


def give_authenticator(user: User) -> TOTPDevice:
    """Set up an authenticator app through the same actions as the set-up page."""
    device = do_start_authenticator(user)
    do_confirm_authenticator(user, device)
    device.refresh_from_db()
    return device


def second_factor_code(user: User) -> str:
    """The code the persona's authenticator app shows now. django-otp refuses a code from a
    time step already used (replay protection), so a persona signing in twice within 30
    seconds gets the next step's code, which the device's tolerance of one step accepts."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    while True:
        otp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        now_step = otp.t()
        if device.last_t < now_step + device.tolerance:
            otp.time = time.time() + device.step * max(0, device.last_t + 1 - now_step)
            return f"{otp.token():0{device.digits}d}"
        time.sleep(1)  # both usable steps are spent; the next one comes within 30 s
        device.refresh_from_db()


def _persona(role: str):
    """A fixture named after a staff role that gives a member of staff holding it."""
    @pytest.fixture(name=role)
    def persona(make_staff) -> User:
        return make_staff(role)
    return persona


facilitator = _persona("facilitator")
moderator = _persona("moderator")
safeguarding_lead = _persona("safeguarding_lead")
administrator = _persona("administrator")
analyst = _persona("analyst")


@pytest.fixture
def outsider(db) -> User:
    """Signed in, but holds no staff role."""
    return User.objects.create_user("outsider", password=STAFF_PASSWORD)


def publish(contribution: Contribution, moderator: User, spans=()) -> Contribution:
    """Review redactions (none unless given) and publish: the two steps a moderator takes."""
    do_review_redactions(contribution, moderator, list(spans))
    return do_publish(contribution, moderator)


def in_welsh(client: Client | None = None) -> Client:
    """A client (a new one unless given) whose language cookie asks for Welsh, as the language
    switcher sets it."""
    client = client or Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    return client


def client_for(user: User | None, *, second_factor: bool = True) -> Client:
    """A signed-in client. Staff personas have also passed the second factor, recorded in the
    session exactly as `django_otp.login` records it; pass second_factor=False to get a
    session that stopped after the password."""
    client = Client()
    if user is not None:
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if second_factor and device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


def pass_second_factor(page, username: str) -> None:
    """In a browser, after the password: type the authenticator code, as staff do."""
    page.get_by_label("Code from your authenticator app").fill(
        second_factor_code(User.objects.get(username=username)))
    page.get_by_role("button", name="Continue").click()


ALL_CONSENTS = {"analysis": True, "quote": True, "publish": True}
ANALYSIS_ONLY = {"analysis": True, "quote": False, "publish": False}


def submitted(activity: Activity, kind: str, text: str, perspectives: tuple[str, ...],
              consents: dict[str, bool], **more: Any) -> tuple[Contribution, str]:
    """A contribution sent by a participant (no staff member involved), and its receipt code."""
    return do_submit_contribution(
        activity, NewContribution(kind=kind, text=text, perspectives=perspectives,
                                  consents=consents, **more), None)


YOUNG_PERSON_STORY = "I moved placement four times in a year and had to change school twice."


@pytest.fixture
def young_person_story(activity) -> tuple[Contribution, str]:
    """A child in care's story, with every consent given."""
    return submitted(activity, "story", YOUNG_PERSON_STORY, ("child_in_care",), ALL_CONSENTS,
                     equality={"age_band": "12_15"})


@pytest.fixture
def parent_problem(activity) -> tuple[Contribution, str]:
    """A father's problem, shared for analysis only."""
    return submitted(activity, "problem",
                     "Nobody told me about the review meeting for my son. Dads get left out.",
                     ("parent_father",), ANALYSIS_ONLY)


@pytest.fixture
def dual_perspective_idea(activity) -> tuple[Contribution, str]:
    """A social worker who grew up in care proposes something."""
    return submitted(activity, "idea",
                     "Every child should keep one trusted adult who stays when workers change.",
                     ("care_leaver", "social_worker"), ALL_CONSENTS)


# --- PDFs (the paper form and the key-messages report) --------------------------------------

def need(tool: str) -> str:
    """The path of a command-line tool the test needs; a clear failure (not a skip) without it."""
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} is missing: run `make system-deps` (Debian package poppler-utils).")
    return found


def pdf_words(body: bytes, tmp_path: Path, name: str = "document.pdf") -> str:
    """A PDF's text as pdftotext reads it, with white space folded to single spaces."""
    pdf = tmp_path / name
    pdf.write_bytes(body)
    return " ".join(subprocess.run([need("pdftotext"), str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's objects as plain bytes: its compressed streams (WeasyPrint packs the catalogue,
    where the document's language is, in one) unpacked after the rest."""
    unpacked = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            unpacked.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(unpacked)
