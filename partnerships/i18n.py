"""Every word the app shows, looked up by key in one catalog per language.

A language is a gettext catalog, `locales/<code>.po`, plus its row in `locales/languages.csv`
(its code and its name in itself); nothing in code names a language but DEFAULT_LANGUAGE,
whose catalog is complete and stands in for a missing wording. A msgid is a stable key
(`metric_partnerships`) rather than the English text, so that English is one catalog like the
others and a wording changes without touching code. Catalogs are read with Babel; plural forms
follow each catalog's own Plural-Forms rule, and numbers are written with Babel's CLDR symbols
for the language (1,234.5 / 1.234,5). Adding a language: docs/languages.md.
"""
from __future__ import annotations

import csv
import gettext
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"


def _languages() -> dict[str, str]:
    with (LOCALES / "languages.csv").open(encoding="utf-8", newline="") as source:
        return {row["code"].strip(): row["name"].strip() for row in csv.DictReader(source)}


LANGUAGE_NAMES = _languages()  # each in its own language, in the order the language choice lists them
LANGUAGES = tuple(LANGUAGE_NAMES)


@dataclass(frozen=True)
class Catalog:
    """One language's wordings by key; a plural entry holds its forms in the catalog's order."""

    wordings: dict[str, str | tuple[str, ...]]
    plural_index: Callable[[int], int]


@cache
def catalog(lang: str) -> Catalog:
    """The catalog of `lang` (Babel reads the PO file once per process)."""
    from babel.messages.pofile import read_po

    with (LOCALES / f"{lang}.po").open("rb") as source:
        read = read_po(source, locale=lang)
    wordings: dict[str, str | tuple[str, ...]] = {}
    for message in read:
        if not message.id or message.fuzzy:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(forms):
            wordings[key] = forms if isinstance(message.id, tuple) else forms[0]
    return Catalog(wordings, gettext.c2py(read.plural_expr))


def keys(lang: str = DEFAULT_LANGUAGE) -> set[str]:
    return set(catalog(lang).wordings)


def wording(key: str, lang: str = DEFAULT_LANGUAGE, n: int | None = None) -> str:
    """The template for `key` in `lang` (the default language's where `lang` lacks it); for a
    plural entry, its form for the number `n`."""
    own = catalog(lang if lang in LANGUAGE_NAMES else DEFAULT_LANGUAGE)
    found, rules = own.wordings.get(key), own
    if found is None:
        found, rules = catalog(DEFAULT_LANGUAGE).wordings[key], catalog(DEFAULT_LANGUAGE)
    if isinstance(found, tuple):
        return found[min(rules.plural_index(1 if n is None else n), len(found) - 1)]
    return found


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for `key` in `lang`, with `{name}` fields filled in."""
    text = wording(key, lang)
    return text.format(**values) if values else text


def plural(key: str, n: int, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The form of `key` for the number `n`, by the language's plural rule."""
    return wording(key, lang, n).format(n=n, **values)


@cache
def _number_symbols(lang: str) -> dict[int, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return str.maketrans({",": get_group_symbol(lang), ".": get_decimal_symbol(lang)})


def number(value: float, spec: str, lang: str) -> str:
    """`value` formatted by a Python format spec (`,`, `.1f`, `,.0f`), written with the
    language's own decimal and grouping signs (CLDR, through Babel)."""
    return format(value, spec).translate(_number_symbols(lang))
