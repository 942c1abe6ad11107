from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections, connection

from heard import settings as heard_settings
from heard.activities.models import Activity
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.models import Contribution


def test_envbool_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="true or false"):
        heard_settings.envbool("SOME_FLAG")
    monkeypatch.setenv("SOME_FLAG", "yes")
    assert heard_settings.envbool("SOME_FLAG") is True


def test_envint_and_envsecret(monkeypatch, tmp_path):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        heard_settings.envint("SOME_NUMBER", 1)
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("MY_SECRET_FILE", str(secret))
    assert heard_settings.envsecret("MY_SECRET") == "s3cret"


def test_debug_is_off_and_hosts_are_explicit_by_default():
    assert heard_settings.DEBUG is False or "DEBUG" in __import__("os").environ
    assert "*" not in heard_settings.ALLOWED_HOSTS


def test_postgres_is_chosen_by_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/heard")
    config = heard_settings.database_settings()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["HOST"] == "db.example"
    monkeypatch.setenv("DATABASE_URL", "mysql://u:p@h/db")
    with pytest.raises(ImproperlyConfigured):
        heard_settings.database_settings()


@pytest.mark.django_db(transaction=True)
def test_sqlite_runs_in_wal_mode_and_concurrent_writers_never_see_locked(baseline):
    if connection.vendor != "sqlite":
        pytest.skip("WAL and lock behaviour are SQLite's; PostgreSQL has row locks")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0].lower() == "wal"
    activity = Activity.objects.get(slug="share-your-experience")
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                do_submit_contribution(activity, NewContribution(
                    kind="story", text=f"writer {n} story {i}",
                    consents={"analysis": True}), None)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Contribution.objects.count() == 60
