"""Issue 15: where to get help (on every participant page, the help pages and the paper form),
the privacy page's table of how long data is kept, and the name of the organisation are Welsh
on a Welsh page. Found English in Welsh by the audit of issue 15 on branch s24-welsh."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from ..conftest import client_for, in_welsh

pytestmark = pytest.mark.django_db

WELSH_HELP = ("Gwasanaethau brys", "os yw rhywun mewn perygl nawr", "Samariaid",
              "Llinell gymorth yr NSPCC", "os ydych chi'n poeni am blentyn",
              "i blant a phobl ifanc, am ddim, unrhyw bryd")
ENGLISH_HELP = ("Emergency services", "if someone is in danger right now", "Samaritans",
                "NSPCC helpline", "if you are worried about a child", "free, any time")


@pytest.mark.parametrize("url", ["/", "/help/", "/help/easy-read/", "/receipt/"])
def test_where_to_get_help_is_welsh_on_welsh_pages(url, baseline):
    page = html.unescape(in_welsh().get(url).content.decode())
    for welsh in WELSH_HELP[:4] if url == "/help/easy-read/" else WELSH_HELP:
        assert welsh in page, welsh
    for english in ENGLISH_HELP:
        assert english not in page, english
    assert "0800 1111" in page and "Childline" in page  # numbers and the charity's own name
    english_page = html.unescape(Client().get(url).content.decode())
    assert "Emergency services" in english_page and "Gwasanaethau brys" not in english_page


def test_the_help_lines_keep_their_english_as_data():
    """Only pages translate them: the API and the easy-read page key on the English."""
    from heard.safety.support import support_lines

    assert support_lines()[0].name == "Emergency services"


def test_the_privacy_page_says_how_long_data_is_kept_in_welsh(baseline):
    page = html.unescape(in_welsh().get("/privacy/").content.decode())
    for welsh in ("Negeseuon e-bost rydyn ni'n eu hanfon (y cyfeiriad, y pwnc a'r neges)",
                  "ar ôl i'r e-bost gael ei ysgrifennu", "Wedi'u dileu",
                  "ar ôl i'r arweinydd diogelu ei gau",
                  "Eich gwasanaethau plant lleol sy'n gyfrifol"):
        assert welsh in page, welsh
    for english in ("Emails we send", "after the email was written", ">Deleted<",
                    "after the safeguarding lead closed it", "Your local children's services"):
        assert english not in page, english
    english_page = html.unescape(Client().get("/privacy/").content.decode())
    assert "Emails we send (the address, subject and message)" in english_page
    assert "Your local children's services is responsible" in english_page


def test_staff_read_the_retention_settings_in_english(administrator):
    page = html.unescape(client_for(administrator).get("/staff/privacy/").content
                         .decode())
    assert "Emails we send (the address, subject and message)" in page


def test_a_service_in_wales_gives_its_welsh_name(settings, baseline):
    settings.HEARD_ORGANISATION = "Cardiff Council"
    settings.HEARD_CONTROLLER = {**settings.HEARD_CONTROLLER, "name": "Cardiff Council"}
    settings.HEARD_ORGANISATION_CY = "Cyngor Caerdydd"
    welsh = html.unescape(in_welsh().get("/privacy/").content.decode())
    assert "Cyngor Caerdydd sy'n gyfrifol" in welsh and "Cardiff Council" not in welsh
    assert "Cardiff Council is responsible" in html.unescape(
        Client().get("/privacy/").content.decode())
    settings.HEARD_ORGANISATION_CY = ""
    # Without a Welsh name, the English name is shown as it is.
    assert "Cardiff Council sy'n gyfrifol" in html.unescape(
        in_welsh().get("/privacy/").content.decode())
