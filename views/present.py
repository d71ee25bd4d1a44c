"""Presentation mode (?mode=present): the map alone, full screen, with player and tour."""
import streamlit as st

from partnerships import ui
from partnerships.escape import markdown_text

lang = ui.language()
dataset = ui.load_dataset()

if dataset.fatal:
    st.error(markdown_text(dataset.fatal))
    st.stop()
ui.present_map(dataset, lang)
