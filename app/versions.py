"""The version a staff session edits, and every save from the Manage data page.

A session loads the current version once and keeps it until it saves or asks for the current
one again; every save and restore goes through `guarded_save`, which hands the store that
version, so a save from a stale one is refused (ConflictError) with the unsaved work still
downloadable. The store keeps the version each save replaces.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import streamlit as st

from app.staff import EDITOR_KEY, NOTICE_KEY, SNAPSHOT_KEY, UPLOAD_KEY, saved_by
from app.store import log, unreachable
from partnerships.diff import FIRST_SHOWN, Change, rest_page, rest_pages, summary
from partnerships.escape import markdown_text
from partnerships.i18n import t
from partnerships.loading import Dataset, load_bytes
from partnerships.messages import said
from partnerships.reading import read_table
from partnerships.records import record_text
from partnerships.stores import ConflictError, Saved, Store, StoreUnavailable, Version
from partnerships.vocabulary import Vocabulary
from partnerships.writing import canonical_table, to_csv_bytes


@dataclass(frozen=True)
class CurrentFile:
    """The version this session edits, read once per run: its store, as loaded, as a table of
    strings, and as the canonical bytes an unchanged table would be saved as."""

    store: Store
    version: Version
    dataset: Dataset
    table: pd.DataFrame | None = None
    canonical: bytes = b""

    @classmethod
    def of(cls, store: Store, version: Version, vocabulary: Vocabulary) -> CurrentFile:
        name = store.data_path.name if store.data_path else None  # a workbook's sheet, as the map reads it
        dataset = load_bytes(version.content, vocabulary, name)
        if dataset.fatal:
            return cls(store, version, dataset)
        table = canonical_table(read_table(version.content, file_name=name)[0])
        return cls(store, version, dataset, table, to_csv_bytes(table))


@dataclass(frozen=True)
class Held:
    """The version this session edits, and the store it came from (settings may change)."""

    store_key: str
    version: Version


def current_version(store: Store, lang: str, reload: bool = False) -> Version | None:
    """The version this session edits: loaded once, replaced only on request or after a save."""
    held = st.session_state.get(SNAPSHOT_KEY)
    if reload or not isinstance(held, Held) or held.store_key != store.key:
        try:
            version = store.current()
        except OSError as err:
            st.error(markdown_text(f"{store.name}: {err.strerror}"))
            return None
        except StoreUnavailable as err:
            st.error(unreachable(err, lang))
            return None
        if version is None:
            st.error(markdown_text(t("nothing_stored", lang, where=store.name)))
            return None
        held = Held(store.key, version)
        st.session_state[SNAPSHOT_KEY] = held
        st.session_state.pop(EDITOR_KEY, None)
    return held.version


def show_notice() -> None:
    """A message from the previous run (after a save, the page reruns with fresh data)."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.success(notice)


def guarded_save(store: Store, action: Callable[[], Saved], message: str, lang: str,
                 unsaved: bytes | None = None) -> None:
    """Run a save or restore; on success start over from the new version. On a conflict, or a
    store that refuses, say so and keep the unsaved version downloadable."""
    try:
        result = action()
    except (ConflictError, StoreUnavailable, OSError, ValueError) as err:
        text = (t("save_failed", lang, reason=err.strerror or err) if isinstance(err, OSError)
                else unreachable(err, lang) if isinstance(err, StoreUnavailable)
                else err.text(lang) if isinstance(err, ConflictError) else str(err))
        st.error(markdown_text(text))
        if unsaved is not None:
            st.download_button(t("download_unsaved", lang), unsaved, file_name=f"{store.name}-unsaved.csv",
                               mime="text/csv", key=f"unsaved_{message}", on_click="ignore")
        st.button(t("reload", lang), key=f"reload_{message}", on_click=current_version,
                  args=(store, lang), kwargs={"reload": True})
        return
    log.info("Saved %s as version %s by %s (%s)%s", store.name, result.id, saved_by(), message,
             f"; the one it replaced is kept as {result.kept}" if result.kept else "")
    st.session_state[NOTICE_KEY] = t(message, lang, backup=store.version_name(result.kept, lang=lang) if result.kept else "—")
    current_version(store, lang, reload=True)
    st.session_state.pop(UPLOAD_KEY, None)
    st.rerun()


def change_table(change: Change, lang: str) -> pd.DataFrame:
    return pd.DataFrame([{t("field", lang): f.column, t("before", lang): f.old, t("after", lang): f.new}
                         for f in change.fields])


def show_changes(changes: list[Change], lang: str, key: str) -> None:
    """The counts; the first FIRST_SHOWN changes field by field; the rest "and N more", in a table
    a page at a time, so a file of 50,000 changes previews as fast as one of 50."""
    counts = summary(changes)
    st.markdown(f"**{t('changes', lang, **{k: counts.get(k, 0) for k in ('added', 'changed', 'removed')})}**")
    for change in changes[:FIRST_SHOWN]:
        label = f"{t(f'kind_{change.kind}', lang)}: {change.name} ({change.id})"
        with st.expander(markdown_text(label)):
            st.dataframe(change_table(change, lang), hide_index=True, width="stretch")
    pages = rest_pages(changes)
    if not pages:
        return
    st.markdown(markdown_text(said("changes_more", n=len(changes) - FIRST_SHOWN).text(lang)))
    page = st.number_input(said("changes_page", pages=pages).text(lang), min_value=1, max_value=pages, step=1,
                           key=f"{key}_changes_page") if pages > 1 else 1
    columns = [t(name, lang) for name in ("change_kind", "change_id", "col_name", "field", "before", "after")]
    rows = [(t(f"kind_{kind}", lang), *rest) for kind, *rest in rest_page(changes, int(page))]
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")


def time_text(saved_at: datetime | None) -> str:
    """A version's time as History shows it (the server's local time), '' when unknown."""
    return f"{saved_at.astimezone():%Y-%m-%d %H:%M:%S}" if saved_at else ""


def version_label(name: str, saved_at: datetime | None, saved_by: str, note: str, lang: str) -> str:
    """One line per version, as History lists it: when, who, which, and the note, in `lang`."""
    parts = (saved_by, name, note)
    return " · ".join([time_text(saved_at) or "—", *(record_text(part, lang) for part in parts if part)])


def version_name(store: Store, version_id: str, lang: str, current: Version | None = None) -> str:
    """A version as the store words it ('version 12'; a backup's file name, or the data file's)."""
    return store.version_name(version_id, current is not None and version_id == current.id, lang)
