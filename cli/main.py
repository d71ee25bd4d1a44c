"""Command line: `python -m partnerships validate PATH`, `export-map OUT.html`, `db …`.

`validate` prints one line per error and exits 1, or none and exits 0; either way its last
line says what will be on the map (partnerships/report.py). `--lang da` says it all in Danish.
Never a traceback: a file that cannot be read is a problem like any other. The database
commands are in cli/db.py; `db import` validates first, here.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli import db as db_commands
from partnerships import settings
from partnerships.columns import ID
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from partnerships.loading import load_partners
from partnerships.messages import said
from partnerships.problems import ERROR
from partnerships.report import summary
from partnerships.settings import HomeFileError, home_path_for, load_home, tour_path_for
from partnerships.tour import load_tour


def validate(path: Path, lang: str = DEFAULT_LANGUAGE) -> int:
    """Errors on stdout, warnings and notes beside them on stderr, the summary last on stdout.
    The home city file the app would use with this data is checked first."""
    try:
        load_home(home_path_for(path))
    except HomeFileError as err:
        print(err.message.text(lang))
        print(said("validate_nothing", path=str(path)).text(lang))
        return 1
    dataset = load_partners(path)
    if dataset.fatal:
        print(f"{path}: {dataset.fatal.text(lang)}")
        print(said("validate_nothing", path=str(path)).text(lang))
        return 1
    for problem in dataset.problems:
        if problem.severity == ERROR:
            print(problem.line(lang))
        else:
            print(f"{problem.line(lang)} ({t(f'severity_{problem.severity}', lang)})", file=sys.stderr)
    print(summary(dataset, path).text(lang))
    return 1 if dataset.errors else 0


def export_map(out: Path, lang: str) -> int:
    """Write the self-contained map; refuse (exit 1) when the data cannot be shown."""
    from partnermap.standalone import standalone_html  # folium: only this command needs it
    path = settings.partners_csv_path()
    dataset = load_partners(path)
    if dataset.fatal:
        print(f"{path}: {dataset.fatal.text(lang)}")
        return 1
    stops, _ = load_tour(tour_path_for(path), set(dataset.partners[ID]))
    try:
        out.write_text(standalone_html(dataset, lang, [stop.as_json() for stop in stops]), encoding="utf-8")
    except settings.HomeFileError as err:
        print(err.message.text(lang))
        return 1
    except OSError as err:
        print(f"{out}: {err.strerror}")
        return 1
    size = out.stat().st_size / 1e6
    print(f"{out}: {len(dataset.partners)} partnerships, {size:.1f} MB, plays offline")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m partnerships", description="Sønderborg partnership data tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a partner file (.csv or .xlsx) and list every problem by Excel row")
    check.add_argument("path", type=Path)
    check.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="the language of every message")
    export = commands.add_parser("export-map", help="write the map as one HTML file that plays with no network")
    export.add_argument("out", type=Path)
    export.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    db_commands.add_commands(commands)
    args = parser.parse_args(argv)
    if args.command == "export-map":
        return export_map(args.out, args.lang)
    if args.command == "db":
        if args.db_command == "import" and validate(args.file, args.lang) != 0:
            print(said("db_not_imported", file=str(args.file)).text(args.lang))
            return 1
        return db_commands.run(args)
    return validate(args.path, args.lang)

