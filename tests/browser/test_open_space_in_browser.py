"""An Open Space event end to end, in four browsers: a facilitator and three participants with
different perspectives. Every page visited is checked with axe-core."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from heard.activities.open_space.models import (
    ClosingAnswer,
    OpenSpaceEvent,
    SessionMembership,
    SessionNote,
    SolutionVote,
)
from heard.tasks.queue import run_pending

from .conftest import signed_in

PHONE = {"width": 375, "height": 740}
CARE_LEAVER = "A care leaver or an adult who grew up in care"
SOCIAL_WORKER = "A social worker or social work manager"
FATHER = "A father whose children have a social worker, or had one"
MONEY, CASES, DADS, REVIEWS = ("Money when you leave care", "Too many cases",
                               "Dads in meetings", "Being heard at reviews")


def error_text(page) -> str:
    return page.locator(".govuk-error-summary").inner_text()


def set_up_event(staff, url, axe_check) -> str:
    staff.goto(f"{url}/staff/events/")
    axe_check(staff)
    staff.get_by_label("Title").fill("Leaving care well")
    staff.get_by_label("Opening question").fill("What would make leaving care go well?")
    staff.get_by_label("Closing question").fill("What should change first?")
    day = timezone.localdate() + timedelta(days=7)
    staff.get_by_label("Day").fill(str(day.day))
    staff.get_by_label("Month").fill(str(day.month))
    staff.get_by_label("Year").fill(str(day.year))
    staff.get_by_label("Starts at").fill("10:00")
    staff.get_by_label("Ends at").fill("13:00")
    staff.get_by_role("button", name="Set up event").click()
    axe_check(staff)
    return staff.url.rstrip("/").rsplit("/", 1)[1]


def sign_up(browser, url, slug, axe_check, who: str, topic: str, likes: str = ""):
    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{url}/events/{slug}/")
    axe_check(phone)
    phone.get_by_role("link", name="Sign up").first.click()
    axe_check(phone)
    phone.get_by_label(who).check()
    phone.get_by_label("Read it with what other people said").check()
    phone.get_by_label("Is there anything that would help you").fill("Captions, please.")
    phone.get_by_role("button", name="Sign up").click()
    expect(phone.get_by_role("heading", name="You have signed up")).to_be_visible()
    axe_check(phone)
    phone.get_by_role("link", name="Go to the topics").click()
    phone.get_by_label("Suggest a topic").fill(topic)
    phone.get_by_role("button", name="Add my topic").click()
    expect(phone.get_by_test_id("topics")).to_contain_text(topic, use_inner_text=True)
    axe_check(phone)
    if likes:
        # Others see a topic only once it has been checked for names: the worker's turn.
        run_pending()
        phone.reload()
        # Say you are interested in someone else's topic, change your mind, and change back.
        phone.get_by_role("button", name=f"I am interested in “{likes}”").click()
        phone.get_by_role("button", name=f"I am no longer interested in “{likes}”").click()
        expect(phone.locator("body")).to_contain_text("no longer marked as interested")
        phone.get_by_role("button", name=f"I am interested in “{likes}”").click()
    return phone


def build_agenda(staff, axe_check) -> None:
    for name in ("Oak room", "Ash room"):
        staff.get_by_label("Room name").fill(name)
        staff.get_by_label("Meeting link").fill(f"https://meet.example.org/{name[:3].lower()}")
        staff.get_by_role("button", name="Add room").click()
    for starts, ends in (("10:30", "11:15"), ("11:30", "12:15")):
        add_slot(staff, starts, ends)
    add_slot(staff, "11:00", "11:45")  # overlaps both: refused
    assert "overlaps the one from 10:30 to 11:15" in error_text(staff)
    axe_check(staff)
    staff.get_by_label("Add a topic").fill(REVIEWS)
    staff.get_by_role("button", name="Add topic").click()
    for topic, room, slot, mode, group in (
            (MONEY, "Oak room", "10:30 to 11:15", "shared", "care_experienced"),
            (DADS, "Ash room", "10:30 to 11:15", "mixed", ""),
            (CASES, "Oak room", "11:30 to 12:15", "shared", "professional"),
            (REVIEWS, "Ash room", "11:30 to 12:15", "mixed", "")):
        staff.get_by_label("Topic", exact=True).select_option(label=topic)
        staff.get_by_label("Room", exact=True).select_option(label=room)
        staff.get_by_label("Time slot").select_option(label=slot)
        staff.get_by_label("Who it is for").select_option(value=mode)
        staff.get_by_label("If shared experience").select_option(value=group)
        staff.get_by_role("button", name="Add to agenda").click()
        placed = staff.locator(".govuk-notification-banner--success").inner_text()
        assert f"“{topic}” is in {room}" in placed
    expect(staff.get_by_test_id("staff-agenda")).to_be_visible()
    axe_check(staff)
    staff.get_by_role("link", name="See a suggestion for 10:30").click()
    expect(staff.get_by_test_id("proposal")).to_be_visible()
    axe_check(staff)


def add_slot(staff, starts: str, ends: str) -> None:
    staff.get_by_label("Starts at").fill(starts)
    staff.get_by_label("Ends at").fill(ends)
    staff.get_by_role("button", name="Add time slot").click()


def advance(staff, to: str) -> None:
    staff.get_by_role("button", name="Move on to").click()
    expect(staff.get_by_test_id("phase")).to_contain_text(to, use_inner_text=True)


def join(phone, slug, url, topic, axe_check=None) -> None:
    phone.goto(f"{url}/events/{slug}/agenda/")
    if axe_check:
        axe_check(phone)
    phone.get_by_role("button", name=f"Join {topic}").click()


def write_notes(phone, topic, axe_check, **boxes: str) -> None:
    phone.get_by_test_id("agenda").get_by_role("link", name=topic).click()
    axe_check(phone)
    labels = {"problem": "What is the problem?", "help": "What would help?",
              "solution": "A proposed solution", "who_acts": "Who should act?"}
    for box, text in boxes.items():
        phone.get_by_label(labels[box]).fill(text)
    phone.get_by_role("button", name="Save notes").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text(
        "Your notes are saved", use_inner_text=True)
    for text in boxes.values():
        expect(phone.get_by_test_id("notes")).to_contain_text(text, use_inner_text=True)
    axe_check(phone)


def run_sessions(url, slug, axe_check, carer, worker, father) -> None:
    # Slot one: the care leaver starts in the shared session, then uses the law of two feet.
    join(carer, slug, url, MONEY, axe_check)
    expect(carer.get_by_test_id("mine")).to_have_count(1)
    join(worker, slug, url, MONEY, axe_check)
    assert "is a shared-experience session" in error_text(worker)
    axe_check(worker)
    join(worker, slug, url, DADS)
    join(father, slug, url, DADS, axe_check)
    write_notes(father, DADS, axe_check, problem="Dads hear about reviews too late.",
                solution="Invite both parents to every review.",
                who_acts="Independent reviewing officers.")
    join(carer, slug, url, DADS)
    expect(carer.locator("body")).to_contain_text("You are in “Dads in meetings”")
    write_notes(carer, DADS, axe_check, help="Letters sent to both homes.")
    # Slot two: the shared professional session and a mixed one.
    join(worker, slug, url, CASES)
    write_notes(worker, CASES, axe_check, problem="Caseloads are too high to listen well.",
                solution="Cap caseloads so workers have time for direct work.")
    for phone in (carer, father):
        join(phone, slug, url, REVIEWS)
    write_notes(carer, REVIEWS, axe_check,
                solution="Let young people chair part of their own review.")


def dot_vote(url, slug, axe_check, carer, worker, father) -> None:
    choices = {carer: ["Let young people chair", "Invite both parents"],
               worker: ["Cap caseloads", "Let young people chair"],
               father: ["Invite both parents", "Let young people chair"]}
    for phone, wanted in choices.items():
        phone.goto(f"{url}/events/{slug}/vote/")
        axe_check(phone)
        for start in wanted:
            phone.get_by_role("button", name=f"Give a dot for “{start}").click()
            expect(phone.locator("body")).to_contain_text("Your dot is on that solution")
    carer.get_by_role("button", name="Give a dot for “Let young people chair").click()
    assert "You have already given a dot to this solution" in error_text(carer)
    expect(carer.get_by_test_id("dots-left")).to_contain_text(
        "You have 1 dot left", use_inner_text=True)
    axe_check(carer)


def closing_round(url, slug, axe_check, phones) -> None:
    for n, phone in enumerate(phones):
        phone.goto(f"{url}/events/{slug}/closing/")
        axe_check(phone)
        phone.get_by_label("What should change first?").fill(f"Listen first ({n}).")
        phone.get_by_role("button", name="Send my answer").click()
        expect(phone.get_by_test_id("answered")).to_be_visible()
        axe_check(phone)


def test_an_open_space_event_end_to_end_in_four_browsers(browser, live_server, axe_check,
                                                         make_staff):
    url = live_server.url
    staff = signed_in(browser.new_context().new_page(), url, make_staff("facilitator"))
    slug = set_up_event(staff, url, axe_check)
    carer = sign_up(browser, url, slug, axe_check, CARE_LEAVER, MONEY)
    worker = sign_up(browser, url, slug, axe_check, SOCIAL_WORKER, CASES, likes=MONEY)
    father = sign_up(browser, url, slug, axe_check, FATHER, DADS, likes=CASES)

    staff.reload()
    expect(staff.get_by_test_id("access-needs")).to_contain_text(
        "Captions, please.", use_inner_text=True)
    build_agenda(staff, axe_check)
    run_pending()  # every topic is checked for names before other participants see it
    advance(staff, "Sessions running")
    run_sessions(url, slug, axe_check, carer, worker, father)
    # Everyone ended the first slot in the mixed session; nobody stayed in the shared one.
    assert SessionMembership.objects.filter(session__topic__title=DADS).count() == 3
    assert not SessionMembership.objects.filter(session__topic__title=MONEY).exists()
    # The worker's turn: redaction suggestions. Until then others see "being checked", never
    # the raw words; afterwards the father's note reaches the care leaver.
    run_pending()
    carer.goto(f"{url}/events/{slug}/agenda/")
    carer.get_by_test_id("agenda").get_by_role("link", name=DADS).click()
    expect(carer.get_by_test_id("notes")).to_contain_text(
        "Dads hear about reviews too late.", use_inner_text=True)

    advance(staff, "Dot-voting")
    dot_vote(url, slug, axe_check, carer, worker, father)
    advance(staff, "Closing round")
    closing_round(url, slug, axe_check, (carer, worker, father))
    advance(staff, "Finished")
    carer.goto(f"{url}/events/{slug}/topics/")
    expect(carer.get_by_role("button", name="Add my topic")).to_have_count(0)  # closed: no form
    axe_check(carer)

    staff.get_by_role("link", name="Event report").click()
    axe_check(staff)
    ranked = staff.get_by_test_id("ranked-solutions").locator("tbody tr").all_inner_texts()
    assert ranked[0].startswith("Let young people chair part of their own review.")
    assert ranked[0].rstrip().endswith("3")
    modes = staff.get_by_test_id("modes").inner_text()
    assert "Mixed sessions" in modes and "professionals only" in modes
    expect(staff.get_by_test_id("report-session")).to_have_count(4)

    event = OpenSpaceEvent.objects.get(activity__slug=slug)
    assert SolutionVote.objects.filter(registration__event=event).count() == 6
    assert ClosingAnswer.objects.filter(registration__event=event).count() == 3
    notes = SessionNote.objects.filter(session__topic__event=event)
    assert notes.count() == 7
    moderation = signed_in(browser.new_context().new_page(), url, make_staff("moderator"))
    moderation.goto(f"{url}/staff/moderation/?activity={slug}")
    axe_check(moderation)
    for note in notes:
        link = moderation.get_by_role("link", name=f"Check contribution {note.contribution_id}",
                                      exact=True)
        expect(link).to_have_count(1)

    assert len(axe_check.results) >= 12  # every kind of page was checked, not just a few
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures
