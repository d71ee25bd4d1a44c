"""Presentation mode (?mode=present): the map alone, full screen, with player and tour."""
import streamlit as st

from app import data, maps, state
from partnerships.escape import markdown_text

lang = state.language()
dataset = data.load_dataset()

if dataset.fatal:
    st.error(markdown_text(dataset.fatal.text(lang)))
    st.stop()
maps.present_map(dataset, lang)
