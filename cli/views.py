"""The view a command draws: `--year`, `--types "A,B"` and `--show`, as a link names them."""
from __future__ import annotations

import argparse

from partnerships import settings, urlstate
from partnerships.filtering import View, YearMode
from partnerships.loading import Dataset


def add_view_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--year", type=int, help="the year shown (default: the latest the sources know)")
    command.add_argument("--types",
                         help='the types shown, comma-separated as in links: "Friendship city,NGO partnership"')
    command.add_argument("--show", choices=[mode.value for mode in YearMode], default=YearMode.ACTIVE.value,
                         help="active in that year, or every one begun by then")


def unknown_types(args: argparse.Namespace, dataset: Dataset) -> list[str]:
    """The names in --types that are no type of the data: a command says so rather than guess."""
    if not args.types:
        return []
    return [part.strip() for part in args.types.split(",")
            if part.strip() and dataset.vocabulary.canonical(part) not in dataset.vocabulary.names]


def view_from_args(args: argparse.Namespace, dataset: Dataset) -> View:
    """The view the options ask for, by the rules of a link (partnerships.urlstate)."""
    params = {urlstate.MODE: args.show}
    if args.year is not None:
        params[urlstate.YEAR] = str(args.year)
    if args.types:
        params[urlstate.TYPES] = args.types
    return urlstate.view_of(params, dataset.vocabulary, dataset.partners, settings.current_year())
