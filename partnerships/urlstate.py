"""The view in the URL: `year`, `types`, `lang`, `partner` (and `show`), both ways.

A link pasted into a council paper must open exactly the view its sender saw, and a link
typed by hand must never break the page: unknown values are ignored, years are clamped.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from partnerships.filtering import View, YearMode, default_year, year_range
from partnerships.i18n import LANGUAGES
from partnerships.vocabulary import Vocabulary

# `mode` itself is taken: ?mode=present is the presentation mode (docs/presenting.md).
YEAR, TYPES, LANG, PARTNER, MODE = "year", "types", "lang", "partner", "show"


def view_from_params(params: Mapping[str, str], vocabulary: Vocabulary, years: tuple[int, int]) -> dict:
    """What the URL asks for, as {name: value} for the parameters it gives validly."""
    found: dict = {}
    if re.fullmatch(r"\d{1,4}", params.get(YEAR, "").strip(), re.ASCII):
        found[YEAR] = min(max(int(params[YEAR]), years[0]), years[1])
    if TYPES in params:
        wanted = [vocabulary.canonical(part) for part in params[TYPES].split(",")]
        known = [name for name in vocabulary.names if name in wanted]
        # A link that names no type we know shows all of them rather than an empty map.
        found[TYPES] = known if known or not params[TYPES].strip() else list(vocabulary.names)
    if params.get(LANG) in LANGUAGES:
        found[LANG] = params[LANG]
    if params.get(MODE) in {m.value for m in YearMode}:
        found[MODE] = params[MODE]
    if params.get(PARTNER, "").strip():
        found[PARTNER] = params[PARTNER].strip()
    return found


def view_of(params: Mapping[str, str], vocabulary: Vocabulary, partners: pd.DataFrame, latest: int) -> View:
    """The view named by `params` (a link's, or the command line's), the app's opening view for
    what they leave out: every type, the latest year the sources know, active partnerships."""
    years = year_range(partners, latest)
    found = view_from_params(params, vocabulary, years)
    year = found.get(YEAR, max(default_year(partners, latest), years[0]))
    return View(tuple(found.get(TYPES, vocabulary.names)), year, YearMode(found.get(MODE, YearMode.ACTIVE.value)))


def params_for(view: View, lang: str, partner: str | None, vocabulary: Vocabulary) -> dict[str, str]:
    """The URL parameters of a view; all types and the 'active' mode are left out as defaults."""
    params = {YEAR: str(view.year), LANG: lang}
    if set(view.types) != set(vocabulary.names):
        params[TYPES] = ",".join(view.types)
    if view.mode is not YearMode.ACTIVE:
        params[MODE] = view.mode.value
    if partner:
        params[PARTNER] = partner
    return params


def language_from_locale(locale: str | None) -> str | None:
    """'da-DK' → 'da': the browser's language when the app speaks it."""
    code = (locale or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else None
