"""The filters every page shares, drawn once in dashboard.py, and the way into presenting."""
from __future__ import annotations

import streamlit as st

from app.data import offline_file
from app.state import LANG_KEY, MODE_KEY, TYPES_KEY, YEAR_KEY, language, restore_view_from_url, year_bounds
from geo.text import slug
from partnerships import settings
from partnerships.filtering import YearMode
from partnerships.i18n import LANGUAGE_NAMES, LANGUAGES, t
from partnerships.loading import Dataset


def sidebar_filters(dataset: Dataset) -> None:
    """The filters shared by every page, drawn once in dashboard.py."""
    restore_view_from_url(dataset)
    with st.sidebar:
        st.radio(t("language"), LANGUAGES, key=LANG_KEY, horizontal=True, format_func=LANGUAGE_NAMES.get)
        lang = language()
        if dataset.vocabulary is None:
            return
        st.header(t("filters", lang))
        names = dataset.vocabulary.names
        low, high = year_bounds(dataset)
        # Widgets take their values from session state only, set here before they are drawn:
        # all types and this year at first; vanished types and out-of-range years mended.
        st.session_state[TYPES_KEY] = [n for n in st.session_state.get(TYPES_KEY, names) if n in names]
        st.session_state[YEAR_KEY] = min(max(st.session_state.get(YEAR_KEY, high), low), high)
        st.multiselect(t("filter_types", lang), names, key=TYPES_KEY,
                       format_func=lambda name: dataset.vocabulary.get(name).label(lang))
        st.slider(t("filter_year", lang), min_value=low, max_value=high, key=YEAR_KEY)
        st.radio(t("filter_mode", lang), [m.value for m in YearMode], key=MODE_KEY,
                 format_func=lambda mode: t(f"mode_{mode}", lang))
        st.divider()
        presenting_links(dataset, lang)


def presenting_links(dataset: Dataset, lang: str) -> None:
    """For presenters: the full-screen mode, and the map as one file for when all else fails
    (built only when someone asks for it)."""
    if dataset.fatal:
        return
    st.link_button(t("present", lang), f"?mode=present&lang={lang}", help=t("present_help", lang),
                   icon=":material/slideshow:", width="stretch")
    path = settings.partners_csv_path()
    key = (str(path), settings.versions(path), lang)
    st.download_button(t("download_map", lang), lambda: offline_file(*key),
                       file_name=f"{slug(settings.home().name)}-partnerships-{lang}.html", mime="text/html",
                       help=t("download_map_help", lang), icon=":material/download:",
                       width="stretch", key="offline_file", on_click="ignore")
