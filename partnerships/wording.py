"""How one partnership reads, in one place: its years and its milestones, on every page."""
from __future__ import annotations

import pandas as pd

from partnerships.columns import in_language
from partnerships.i18n import t

MILESTONE_SEPARATOR = "|"


def years_text(start: object, end: object, lang: str, confirmed: object = None) -> str:
    """'since 2010' while it runs, 'since 2007 · confirmed until 2014' where a source confirms
    it only so far (never a claim that it still runs), '2012' for a single year, '2007–2015'
    when it ended; 'start year unknown' (and '–2015') where nobody knows when it began."""
    if pd.isna(start):
        return t("year_unknown", lang) + ("" if pd.isna(end) else f" (–{end})")
    if pd.isna(end):
        if confirmed is not None and pd.notna(confirmed):
            return t("since_confirmed", lang, start=start, confirmed=confirmed)
        return t("since", lang, start=start)
    return str(start) if start == end else f"{start}–{end}"


def milestone_entries(cell: object) -> list[str]:
    """The dated steps of a `milestones` cell ('2010-10: Signed | 2011: Friendship city'), as written."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [entry.strip() for entry in str(cell).split(MILESTONE_SEPARATOR) if entry.strip()]


def localised(partners: pd.DataFrame, column: str, lang: str) -> pd.Series:
    """A text column as `lang` reads it: its companion in that language (name_da, city_de, …)
    where that is filled, the base column elsewhere."""
    values = partners[column]
    companion = in_language(column, lang)
    if companion == column or companion not in partners:
        return values
    own = partners[companion]
    return own.where(own.notna() & (own.astype(str).str.strip() != ""), values)


def localised_value(partner: pd.Series, column: str, lang: str) -> object:
    """One partner's text in `lang`, as `localised` gives it for a whole table."""
    own = partner.get(in_language(column, lang))
    return own if isinstance(own, str) and own.strip() else partner.get(column)
