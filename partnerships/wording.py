"""How one partnership reads, in one place: its years and its milestones, on every page."""
from __future__ import annotations

import pandas as pd

from partnerships.i18n import t

MILESTONE_SEPARATOR = "|"


def years_text(start: object, end: object, lang: str) -> str:
    """'since 2010' while it runs, '2012' for a single year, '2007–2015' when it ended."""
    if pd.isna(end):
        return t("since", lang, start=start)
    return str(start) if start == end else f"{start}–{end}"


def milestone_entries(cell: object) -> list[str]:
    """The dated steps of a `milestones` cell ('2010-10: Signed | 2011: Friendship city'), as written."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [entry.strip() for entry in str(cell).split(MILESTONE_SEPARATOR) if entry.strip()]
