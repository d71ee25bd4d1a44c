"""The fonts a picture and a handout write with, and what becomes of a name none of them has.

Both write in DejaVu Sans, the font matplotlib ships (so nothing needs installing for Latin,
Greek and Cyrillic names). For other scripts, Chinese, Japanese, Arabic, fonts installed on
the machine are found through matplotlib's font manager (Debian's fonts-noto-cjk, say) and
stand in for the glyphs DejaVu lacks. Where no font has a name's letters, the name in the
data's base column is written instead, and a warning says so: never a crash, never boxes.
"""
from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

log = logging.getLogger(__name__)

BASE_FAMILY = "DejaVu Sans"
# Families known to carry the scripts DejaVu Sans lacks (CJK, Arabic, Indic, Thai, …).
SCRIPT_FAMILIES = re.compile(r"CJK|Noto Sans (?!Mono)|Noto Naskh|Noto Kufi|WenQuanYi|Droid Sans Fallback|"
                             r"IPAGothic|IPAexGothic|Unifont|AR PL|Baekmuk|Nanum", re.IGNORECASE)
FONT_FILES = (".ttf", ".otf", ".ttc")


def base_font_file() -> str:
    return font_manager.findfont(font_manager.FontProperties(family=BASE_FAMILY), fallback_to_default=False)


@cache
def fallback_fonts() -> tuple[tuple[str, str], ...]:
    """(family, file) of each installed font of another script, regular weight, one per family."""
    found: dict[str, str] = {}
    for entry in sorted(font_manager.fontManager.ttflist, key=lambda entry: (entry.name, entry.fname)):
        if (SCRIPT_FAMILIES.search(entry.name) and entry.fname.lower().endswith(FONT_FILES)
                and entry.style == "normal" and entry.weight in (400, "normal", "regular")):
            found.setdefault(entry.name, entry.fname)
    return tuple(found.items())


def families() -> list[str]:
    """The families a text is drawn with, DejaVu first; matplotlib takes a glyph from the next
    where one lacks it."""
    return [BASE_FAMILY, *(family for family, _ in fallback_fonts())]


@cache
def _characters(path: str) -> frozenset[int]:
    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


def _covered_by(files: tuple[str, ...]) -> frozenset[int]:
    return frozenset().union(*(_characters(path) for path in files))


def font_files() -> tuple[str, ...]:
    return (base_font_file(), *(path for _, path in fallback_fonts()))


def covered(text: str, files: tuple[str, ...] | None = None) -> bool:
    """Whether some font of `files` (default: every one in use) has each letter of `text`."""
    have = _covered_by(files if files is not None else font_files())
    return all(ord(char) in have or char.isspace() for char in text)


def drawable(text: str, base: str | None = None, files: tuple[str, ...] | None = None) -> str:
    """`text` when the fonts have its letters; else `base` (the name in the data's base column),
    else `text` with what no font has as '?'; the two last with a warning."""
    if covered(text, files):
        return text
    if base and covered(base, files):
        log.warning("No installed font has the letters of %r; written as %r (install e.g. fonts-noto-cjk)", text, base)
        return base
    log.warning("No installed font has all letters of %r; the missing ones are written as '?'", text)
    have = _covered_by(files if files is not None else font_files())
    return "".join(char if ord(char) in have or char.isspace() else "?" for char in text)


def file_of(family: str) -> Path:
    return Path(dict(fallback_fonts()).get(family) or base_font_file())
