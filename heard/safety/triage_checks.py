"""Django system checks for safeguarding triage: warn loudly when it would run degraded."""

from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register("heard.safety")
def triage_model_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Triage without its semantic model misses much of the risk written in new words."""
    from .triage_model import readiness

    try:
        works, message = readiness()
    except OSError as error:
        works, message = False, f"the model cache could not be read ({error})."
    if not works:
        return [checks.Warning(
            f"Safeguarding triage is DEGRADED: {message}",
            hint="Rules alone found about half the risk on independently written text. "
                 "See docs/decisions/0017-semantic-triage.md.",
            id="heard.safety.W101")]
    if message:
        return [checks.Warning(f"Safeguarding triage: {message}", id="heard.safety.W102")]
    return []
