"""The forms behind the quality pages' posts. Values go to the actions as typed: the actions
check them and say, field by field, what is wrong (QualityError.problems)."""

from __future__ import annotations

from typing import Any

from heard.core.posted import PostedForm, RawText

from .actions import LundyEntry
from .frameworks import LUNDY_ITEMS


class InfluenceForm(PostedForm):
    score = RawText()


class LundyForm(PostedForm):
    """One answer and its evidence for each element of the Lundy checklist."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in LUNDY_ITEMS:
            self.fields[f"{key}-answer"] = RawText()
            self.fields[f"{key}-evidence"] = RawText()

    def entries(self) -> dict[str, LundyEntry]:
        return {key: LundyEntry(self.value(f"{key}-answer"), self.value(f"{key}-evidence"))
                for key in LUNDY_ITEMS}


class ArnsteinForm(PostedForm):
    rung = RawText()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rung-evidence"] = RawText()
