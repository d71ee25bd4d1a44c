"""The maps on the pages: the big one, presentation mode, and small inline ones."""
from __future__ import annotations

import html
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app.data import loaded
from app.state import MAP_KEY, PARTNER_KEY, current_view, view_params, year_bounds
from partnermap.mapbuilder import base_map, map_view, partner_layer, partner_payload, story_options
from partnermap.publish import publish_data, served_links
from partnerships import settings
from partnerships.filtering import View, YearMode
from partnerships.loading import Dataset

MAP_HEIGHT = 560  # before the page style below sizes the map to the window
# Only a click on a partner reruns the page; panning and zooming stay in the browser.
MAP_RETURNS = ["last_object_clicked", "last_object_clicked_tooltip"]
PRESENT_KEY = "present_map"
EXIT_LINK = ".pm-exit-link"  # the page's link out of presentation mode, which the map's Exit follows
# Presentation mode: nothing but the map, the whole window.
PRESENT_STYLE = """<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
[data-testid="stAppViewContainer"] > section { padding: 0 !important; }
iframe[title="streamlit_folium.st_folium"] { height: 100vh !important; }
[data-testid="stElementContainer"]:has(.pm-exit-link) { display: none; }
</style>"""


def static_base_url() -> str:
    base = st.get_option("server.baseUrlPath").strip("/")
    return "/" + "/".join(filter(None, [base, "app/static"])) + "/"


def partner_map(dataset: Dataset, view: View, lang: str) -> dict | None:
    """Draw the map; returns what streamlit-folium reports of the last click.

    The base map is the same on every run and the partner layer names the cached data file
    and the view, so a filter change sends a few hundred bytes and never re-mounts the map.
    """
    map_data = loaded().map_data
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


def present_map(dataset: Dataset, lang: str) -> None:
    """The whole story on the whole screen, opening on the view it was started from (the link
    names it), with player and tour; Exit and Esc lead back to that view on the map page."""
    data = loaded()
    base_url = static_base_url()
    publish_data(data.map_data)
    st.html(PRESENT_STYLE + exit_link_html(view_params(dataset)))
    years = year_bounds(dataset)
    story = story_options(years, [stop.as_json() for stop in data.tour], lang, present=True, exit_link=EXIT_LINK)
    view = current_view(dataset)
    st_folium(
        base_map(dataset.vocabulary, served_links(base_url), lang, story=story),
        key=PRESENT_KEY,
        feature_group_to_add=partner_layer(data.map_data.url(base_url), map_view(view, dataset.vocabulary, lang)),
        returned_objects=[],
        width="stretch",
        height=MAP_HEIGHT,
    )


def exit_link_html(params: dict[str, str]) -> str:
    """The way out of presentation mode, to the map page on the same view. Hidden: the map's
    own Exit button and Esc follow it (story.js)."""
    return f'<a class="{EXIT_LINK[1:]}" href="{html.escape("?" + urlencode(params))}" target="_self" hidden></a>'


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
