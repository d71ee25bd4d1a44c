"""The filters every page shares, drawn once in dashboard.py, and the way into presenting."""
from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from app.data import handout_file, loaded, offline_file, picture_file
from app.state import (
    LANG_KEY, MODE_KEY, PRESENT_MODE, PRESENT_PARAM, TYPES_KEY, YEAR_KEY, current_view, first_year, language,
    restore_view_from_url, view_params, year_bounds,
)
from geo.text import slug
from partnerships import settings
from partnerships.escape import markdown_text
from partnerships.filtering import YearMode
from partnerships.i18n import LANGUAGE_NAMES, LANGUAGES, t
from partnerships.loading import Dataset
from partnerships.style import type_styles
from partnerships.symbols import symbol_image
from partnerships.vocabulary import Vocabulary


def sidebar_filters(dataset: Dataset) -> None:
    """The filters shared by every page, drawn once in dashboard.py."""
    restore_view_from_url(dataset)
    with st.sidebar:
        st.radio(t("language", language()), LANGUAGES, key=LANG_KEY, horizontal=True, format_func=LANGUAGE_NAMES.get)
        lang = language()
        if dataset.vocabulary is None:
            return
        st.header(t("filters", lang))
        names = dataset.vocabulary.names
        low, high = year_bounds(dataset)
        # Widgets take their values from session state only, set here before they are drawn:
        # all types and this year at first; vanished types and out-of-range years mended.
        st.session_state[TYPES_KEY] = [n for n in st.session_state.get(TYPES_KEY, names) if n in names]
        st.session_state[YEAR_KEY] = min(max(st.session_state.get(YEAR_KEY, first_year(dataset)), low), high)
        type_filter(dataset.vocabulary, lang, dataset.types_used)
        st.slider(t("filter_year", lang), min_value=low, max_value=high, key=YEAR_KEY)
        st.radio(t("filter_mode", lang), [m.value for m in YearMode], key=MODE_KEY,
                 format_func=lambda mode: t(f"mode_{mode}", lang))
        st.divider()
        presenting_links(dataset, lang)


def presenting_links(dataset: Dataset, lang: str) -> None:
    """For presenters: the full-screen mode, and the map as one file for when all else fails
    (built only when someone asks for it)."""
    if dataset.fatal:
        return
    present = "?" + urlencode({**view_params(dataset), PRESENT_PARAM: PRESENT_MODE})  # this view, presented
    st.link_button(t("present", lang), present, help=t("present_help", lang),
                   icon=":material/slideshow:", width="stretch")
    data, view = loaded(), current_view(dataset)
    key = (data, data.source, lang, view)  # each file shows the view on screen
    name = f"{slug(settings.home().name)}-partnerships"
    # Each is made only when its button is clicked (Streamlit runs the callable then, the button
    # a spinner meanwhile; st.spinner inside the callable would be ignored), and cached for the
    # next visitor asking for the same view.
    st.download_button(t("download_map", lang), lambda: offline_file(*key), file_name=f"{name}-{lang}.html",
                       mime="text/html", help=t("download_map_help", lang), icon=":material/download:",
                       width="stretch", key="offline_file", on_click="ignore")
    st.download_button(t("download_image", lang), lambda: picture_file(*key),
                       file_name=f"{name}-{view.year}-{lang}.png", mime="image/png",
                       help=t("download_image_help", lang), icon=":material/image:", width="stretch",
                       key="picture_file", on_click="ignore")
    st.download_button(t("download_handout", lang), lambda: handout_file(*key),
                       file_name=f"{name}-{view.year}-{lang}.pdf", mime="application/pdf",
                       help=t("download_handout_help", lang), icon=":material/picture_as_pdf:", width="stretch",
                       key="handout_file", on_click="ignore")


def type_key(index: int, place: str = TYPES_KEY) -> str:
    """The checkbox of the index-th type of the types file, in the sidebar or another `place`."""
    return f"{place}_{index}"


def type_filter(vocabulary: Vocabulary, lang: str, used: list[str], place: str = TYPES_KEY) -> None:
    """One checkbox per type the data uses (`used`), labelled with the type's marker in its colour
    and its whole name, so the filter is the legend too. The chosen names stay in TYPES_KEY,
    which the URL and every page read: the boxes are set from it before they are drawn, and a
    click writes it back. A box keeps its type's place in the types file as its key; `place`
    tells the sidebar's boxes from those of another place (the view bar above the map)."""
    names, looks = vocabulary.names, type_styles(vocabulary)
    chosen = set(st.session_state[TYPES_KEY])
    shown = [(index, name) for index, name in enumerate(names) if name in used]
    st.markdown(f":small[{t('filter_types', lang)}]")
    st.html(f"<style>{marker_styles(names, looks, used, place)}</style>")
    for index, name in shown:
        st.session_state[type_key(index, place)] = name in chosen
        st.checkbox(markdown_text(vocabulary.get(name).label(lang)), key=type_key(index, place),
                    on_change=_types_from_boxes, args=(names, used, place))
    row = st.container(horizontal=True, gap="small")
    row.button(t("types_all", lang), key=f"{place}_all", type="tertiary", on_click=_choose_types, args=(names,),
               disabled=chosen.issuperset(used))
    row.button(t("types_none", lang), key=f"{place}_none", type="tertiary", on_click=_choose_types, args=([],),
               disabled=not chosen)


def marker_styles(names: list[str], looks: dict, used: list[str], place: str = TYPES_KEY) -> str:
    """Each type's marker before its checkbox's name, drawn by CSS so that a screen reader hears
    the name alone (a Markdown image in the label would be read out as its data: address).
    Streamlit marks a keyed widget's container with the class st-key-<key>."""
    return "".join(
        f'.st-key-{type_key(index, place)} label p::before {{content: ""; display: inline-block; width: 1em; '
        f'height: 1em; margin-right: 0.35em; vertical-align: -0.15em; background: url("{symbol_image(looks[name])}") '
        "center / contain no-repeat;}"
        for index, name in enumerate(names) if name in used)


def _types_from_boxes(names: list[str], used: list[str], place: str = TYPES_KEY) -> None:
    """The ticked boxes; a type no partner has (no box) keeps its choice, so that all stays all."""
    chosen = set(st.session_state[TYPES_KEY])
    st.session_state[TYPES_KEY] = [name for index, name in enumerate(names)
                                   if (st.session_state.get(type_key(index, place)) if name in used else name in chosen)]


def _choose_types(names: list[str]) -> None:
    st.session_state[TYPES_KEY] = list(names)
