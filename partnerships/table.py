"""The partners as a table people search and sort, in their language."""
from __future__ import annotations

import pandas as pd

from geo.text import fold

from partnerships.columns import (
    CITY, COMPANIONS, CONFIRMED, COUNTRY_NAMES, DESCRIPTION, END_YEAR, ID, MILESTONES, NAME, START_YEAR, TYPE, URL,
    country_name_column,
)
from partnerships.escape import safe_url
from partnerships.i18n import t
from partnerships.vocabulary import Vocabulary
from partnerships.wording import localised, years_text

SEARCHED = (*(column for column in (NAME, CITY, DESCRIPTION, *COMPANIONS) if not column.startswith(MILESTONES)),
            *COUNTRY_NAMES)
COLUMNS = ("col_name", "col_type", "col_city", "col_country", "col_years", "col_link")


def search(partners: pd.DataFrame, query: str) -> pd.DataFrame:
    """Partners whose name, city, country or description, in any language, holds every word of
    the query, ignoring case, accents and punctuation: 'aabenraa' finds Åbenrå."""
    words = fold(query).split()
    if not words or partners.empty:
        return partners
    haystack = pd.Series("", index=partners.index)
    for column in SEARCHED:
        if column in partners:
            haystack += " " + partners[column].fillna("").astype(str)
    folded = haystack.map(fold)
    found = pd.Series(True, index=partners.index)
    for word in words:
        found &= folded.str.contains(word, regex=False)
    return partners[found]


def display_table(partners: pd.DataFrame, vocabulary: Vocabulary, lang: str) -> pd.DataFrame:
    """One row per partner, indexed by id, headed and worded in `lang`, sorted by name; every
    cell holds a value or is blank."""
    country = country_name_column(lang)
    urls = partners[URL] if URL in partners else pd.Series("", index=partners.index)
    confirmed = partners[CONFIRMED] if CONFIRMED in partners else pd.Series(pd.NA, index=partners.index)
    headers = [t(key, lang) for key in COLUMNS]
    table = pd.DataFrame({
        headers[0]: localised(partners, NAME, lang),
        headers[1]: partners[TYPE].map(lambda name: vocabulary.get(name).label(lang)),
        headers[2]: localised(partners, CITY, lang),
        headers[3]: partners[country],
        headers[4]: [years_text(s, e, lang, c) for s, e, c in zip(partners[START_YEAR], partners[END_YEAR], confirmed)],
        headers[5]: [safe_url(url) or "" for url in urls],  # a blank cell, never "None"
    })
    table.index = pd.Index(partners[ID], name="id")
    return table.sort_values(headers[0], key=lambda names: names.str.casefold())
