"""What the app says about a partner file, kept as a key and its values until someone reads it.

A problem or a whole-file error is made once, where it is found, and shown in English on the
command line, in Danish on a Danish page, and so on: `said("not_a_year")` is a Message, and
`message.text("da")` words it, from the same catalogs as every other word (i18n.py).

A value may itself be worded per language: another Message (a clause), a `Local` name (a
country: Germany, Tyskland) or a `Joined` list ('Arizona or Illinois', 'Arizona eller
Illinois'). A plural entry takes the form for the value `n`. Numbers with a format
(`{size:.1f}`, `{limit:,}`) are written the language's way: 1.5 MB, 1,5 MB.
"""
from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import total_ordering

from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES, number, wording


@dataclass(frozen=True)
class Local:
    """A name with a form per language, as (language, name) pairs; the default language's
    where a language has none."""

    names: tuple[tuple[str, str], ...]

    @classmethod
    def named(cls, name_in: Callable[[str], str]) -> Local:
        """The name in every language the app has: `Local.named(country.name_in)`."""
        return cls(tuple((lang, name_in(lang)) for lang in LANGUAGES))

    def text(self, lang: str) -> str:
        names = dict(self.names)
        return names.get(lang) or names.get(DEFAULT_LANGUAGE, "")


@dataclass(frozen=True)
class Joined:
    """Items said as one list: 'A, B or C'. `word` is the i18n key of the last joint ('or', 'and')."""

    items: tuple
    word: str = "or"


@total_ordering
@dataclass(frozen=True, eq=True)
class Message:
    """A key of the catalogs and the values its wording asks for, as sorted (name, value) pairs."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message worded in `lang` (English where a wording is missing)."""
        values = dict(self.values)
        return _Formatter(lang).vformat(wording(self.key, lang, values.get("n")), (), values)

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
    """str.format with nested messages worded in the same language, and numbers in its signs."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, (Message, Local, Joined)):
            return format(text_of(value, self.lang), format_spec)
        if format_spec and isinstance(value, (int, float)) and not isinstance(value, bool):
            return number(value, format_spec, self.lang)
        return format(value, format_spec)
