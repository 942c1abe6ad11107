"""Headers on every page, a bad Host, the trusted proxy, and no email addresses in logs."""

from __future__ import annotations

import contextlib
import http.client
import io
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

from heard.cli import proxy_options
from heard.core.mail import AddressHidingConsoleBackend
from heard.core.privacy_logging import AddressHidingFormatter

from ..conftest import client_for

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_PAGES = ("/", "/share/share-your-experience/", "/receipt/", "/activities/",
                "/you-said-we-did/",
                "/account/sign-in/", "/staff/sign-in/", "/api/docs")


def directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.split()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_has_a_strict_content_security_policy(activity, path):
    response = Client().get(path)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_staff_pages_have_the_policy_too(moderator):
    response = client_for(moderator).get("/staff/moderation/")
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_api_docs_load_only_our_own_pinned_files():
    page = Client().get("/api/docs").content.decode()
    assert "/assets/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    # No inline script that would need 'unsafe-inline': only JSON data and our own files.
    scripts = [tag for tag in page.split("<script")[1:]]
    assert all('type="application/json"' in tag or 'src="/assets/' in tag for tag in scripts)
    assert '"validatorUrl": null' in page  # no badge image from swagger.io
    assert Client().get("/assets/ninja/swagger-ui-bundle.js").status_code == 200


@pytest.mark.django_db
def test_a_host_we_do_not_serve_gets_400_without_a_traceback(caplog):
    with caplog.at_level(logging.ERROR):
        response = Client().get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "problem with that request" in response.content.decode()
    assert not [record for record in caplog.records if record.exc_info]


# A real deployment names who hears about risk, and a relay that delivers: without them
# `check --deploy` fails and `heard serve` refuses to start (issue 10).
PRODUCTION_EMAIL = {"HEARD_SAFEGUARDING_EMAILS": "safeguarding@example.org",
                    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "587", "EMAIL_USE_TLS": "1"}


def test_hsts_covers_subdomains_and_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {**os.environ, "SECRET_KEY": "x" * 20 + "production-like-secret-key-value-1234567890",
           "HEARD_HTTPS": "1", "ALLOWED_HOSTS": "heard.example.org", "DEBUG": "0",
           "HEARD_TRUSTED_PROXY": "127.0.0.1", "HEARD_VAR_DIR": str(tmp_path),
           "PYTHONPATH": str(ROOT),
           **PRODUCTION_EMAIL}
    for name in ("DJANGO_SETTINGS_MODULE", "HEARD_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "heard.cli", "manage", "check", "--deploy"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    settings = subprocess.run(
        [sys.executable, "-c", "import heard.settings as s; print(s.SECURE_HSTS_SECONDS, "
         "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert settings.stdout.split() == ["31536000", "True", "True", "True"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": "heard.example.org", **headers})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_behind_the_trusted_proxy_https_requests_are_served(tmp_path):
    """A real `heard serve` with HEARD_HTTPS=1 and HEARD_TRUSTED_PROXY=127.0.0.1."""
    port = _free_port()
    env = {**os.environ, "SECRET_KEY": "y" * 60, "HEARD_HTTPS": "1",
           "ALLOWED_HOSTS": "heard.example.org", "HEARD_TRUSTED_PROXY": "127.0.0.1",
           "HEARD_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT), **PRODUCTION_EMAIL}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "heard.cli", "serve", "--port", str(port), "--no-worker"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(port, server)
        proxied = _get(port, "/staff/sign-in/", {"X-Forwarded-Proto": "https",
                                                  "X-Forwarded-For": "203.0.113.9"})
        assert proxied.status == 200
        hsts = proxied.getheader("Strict-Transport-Security")
        assert hsts == "max-age=31536000; includeSubDomains; preload"
        plain = _get(port, "/staff/sign-in/", {})
        assert plain.status == 301
        assert plain.getheader("Location") == "https://heard.example.org/staff/sign-in/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"heard serve stopped: {server.stdout.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("heard serve did not start in 120 s")


def test_an_untrusted_client_cannot_claim_https():
    """Waitress strips X-Forwarded-Proto from anyone but the trusted proxy."""
    from waitress.server import create_server

    seen: dict[str, str] = {}

    def app(environ, start_response):
        seen["scheme"] = environ["wsgi.url_scheme"]
        seen["header"] = environ.get("HTTP_X_FORWARDED_PROTO", "")
        seen["remote"] = environ["REMOTE_ADDR"]
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    for trusted, expected in (("127.0.0.1", ("https", "203.0.113.9")),
                              ("192.0.2.1", ("http", "127.0.0.1"))):
        server = create_server(app, host="127.0.0.1", port=0,
                               **proxy_options(trusted, https=True))
        thread = threading.Thread(target=_run_until_closed, args=(server,), daemon=True)
        thread.start()
        try:
            _get(server.effective_port, "/", {"X-Forwarded-Proto": "https",
                                              "X-Forwarded-For": "203.0.113.9"})
        finally:
            # Waitress's task thread wakes the server's loop after it has answered, which can
            # be after the answer reached us: let it finish before the loop's wake-up pipe is
            # closed, or it fails and logs the error into a stream pytest has closed (seen in
            # CI's output).
            server.task_dispatcher.shutdown()
            server.close()
        assert (seen["scheme"], seen["remote"]) == expected
        if trusted != "127.0.0.1":
            assert seen["header"] == ""


def _run_until_closed(server) -> None:
    # The socket closes under the loop when the test is done.
    with contextlib.suppress(OSError, ValueError):
        server.run()


def test_https_without_a_trusted_proxy_refuses_to_start():
    with pytest.raises(SystemExit, match="HEARD_TRUSTED_PROXY"):
        proxy_options("", https=True)
    assert proxy_options("", https=False) == {}


def test_the_development_email_backend_hides_addresses():
    stream = io.StringIO()
    backend = AddressHidingConsoleBackend(stream=stream)
    message = mail.EmailMessage("Your answer to sam@example.org", "Hello sam.jones@example.org",
                                "heard@localhost", ["sam.jones@example.org", "b@example.net"])
    assert backend.send_messages([message]) == 1
    shown = stream.getvalue()
    assert "example.org" not in shown and "example.net" not in shown
    assert "To: 2 recipients (addresses hidden)" in shown
    assert "Hello [email address hidden]" in shown


def test_the_default_email_backend_is_the_address_hiding_one():
    from django.conf import settings

    assert settings.EMAIL_BACKEND in ("heard.core.mail.AddressHidingConsoleBackend",
                                      "django.core.mail.backends.locmem.EmailBackend")


def test_log_lines_and_tracebacks_never_show_an_address():
    formatter = AddressHidingFormatter("%(levelname)s %(message)s")
    try:
        raise RuntimeError("550 mailbox unavailable: young.person@example.org")
    except RuntimeError:
        record = logging.LogRecord("heard", logging.ERROR, __file__, 1,
                                   "Task failed for %s", ("carer@example.org",), sys.exc_info())
    text = formatter.format(record)
    assert "example.org" not in text
    assert text.count("[email address hidden]") >= 2  # message, error, and the source line
    assert "Traceback" in text
