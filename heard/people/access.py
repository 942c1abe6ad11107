"""How the staff-management pages reach staff accounts. An account holds a person's name and
email, so views go through here rather than the model (tests/core: access helpers). The
administrators' helpers check the manage permission themselves, as the views' decorators do;
the invitation helper lets in only the person the link was made for."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from .actions import invitation_tokens

MANAGE = "people.manage_staff"


def _staff_accounts() -> QuerySet[User]:
    return User.objects.filter(groups__isnull=False).distinct().order_by("username")


def staff_accounts_for(actor: User | AnonymousUser) -> QuerySet[User]:
    """Every account with a staff role, for an administrator; 404 for anyone else, as the
    single-account pages answer."""
    if not actor.has_perm(MANAGE):
        raise Http404
    return _staff_accounts()


def get_staff_account_for(actor: User | AnonymousUser, user_id: int) -> User:
    """The staff account an administrator may manage; 404 for anyone else (participants)."""
    found = staff_accounts_for(actor).filter(pk=user_id).first()
    if found is None:
        raise Http404("No such staff member")
    return found


def invited_account(uidb64: str, token: str) -> User | None:
    """The invited staff member an invitation link names, while the link is still good: the
    account is active, has no password yet, and the token was made for it."""
    try:
        user_id = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = _staff_accounts().filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return None
    return user if invitation_tokens.check_token(user, token) else None
