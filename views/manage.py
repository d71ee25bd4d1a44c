"""Staff keep the partner list: check it, fix it in the browser or upload it, save, undo."""
import streamlit as st

from partnerships import ui
from partnerships.escape import markdown_text
from partnerships.i18n import t
from partnerships.ui import manage

lang = ui.language()
dataset = ui.load_dataset()

st.title(t("manage_title", lang), anchor=False)
if manage.unlocked(lang):
    if dataset.vocabulary is None:
        st.error(markdown_text(dataset.fatal))
    else:
        manage.manage_page(dataset.vocabulary, lang)
