"""All partners in a table to search, sort and download; a profile for the one chosen."""
import streamlit as st

from app import data, page, partners, state
from partnerships.escape import markdown_text
from partnerships.filtering import of_types
from partnerships.i18n import t
from partnerships.table import display_table, search

lang = state.language()
dataset = data.load_dataset()

page.page_start(dataset, lang, t("partners_title", lang))

chosen_types = of_types(dataset.partners, state.current_view(dataset).types)
query = st.text_input(t("search", lang), key=partners.SEARCH_KEY)
table = display_table(search(chosen_types, query), dataset.vocabulary, lang)
st.caption(t("partners_caption", lang, shown=len(table), total=len(chosen_types)))
if table.empty and query:
    st.info(t("no_match", lang, query=markdown_text(query)))
chosen = partners.partners_table(table, lang)
partners.print_table(table, lang)
partners.table_downloads(table, lang)
if chosen:
    partners.show_profile(chosen, dataset, lang)
