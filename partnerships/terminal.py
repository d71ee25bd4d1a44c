"""What the command line prints, made safe for a terminal.

A file's text reaches the terminal in its messages (a header name, a cell, a path). An escape
sequence in it would be run by the terminal: recolour, move the cursor, rewrite the title, hide
the lines before it; a carriage return or a right-to-left override would make a line say
something else. Every control and bidirectional control character is printed as its escape
(`\\x1b`, `\\u202e`), visible and inert; line breaks between lines and tabs stay.
"""
from __future__ import annotations

import re
import sys
from typing import TextIO

from partnerships.characters import BIDI_CONTROLS

_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """The text with every control character written as its escape."""
    return _UNSAFE.sub(_escape, str(text))


def echo(text: object = "", file: TextIO | None = None) -> None:
    """print(), with the text made printable (the stream is looked up when called, for tests)."""
    print(printable(text), file=file or sys.stdout)
