"""Moved to heard.core.vocab (the bottom layer). This name stays only for the activity kinds
(heard.engagement, heard.opinions), which issue13-activities is moving; delete it once they
import heard.core.vocab."""

from heard.core.vocab import (
    GROUP_LABELS,
    PERSPECTIVE_LABELS,
    PERSPECTIVE_ROWS,
    PERSPECTIVE_SHORT_LABELS,
    PERSPECTIVES,
    perspective_groups,
)

__all__ = ["GROUP_LABELS", "PERSPECTIVES", "PERSPECTIVE_LABELS", "PERSPECTIVE_ROWS",
           "PERSPECTIVE_SHORT_LABELS", "perspective_groups"]
