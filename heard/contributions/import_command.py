"""`heard import-csv`: the Django side of importing, with a report a person can act on."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.conf import settings

from heard.activities.models import Activity

from .actions import ContributionError, NewContribution, do_import_contributions
from .importing import ImportFileError, ImportPlan, plan_import, read_text
from .models import CONSENT_PURPOSES, Contribution


def run_import(args: argparse.Namespace) -> int:
    consents = {p.strip() for p in args.consent.split(",") if p.strip()}
    if consents - set(CONSENT_PURPOSES):
        print(f"--consent takes {', '.join(CONSENT_PURPOSES)}; got {args.consent!r}.")
        return 2
    activity = Activity.objects.filter(slug=args.activity).first()
    if activity is None:
        names = ", ".join(Activity.objects.values_list("slug", flat=True))
        print(f"There is no activity called {args.activity!r}. Activities: {names}.")
        return 2
    try:
        plan = plan_import(read_text(Path(args.file)), args.text_column,
                           args.perspective_column, settings.HEARD_MAX_TEXT_LENGTH)
    except ImportFileError as error:
        print(f"Import stopped: {error}")
        return 2
    if not args.dry_run and plan.rows:
        try:
            do_import_contributions(activity, _new_rows(plan, consents), None,
                                    source=Path(args.file).name)
        except ContributionError as error:
            print(f"Import stopped: {error} Nothing was imported.")
            return 2
    print(format_report(plan, args.dry_run))
    return 0


def _new_rows(plan: ImportPlan, consents: set[str]) -> list[NewContribution]:
    return [
        NewContribution(
            kind=Contribution.Kind.STORY, text=row.text, perspectives=row.perspectives,
            consents={p: p in consents for p in CONSENT_PURPOSES},
            channel=Contribution.Channel.IMPORT, import_reference=row.reference,
        )
        for row in plan.rows
    ]


def format_report(plan: ImportPlan, dry_run: bool) -> str:
    verb = "Would take" if dry_run else "Took"
    lines = [f"{verb} {len(plan.rows)} row(s). Refused {len(plan.refused)} row(s)."]
    lines += [f"  line {line}: refused, {reason}" for line, reason in plan.refused]
    lines += [f"  line {line}: taken, {warning}" for line, warning in plan.warnings]
    return "\n".join(lines)
