"""Sønderborg's international partnerships: the app's entry point.

Sets up the page, draws the filters every page shares (so they hold while moving between
pages) and hands over to the chosen page.
"""
import streamlit as st

from partnerships import ui
from partnerships.i18n import t

st.set_page_config(page_title=t("app_title"), page_icon="🌍", layout="wide")
ui.apply_page_style()

dataset = ui.load_dataset()
ui.sidebar_filters(dataset)
lang = ui.language()

# Each url_path differs from its file's name: Streamlit then never mistakes a page for an
# old-style pages/ file and always runs this script (and its sidebar) first.
page = st.navigation([st.Page("pages/home.py", title=t("page_map", lang), icon="🗺️", url_path="map", default=True)])
page.run()
