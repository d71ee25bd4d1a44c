"""The History tab of Manage data: the earlier versions, who saved them, what changed since,
what is kept, and restore."""
from __future__ import annotations

import streamlit as st

from app.staff import BACKUP_KEY
from app.store import SAVED_BY_PASSWORD
from app.versions import CurrentFile, guarded_save, show_changes, version_label, version_name
from partnerships import settings
from partnerships.diff import diff_tables
from partnerships.escape import markdown_text
from partnerships.i18n import plural, t
from partnerships.problems import DataFileError
from partnerships.reading import read_table
from partnerships.stores import Store, StoreUnavailable, VersionInfo
from partnerships.writing import canonical_table


def file_size_text(size: int, lang: str) -> str:
    """Bytes as kB or MB with one decimal, in the language's decimal mark (1.7 MB, 1,7 MB)."""
    amount, unit = (size / 1_000_000, "MB") if size >= 1_000_000 else (size / 1_000, "kB")
    text = f"{amount:.1f}"
    return f"{text.replace('.', ',') if lang == 'da' else text} {unit}"


def show_retention(store: Store, versions: list[VersionInfo], lang: str) -> None:
    """What is kept, so nobody is surprised that an old version is gone (files) or is not (the
    database keeps every version)."""
    size = file_size_text(sum(version.size for version in versions), lang)
    if store.kind == "database":
        st.caption(plural("history_kept_database", len(versions), lang, size=size))
        return
    try:
        keep, days = settings.backups_keep(), settings.backups_days()
    except settings.SettingError as err:
        st.warning(markdown_text(plural("history_kept_all", len(versions), lang, reason=err, size=size)))
        return
    st.caption(plural("history_kept", len(versions), lang, keep=keep, days=days, size=size))


def history_tab(current: CurrentFile, lang: str) -> None:
    store, held = current.store, current.version
    try:
        versions = store.history()
    except (StoreUnavailable, OSError) as err:
        st.warning(markdown_text(str(err)))
        return
    show_retention(store, versions, lang)
    if not versions:
        st.info(t("history_empty", lang))
        return
    chosen = st.selectbox(t("history_pick", lang), versions, key=BACKUP_KEY, format_func=lambda v: version_label(
        version_name(store, v.id), v.saved_at, v.saved_by, v.note))
    try:
        content = store.read(chosen.id).content
        older = read_table(content)[0]
    except (KeyError, OSError, DataFileError, StoreUnavailable) as err:
        st.warning(markdown_text(t("history_unreadable", lang, reason=err)))
        content, older = None, None
    if content == held.content:
        st.info(t("identical", lang))
    elif older is not None and current.table is not None:
        st.markdown(f"**{t('history_diff', lang)}**")
        show_changes(diff_tables(canonical_table(older), current.table), lang)
    if st.button(t("restore", lang), key="manage_restore", disabled=content == held.content):
        guarded_save(store, lambda: store.restore(chosen.id, held, SAVED_BY_PASSWORD), "restored", lang)
