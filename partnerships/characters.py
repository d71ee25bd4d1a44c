"""Characters in a cell that a person cannot see, or that show what is not there.

A partner file passes through many hands and programs. Three things survive every one of
them unnoticed, so the reader looks for them in every cell:
- control characters (NUL, escape, the C1 range): invisible, and they break other programs
  that read the file later; an error, so the row is fixed before it is shown;
- bidirectional controls (right-to-left override, isolates): they make a name display in
  another order than it is stored ("Trojan Source" spoofing); a warning, and they are taken
  out wherever the app shows the text;
- characters of no width (zero-width space, word joiner, a byte order mark inside the text):
  'Baoding' and 'Bao\u200bding' look the same and are not; a warning, and taken out where shown;
- UTF-8 read as Windows-1252 ("SÃ¸nderborg"): a file garbled once by a wrong encoding;
  a warning with what the text was probably meant to be.
"""
from __future__ import annotations

import re

import pandas as pd

# C0 but tab, line feed and carriage return (a cell may hold line breaks), DEL and C1.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). The plain marks (LRM,
# RLM, ALM) cannot reorder a run of text by themselves and stay.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# Zero-width space, word joiner, byte order mark (zero-width no-break space), Mongolian vowel
# separator. The zero-width (non-)joiners stay: Persian, Indic scripts and emoji need them.
INVISIBLE = "\u200b\u2060\ufeff\u180e"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_UNSEEN = re.compile(f"[{BIDI_CONTROLS}{INVISIBLE}]")
_WITHOUT_UNSEEN = str.maketrans("", "", BIDI_CONTROLS + INVISIBLE)
# A UTF-8 lead byte and its continuation bytes, each read as Windows-1252: 'Ã¸' for 'ø'.
_LEADS = bytes(range(0xC2, 0xF5)).decode("cp1252", errors="ignore")
_CONTINUATIONS = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
_GARBLED = re.compile(f"[{re.escape(_LEADS)}][{re.escape(_CONTINUATIONS)}]{{1,3}}")


def control_character(text: str) -> str | None:
    """The first control character in `text`, named for a person ('U+0000'), or None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def has_bidi_controls(text: str) -> bool:
    return _BIDI.search(text) is not None


def invisible_character(text: str) -> str | None:
    """The first character of no width in `text`, named for a person ('U+200B'), or None."""
    found = _INVISIBLE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def shown(text: str) -> str:
    """The text as the app shows it: without bidirectional controls and characters of no width."""
    return text.translate(_WITHOUT_UNSEEN)


def ungarbled(text: str) -> str | None:
    """What `text` says if it is UTF-8 that was read as Windows-1252, else None."""
    if not _GARBLED.search(text):
        return None
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    return repaired if repaired != text else None


def suspicious(text: str) -> bool:
    """Whether any check above could find something: one fast scan of a whole file."""
    return bool(_CONTROL.search(text) or _UNSEEN.search(text) or _GARBLED.search(text))


def strip_unseen(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with bidirectional controls and characters of no width taken out of every text
    column that has one."""
    out = frame
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            text = values.astype(str)
            if text.str.contains(_UNSEEN.pattern, regex=True).any():
                out = out.copy() if out is frame else out
                out[column] = values.where(values.isna(), text.map(shown))
    return out
