"""Sønderborg's international partnerships: the app's entry point.

Sets up the page, draws the filters every page shares (so they hold while moving between
pages) and hands over to the chosen page; `?mode=present` shows the map alone instead.
"""
import streamlit as st

from app import data, logs, page, sidebar, state
from partnerships.i18n import t

logs.show_our_logs()
presenting = st.query_params.get(state.PRESENT_PARAM) == state.PRESENT_MODE
st.set_page_config(page_title=data.app_title(state.language()), page_icon="🌍", layout="wide",
                   initial_sidebar_state="collapsed" if presenting else "auto")
data.pin_data()
dataset = data.load_dataset()

if presenting:
    state.restore_view_from_url(dataset)
    lang = state.language()
    st.navigation([st.Page("views/present.py", title=data.app_title(lang), url_path="present")],
                  position="hidden").run()
else:
    page.apply_page_style()
    sidebar.sidebar_filters(dataset)
    lang = state.language()
    # The pages live in views/, not pages/: Streamlit gives a folder called pages/ its old
    # multipage meaning, which overrides st.navigation (direct links say "page not found",
    # and a rerun may run a page without this script and its sidebar).
    chosen = st.navigation([
        st.Page("views/home.py", title=t("page_map", lang), icon=":material/map:", url_path="map", default=True),
        st.Page("views/partners.py", title=t("page_partners", lang), icon=":material/table_rows:",
                url_path="partners"),
        st.Page("views/charts.py", title=t("page_charts", lang), icon=":material/bar_chart:", url_path="charts"),
        st.Page("views/timeline.py", title=t("page_timeline", lang), icon=":material/timeline:", url_path="timeline"),
        st.Page("views/manage.py", title=t("page_manage", lang), icon=":material/edit_note:", url_path="manage"),
    ])
    # The URL is written before the page runs, when the sidebar's widgets are final: a page may
    # st.stop() (the timeline with no type chosen), and after a stop Streamlit sends nothing more
    # (its next message raises the stop again, so a `finally` would not reach the browser). It
    # is written again after the page, which may open a partner (a click on the map).
    state.update_url(dataset)
    chosen.run()
    state.update_url(dataset)
