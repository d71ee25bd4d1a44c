"""The map: partners in view with their arcs from Sønderborg, counts, and a partner's details."""
import streamlit as st

from partnerships import settings, ui
from partnerships.escape import markdown_text
from partnerships.filtering import filter_partners
from partnerships.i18n import t
from partnerships.summary import describe_view

lang = ui.language()
dataset = ui.load_dataset()

ui.page_start(dataset, lang, ui.app_title(lang), "" if dataset.fatal else settings.home().subtitle(lang))

view = ui.current_view(dataset)
shown = filter_partners(dataset.partners, view)
if shown.empty:
    st.info(t("none_in_view", lang))

# The last click is known before the map is drawn, so the map opens the same partner.
selected = ui.selected_partner(dataset, shown, st.session_state.get(ui.MAP_KEY))
map_column, side_column = st.columns([4, 1], gap="medium")
with map_column:
    ui.partner_map(dataset, view, lang)
    st.markdown(markdown_text(describe_view(shown, view, dataset.vocabulary, lang)))
    ui.share_link(dataset, lang)
with side_column:
    ui.show_counts(shown, view.year, lang)
    ui.show_partner(selected, dataset, lang)
