"""Three participants vote on phones; the facilitator sees groups and consensus update."""

from __future__ import annotations

from playwright.sync_api import expect

from heard.activities.opinion_map.actions import do_add_statement, do_create_opinion_map

from .conftest import signed_in

PHONE = {"width": 375, "height": 740}
STATEMENTS = ("Every child should have one worker who stays.",
              "Care leavers should get help until 25.",
              "Dads should be invited to every review.",
              "Brothers and sisters should live together where they can.")


def test_three_phones_vote_and_the_facilitator_sees_the_map(browser, live_server, axe_check,
                                                            make_staff):
    facilitator = make_staff("facilitator")
    opinion_map = do_create_opinion_map("What would change things?",
                                        "What would make the biggest difference?", facilitator)
    for text in STATEMENTS:
        do_add_statement(opinion_map, text, facilitator)
    slug, url = opinion_map.activity.slug, live_server.url

    staff = browser.new_context().new_page()
    signed_in(staff, url, facilitator)
    staff.goto(f"{url}/staff/opinions/{slug}/")
    axe_check(staff)
    staff.get_by_role("link", name="See the results").click()
    expect(staff.get_by_test_id("not-ready")).to_be_visible()

    choices = {"A care leaver or an adult who grew up in care": ["Agree", "Agree", "Disagree",
                                                                  "Agree"],
               "A social worker or social work manager": ["Disagree", "Agree", "Agree",
                                                          "Pass or unsure"],
               "A father whose children have a social worker, or had one":
                   ["Agree", "Agree", "Agree", "Agree"]}
    for who, answers in choices.items():
        phone = browser.new_context(viewport=PHONE).new_page()
        phone.goto(f"{url}/opinions/{slug}/")
        axe_check(phone)
        phone.get_by_label(who).check()
        phone.get_by_role("button", name="Start").click()
        for n, answer in enumerate(answers, start=1):
            expect(phone.get_by_role("heading", name=f"Statement {n} of 4")).to_be_visible()
            axe_check(phone)
            phone.get_by_role("button", name=answer, exact=True).click()
        expect(phone.get_by_role("heading", name="You have answered every statement")) \
            .to_be_visible()
        phone.get_by_role("link", name="See and change your answers").click()
        axe_check(phone)
        phone.context.close()

    staff.goto(f"{url}/staff/opinions/{slug}/")
    staff.get_by_role("button", name="Update the results now").click()
    staff.get_by_role("link", name="See the results").click()
    axe_check(staff)
    groups = staff.get_by_test_id("groups").inner_text()
    assert "Group A" in groups and "Group B" in groups
    consensus = staff.get_by_test_id("consensus").inner_text()
    assert "Care leavers should get help until 25." in consensus
    expect(staff.locator("svg[role=img] circle")).to_have_count(3)

    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures
