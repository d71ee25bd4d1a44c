"""Manage data: the rows placed among namesakes, and a choice of the places each could mean.

What staff pick is written into the file's `lat` and `lon` (geocoding.with_places), and goes
through the same preview and guarded save as an edit (manage.review_and_save).
"""
from __future__ import annotations

import streamlit as st

from app.versions import CurrentFile
from partnerships.columns import CITY, COUNTRY, NAME, REGION
from partnerships.escape import markdown_text
from partnerships.geocoding import ambiguous_rows, choices, with_places
from partnerships.i18n import t
from partnerships.writing import canonical_table, to_csv_bytes

PICKED_NOTE = "places chosen on Manage data"  # the saved version's note, as History shows it


def namesake_key(row: int) -> str:
    return f"manage_namesake_{row}"


def pick_places(current: CurrentFile, lang: str) -> bytes | None:
    """A select box of candidates for every row placed among namesakes; the file with the picked
    places' coordinates written in, or None while nothing is picked."""
    table = current.table
    rows = [] if table is None else [row for row in ambiguous_rows(current.dataset.problems) if row in table.index]
    if not rows:
        return None
    st.subheader(t("namesakes_title", lang), anchor=False)
    st.caption(t("namesakes_help", lang))
    picks = {}
    for row in rows:
        cells = {column: str(table.at[row, column]) if column in table else ""
                 for column in (NAME, CITY, COUNTRY, REGION)}
        places = {label: (lat, lon) for label, lat, lon in choices(cells[CITY], cells[COUNTRY], cells[REGION])}
        label = t("namesakes_pick", lang, row=row, name=markdown_text(cells[NAME]), city=markdown_text(cells[CITY]))
        chosen = st.selectbox(label, list(places), index=None, placeholder=t("namesakes_keep", lang),
                              key=namesake_key(row))
        if chosen is not None:
            picks[row] = places[chosen]
    return to_csv_bytes(canonical_table(with_places(table, picks))) if picks else None
