"""The Streamlit side of the app: cached loading, the shared filters, and drawing helpers.

The only module of the domain that imports streamlit. Pages call these functions and stay
thin; every decision they need lives in plain functions elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.assets import DataFiles, data_files, publish_data, served_links
from geo.mapbuilder import base_map, map_view, partner_layer, partner_payload, story_options
from geo.standalone import standalone_html
from partnerships import settings, storage, urlstate
from partnerships.columns import country_name_column
from partnerships.escape import markdown_text, safe_url, slug
from partnerships.exports import excel_csv, xlsx
from partnerships.filtering import View, YearMode, count, filter_partners, partner_at, year_range
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, t
from partnerships.loading import Dataset, load_partners
from partnerships.problems import ERROR, NOTE, WARNING
from partnerships.tour import Stop, load_tour
from partnerships.schema import (
    CITY, DESCRIPTION, DESCRIPTION_DA, END_YEAR, ID, MILESTONES, NAME, START_YEAR, TYPE, URL,
)

MAP_PAGE = "views/home.py"
TYPES_KEY = "types"
YEAR_KEY = "year"
MODE_KEY = "year_mode"
LANG_KEY = "lang"
PARTNER_KEY = "partner"
MAP_KEY = "partner_map"
LAST_CLICK_KEY = "_last_map_click"
URL_READ_KEY = "_url_read"
PINNED_KEY = "_data_of_this_run"
# Every page lists the file's problems; a generated file of 50,000 rows has 13,000 warnings,
# which would make every page megabytes. The Manage data page lists them all.
PROBLEMS_ON_EVERY_PAGE = 200
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, NOTE: 2}
MAP_HEIGHT = 560  # before the page style below sizes the map to the window
# Less white space above the title, and a map as tall as the window allows (the map fills
# its frame, see partner_map.css): a laptop needs no scrolling, a projector no empty half.
PAGE_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-bottom: 1rem; }
iframe[title="streamlit_folium.st_folium"] { height: max(420px, calc(100vh - 190px)) !important; }
</style>"""
# Only a click on a partner reruns the page; panning and zooming stay in the browser.
MAP_RETURNS = ["last_object_clicked", "last_object_clicked_tooltip"]


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


def _loaded() -> LoadedData:
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
    return _loaded().dataset


def apply_page_style() -> None:
    st.html(PAGE_STYLE)


def language() -> str:
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _year_bounds(dataset: Dataset) -> tuple[int, int]:
    low, high = year_range(dataset.partners, settings.current_year())
    return (low, high) if low < high else (high - 1, high)


def current_view(dataset: Dataset) -> View:
    """The view the sidebar holds; defaults (all types, this year) when a page runs alone."""
    names = dataset.vocabulary.names if dataset.vocabulary else []
    low, high = _year_bounds(dataset)
    chosen = st.session_state.get(TYPES_KEY, names)
    year = min(max(int(st.session_state.get(YEAR_KEY, high)), low), high)
    mode = YearMode(st.session_state.get(MODE_KEY, YearMode.ACTIVE.value))
    return View(tuple(name for name in chosen if name in names), year, mode)


def restore_view_from_url(dataset: Dataset) -> None:
    """On a session's first run, the view a link asks for (else the browser's language)."""
    if st.session_state.get(URL_READ_KEY):
        return
    st.session_state[URL_READ_KEY] = True
    found = {}
    if dataset.vocabulary is not None:
        found = urlstate.view_from_params(st.query_params.to_dict(), dataset.vocabulary, _year_bounds(dataset))
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
        low, high = _year_bounds(dataset)
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


def page_start(dataset: Dataset, lang: str, title: str, caption: str = "") -> None:
    """Every page's top: its title, a caption, the data file's status; stops on a fatal file."""
    st.title(title, anchor=False)
    if caption:
        st.caption(caption)
    show_data_status(dataset, lang)
    if dataset.fatal:
        st.stop()


def show_data_status(dataset: Dataset, lang: str) -> None:
    """One clear message for a file that cannot be used; a list of the rows left out."""
    if dataset.fatal:
        st.error(f"**{t('data_fatal', lang)}**\n\n{markdown_text(dataset.fatal)}")
        st.caption(markdown_text(t("data_file", lang, path=settings.partners_csv_path())))
        return
    if not dataset.problems:
        return
    label = (t("data_problems", lang, rows=dataset.rows_with_errors) if dataset.errors
             else t("data_warnings", lang))
    with st.expander(label, expanded=False, icon="⚠️"):
        st.dataframe(problem_table(dataset, lang, limit=PROBLEMS_ON_EVERY_PAGE), hide_index=True, width="stretch")
        if len(dataset.problems) > PROBLEMS_ON_EVERY_PAGE:
            st.caption(t("problems_more", lang, shown=PROBLEMS_ON_EVERY_PAGE, total=len(dataset.problems),
                         page=t("page_manage", lang)))


def problem_table(dataset: Dataset, lang: str, limit: int | None = None) -> pd.DataFrame:
    """The problems as a table staff can sort, headed and worded in their language. With
    `limit`, the most serious first: errors (rows left off the map), warnings, then notes."""
    problems = dataset.problems
    if limit is not None and len(problems) > limit:
        problems = sorted(problems, key=lambda p: SEVERITY_ORDER[p.severity])[:limit]
    rows = [(p.row, p.column or "", p.message, t(f"severity_{p.severity}", lang)) for p in problems]
    headers = [t(key, lang) for key in ("problem_row", "problem_column", "problem_text", "problem_severity")]
    return pd.DataFrame(rows, columns=headers).astype({headers[0]: "Int64"})


def static_base_url() -> str:
    base = st.get_option("server.baseUrlPath").strip("/")
    return "/" + "/".join(filter(None, [base, "app/static"])) + "/"


def partner_map(dataset: Dataset, view: View, lang: str) -> dict | None:
    """Draw the map; returns what streamlit-folium reports of the last click.

    The base map is the same on every run and the partner layer names the cached data file
    and the view, so a filter change sends a few hundred bytes and never re-mounts the map.
    """
    map_data = _loaded().map_data
    base_url = static_base_url()
    publish_data(map_data)
    fmap = base_map(dataset.vocabulary, served_links(base_url), lang)
    return st_folium(
        fmap,
        key=MAP_KEY,
        feature_group_to_add=partner_layer(map_data.url(base_url),
                                           map_view(view, dataset.vocabulary, lang, st.session_state.get(PARTNER_KEY))),
        returned_objects=MAP_RETURNS,
        width="stretch",
        height=MAP_HEIGHT,
    )


PRESENT_KEY = "present_map"
PRESENT_MODE = "present"  # ?mode=present (CONTRACT.md)
# Presentation mode: nothing but the map, the whole window.
PRESENT_STYLE = """<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
[data-testid="stAppViewContainer"] > section { padding: 0 !important; }
iframe[title="streamlit_folium.st_folium"] { height: 100vh !important; }
</style>"""


def present_map(dataset: Dataset, lang: str) -> None:
    """The whole story on the whole screen: every type, the latest year, player and tour."""
    loaded = _loaded()
    base_url = static_base_url()
    publish_data(loaded.map_data)
    st.html(PRESENT_STYLE)
    years = _year_bounds(dataset)
    story = story_options(years, [stop.as_json() for stop in loaded.tour], lang, present=True)
    view = View(tuple(dataset.vocabulary.names), years[1], YearMode.ACTIVE)
    st_folium(
        base_map(dataset.vocabulary, served_links(base_url), lang, story=story),
        key=PRESENT_KEY,
        feature_group_to_add=partner_layer(loaded.map_data.url(base_url), map_view(view, dataset.vocabulary, lang)),
        returned_objects=[],
        width="stretch",
        height=MAP_HEIGHT,
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _offline_file(path: str, versions: tuple, lang: str) -> bytes:
    loaded = _loaded()
    return standalone_html(loaded.dataset, lang, [stop.as_json() for stop in loaded.tour]).encode("utf-8")


def presenting_links(dataset: Dataset, lang: str) -> None:
    """For presenters: the full-screen mode, and the map as one file for when all else fails
    (built only when someone asks for it)."""
    if dataset.fatal:
        return
    st.link_button(t("present", lang), f"?mode=present&lang={lang}", help=t("present_help", lang),
                   icon=":material/slideshow:", width="stretch")
    path = settings.partners_csv_path()
    key = (str(path), settings.versions(path), lang)
    st.download_button(t("download_map", lang), lambda: _offline_file(*key),
                       file_name=f"{slug(settings.home().name)}-partnerships-{lang}.html", mime="text/html",
                       help=t("download_map_help", lang), icon=":material/download:",
                       width="stretch", key="offline_file", on_click="ignore")


def inline_map(partners: pd.DataFrame, vocabulary, lang: str, key: str, height: int,
               selected: str | None = None) -> None:
    """A small map of a few partners with their data inlined: a preview or a profile."""
    view = View(tuple(vocabulary.names), settings.current_year(), YearMode.BEGUN)
    st_folium(
        base_map(vocabulary, served_links(static_base_url()), lang),
        key=key,
        feature_group_to_add=partner_layer(partner_payload(partners, vocabulary),
                                           map_view(view, vocabulary, lang, selected)),
        returned_objects=[],
        width="stretch",
        height=height,
    )


def show_counts(shown: pd.DataFrame, year: int, lang: str) -> None:
    counts = count(shown, year)
    st.metric(t("metric_partnerships", lang), counts.partnerships)
    st.metric(t("metric_countries", lang), counts.countries)
    st.metric(t("metric_begun", lang, year=year), counts.begun_this_year)


def show_partner(partner: pd.Series | None, dataset: Dataset, lang: str) -> None:
    """The details of one partner as text; everything from the data is escaped."""
    st.subheader(t("details", lang), anchor=False)
    if partner is None:
        st.caption(t("details_hint", lang))
        return
    danish = lang == "da"
    country = partner.get(country_name_column(lang))
    description = (partner.get(DESCRIPTION_DA) if danish else "") or partner.get(DESCRIPTION) or ""
    kind = dataset.vocabulary.get(partner[TYPE]).label(lang)
    end = partner[END_YEAR]
    years = t("since", lang, start=partner[START_YEAR]) if pd.isna(end) else f"{partner[START_YEAR]}–{end}"
    lines = [
        f"#### {markdown_text(partner[NAME])}",
        f"**{t('type', lang)}:** {markdown_text(kind)}  ",
        f"**{t('place', lang)}:** {markdown_text(partner[CITY])}, {markdown_text(country)}  ",
        f"**{t('years', lang)}:** {markdown_text(years)}",
    ]
    if description:
        lines.append(markdown_text(description))
    st.markdown("\n".join(lines))
    milestones = [m.strip() for m in str(partner.get(MILESTONES) or "").split("|") if m.strip()]
    if milestones:
        st.markdown(f"**{t('milestones', lang)}**\n\n" + "\n".join(f"- {markdown_text(m)}" for m in milestones))
    url = safe_url(partner.get(URL))
    if url:
        st.link_button(t("website", lang), url)


def selected_partner(dataset: Dataset, shown: pd.DataFrame, clicked: dict | None) -> pd.Series | None:
    """The partner last clicked on the map (kept while it stays in view).

    streamlit-folium repeats the last click on every rerun, so only a new click counts.
    """
    click = clicked and (clicked.get("last_object_clicked_tooltip"), clicked.get("last_object_clicked"))
    if click and all(click) and click != st.session_state.get(LAST_CLICK_KEY):
        st.session_state[LAST_CLICK_KEY] = click
        found = partner_at(shown, click[0], click[1]["lat"], click[1]["lng"])
        if found is not None:
            st.session_state[PARTNER_KEY] = found
    chosen = st.session_state.get(PARTNER_KEY)
    matches = shown[shown[ID] == chosen]
    return matches.iloc[0] if len(matches) else None



# --- the partners table ------------------------------------------------------------------------

TABLE_KEY = "partners_table"
SEARCH_KEY = "search"
GO_TO_MAP_KEY = "_go_to_map"
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
        st.session_state[YEAR_KEY] = _year_bounds(dataset)[1]
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
