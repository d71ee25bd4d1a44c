"""The History tab of Manage data: the earlier versions, who saved them, what changed since,
what is kept, restore, and the list of versions as a CSV file."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.staff import BACKUP_KEY, saved_by
from app.store import unreachable
from app.versions import CurrentFile, guarded_save, show_changes, time_text, version_label, version_name
from partnerships import settings
from partnerships.diff import diff_tables
from partnerships.escape import markdown_text
from partnerships.exports import excel_csv
from partnerships.i18n import number, plural, t
from partnerships.problems import DataFileError
from partnerships.reading import read_table
from partnerships.stores import Store, StoreUnavailable, Version, VersionInfo
from partnerships.writing import canonical_table

HISTORY_COLUMNS = ("version", "current", "saved_at", "saved_by", "note", "bytes")


def file_size_text(size: int, lang: str) -> str:
    """Bytes as kB or MB with one decimal, in the language's decimal mark (1.7 MB, 1,7 MB)."""
    amount, unit = (size / 1_000_000, "MB") if size >= 1_000_000 else (size / 1_000, "kB")
    return f"{number(amount, '.1f', lang)} {unit}"


def show_retention(store: Store, versions: list[VersionInfo], lang: str) -> None:
    """What is kept, so nobody is surprised that an old version is gone (files) or is not (the
    database keeps every version)."""
    size = file_size_text(sum(version.size for version in versions), lang)
    if store.keeps_every_version:
        st.caption(plural("history_kept_database", len(versions), lang, size=size))
        return
    try:
        keep, days = settings.backups_keep(), settings.backups_days()
    except settings.SettingError as err:
        st.warning(markdown_text(plural("history_kept_all", len(versions), lang, reason=err, size=size)))
        return
    st.caption(plural("history_kept", len(versions), lang, keep=keep, days=days, size=size))


def history_table(store: Store, head: Version | None, versions: list[VersionInfo], lang: str) -> pd.DataFrame:
    """Every version the store holds, the current one first: which, when, who saved it, how, its size."""
    rows = [] if head is None else [(version_name(store, head.id, lang, head), "yes", time_text(head.saved_at),
                                     head.saved_by, head.note, len(head.content))]
    rows += [(version_name(store, v.id, lang), "", time_text(v.saved_at), v.saved_by, v.note, v.size) for v in versions]
    return pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))


def history_csv(store: Store, held: Version, lang: str) -> bytes:
    """The history for Excel, read afresh when it is asked for (the version this session holds
    stands in for the current one if the store cannot be read just then)."""
    try:
        head, versions = store.current(), store.history()
    except (StoreUnavailable, OSError):
        head, versions = held, []
    return excel_csv(history_table(store, head, versions, lang))


def history_tab(current: CurrentFile, lang: str) -> None:
    store, held = current.store, current.version
    try:
        versions = store.history()
    except StoreUnavailable as err:
        st.warning(unreachable(err, lang))
        return
    except OSError as err:
        st.warning(markdown_text(t("save_failed", lang, reason=err.strerror)))
        return
    show_retention(store, versions, lang)
    st.download_button(t("download_history", lang), lambda: history_csv(store, held, lang),
                       file_name=f"{store.name}-history.csv", mime="text/csv", key="manage_history_csv",
                       on_click="ignore")
    if not versions:
        st.info(t("history_empty", lang))
        return
    chosen = st.selectbox(t("history_pick", lang), versions, key=BACKUP_KEY, format_func=lambda v: version_label(
        version_name(store, v.id, lang), v.saved_at, v.saved_by, v.note, lang))
    try:
        content = store.read(chosen.id).content
        older = read_table(content)[0]
    except (KeyError, OSError, DataFileError, StoreUnavailable) as err:
        reason = err.text(lang) if isinstance(err, DataFileError) else err
        st.warning(markdown_text(t("history_unreadable", lang, reason=reason)))
        content, older = None, None
    if content == held.content:
        st.info(t("identical", lang))
    elif older is not None and current.table is not None:
        st.markdown(f"**{t('history_diff', lang)}**")
        show_changes(diff_tables(canonical_table(older), current.table), lang, "history")
    if st.button(t("restore", lang), key="manage_restore", disabled=content == held.content):
        who = saved_by()
        guarded_save(store, lambda: store.restore(chosen.id, held, who), "restored", lang)
