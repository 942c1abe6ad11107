from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from heard.audit.log import record

from .models import SafeguardingFlag


def get_flag_for(user: User | AnonymousUser, flag_id: int) -> SafeguardingFlag:
    """Only safeguarding leads see flags, and every look is audited."""
    if not user.has_perm("safety.handle_safeguarding"):
        raise PermissionDenied
    flag = SafeguardingFlag.objects.select_related("contribution").filter(pk=flag_id).first()
    if flag is None:
        raise Http404("No such flag")
    record(user, "safeguarding.viewed", flag)
    return flag
