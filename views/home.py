"""The map: partners in view with their arcs from Sønderborg, counts, and a partner's details."""
import streamlit as st

from app import data, details, maps, page, state
from partnerships import settings
from partnerships.escape import markdown_text
from partnerships.filtering import filter_partners
from partnerships.i18n import t
from partnerships.summary import describe_view

lang = state.language()
dataset = data.load_dataset()

page.page_start(dataset, lang, data.app_title(lang), "" if dataset.fatal else settings.home().subtitle(lang))

view = state.current_view(dataset)
shown = filter_partners(dataset.partners, view)
# Always one element here, so that the map after it keeps its place on the page and is never
# mounted afresh when a view leaves nothing and back.
notice = st.empty()
if shown.empty:
    notice.info(t("none_in_view", lang))

# The last click is known before the map is drawn, so the map opens the same partner.
selected = details.selected_partner(dataset, shown, st.session_state.get(state.MAP_KEY))
map_column, side_column = st.columns([4, 1], gap="medium")
with map_column:
    maps.partner_map(dataset, view, lang)
    st.markdown(markdown_text(describe_view(shown, view, dataset.vocabulary, lang)))
    state.share_link(dataset, lang)
with side_column:
    details.show_counts(shown, view.year, lang)
    details.show_partner(selected, dataset, lang, beside_popup=True)
