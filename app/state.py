"""The session's view (types, year, mode, language, opened partner) and the URL that names it."""
from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from partnerships import settings, urlstate
from partnerships.filtering import View, YearMode, default_year, year_range
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from partnerships.loading import Dataset

MAP_PAGE = "views/home.py"
TYPES_KEY = "types"
YEAR_KEY = "year"
MODE_KEY = "year_mode"
LANG_KEY = "lang"
PARTNER_KEY = "partner"
MAP_KEY = "partner_map"
LAST_CLICK_KEY = "_last_map_click"
URL_READ_KEY = "_url_read"
PRESENT_MODE = "present"  # ?mode=present (CONTRACT.md)


def language() -> str:
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def year_bounds(dataset: Dataset) -> tuple[int, int]:
    low, high = year_range(dataset.partners, settings.current_year())
    return (low, high) if low < high else (high - 1, high)


def first_year(dataset: Dataset) -> int:
    """The year a new visitor sees: the last one the sources confirm (filtering.default_year)."""
    low, high = year_bounds(dataset)
    return max(default_year(dataset.partners, high), low)


def current_view(dataset: Dataset) -> View:
    """The view the sidebar holds; defaults (all types, this year) when a page runs alone."""
    names = dataset.vocabulary.names if dataset.vocabulary else []
    low, high = year_bounds(dataset)
    chosen = st.session_state.get(TYPES_KEY, names)
    year = min(max(int(st.session_state.get(YEAR_KEY, first_year(dataset))), low), high)
    mode = YearMode(st.session_state.get(MODE_KEY, YearMode.ACTIVE.value))
    return View(tuple(name for name in chosen if name in names), year, mode)


def restore_view_from_url(dataset: Dataset) -> None:
    """On a session's first run, the view a link asks for (else the browser's language)."""
    if st.session_state.get(URL_READ_KEY):
        return
    st.session_state[URL_READ_KEY] = True
    found = {}
    if dataset.vocabulary is not None:
        found = urlstate.view_from_params(st.query_params.to_dict(), dataset.vocabulary, year_bounds(dataset))
    keys = {urlstate.YEAR: YEAR_KEY, urlstate.TYPES: TYPES_KEY, urlstate.LANG: LANG_KEY,
            urlstate.MODE: MODE_KEY, urlstate.PARTNER: PARTNER_KEY}
    for name, value in found.items():
        st.session_state[keys[name]] = value
    if urlstate.LANG not in found:
        st.session_state[LANG_KEY] = urlstate.language_from_locale(st.context.locale) or DEFAULT_LANGUAGE


def view_params(dataset: Dataset) -> dict[str, str]:
    """The URL parameters of what this session shows now."""
    if dataset.vocabulary is None:
        return {}
    return urlstate.params_for(current_view(dataset), language(), st.session_state.get(PARTNER_KEY), dataset.vocabulary)


def update_url(dataset: Dataset) -> None:
    """Moving a widget updates the address bar, so the URL always names the view."""
    params = view_params(dataset)
    if params and st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def share_link(dataset: Dataset, lang: str) -> None:
    """The address of this exact view, with the code block's copy button."""
    parts = urlsplit(st.context.url or "")
    if not parts.netloc:
        return
    link = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(view_params(dataset)), ""))
    st.caption(f"{t('copy_link', lang)} · {t('copy_link_help', lang)}")
    st.code(link, language=None, wrap_lines=True)
