"""Command line: `python -m partnerships validate PATH`, `export-map OUT.html`, `db …`.

Exit 0 with a one-line summary when the file is valid; exit 1 with one line per problem
otherwise. Never a traceback: a file that cannot be read is a problem like any other. The
database commands are in partnerships/stores/commands.py; `db import` validates first, here.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from partnerships import settings
from partnerships.columns import COUNTRY_CODE, ID
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES
from partnerships.loading import Dataset, load_partners
from partnerships.problems import ERROR, NOTE, WARNING
from partnerships.settings import tour_path_for
from partnerships.stores import commands as db_commands
from partnerships.tour import load_tour


def _count(n: int, thing: str, things: str | None = None) -> str:
    return f"{n} {thing if n == 1 else things or thing + 's'}"


def summary(dataset: Dataset, path: Path) -> str:
    partners = dataset.partners
    countries = partners[COUNTRY_CODE].nunique() if len(partners) else 0
    counts = Counter(p.severity for p in dataset.problems)
    remarks = [_count(counts[WARNING], "warning") if counts[WARNING] else "no problems"]
    if counts[NOTE]:
        remarks.append(f"{_count(counts[NOTE], 'row')} located from their city")
    return (f"{path}: {_count(len(partners), 'partnership')} in {_count(countries, 'country', 'countries')}, "
            f"{', '.join(remarks)}")


def validate(path: Path) -> int:
    dataset = load_partners(path)
    if dataset.fatal:
        print(f"{path}: {dataset.fatal}")
        return 1
    for problem in dataset.problems:  # errors on stdout; warnings and notes beside them, on stderr
        if problem.severity == ERROR:
            print(problem)
        else:
            print(f"{problem} ({problem.severity})", file=sys.stderr)
    if dataset.errors:
        print(f"{path}: {len(dataset.errors)} problems in {dataset.rows_read} rows", file=sys.stderr)
        return 1
    print(summary(dataset, path))
    return 0


def export_map(out: Path, lang: str) -> int:
    """Write the self-contained map; refuse (exit 1) when the data cannot be shown."""
    from partnermap.standalone import standalone_html

    path = settings.partners_csv_path()
    dataset = load_partners(path)
    if dataset.fatal:
        print(f"{path}: {dataset.fatal}")
        return 1
    stops, _ = load_tour(tour_path_for(path), set(dataset.partners[ID]))
    try:
        out.write_text(standalone_html(dataset, lang, [stop.as_json() for stop in stops]), encoding="utf-8")
    except settings.HomeFileError as err:
        print(err)
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
    check = commands.add_parser("validate", help="check a partner CSV file and list every problem by Excel row")
    check.add_argument("path", type=Path)
    export = commands.add_parser("export-map", help="write the map as one HTML file that plays with no network")
    export.add_argument("out", type=Path)
    export.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    db_commands.add_commands(commands)
    args = parser.parse_args(argv)
    if args.command == "export-map":
        return export_map(args.out, args.lang)
    if args.command == "db":
        if args.db_command == "import" and validate(args.file) != 0:
            print(f"{args.file}: not imported; nothing in the database was changed")
            return 1
        return db_commands.run(args)
    return validate(args.path)


if __name__ == "__main__":
    sys.exit(main())
