"""What the app says about a partner file, kept as a key and its values until someone reads it.

A problem or a whole-file error is made once, where it is found, and shown in English on the
command line, in Danish on a Danish page, and so on: `said("not_a_year")` is a Message, and
`message.text("da")` words it. The wordings are kept in English and Danish beside the app's
other strings: strings_problems.py (a row's problems), strings_files.py (a whole file's, and
the command line's lines); a message may also use any key of i18n.STRINGS ('n_errors').

A value may itself be worded per language: another Message (a clause), a `Local` name (a
country: Germany, Tyskland) or a `Joined` list ('Arizona or Illinois', 'Arizona eller
Illinois'). A wording with two forms ('one|many') takes the form for the value `n`. Numbers
with a format (`{size:.1f}`, `{limit:,}`) are written the language's way: 1.5 MB, 1,5 MB.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from functools import total_ordering

from partnerships.i18n import DEFAULT_LANGUAGE, STRINGS
from partnerships.strings_files import FILE_STRINGS
from partnerships.strings_problems import PROBLEM_STRINGS

WORDINGS = {**STRINGS, **FILE_STRINGS, **PROBLEM_STRINGS}  # no key in two of them (tests/test_messages.py)
_DANISH_NUMBERS = str.maketrans({",": ".", ".": ","})


@dataclass(frozen=True)
class Local:
    """A name with a form per language; the English one where the other is empty."""

    en: str
    da: str = ""

    def text(self, lang: str) -> str:
        return self.da if lang == "da" and self.da else self.en


@dataclass(frozen=True)
class Joined:
    """Items said as one list: 'A, B or C'. `word` is the i18n key of the last joint ('or', 'and')."""

    items: tuple
    word: str = "or"


@total_ordering
@dataclass(frozen=True, eq=True)
class Message:
    """A key of WORDINGS and the values its wording asks for, as sorted (name, value) pairs."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message worded in `lang` (English where a wording is missing)."""
        values = dict(self.values)
        wording = WORDINGS[self.key].get(lang) or WORDINGS[self.key][DEFAULT_LANGUAGE]
        if "|" in wording:
            forms = wording.split("|")
            wording = forms[0 if values["n"] == 1 else -1]
        return _Formatter(lang).vformat(wording, (), values)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)

    def __lt__(self, other: Message) -> bool:
        return str(self) < str(other)


def said(key: str, **values: object) -> Message:
    """The message `key` with its values: `said("year_range", low=1900, high=2031)`."""
    return Message(key, tuple(sorted(values.items())))


def verbatim(text: str) -> Message:
    """Text that exists in one wording only (an operating system's error, a setting's own
    message), carried where a Message is expected."""
    return said("verbatim", text=text)


def text_of(value: object, lang: str) -> str:
    """Any value as the reader reads it in `lang`."""
    if isinstance(value, (Message, Local)):
        return value.text(lang)
    if isinstance(value, Joined):
        items = [text_of(item, lang) for item in value.items]
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {said(value.word).text(lang)} {items[-1]}"
    return str(value)


class _Formatter(string.Formatter):
    """str.format with nested messages worded in the same language, and Danish numbers."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, (Message, Local, Joined)):
            return format(text_of(value, self.lang), format_spec)
        text = format(value, format_spec)
        if self.lang == "da" and format_spec and isinstance(value, (int, float)) and not isinstance(value, bool):
            return text.translate(_DANISH_NUMBERS)
        return text
