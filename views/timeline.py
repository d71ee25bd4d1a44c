"""Timeline: every partnership of the chosen types from its first year to its last, the sidebar's year marked."""
import streamlit as st

from app import data, page, state
from partnerships import settings
from partnerships.escape import markdown_text
from partnerships.i18n import t
from partnerships.filtering import of_types
from partnerships.summary import join_words
from partnerships.timeline import cap_note, gantt_frame, milestones_frame, timeline_summary, year_unknown
from partnerships.timeline_chart import gantt_chart

lang = state.language()
dataset = data.load_dataset()

page.page_start(dataset, lang, t("timeline_title", lang), t("timeline_caption", lang))

view = state.current_view(dataset)
partners = of_types(dataset.partners, view.types)
gantt = gantt_frame(partners, dataset.vocabulary, lang, settings.current_year())
unknown = year_unknown(partners, lang)
if unknown:
    st.caption(markdown_text(t("timeline_year_unknown", lang, n=len(unknown), names=join_words(unknown, lang))))
if gantt.empty:
    st.info(t("timeline_empty", lang))
    st.stop()

note = cap_note(gantt, lang)
if note:
    st.caption(note)
st.altair_chart(gantt_chart(gantt, milestones_frame(partners), view.year, lang), width="stretch")
st.markdown(markdown_text(timeline_summary(gantt, lang)))
