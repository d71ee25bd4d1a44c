"""The staff page's Streamlit side: unlock, check, edit or upload, preview, save, undo.

Every save goes to the store in use (the data file or the database) through
`versions.guarded_save`, which refuses a stale version and keeps the version it replaces;
nothing is saved that does not validate.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.history import history_tab
from app.maps import inline_map
from app.namesakes import PICKED_NOTE, pick_places
from app.page import show_problems
from app.staff import EDITOR_KEY, UPLOAD_KEY, saved_by
from app.uploads import read_upload
from app.store import store_or_message
from app.versions import (
    CurrentFile, current_version, guarded_save, show_changes, show_notice, version_label, version_name,
)
from partnerships import settings
from partnerships.diff import diff_tables
from partnerships.escape import WEB_URL, markdown_text
from partnerships.exports import excel_csv, xlsx
from partnerships.i18n import t
from partnerships.loading import Dataset, encoding_note, load_bytes
from partnerships.reading import ENCODING, read_table
from partnerships.schema import (
    CONFIRMED, END_YEAR, ID, ID_PATTERN, LAT, LON, MAX_ID_LENGTH, START_YEAR, TYPE, URL, parse_number, parse_year,
)
from partnerships.vocabulary import Vocabulary
from partnerships.writing import canonical_table, cell_text, to_csv_bytes

PREVIEW_HEIGHT = 420


def show_report(dataset: Dataset, lang: str, encoding: str | None = None) -> None:
    """The file's check; `encoding`: what an upload was read as, before it became UTF-8."""
    if dataset.fatal:
        st.error(markdown_text(dataset.fatal.text(lang)))
        return
    note = encoding_note(encoding or dataset.encoding)
    if note:
        st.caption(markdown_text(note.text(lang)))
    if dataset.errors:
        st.warning(t("file_problems", lang, errors=len(dataset.errors), rows=dataset.rows_with_errors))
    else:  # warnings and notes are no errors: the table lists them, and counts them
        st.success(t("file_no_errors" if dataset.problems else "file_ok", lang, rows=len(dataset.partners)))
    if dataset.problems:
        show_problems(dataset, lang)


def editable_table(raw: pd.DataFrame) -> pd.DataFrame:
    """Years and coordinates as numbers when every cell is one, so the editor can bound them.
    A column with an empty cell stays text (the grid would show a missing number as "None"),
    and so does one holding a mistake, so the mistake is shown and not dropped."""
    table = raw.copy()
    for column, parse, dtype in NUMERIC_EDITS:
        if column in table:
            parsed = parse(table[column].astype(str))
            if parsed.notna().all():
                table[column] = parsed.astype(dtype)
    return table


NUMERIC_EDITS = ((START_YEAR, parse_year, "Int64"), (END_YEAR, parse_year, "Int64"), (CONFIRMED, parse_year, "Int64"),
                 (LAT, parse_number, "Float64"), (LON, parse_number, "Float64"))
# What a text cell of those columns may hold: empty, or a year / a decimal number (comma or point).
_TEXT_RULES = {START_YEAR: r"^([0-9]{4})?$", END_YEAR: r"^([0-9]{4})?$", CONFIRMED: r"^([0-9]{4})?$",
               LAT: r"^(-?[0-9]+([.,][0-9]+)?)?$", LON: r"^(-?[0-9]+([.,][0-9]+)?)?$"}


def column_config(table: pd.DataFrame, vocabulary: Vocabulary, lang: str) -> dict:
    config = {
        "_index": st.column_config.NumberColumn(t("problem_row", lang), disabled=True),
        ID: st.column_config.TextColumn(ID, required=True, max_chars=MAX_ID_LENGTH, validate=f"^{ID_PATTERN}$"),
        TYPE: st.column_config.SelectboxColumn(TYPE, options=vocabulary.names, required=True),
        URL: st.column_config.LinkColumn(URL, validate=f"^{WEB_URL}$"),
    }
    years = (settings.EARLIEST_YEAR, settings.latest_plausible_year(), 1, "%d")
    numeric = {START_YEAR: years, END_YEAR: years, CONFIRMED: years,
               LAT: (-90.0, 90.0, 0.0001, "%.4f"), LON: (-180.0, 180.0, 0.0001, "%.4f")}
    for column, (low, high, step, fmt) in numeric.items():
        if column in table and pd.api.types.is_numeric_dtype(table[column]):
            config[column] = st.column_config.NumberColumn(column, min_value=low, max_value=high, step=step, format=fmt)
        elif column in table:
            config[column] = st.column_config.TextColumn(column, validate=_TEXT_RULES[column])
    return config


def edited_bytes(edited: pd.DataFrame) -> bytes:
    """The editor's table as the canonical file."""
    strings = edited.astype(object).apply(lambda column: column.map(cell_text))
    return to_csv_bytes(canonical_table(strings))


def review_and_save(candidate: bytes, current: CurrentFile, vocabulary: Vocabulary, lang: str, key: str,
                    note: str, encoding: str | None = None, shown: Dataset | None = None) -> None:
    """Validation (of `shown`, the file as given, where it is not the candidate itself), the
    changes field by field, the map as it would be, and a guarded save. `encoding`: what an
    upload was read as (the candidate is already UTF-8)."""
    if candidate == current.canonical:
        st.info(t("no_changes", lang))
        return
    dataset = shown or load_bytes(candidate, vocabulary)
    st.subheader(t("preview", lang), anchor=False)
    show_report(dataset, lang, encoding)
    if dataset.fatal:
        return
    show_changes(diff_tables(current.table, read_table(candidate)[0]), lang, key)
    with st.expander(t("preview_map", lang)):
        inline_map(dataset.partners, vocabulary, lang, key=f"{key}_map", height=PREVIEW_HEIGHT)
    if dataset.errors:
        st.caption(t("save_blocked", lang))
    if st.button(t("save", lang), type="primary", disabled=bool(dataset.errors), key=f"{key}_save"):
        store, version, who = current.store, current.version, saved_by()
        guarded_save(store, lambda: store.save(candidate, version, who, note), "saved", lang, candidate)


def edit_tab(current: CurrentFile, vocabulary: Vocabulary, lang: str) -> None:
    st.caption(t("edit_help", lang))
    table = editable_table(current.table)
    edited = st.data_editor(table, key=EDITOR_KEY, num_rows="dynamic", width="stretch",
                            column_config=column_config(table, vocabulary, lang))
    review_and_save(edited_bytes(edited), current, vocabulary, lang, key="edit", note="edited on Manage data")


def upload_tab(current: CurrentFile, vocabulary: Vocabulary, lang: str) -> None:
    uploaded = st.file_uploader(t("upload_help", lang), key=UPLOAD_KEY)
    read = read_upload(uploaded, vocabulary, lang)
    if read is None:
        return
    table, dataset = read
    candidate = to_csv_bytes(canonical_table(table))
    if current.table is None:  # the file on disk is unusable: anything valid replaces it
        current = CurrentFile(current.store, current.version, current.dataset, table.iloc[0:0], b"")
    review_and_save(candidate, current, vocabulary, lang, key="upload", note=f"uploaded {uploaded.name}",
                    encoding=table.attrs.get(ENCODING), shown=dataset)


def download_tab(current: CurrentFile, lang: str) -> None:
    """The current file for Excel, built only when asked for."""
    table, stem = current.table, current.store.name
    st.download_button(t("download_csv", lang), lambda: excel_csv(table), file_name=f"{stem}-excel.csv",
                       mime="text/csv", key="manage_csv", on_click="ignore")
    st.download_button(t("download_xlsx", lang), lambda: xlsx(table), file_name=f"{stem}.xlsx", key="manage_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")


def manage_page(vocabulary: Vocabulary, lang: str) -> None:
    store, problem = store_or_message()
    if store is None:
        st.error(markdown_text(problem))
        return
    version = current_version(store, lang)
    if version is None:
        return
    show_notice()
    st.caption(markdown_text(t("editing", lang, version=version_label(
        version_name(store, version.id, lang, version), version.saved_at, version.saved_by, version.note, lang))))
    current = CurrentFile.of(store, version, vocabulary)
    names = ["tab_check", "tab_edit", "tab_upload", "tab_history", "tab_download"]
    if current.table is None:  # an unusable file can still be replaced or restored
        names = ["tab_check", "tab_upload", "tab_history"]
    tabs = dict(zip(names, st.tabs([t(name, lang) for name in names])))
    with tabs["tab_check"]:
        show_report(current.dataset, lang)
        picked = pick_places(current, lang)
        if picked is not None:
            review_and_save(picked, current, vocabulary, lang, key="pick", note=PICKED_NOTE)
    if "tab_edit" in tabs:
        with tabs["tab_edit"]:
            edit_tab(current, vocabulary, lang)
    with tabs["tab_upload"]:
        upload_tab(current, vocabulary, lang)
    with tabs["tab_history"]:
        history_tab(current, lang)
    if "tab_download" in tabs:
        with tabs["tab_download"]:
            download_tab(current, lang)
