"""Staff keep the partner list: check it, fix it in the browser or upload it, save, undo."""
import streamlit as st

from app import data, manage, signin, state
from partnerships.escape import markdown_text
from partnerships.i18n import t

lang = state.language()
dataset = data.load_dataset()

st.title(t("manage_title", lang), anchor=False)
if signin.unlocked(lang):
    if dataset.vocabulary is None:
        st.error(markdown_text(dataset.fatal.text(lang)))
    else:
        manage.manage_page(dataset.vocabulary, lang)
