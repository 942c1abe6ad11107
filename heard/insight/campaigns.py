"""Campaigns in stored runs: kept as ids, counted and worded only when shown.

A run stores which contributions were copies of the same text (CampaignMember rows). Pages count
live members per theme now, so a withdrawal takes a copy out of the count at once, and read the
words from the redacted text of one member: for analysts the checked words
(`redacted_words`), for reports only a member's quotable words (`Contribution.quote_text`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from heard.analysis.themes.campaigns import CampaignConfig
from heard.contributions.models import Contribution
from heard.safety.shown_text import redacted_words

from .models import AnalysisRun, Campaign, CampaignMember, Theme

if TYPE_CHECKING:
    from heard.analysis.themes.pipeline import ThemeRun

# Below this many live copies it is no longer a campaign; the copies are ordinary voices.
MIN_COPIES = CampaignConfig().min_size


@dataclass(frozen=True)
class CampaignInTheme:
    campaign_id: int
    count: int  # live copies in this theme
    words: str | None  # redacted words of one copy; None while none can be shown


def store_campaigns(run: AnalysisRun, ids: list[int], found: ThemeRun) -> None:
    if found.campaigns is None:
        return
    for campaign in found.campaigns.campaigns:
        row = Campaign.objects.create(run=run, representative_id=ids[campaign.representative])
        CampaignMember.objects.bulk_create(
            [CampaignMember(campaign=row, contribution_id=ids[i]) for i in campaign.members])


def forget_campaign_member(contribution: Contribution) -> None:
    """A withdrawn or erased contribution leaves every campaign; a campaign left too small to
    be one goes, and one that lost its representative gets another."""
    touched = set(CampaignMember.objects.filter(contribution=contribution)
                  .values_list("campaign_id", flat=True))
    CampaignMember.objects.filter(contribution=contribution).delete()
    for campaign in Campaign.objects.filter(pk__in=touched):
        live = campaign.members.exclude(contribution__status__in=Contribution.GONE_STATUSES)
        if live.count() < MIN_COPIES:
            campaign.delete()
        elif campaign.representative_id in (None, contribution.pk):
            campaign.representative_id = live.order_by("contribution_id").values_list(
                "contribution_id", flat=True).first()
            campaign.save(update_fields=["representative"])


def campaigns_in_theme(theme: Theme, for_report: bool = False) -> list[CampaignInTheme]:
    """The campaigns with copies in ``theme``, largest first. ``for_report``: words only from a
    copy whose sender agreed to be quoted (reports may be published)."""
    counts = Counter(
        CampaignMember.objects.filter(
            campaign__run_id=theme.run_id, contribution__theme_assignments__theme=theme)
        .exclude(contribution__status__in=Contribution.GONE_STATUSES)
        .values_list("campaign_id", flat=True))
    found = [
        CampaignInTheme(campaign.pk, counts[campaign.pk], _words(campaign, for_report))
        for campaign in Campaign.objects.filter(pk__in=[c for c, n in counts.items()
                                                        if n >= MIN_COPIES])
    ]
    return sorted(found, key=lambda c: (-c.count, c.campaign_id))


def voices(size: int, campaigns: list[CampaignInTheme]) -> int:
    """A theme's size with each campaign counted once."""
    return size - sum(c.count - 1 for c in campaigns)


def _words(campaign: Campaign, for_report: bool) -> str | None:
    members = Contribution.objects.live().filter(campaign_memberships__campaign=campaign)
    ordered = sorted(members, key=lambda c: (c.pk != campaign.representative_id, c.pk))
    for contribution in ordered:
        words = contribution.quote_text() if for_report else redacted_words(contribution)
        if words:
            return words
    return None


def campaign_member_ids(run: AnalysisRun) -> set[int]:
    """Every contribution that is a copy in a campaign of ``run``, its representative too."""
    return set(CampaignMember.objects.filter(campaign__run=run)
               .values_list("contribution_id", flat=True))


def campaign_copy_ids(run: AnalysisRun) -> set[int]:
    """Contributions that are copies in a campaign of ``run``, leaving out each campaign's
    representative: what to skip so that a campaign's words count once."""
    members = CampaignMember.objects.filter(campaign__run=run).values_list(
        "contribution_id", "campaign__representative_id")
    return {member for member, representative in members if member != representative}
