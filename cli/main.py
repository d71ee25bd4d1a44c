"""Command line: `python -m partnerships validate PATH`, `export-map OUT.html`, `export-image`,
`export-handout` (cli/pictures.py), `db …`.

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
from cli import pictures
from cli.views import add_view_options, unknown_types, view_from_args
from partnerships import settings
from partnerships.columns import ID
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from partnerships.loading import Dataset, encoding_note, load_partners
from partnerships.messages import said
from partnerships.problems import ERROR
from partnerships.report import summary
from partnerships.settings import HomeFileError, home_path_for, load_home, tour_path_for
from partnerships.terminal import echo
from partnerships.tour import load_tour


def validate(path: Path, lang: str = DEFAULT_LANGUAGE) -> int:
    """Errors on stdout, warnings and notes beside them on stderr, the summary last on stdout.
    The home city file the app would use with this data is checked first."""
    try:
        load_home(home_path_for(path))
    except HomeFileError as err:
        echo(err.message.text(lang))
        echo(said("validate_nothing", path=str(path)).text(lang))
        return 1
    dataset = load_partners(path)
    if dataset.fatal:
        echo(f"{path}: {dataset.fatal.text(lang)}")
        echo(said("validate_nothing", path=str(path)).text(lang))
        return 1
    note = encoding_note(dataset.encoding)
    if note:
        echo(f"{path}: {note.text(lang)} ({t('severity_note', lang)})", file=sys.stderr)
    for problem in dataset.problems:
        if problem.severity == ERROR:
            echo(problem.line(lang))
        else:
            echo(f"{problem.line(lang)} ({t(f'severity_{problem.severity}', lang)})", file=sys.stderr)
    echo(summary(dataset, path).text(lang))
    return 1 if dataset.errors else 0


def loaded_for_export(lang: str, args: argparse.Namespace) -> Dataset | None:
    """The data file a picture, handout or map is made of, or None (said) when it cannot be
    shown or the options name a type it does not have."""
    path = settings.partners_csv_path()
    dataset = load_partners(path)
    if dataset.fatal:
        echo(f"{path}: {dataset.fatal.text(lang)}")
        return None
    wrong = unknown_types(args, dataset)
    if wrong:
        echo(said("unknown_types", types=", ".join(wrong), known=", ".join(dataset.vocabulary.names)).text(lang))
        return None
    return dataset


def export_map(out: Path, lang: str, args: argparse.Namespace) -> int:
    """Write the self-contained map, opening on the view asked; refuse (exit 1) when the data
    cannot be shown."""
    from partnermap.standalone import standalone_html  # folium: only this command needs it
    dataset = loaded_for_export(lang, args)
    if dataset is None:
        return 1
    stops, _ = load_tour(tour_path_for(settings.partners_csv_path()), set(dataset.partners[ID]))
    view = view_from_args(args, dataset)
    try:
        out.write_text(standalone_html(dataset, lang, [stop.as_json() for stop in stops], view), encoding="utf-8")
    except settings.HomeFileError as err:
        echo(err.message.text(lang))
        return 1
    except OSError as err:
        echo(f"{out}: {err.strerror}")
        return 1
    size = out.stat().st_size / 1e6
    echo(f"{out}: {len(dataset.partners)} partnerships, {size:.1f} MB, plays offline")
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
    add_view_options(export)
    pictures.add_commands(commands)
    db_commands.add_commands(commands)
    args = parser.parse_args(argv)
    if args.command == "export-map":
        return export_map(args.out, args.lang, args)
    if args.command in ("export-image", "export-handout"):
        dataset = loaded_for_export(args.lang, args)
        if dataset is None:
            return 1
        run = pictures.export_image if args.command == "export-image" else pictures.export_handout
        return run(dataset, args)
    if args.command == "db":
        if args.db_command == "import" and validate(args.file, args.lang) != 0:
            echo(said("db_not_imported", file=str(args.file)).text(args.lang))
            return 1
        return db_commands.run(args)
    return validate(args.path, args.lang)

