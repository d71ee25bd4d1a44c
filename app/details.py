"""A partner's details beside the map, the counts of the view, and which partner is open."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.state import LAST_CLICK_KEY, PARTNER_KEY
from partnerships.columns import country_name_column
from partnerships.escape import markdown_text, safe_url
from partnerships.filtering import count, partner_at
from partnerships.i18n import t
from partnerships.loading import Dataset
from partnerships.schema import CITY, DESCRIPTION, DESCRIPTION_DA, END_YEAR, ID, MILESTONES, NAME, START_YEAR, TYPE, URL
from partnerships.wording import milestone_entries, years_text


def show_counts(shown: pd.DataFrame, year: int, lang: str) -> None:
    counts = count(shown, year)
    st.metric(t("metric_partnerships", lang), counts.partnerships)
    st.metric(t("metric_countries", lang), counts.countries)
    st.metric(t("metric_begun", lang, year=year), counts.begun_this_year)


def show_partner(partner: pd.Series | None, dataset: Dataset, lang: str) -> None:
    """The details of one partner as text; everything from the data is escaped."""
    st.subheader(t("details", lang), anchor=False)
    if partner is None:
        st.caption(t("details_hint", lang))
        return
    danish = lang == "da"
    country = partner.get(country_name_column(lang))
    description = (partner.get(DESCRIPTION_DA) if danish else "") or partner.get(DESCRIPTION) or ""
    kind = dataset.vocabulary.get(partner[TYPE]).label(lang)
    years = years_text(partner[START_YEAR], partner[END_YEAR], lang)
    lines = [
        f"#### {markdown_text(partner[NAME])}",
        f"**{t('type', lang)}:** {markdown_text(kind)}  ",
        f"**{t('place', lang)}:** {markdown_text(partner[CITY])}, {markdown_text(country)}  ",
        f"**{t('years', lang)}:** {markdown_text(years)}",
    ]
    if description:
        lines.append(markdown_text(description))
    st.markdown("\n".join(lines))
    milestones = milestone_entries(partner.get(MILESTONES))
    if milestones:
        st.markdown(f"**{t('milestones', lang)}**\n\n" + "\n".join(f"- {markdown_text(m)}" for m in milestones))
    url = safe_url(partner.get(URL))
    if url:
        st.link_button(t("website", lang), url)


def selected_partner(dataset: Dataset, shown: pd.DataFrame, clicked: dict | None) -> pd.Series | None:
    """The partner last clicked on the map (kept while it stays in view).

    streamlit-folium repeats the last click on every rerun, so only a new click counts.
    """
    click = clicked and (clicked.get("last_object_clicked_tooltip"), clicked.get("last_object_clicked"))
    if click and all(click) and click != st.session_state.get(LAST_CLICK_KEY):
        st.session_state[LAST_CLICK_KEY] = click
        found = partner_at(shown, click[0], click[1]["lat"], click[1]["lng"])
        if found is not None:
            st.session_state[PARTNER_KEY] = found
    chosen = st.session_state.get(PARTNER_KEY)
    matches = shown[shown[ID] == chosen]
    return matches.iloc[0] if len(matches) else None
