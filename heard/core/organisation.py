"""The organisation that runs the service, named in the page's language.

A deployment in Wales sets HEARD_ORGANISATION_CY to its Welsh name. Without one, the default
placeholder name has its Welsh in the catalogue; a real English name is shown as it is.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language, gettext, gettext_noop

# The default of HEARD_ORGANISATION (heard/settings.py), marked for the Welsh catalogue.
DEFAULT_ORGANISATION = gettext_noop("Your local children's services")


def organisation_name() -> str:
    if (get_language() or "").startswith("cy") and settings.HEARD_ORGANISATION_CY:
        return str(settings.HEARD_ORGANISATION_CY)
    name = str(settings.HEARD_ORGANISATION)
    return gettext(name) if name == DEFAULT_ORGANISATION else name
