"""The `heard` command: run the service, load demo data, import and (later) analyse.

Django is set up only for the commands that need it, so pure analysis commands stay fast and
work on a CSV file alone.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django

    django.setup()


def proxy_options(trusted_proxy: str, https: bool) -> dict[str, Any]:
    """Waitress settings for a TLS proxy in front: X-Forwarded-Proto and -For are believed only
    when the request comes from HEARD_TRUSTED_PROXY, and removed from everyone else's requests,
    so a client cannot claim https or another address."""
    if not trusted_proxy:
        if https:
            raise SystemExit(
                "HEARD_HTTPS=1 means a TLS proxy is in front of Heard: set HEARD_TRUSTED_PROXY "
                "to the proxy's address (for example 127.0.0.1), or every request would be "
                "redirected to https forever.")
        return {}
    return {"trusted_proxy": trusted_proxy, "trusted_proxy_count": 1,
            "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
            "clear_untrusted_proxy_headers": True}


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    from django.conf import settings
    from waitress import serve

    from heard.wsgi import application

    if not _alerts_can_reach_a_person(demo=args.demo):
        return 2
    proxy = proxy_options(settings.HEARD_TRUSTED_PROXY, settings.HTTPS)
    if not args.no_worker:
        _start_worker_thread()
    print(f"Heard is running on http://{args.host}:{args.port}/  (press Ctrl+C to stop)",
          flush=True)
    serve(application, host=args.host, port=args.port, threads=args.threads, ident="heard",
          **proxy)
    return 0


def _alerts_can_reach_a_person(demo: bool) -> bool:
    """Refuse to serve where an immediate-risk alert would reach nobody; a local demo, where no
    one real is at risk, may go ahead with a warning (and staff see a banner)."""
    problems = _alert_problems()
    if not problems:
        return True
    print("Safeguarding alerts could not reach a person:", *problems, sep="\n  ",
          file=sys.stderr)
    if demo:
        print("Starting anyway because of --demo: never use this with real people.",
              file=sys.stderr)
        return True
    print("Heard will not start. Fix the settings above, or use --demo for a local demo.",
          file=sys.stderr)
    return False


def _alert_problems() -> list[str]:
    from django.core.checks import ERROR, run_checks

    from heard.safety.checks import TAG

    return [f"{m.id}: {m.msg}" + (f" {m.hint}" if m.hint else "")
            for m in run_checks(tags=[TAG], include_deployment_checks=True) if m.level >= ERROR]


def _start_worker_thread() -> None:
    """The embedded default: one process serves pages and runs background tasks."""
    import threading

    from heard.tasks.queue import work_forever

    threading.Thread(target=work_forever, name="heard-worker", daemon=True).start()


def cmd_worker(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.tasks.queue import run_pending, work_forever

    for problem in _alert_problems():  # a warning: the worker still runs everything else
        print(f"Warning: safeguarding alerts cannot be emailed. {problem}", file=sys.stderr)
    if args.once:
        print(f"Ran {run_pending()} task(s).")
        return 0
    print("Heard worker running (press Ctrl+C to stop)")
    work_forever(sleep_seconds=args.sleep, alert_lane=not args.no_alert_lane)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.demo import load_demo

    report = load_demo(seed=args.seed, count=args.count,
                       credentials_path=Path(args.credentials))
    print(report)
    return 0


def cmd_demo_code(args: argparse.Namespace) -> int:
    """The current 6-digit code of a demo staff account (never of a real one)."""
    _setup_django()
    from heard.people.two_factor import current_demo_code

    code = current_demo_code(args.username)
    if code is None:
        print(f"{args.username!r} is not a demo account made by `heard demo`; real accounts "
              "use their own authenticator app.", file=sys.stderr)
        return 1
    print(code)
    return 0


def cmd_import_csv(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.contributions.import_command import run_import

    return run_import(args)


REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


class CommandStopped(Exception):
    """Something the person running the command can fix; `main` prints it and exits with 2."""


@contextmanager
def _stops(errors: type[Exception] | tuple[type[Exception], ...], failure: str,
           after: str = "") -> Iterator[None]:
    """Turn the errors a command expects (bad files, refused backups) into one readable line,
    "<failure>: <what went wrong><after>", instead of a traceback."""
    try:
        yield
    except errors as error:
        raise CommandStopped(f"{failure}: {error}{after}") from error


def cmd_opinion(args: argparse.Namespace) -> int:
    from heard.analysis.opinion_report import write_outputs
    from heard.analysis.polis_io import PolisFormatError

    with _stops((PolisFormatError, OSError), "Could not make the opinion map"):
        summary = write_outputs(args.dir, args.out, detect_metadata=not args.keep_metadata)
    print(summary)
    return 0


def _print_figures(
    args: argparse.Namespace, compute: Callable[[], Any], describe: Callable[[Any], str],
    errors: tuple[type[Exception], ...] = (OSError,),
) -> int:
    """Every `heard eval` prints a readable report, or one JSON object with --json."""
    import json

    with _stops(errors, "Could not evaluate"):
        result = compute()
    print(json.dumps(result, indent=2) if args.json else describe(result))
    return 0


def cmd_eval_opinion(args: argparse.Namespace) -> int:
    from heard.analysis.opinion_eval import evaluate, format_report

    return _print_figures(args, lambda: evaluate(args.fixtures, args.opendata,
                                                 with_red_dwarf=not args.no_red_dwarf),
                          format_report)


def cmd_eval_membership(args: argparse.Namespace) -> int:
    from heard.analysis.themes.membership_eval import evaluate_membership, format_report

    return _print_figures(
        args, lambda: evaluate_membership(
            embedder=args.embedder, variants=tuple(args.variants.split(",")),
            modes=tuple(args.modes.split(",")), folds=args.folds),
        format_report, (ValueError, OSError))


def cmd_eval_campaigns(args: argparse.Namespace) -> int:
    from heard.analysis.themes.campaign_eval import evaluate_campaigns, format_campaigns_report

    return _print_figures(args, lambda: evaluate_campaigns(embedder=args.embedder),
                          format_campaigns_report, (ValueError, OSError))


def cmd_eval_safeguarding(args: argparse.Namespace) -> int:
    from heard.safety.safeguarding_eval import (
        LabelledDataError,
        evaluate,
        format_report,
        load_labelled,
    )
    from heard.safety.triage import classify, classify_rules, model_status

    classifier = classify_rules if args.rules_only else classify
    if not args.rules_only and model_status():
        # Say so before the figures: a degraded run must never pass for the real thing.
        print(f"WARNING: triage is degraded to rules only: {model_status()}", file=sys.stderr)
    return _print_figures(args, lambda: evaluate(load_labelled(args.data), classifier),
                          format_report, (LabelledDataError, OSError))


def cmd_eval_redaction(args: argparse.Namespace) -> int:
    from heard.safety.redaction_eval import GoldDataError, evaluate, format_report, load_gold

    types = {t.strip() for t in args.types.split(",") if t.strip()} if args.types else None
    return _print_figures(args, lambda: evaluate(load_gold(args.data), types), format_report,
                          (GoldDataError, OSError))


def cmd_import_polis(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.activities.opinion_map.polis_exchange import do_import_polis
    from heard.activities.opinion_map.updates import update_opinion_map
    from heard.analysis.polis_io import PolisFormatError

    with _stops((PolisFormatError, OSError), "Import stopped", " Nothing was imported."):
        opinion_map, warnings = do_import_polis(Path(args.dir), args.title, None)
    update_opinion_map(opinion_map.pk)
    for warning in warnings:
        print(f"  note: {warning}")
    print(f"Imported as /opinions/{opinion_map.activity.slug}/ "
          f"({opinion_map.statements.count()} statements, {opinion_map.voters.count()} voters).")
    return 0


def cmd_export_polis(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.activities.opinion_map.models import OpinionMap
    from heard.activities.opinion_map.polis_exchange import export_polis

    opinion_map = OpinionMap.objects.filter(activity__slug=args.slug).first()
    if opinion_map is None:
        print(f"There is no opinion map called {args.slug!r}.")
        return 2
    votes = export_polis(opinion_map, Path(args.out))
    print(f"Wrote {votes} votes in Polis's CSV layout to {args.out}.")
    return 0


def cmd_import_dfe(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.reports.actions import run_import_dfe

    return run_import_dfe(args)


def cmd_report_key_messages(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.reports.key_messages_command import run_key_messages

    return run_key_messages(args.activity, args.format, Path(args.out))


def cmd_themes(args: argparse.Namespace) -> int:
    from heard.analysis.themes import ThemesError
    from heard.analysis.themes.command import print_progress, run_themes_cli

    with _stops(ThemesError, "\nCould not find themes"):
        summary = run_themes_cli(args.file, args.text_column, args.perspective_column,
                                 args.id_column, args.embedder, args.k, args.out,
                                 progress=print_progress())
    print(f"\n{summary}")
    return 0


def cmd_eval_agreement(args: argparse.Namespace) -> int:
    from heard.analysis.agreement import evaluate_csv, format_report

    return _print_figures(
        args, lambda: evaluate_csv(args.file, args.coder_column, args.item_column,
                                   args.code_column),
        format_report, (ValueError, OSError))


def cmd_eval_themes(args: argparse.Namespace) -> int:
    from heard.analysis.themes.evaluate import evaluate, format_report

    return _print_figures(
        args, lambda: evaluate(data=args.data, text_column=args.text_column,
                               label_column=args.label_column,
                               embedders=tuple(args.embedders.split(",")),
                               modes=tuple(args.modes.split(",")), labels=args.labels,
                               split=args.split, samples=args.samples),
        format_report, (ValueError, OSError))


def cmd_backup(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.people.backup import BackupError, backup

    with _stops(BackupError, "No backup was made"):
        report = backup(Path(args.out))
    print(f"Backed up {report.tables} tables to {report.path} ({report.size:,} bytes, "
          "readable by you only). Keep the erasure ledger (var/erasure-ledger.*) safe too, "
          "apart from the backups: a restore needs it to keep erased people erased.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.people.backup import BackupError, restore

    if not args.yes:
        print("Restoring replaces everything in the database with the backup. Stop the "
              "service first, then run this again with --yes.")
        return 2
    with _stops(BackupError, "Restore stopped"):
        report = restore(Path(args.backup))
    print(f"Restored {report.source}. Erasures applied again from the ledger: "
          f"{report.erasures_reapplied}. Removed by the retention rules: "
          f"{report.removed_by_retention}.")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    _setup_django()
    from heard.people.retention import KINDS, apply_all, days_for

    removed = apply_all()
    for key, count in removed.items():
        print(f"{KINDS[key].label}: kept {days_for(key)} days; removed {count}")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["heard manage", *args.rest])
    return 0


def _add_import_dfe_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", default="",
                        help="the DfE CSV folder (default: ../shared/data/dfe)")
    parser.add_argument("--la", action="append", default=[],
                        help="a local authority to import (repeat for several; default all)")


def _eval_target(targets: Any, name: str, func: Callable[[argparse.Namespace], int],
                 help_text: str) -> argparse.ArgumentParser:
    """One `heard eval` target. Every one prints a readable report, or JSON with --json
    (_print_figures)."""
    parser: argparse.ArgumentParser = targets.add_parser(name, help=help_text)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=func)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="heard", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8)
    serve.add_argument("--demo", action="store_true",
                       help="a local demo: start even if safeguarding alerts cannot be emailed")
    serve.add_argument("--no-worker", action="store_true",
                       help="do not run background tasks in this process")
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run background tasks (alerts, emails)")
    worker.add_argument("--once", action="store_true", help="run what is due, then stop")
    worker.add_argument("--sleep", type=float, default=1.0)
    worker.add_argument("--no-alert-lane", action="store_true",
                        help="no separate thread for safeguarding alerts (for `make bench`)")
    worker.set_defaults(func=cmd_worker)

    demo = sub.add_parser("demo", help="load synthetic demo data and staff accounts (once)")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--count", type=int, default=480)
    demo.add_argument("--credentials", default="var/demo-credentials.txt",
                      help="where to write the demo staff passwords")
    demo.set_defaults(func=cmd_demo)

    demo_code = sub.add_parser("demo-code", help="print the current sign-in code of a demo "
                                                 "staff account")
    demo_code.add_argument("username")
    demo_code.set_defaults(func=cmd_demo_code)

    imp = sub.add_parser("import-csv", help="import contributions from another tool's CSV")
    imp.add_argument("file")
    imp.add_argument("--text-column", required=True)
    imp.add_argument("--perspective-column")
    imp.add_argument("--activity", default="share-your-experience",
                     help="the activity's short name (slug)")
    imp.add_argument("--consent", default="analysis",
                     help="what the other tool had consent for: analysis,quote,publish")
    imp.add_argument("--dry-run", action="store_true", help="check the file, change nothing")
    imp.set_defaults(func=cmd_import_csv)

    opinion = sub.add_parser("opinion", help="opinion map of a Polis conversation (CSV export)")
    opinion.add_argument("dir")
    opinion.add_argument("--out", required=True)
    opinion.add_argument("--keep-metadata", action="store_true",
                         help="use statements about the voter (age, where they live ...) for "
                              "the groups too; by default they are set aside, as Polis does")
    opinion.set_defaults(func=cmd_opinion)

    imp_polis = sub.add_parser("import-polis", help="bring a Polis conversation in as a map")
    imp_polis.add_argument("dir", help="a Polis CSV export (votes.csv, comments.csv, ...)")
    imp_polis.add_argument("--title", required=True)
    imp_polis.set_defaults(func=cmd_import_polis)
    exp_polis = sub.add_parser("export-polis", help="write an opinion map as Polis CSV files")
    exp_polis.add_argument("slug")
    exp_polis.add_argument("--out", required=True)
    exp_polis.set_defaults(func=cmd_export_polis)

    themes = sub.add_parser("themes", help="find themes in a CSV file (no web app needed)")
    themes.add_argument("file")
    themes.add_argument("--text-column", required=True)
    themes.add_argument("--perspective-column")
    themes.add_argument("--id-column")
    themes.add_argument("--embedder", default="static", help="static (default) or transformer")
    themes.add_argument("--k", type=int, help="number of themes (default: chosen for you)")
    themes.add_argument("--out", required=True)
    themes.set_defaults(func=cmd_themes)

    imp_dfe = sub.add_parser("import-dfe", help="import DfE/ONS reference figures")
    _add_import_dfe_arguments(imp_dfe)
    imp_dfe.set_defaults(func=cmd_import_dfe)

    report = sub.add_parser("report", help="write a report to a file")
    reports = report.add_subparsers(dest="report", required=True)
    key_messages = reports.add_parser("key-messages", help="themes, quotes, responses, "
                                      "participation quality and representation")
    key_messages.add_argument("--activity", default="", help="one activity's slug (default all)")
    key_messages.add_argument("--format", choices=("html", "pdf", "csv", "json"), default="pdf")
    key_messages.add_argument("--out", required=True)
    key_messages.set_defaults(func=cmd_report_key_messages)

    evaluation = sub.add_parser("eval", help="measure Heard against reference data")
    targets = evaluation.add_subparsers(dest="target", required=True)
    eval_opinion = _eval_target(targets, "opinion", cmd_eval_opinion,
                                help_text="opinion groups against Polis's own")
    eval_opinion.add_argument("--fixtures", default=str(SHARED_DATA / "polis" / "fixtures"))
    eval_opinion.add_argument("--opendata", default=str(SHARED_DATA / "polis" / "opendata"))
    eval_opinion.add_argument("--no-red-dwarf", action="store_true",
                              help="skip the red-dwarf comparison")
    eval_safe = _eval_target(targets, "safeguarding", cmd_eval_safeguarding,
                             help_text="triage recall and precision")
    eval_safe.add_argument("--data", default=str(REPO_ROOT / "tests" / "data" /
                                                 "safeguarding_labelled.jsonl"))
    eval_safe.add_argument("--rules-only", action="store_true",
                           help="score the lexicon rules alone, without the semantic model")

    eval_themes = _eval_target(targets, "themes", cmd_eval_themes,
                               help_text="themes against human labels: ARI, NMI, label top-1/3")
    eval_themes.add_argument("--data", help="a labelled CSV (default: banking77 and clinc150)")
    eval_themes.add_argument("--text-column")
    eval_themes.add_argument("--label-column")
    eval_themes.add_argument("--embedders", default="static,transformer")
    eval_themes.add_argument("--modes", default="k,auto,auto-wide",
                             help="k (the true number of labels), auto, auto-wide")
    eval_themes.add_argument("--labels", default="phrases",
                             choices=["phrases", "keywords", "none"],
                             help="which theme names label_top1/label_top3 measure "
                                  "(keywords: the older keyword labels)")
    eval_themes.add_argument("--split", default="test", choices=["test", "train"],
                             help="train: score samples of the training splits (for tuning), "
                                  "each the test set's size")
    eval_themes.add_argument("--samples", type=int, default=3,
                             help="how many training samples with --split train (1 to 20)")

    eval_agree = _eval_target(targets, "agreement", cmd_eval_agreement,
                              help_text="coders' agreement per code: kappa, alpha")
    eval_agree.add_argument("file", help="a CSV with one row per code given")
    eval_agree.add_argument("--coder-column", required=True)
    eval_agree.add_argument("--item-column", required=True)
    eval_agree.add_argument("--code-column", required=True)

    eval_members = _eval_target(
        targets, "membership", cmd_eval_membership,
        help_text="theme membership changes against the baseline: NMI, whole and by fold")
    eval_members.add_argument("--embedder", default="static")
    eval_members.add_argument("--variants",
                              default="baseline,windows,redacted,stability-k,campaigns")
    eval_members.add_argument("--modes", default="k,auto")
    eval_members.add_argument("--folds", type=int, default=5)
    eval_campaigns = _eval_target(
        targets, "campaigns", cmd_eval_campaigns,
        help_text="campaign detection: recall on hidden campaigns, false joins")
    eval_campaigns.add_argument("--embedder", default="static")

    eval_red = _eval_target(targets, "redaction", cmd_eval_redaction,
                            help_text="personal-data detection: P, R, F2")
    eval_red.add_argument("--data", default=str(SHARED_DATA / "pii" / "synth_dataset_v2.json"))
    eval_red.add_argument("--types", default="",
                          help="restrict overall figures to these gold types, comma-separated")

    back = sub.add_parser("backup", help="copy the database to a file (0600)")
    back.add_argument("out", help="the backup file to create")
    back.set_defaults(func=cmd_backup)
    rest = sub.add_parser("restore", help="replace the database with a backup, then apply "
                          "every erasure made since")
    rest.add_argument("backup")
    rest.add_argument("--yes", action="store_true", help="yes, replace the database")
    rest.set_defaults(func=cmd_restore)
    retention = sub.add_parser("retention", help="delete personal data older than its "
                               "retention period now (the worker does this daily)")
    retention.set_defaults(func=cmd_retention)

    manage = sub.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def _as_unit_of_work(command: str) -> AbstractContextManager[None]:
    """The command as one unit of work (heard.core.units), where anyone could be listening: only
    a process that has already loaded Django's signals (the test suite, whose audit guard
    listens) can have a receiver. A pure analysis command stays free of Django."""
    if "django.dispatch" not in sys.modules:
        return nullcontext()
    from heard.core.units import unit_of_work

    return unit_of_work(f"heard {command}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        with _as_unit_of_work(args.command):
            return func(args)
    except CommandStopped as stopped:
        print(stopped)
        return 2


if __name__ == "__main__":
    sys.exit(main())
