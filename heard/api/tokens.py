"""Staff bearer tokens without a table: a signed, timestamped object bound to the user.

The token carries the user's id and their session auth hash (derived from the password hash),
so changing the password, or deactivating the account, ends every token at once.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.core import signing

TOKEN_LIFETIME = timedelta(hours=8)
_SALT = "heard.api.staff-token"


def issue_token(user: User) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object(
        {"u": user.pk, "h": user.get_session_auth_hash()}
    )


def user_for_token(token: str) -> User | None:
    """The active user a token belongs to, or None if it is forged, expired or revoked."""
    if not token or len(token) > 1000:
        return None
    try:
        data = signing.TimestampSigner(salt=_SALT).unsign_object(
            token, max_age=TOKEN_LIFETIME
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    if user is None or data.get("h") != user.get_session_auth_hash():
        return None
    return user
