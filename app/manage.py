"""The staff page's Streamlit side: unlock, check, edit or upload, preview, save, undo.

Every path to the data file goes through `storage.save`, which refuses a stale version and
keeps a backup of what it replaces; nothing is saved that does not validate.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app.map import inline_map
from app.page import problem_table
from app.staff import BACKUP_KEY, EDITOR_KEY, NOTICE_KEY, SNAPSHOT_KEY, UPLOAD_KEY
from partnerships import backups, settings, storage
from partnerships.diff import Change, diff_tables, summary
from partnerships.escape import WEB_URL, markdown_text
from partnerships.exports import excel_csv, xlsx
from partnerships.i18n import plural, t
from partnerships.loading import Dataset, load_bytes
from partnerships.problems import DataFileError
from partnerships.reading import read_table
from partnerships.schema import (
    END_YEAR, ID, ID_PATTERN, LAT, LON, MAX_ID_LENGTH, START_YEAR, TYPE, URL, parse_number, parse_year,
)
from partnerships.vocabulary import Vocabulary
from partnerships.writing import canonical_table, cell_text, to_csv_bytes

PREVIEW_HEIGHT = 420


def current_snapshot(reload: bool = False) -> storage.Snapshot | None:
    """The version of the file this session edits: loaded once, replaced only on request."""
    path = settings.partners_csv_path()
    held: storage.Snapshot | None = st.session_state.get(SNAPSHOT_KEY)
    if reload or held is None or held.path != path:
        try:
            held = storage.snapshot(path)
        except OSError as err:
            st.error(markdown_text(f"{path}: {err.strerror}"))
            return None
        st.session_state[SNAPSHOT_KEY] = held
        st.session_state.pop(EDITOR_KEY, None)
    return held


def show_notice() -> None:
    """A message from the previous run (after a save, the page reruns with fresh data)."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.success(notice)


def show_report(dataset: Dataset, lang: str) -> None:
    if dataset.fatal:
        st.error(markdown_text(dataset.fatal))
        return
    if dataset.errors:
        st.warning(t("file_problems", lang, errors=len(dataset.errors), rows=dataset.rows_with_errors))
    else:
        st.success(t("file_ok", lang, rows=len(dataset.partners)))
    if dataset.problems:
        st.dataframe(problem_table(dataset, lang), hide_index=True, width="stretch")


def editable_table(raw: pd.DataFrame) -> pd.DataFrame:
    """Years and coordinates as numbers when every filled cell is one, so the editor can bound
    them; a column holding a mistake stays text, so the mistake is shown and not dropped."""
    table = raw.copy()
    for column, parse, dtype in ((START_YEAR, parse_year, "Int64"), (END_YEAR, parse_year, "Int64"),
                                 (LAT, parse_number, "Float64"), (LON, parse_number, "Float64")):
        if column in table:
            parsed = parse(table[column].astype(str))
            if (parsed.notna() | (table[column] == "")).all():
                table[column] = parsed.astype(dtype)
    return table


def column_config(table: pd.DataFrame, vocabulary: Vocabulary) -> dict:
    config = {
        "_index": st.column_config.NumberColumn("row", disabled=True),
        ID: st.column_config.TextColumn(ID, required=True, max_chars=MAX_ID_LENGTH, validate=f"^{ID_PATTERN}$"),
        TYPE: st.column_config.SelectboxColumn(TYPE, options=vocabulary.names, required=True),
        URL: st.column_config.LinkColumn(URL, validate=f"^{WEB_URL}$"),
    }
    numeric = {START_YEAR: (settings.EARLIEST_YEAR, settings.latest_plausible_year(), 1, "%d"),
               END_YEAR: (settings.EARLIEST_YEAR, settings.latest_plausible_year(), 1, "%d"),
               LAT: (-90.0, 90.0, 0.0001, "%.4f"), LON: (-180.0, 180.0, 0.0001, "%.4f")}
    for column, (low, high, step, fmt) in numeric.items():
        if column in table and pd.api.types.is_numeric_dtype(table[column]):
            config[column] = st.column_config.NumberColumn(column, min_value=low, max_value=high, step=step, format=fmt)
    return config


def edited_bytes(edited: pd.DataFrame) -> bytes:
    """The editor's table as the canonical file."""
    strings = edited.astype(object).apply(lambda column: column.map(cell_text))
    return to_csv_bytes(canonical_table(strings))


def change_table(change: Change, lang: str) -> pd.DataFrame:
    return pd.DataFrame([{t("field", lang): f.column, t("before", lang): f.old, t("after", lang): f.new}
                         for f in change.fields])


def show_changes(changes: list[Change], lang: str) -> None:
    counts = summary(changes)
    st.markdown(f"**{t('changes', lang, **{k: counts.get(k, 0) for k in ('added', 'changed', 'removed')})}**")
    for change in changes:
        label = f"{t('kind_' + change.kind, lang)}: {change.name} ({change.id})"
        with st.expander(markdown_text(label)):
            st.dataframe(change_table(change, lang), hide_index=True, width="stretch")


def review_and_save(candidate: bytes, current: CurrentFile, vocabulary: Vocabulary, lang: str, key: str) -> None:
    """Validation, the changes field by field, the map as it would be, and a guarded save."""
    if candidate == current.canonical:
        st.info(t("no_changes", lang))
        return
    dataset = load_bytes(candidate, vocabulary)
    st.subheader(t("preview", lang), anchor=False)
    show_report(dataset, lang)
    if dataset.fatal:
        return
    show_changes(diff_tables(current.table, read_table(candidate)[0]), lang)
    with st.expander(t("preview_map", lang)):
        inline_map(dataset.partners, vocabulary, lang, key=f"{key}_map", height=PREVIEW_HEIGHT)
    if dataset.errors:
        st.caption(t("save_blocked", lang))
    if st.button(t("save", lang), type="primary", disabled=bool(dataset.errors), key=f"{key}_save"):
        snapshot = current.snapshot
        guarded_save(lambda: storage.save(snapshot.path, candidate, snapshot.digest), "saved", lang, candidate)


def guarded_save(action, message: str, lang: str, unsaved: bytes | None = None) -> None:
    """Run a save or restore; on success start over from the new file. On a conflict, or a
    file system that refuses, say so and keep the unsaved version downloadable."""
    try:
        result = action()
    except (storage.ConflictError, OSError) as err:
        text = str(err) if isinstance(err, storage.ConflictError) else t("save_failed", lang, reason=err.strerror or err)
        st.error(markdown_text(text))
        if unsaved is not None:
            st.download_button(t("download_unsaved", lang), unsaved, file_name="partners-unsaved.csv",
                               mime="text/csv", key=f"unsaved_{message}", on_click="ignore")
        st.button(t("reload", lang), key=f"reload_{message}", on_click=current_snapshot, kwargs={"reload": True})
        return
    backup = result.backup.name if result.backup else "—"
    st.session_state[NOTICE_KEY] = t(message, lang, backup=backup)
    current_snapshot(reload=True)
    st.session_state.pop(UPLOAD_KEY, None)
    st.rerun()


@dataclass(frozen=True)
class CurrentFile:
    """The file this session edits, read once per run: as loaded, as a table of strings,
    and as the canonical bytes an unchanged table would be saved as."""

    snapshot: storage.Snapshot
    dataset: Dataset
    table: pd.DataFrame | None = None
    canonical: bytes = b""

    @classmethod
    def of(cls, snapshot: storage.Snapshot, vocabulary: Vocabulary) -> CurrentFile:
        dataset = load_bytes(snapshot.content, vocabulary)
        if dataset.fatal:
            return cls(snapshot, dataset)
        table = canonical_table(read_table(snapshot.content)[0])
        return cls(snapshot, dataset, table, to_csv_bytes(table))


def edit_tab(current: CurrentFile, vocabulary: Vocabulary, lang: str) -> None:
    st.caption(t("edit_help", lang))
    table = editable_table(current.table)
    edited = st.data_editor(table, key=EDITOR_KEY, num_rows="dynamic", width="stretch",
                            column_config=column_config(table, vocabulary))
    review_and_save(edited_bytes(edited), current, vocabulary, lang, key="edit")


def upload_tab(current: CurrentFile, vocabulary: Vocabulary, lang: str) -> None:
    uploaded = st.file_uploader(t("upload_help", lang), type=["csv", "txt"], key=UPLOAD_KEY)
    if uploaded is None:
        return
    try:
        table, _ = read_table(uploaded.getvalue())
    except DataFileError as err:
        st.error(markdown_text(str(err)))
        return
    candidate = to_csv_bytes(canonical_table(table))
    if current.table is None:  # the file on disk is unusable: anything valid replaces it
        current = CurrentFile(current.snapshot, current.dataset, table.iloc[0:0], b"")
    review_and_save(candidate, current, vocabulary, lang, key="upload")


def file_size_text(size: int, lang: str) -> str:
    """Bytes as kB or MB with one decimal, in the language's decimal mark (1.7 MB, 1,7 MB)."""
    amount, unit = (size / 1_000_000, "MB") if size >= 1_000_000 else (size / 1_000, "kB")
    text = f"{amount:.1f}"
    return f"{text.replace('.', ',') if lang == 'da' else text} {unit}"


def show_retention(versions: list[backups.Backup], lang: str) -> None:
    """What the backups folder keeps, so nobody is surprised that an old version is gone."""
    size = file_size_text(sum(backup.size for backup in versions), lang)
    try:
        keep, days = settings.backups_keep(), settings.backups_days()
    except settings.SettingError as err:
        st.warning(markdown_text(plural("history_kept_all", len(versions), lang, reason=err, size=size)))
        return
    st.caption(plural("history_kept", len(versions), lang, keep=keep, days=days, size=size))


def history_tab(current: CurrentFile, lang: str) -> None:
    snapshot = current.snapshot
    versions = backups.versions(snapshot.path)
    show_retention(versions, lang)
    if not versions:
        st.info(t("history_empty", lang))
        return
    chosen = st.selectbox(t("history_pick", lang), versions, key=BACKUP_KEY,
                          format_func=lambda b: f"{b.saved_at.astimezone():%Y-%m-%d %H:%M:%S} · {b.path.name}")
    try:
        content = chosen.path.read_bytes()
        older = read_table(content)[0]
    except (OSError, DataFileError) as err:
        st.warning(markdown_text(t("history_unreadable", lang, reason=err)))
        content, older = None, None
    if content == snapshot.content:
        st.info(t("identical", lang))
    elif older is not None and current.table is not None:
        st.markdown(f"**{t('history_diff', lang)}**")
        show_changes(diff_tables(canonical_table(older), current.table), lang)
    if st.button(t("restore", lang), key="manage_restore", disabled=content == snapshot.content):
        guarded_save(lambda: storage.restore(snapshot.path, chosen.path, snapshot.digest), "restored", lang)


def download_tab(current: CurrentFile, lang: str) -> None:
    """The current file for Excel, built only when asked for."""
    table, stem = current.table, current.snapshot.path.stem
    st.download_button(t("download_csv", lang), lambda: excel_csv(table), file_name=f"{stem}-excel.csv",
                       mime="text/csv", key="manage_csv", on_click="ignore")
    st.download_button(t("download_xlsx", lang), lambda: xlsx(table), file_name=f"{stem}.xlsx", key="manage_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")


def manage_page(vocabulary: Vocabulary, lang: str) -> None:
    snapshot = current_snapshot()
    if snapshot is None:
        return
    show_notice()
    current = CurrentFile.of(snapshot, vocabulary)
    names = ["tab_check", "tab_edit", "tab_upload", "tab_history", "tab_download"]
    if current.table is None:  # an unusable file can still be replaced or restored
        names = ["tab_check", "tab_upload", "tab_history"]
    tabs = dict(zip(names, st.tabs([t(name, lang) for name in names])))
    with tabs["tab_check"]:
        show_report(current.dataset, lang)
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
