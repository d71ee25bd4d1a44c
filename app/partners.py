"""The partners table, its downloads, and a partner's profile with the way to the map."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from app.details import show_partner
from app.maps import inline_map
from app.state import MAP_PAGE, MODE_KEY, PARTNER_KEY, YEAR_KEY, current_view, year_bounds
from partnerships.exports import excel_csv, xlsx
from partnerships.filtering import YearMode, filter_partners
from partnerships.i18n import t
from partnerships.loading import Dataset
from partnerships.schema import ID

TABLE_KEY = "partners_table"
PRINT_TABLE_KEY = "print_table"  # shown on paper only (app/page.py's print style)
# The grid on screen draws only the rows in sight; paper gets a plain table of every row shown,
# up to this many (a list of thousands is for the CSV download, not a printer).
PRINT_ROWS = 2000
GO_TO_MAP_KEY = "_go_to_map"
SEARCH_KEY = "search"
PROFILE_MAP_HEIGHT = 320


def partners_table(table: pd.DataFrame, lang: str) -> str | None:
    """The table, sortable by any column; returns the id of the row chosen, if any."""
    link = t("col_link", lang)
    event = st.dataframe(table, key=TABLE_KEY, on_select="rerun", selection_mode="single-row",
                         width="stretch", hide_index=True,
                         column_config={link: st.column_config.LinkColumn(link, display_text="↗")})
    rows = event.selection.rows if event else []
    return str(table.index[rows[0]]) if rows and rows[0] < len(table) else None


def table_downloads(table: pd.DataFrame, lang: str) -> None:
    """What is shown, for Excel; formula-safe (partnerships.exports)."""
    left, right = st.columns(2)
    left.download_button(t("download_shown_csv", lang), excel_csv(table.reset_index()), file_name="partners-excel.csv",
                         mime="text/csv", key="table_csv")
    right.download_button(t("download_shown_xlsx", lang), xlsx(table.reset_index()), file_name="partners.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="table_xlsx")


def _open_on_map(partner: str, dataset: Dataset) -> None:
    """Button callback: select the partner and make sure the map's view includes it."""
    st.session_state[PARTNER_KEY] = partner
    view = current_view(dataset)
    if partner not in set(filter_partners(dataset.partners, view)[ID]):
        st.session_state[MODE_KEY] = YearMode.BEGUN.value
        st.session_state[YEAR_KEY] = year_bounds(dataset)[1]
    st.session_state[GO_TO_MAP_KEY] = True


def show_profile(partner_id: str, dataset: Dataset, lang: str) -> None:
    """A partner's page: details, milestones, link, a small map, and the way to the big one."""
    partner = dataset.partners[dataset.partners[ID] == partner_id]
    if partner.empty:
        return
    details, small_map = st.columns([1, 1], gap="medium")
    with details:
        show_partner(partner.iloc[0], dataset, lang)
        st.button(t("open_on_map", lang), type="primary", key="open_on_map",
                  on_click=_open_on_map, args=(partner_id, dataset))
    with small_map:
        inline_map(partner, dataset.vocabulary, lang, key="profile_map", height=PROFILE_MAP_HEIGHT, selected=partner_id)
    if st.session_state.pop(GO_TO_MAP_KEY, False):
        st.switch_page(MAP_PAGE)


def print_table(table: pd.DataFrame, lang: str) -> None:
    """Every column of every row shown, as a plain table that only paper shows: the grid on
    screen prints only the rows in sight. Every cell is escaped."""
    cells = table.head(PRINT_ROWS).fillna("").astype(str)
    head = "".join(f"<th>{html.escape(str(name))}</th>" for name in cells.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(value)}</td>" for value in row) + "</tr>"
                   for row in cells.itertuples(index=False))
    more = f"<p>{html.escape(t('print_rows_more', lang, shown=PRINT_ROWS, total=len(table)))}</p>" \
        if len(table) > PRINT_ROWS else ""
    with st.container(key=PRINT_TABLE_KEY):
        st.html(f'<table class="pm-print-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}')
