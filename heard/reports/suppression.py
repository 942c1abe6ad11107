"""Moved to heard.core.suppression (the bottom layer). This name stays only for the activity
kinds (heard.engagement, heard.opinions), which issue13-activities is moving; delete it once they
import heard.core.suppression."""

from heard.core.suppression import ShownCount, shown, suppress_table

__all__ = ["ShownCount", "shown", "suppress_table"]
