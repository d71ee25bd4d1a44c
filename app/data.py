"""The data of this run: read once per version of the data, pinned for the whole run.

A version is the data file's (mtime, size) with the file store, and the current version id
with the database store: one cheap query per rerun, so a save on any replica shows on every
viewer's next interaction. When the database cannot be reached, the last version this
process loaded is shown under a warning, never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from app.state import language
from app.store import store_or_message, unreachable
from partnermap.mapbuilder import partner_payload
from partnermap.publish import DataFiles, data_files
from partnermap.standalone import standalone_html
from partnerships import settings, storage
from partnerships.filtering import View
from partnerships.i18n import t
from partnerships.loading import Dataset, load_partners
from partnerships.messages import Message, said, verbatim
from partnerships.schema import ID
from partnerships.stores import Store, StoreUnavailable, load_version, seed
from partnerships.tour import Stop, load_tour

PINNED_KEY = "_data_of_this_run"
SEEDED_BY = "the app's first start"


@dataclass(frozen=True)
class LoadedData:
    dataset: Dataset
    map_data: DataFiles | None  # the partner payload the browser fetches; None when fatal
    tour: tuple[Stop, ...] = ()
    source: tuple = ()  # what it was read from (its cache key), so the offline file names the same
    unavailable: str | None = None  # why the store could not be asked: this is an older read


# The last data each store gave this process, shown while that store cannot be reached.
_LAST_LOADED: dict[str, LoadedData] = {}


def _finish(dataset: Dataset, path: Path, source: tuple) -> LoadedData:
    """The tour and the browser's data files for a validated dataset."""
    if dataset.fatal:
        return LoadedData(dataset, None, source=source)
    stops, tour_problems = load_tour(settings.tour_path_for(path), set(dataset.partners[ID]))
    dataset = replace(dataset, problems=dataset.problems + tour_problems)
    payload = data_files(partner_payload(dataset.partners, dataset.vocabulary))
    return LoadedData(dataset, payload, tuple(stops), source)


# Resources, not data: pages share one copy instead of unpickling it on every call. Keyed on
# what changes with a version: the data file's path and the mtime and size of it and its
# companions (types, home, tour), or the store's current version id and the companions. So a
# save shows on the next interaction without a restart. Nothing may modify what they return.
@st.cache_resource(show_spinner=False, max_entries=4)
def _load_cached(path: str, versions: tuple[tuple[int, int], ...]) -> LoadedData:
    return _finish(load_partners(Path(path)), Path(path), ("file", path, versions))


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_stored(_store: Store, key: str, version_id: str, companions: tuple[tuple[int, int], ...]) -> LoadedData:
    path = settings.partners_csv_path()
    content = _store.read(version_id).content
    return _finish(load_version(content, path), path, ("store", key, version_id, companions))


def pin_data() -> None:
    """Read the data for this run, first thing in dashboard.py: every later call in the run
    gets this read, so a save while a page is being drawn can never give it the counts of one
    version and the map of another. A store that cannot be reached is said here, on every page."""
    data = _read_current()
    st.session_state[PINNED_KEY] = data
    if data.unavailable:
        st.warning(t("store_unavailable", language(), reason=data.unavailable))


def loaded() -> LoadedData:
    """This run's data (see `pin_data`); a page run on its own reads afresh."""
    pinned = st.session_state.get(PINNED_KEY)
    return pinned if pinned is not None else _read_current()


@st.cache_resource(show_spinner=False)
def _tidied(path: str) -> tuple[Path, ...]:
    """Once per process and data file: remove what a save killed midway left behind."""
    return tuple(storage.tidy(Path(path)))


def _fatal(message: Message) -> LoadedData:
    return LoadedData(Dataset(pd.DataFrame(), None, fatal=message), None)


def _read_current() -> LoadedData:
    path = settings.partners_csv_path()
    try:
        settings.home()
    except settings.HomeFileError as err:
        return _fatal(err.message)
    store, problem = store_or_message()
    if store is None:
        return _fatal(verbatim(problem))
    if store.data_path is None:  # a database: one query for its version, the rest cached
        return _read_stored(store, path)
    _tidied(str(path))
    if not path.is_file() or not settings.types_path_for(path).is_file():
        return LoadedData(load_partners(path), None)  # not cached: the message says what is wrong
    return _load_cached(str(path), settings.versions(path))


def _read_stored(store: Store, path: Path) -> LoadedData:
    """The store's current version: one query for its id, the rest from the cache. An empty
    store is given the data file as its first version."""
    try:
        version_id = store.head()
        if not version_id and seed(store, path, SEEDED_BY):
            version_id = store.head()
        if not version_id:
            return _fatal(said("store_empty", path=path.name))
        data = _load_stored(store, store.key, version_id, settings.versions(path)[1:])
    except StoreUnavailable as err:
        last = _LAST_LOADED.get(store.key)
        reason = unreachable(err, language())
        return _fatal(verbatim(reason)) if last is None else replace(last, unavailable=reason)
    _LAST_LOADED[store.key] = data
    return data


def app_title(lang: str) -> str:
    """The home city's title for the app, or a plain one while its file is broken."""
    try:
        return settings.home().title(lang)
    except settings.HomeFileError:
        return t("app_title_fallback", lang)


def load_dataset() -> Dataset:
    return loaded().dataset


@st.cache_resource(show_spinner=False, max_entries=4)
def offline_file(_data: LoadedData, source: tuple, lang: str, view: View) -> bytes:
    """The map of `_data` as one self-contained file in `lang`, opening on `view`, cached on
    `source`, which names exactly what `_data` was read from (see LoadedData.source)."""
    return standalone_html(_data.dataset, lang, [stop.as_json() for stop in _data.tour], view).encode("utf-8")


@st.cache_resource(show_spinner=False, max_entries=8)
def picture_file(_data: LoadedData, source: tuple, lang: str, view: View) -> bytes:
    """The picture of `view` (PNG, 1920×1080), made when someone asks for it, cached like `offline_file`."""
    from partnermap.picture import picture  # matplotlib: loaded by the first who asks

    return picture(_data.dataset, view, lang, "png")


@st.cache_resource(show_spinner=False, max_entries=8)
def handout_file(_data: LoadedData, source: tuple, lang: str, view: View) -> bytes:
    """The one-page handout of `view` (PDF), made when someone asks for it, cached like `offline_file`."""
    from partnermap.handout import handout  # fpdf2 and matplotlib: loaded by the first who asks

    return handout(_data.dataset, view, lang)[0]
