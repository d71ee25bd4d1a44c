"""The data of this run: read once per version of the files, pinned for the whole run."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from partnermap.mapbuilder import partner_payload
from partnermap.publish import DataFiles, data_files
from partnermap.standalone import standalone_html
from partnerships import settings, storage
from partnerships.i18n import t
from partnerships.loading import Dataset, load_partners
from partnerships.schema import ID
from partnerships.tour import Stop, load_tour

PINNED_KEY = "_data_of_this_run"


@dataclass(frozen=True)
class LoadedData:
    dataset: Dataset
    map_data: DataFiles | None  # the partner payload the browser fetches; None when fatal
    tour: tuple[Stop, ...] = ()


# A resource, not data: pages share one copy instead of unpickling it on every call. Keyed on
# the path and the mtime and size of the data file and its companions (types, home, tour), so
# a saved file shows on the next interaction without a restart. Nothing may modify it.
@st.cache_resource(show_spinner=False, max_entries=4)
def _load_cached(path: str, versions: tuple[tuple[int, int], ...]) -> LoadedData:
    dataset = load_partners(Path(path))
    if dataset.fatal:
        return LoadedData(dataset, None)
    stops, tour_problems = load_tour(settings.tour_path_for(Path(path)), set(dataset.partners[ID]))
    dataset = replace(dataset, problems=dataset.problems + tour_problems)
    return LoadedData(dataset, data_files(partner_payload(dataset.partners, dataset.vocabulary)), tuple(stops))


def pin_data() -> None:
    """Read the data for this run, first thing in dashboard.py: every later call in the run
    gets this read, so a file saved while a page is being drawn can never give it the counts
    of one version and the map of another."""
    st.session_state[PINNED_KEY] = _read_current()


def loaded() -> LoadedData:
    """This run's data (see `pin_data`); a page run on its own reads afresh."""
    pinned = st.session_state.get(PINNED_KEY)
    return pinned if pinned is not None else _read_current()


@st.cache_resource(show_spinner=False)
def _tidied(path: str) -> tuple[Path, ...]:
    """Once per process and data file: remove what a save killed midway left behind."""
    return tuple(storage.tidy(Path(path)))


def _read_current() -> LoadedData:
    path = settings.partners_csv_path()
    _tidied(str(path))
    try:
        settings.home()
    except settings.HomeFileError as err:
        return LoadedData(Dataset(pd.DataFrame(), None, fatal=str(err)), None)
    if not path.is_file() or not settings.types_path_for(path).is_file():
        return LoadedData(load_partners(path), None)  # not cached: the message says what is wrong
    return _load_cached(str(path), settings.versions(path))


def app_title(lang: str) -> str:
    """The home city's title for the app, or a plain one while its file is broken."""
    try:
        return settings.home().title(lang)
    except settings.HomeFileError:
        return t("app_title_fallback", lang)


def load_dataset() -> Dataset:
    return loaded().dataset


@st.cache_resource(show_spinner=False, max_entries=4)
def offline_file(path: str, versions: tuple[tuple[int, int], ...], lang: str) -> bytes:
    """The map as one self-contained file, built from exactly what its cache key names: the
    data at `path` in these `versions` of its files (see settings.versions), in `lang`."""
    data = _load_cached(path, versions)
    return standalone_html(data.dataset, lang, [stop.as_json() for stop in data.tour]).encode("utf-8")
