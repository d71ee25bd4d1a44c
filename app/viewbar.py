"""The year and the types above the map, for screens where the sidebar is folded away.

On a tablet or a phone Streamlit folds the sidebar, and with it the year and the types: the
very controls a council member reaches for. This bar holds the same view (the same session
state as the sidebar's widgets, so the URL, the map and every page follow either) and shows
only while the sidebar is folded.
"""
from __future__ import annotations

import streamlit as st

from app.sidebar import type_filter
from app.state import MODE_KEY, TYPES_KEY, YEAR_KEY, year_bounds
from partnerships.filtering import YearMode
from partnerships.i18n import t
from partnerships.loading import Dataset

BAR_KEY = "view_bar"
PLACE = "bar"  # the bar's own widget keys: bar_year, bar_mode, bar_types_0, …
YEAR_HERE, MODE_HERE = f"{PLACE}_year", f"{PLACE}_mode"
# Streamlit marks the folded sidebar with data-collapsed="true"; the bar shows only then.
BAR_STYLE = f"""<style>
.st-key-{BAR_KEY} {{ display: none; }}
body:has([data-testid="stSidebar"][data-collapsed="true"]) .st-key-{BAR_KEY} {{ display: flex; }}
body:has([data-testid="stSidebar"][data-collapsed="true"]) iframe[title="streamlit_folium.st_folium"] {{
  height: max(420px, calc(100vh - 270px)) !important; }}
</style>"""


def view_bar(dataset: Dataset, lang: str) -> None:
    """The year slider and a Filters button (types and year mode) in one row above the map."""
    if dataset.vocabulary is None or dataset.fatal:
        return
    low, high = year_bounds(dataset)
    st.session_state[YEAR_HERE] = st.session_state.get(YEAR_KEY, high)
    st.session_state[MODE_HERE] = st.session_state.get(MODE_KEY, YearMode.ACTIVE.value)
    st.html(BAR_STYLE)
    names = dataset.vocabulary.names
    used = dataset.types_used
    chosen = [name for name in st.session_state.setdefault(TYPES_KEY, list(names)) if name in used]
    with st.container(key=BAR_KEY, horizontal=True, vertical_alignment="bottom", gap="small"):
        st.slider(t("filter_year", lang), min_value=low, max_value=high, key=YEAR_HERE,
                  on_change=_copy, args=(YEAR_HERE, YEAR_KEY))
        with st.popover(t("filter_bar", lang, chosen=len(chosen), used=len(used)), width="content"):
            type_filter(dataset.vocabulary, lang, used, place=PLACE)
            st.radio(t("filter_mode", lang), [m.value for m in YearMode], key=MODE_HERE,
                     format_func=lambda mode: t(f"mode_{mode}", lang), on_change=_copy, args=(MODE_HERE, MODE_KEY))


def _copy(source: str, target: str) -> None:
    """A widget here moved: the view (the sidebar's state) takes its value."""
    st.session_state[target] = st.session_state[source]
