"""`export-image OUT.png|OUT.svg` and `export-handout OUT.pdf`: the view off the screen.

Both take the view options of cli/views.py and `--lang`; the picture also `--size WxH`.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from cli.views import add_view_options, view_from_args
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES
from partnerships.loading import Dataset
from partnerships.terminal import echo

SIZE = re.compile(r"(\d{2,5})[x×](\d{2,5})")
SMALLEST, LARGEST = 320, 8000  # pixels a side: a thumbnail to a poster


def picture_size(text: str) -> tuple[int, int]:
    """'1920x1080' → (1920, 1080); argparse's error for anything else."""
    found = SIZE.fullmatch(text.strip().lower())
    if not found or not all(SMALLEST <= int(side) <= LARGEST for side in found.groups()):
        raise argparse.ArgumentTypeError(f"{text!r}: give WIDTHxHEIGHT in pixels, {SMALLEST} to {LARGEST} each")
    return int(found.group(1)), int(found.group(2))


def add_commands(commands) -> None:
    image = commands.add_parser("export-image", help="write a picture of a view, PNG or SVG by OUT's suffix")
    image.add_argument("out", type=Path)
    image.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    image.add_argument("--size", type=picture_size, default="1920x1080",
                       help="WIDTHxHEIGHT in pixels (16:9 by default)")
    add_view_options(image)
    handout = commands.add_parser("export-handout", help="write a one-page A4 handout of a view as PDF")
    handout.add_argument("out", type=Path)
    handout.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    add_view_options(handout)


def _write(out: Path, content: bytes) -> bool:
    try:
        out.write_bytes(content)
    except OSError as err:
        echo(f"{out}: {err.strerror}")
        return False
    return True


def export_image(dataset: Dataset, args: argparse.Namespace) -> int:
    from partnermap.picture import FORMATS, render  # matplotlib: only this command needs it
    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        echo(f"{args.out}: a picture is written as .png or .svg")
        return 1
    view = view_from_args(args, dataset)
    content, drawn = render(dataset, view, args.lang, fmt, args.size)
    if not _write(args.out, content):
        return 1
    width, height = args.size
    echo(f"{args.out}: {len(drawn.positions)} partnerships in {view.year}, {width}x{height}, "
          f"{len(content) / 1e6:.1f} MB")
    return 0


def export_handout(dataset: Dataset, args: argparse.Namespace) -> int:
    from partnermap.handout import handout  # fpdf2 and matplotlib: only this command needs them
    if args.out.suffix.lower() != ".pdf":
        echo(f"{args.out}: a handout is written as .pdf")
        return 1
    view = view_from_args(args, dataset)
    content, pages = handout(dataset, view, args.lang)
    if not _write(args.out, content):
        return 1
    echo(f"{args.out}: {view.year}, {pages} page{'s' if pages != 1 else ''}, {len(content) / 1e6:.1f} MB")
    return 0
