"""A partner's details beside the map, the counts of the view, and which partner is open."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.state import LAST_CLICK_KEY, PARTNER_KEY
from partnerships.columns import (
    CITY, CONFIRMED, DESCRIPTION, END_YEAR, ID, MILESTONES, NAME, SOURCE, START_YEAR, TYPE, URL, country_name_column,
)
from partnerships.escape import markdown_text, safe_url
from partnerships.filtering import count, partner_at, unknown_after
from partnerships.i18n import t
from partnerships.loading import Dataset
from partnerships.wording import localised_value, milestone_entries, years_text


def show_counts(shown: pd.DataFrame, year: int, lang: str) -> None:
    """The view in numbers, by the rule of `filtering.Counts`: the headline counts what the map
    shows, and what nobody confirms that late or dates at all are parts of it; a zero is shown
    only where it is the headline."""
    counts = count(shown, year)
    st.metric(t("metric_partnerships", lang), counts.partnerships, help=t("metric_partnerships_help", lang, year=year))
    st.metric(t("metric_countries", lang), counts.countries)
    if counts.unknown:
        first, last = unknown_after(shown, year)
        since = str(last) if first == last else f"{first}–{last}"
        st.metric(t("metric_unknown", lang), counts.unknown, help=t("metric_unknown_help", lang, since=since))
    if counts.year_unknown:
        st.metric(t("metric_year_unknown", lang), counts.year_unknown, help=t("metric_year_unknown_help", lang))
    if counts.begun_this_year:
        st.metric(t("metric_begun", lang, year=year), counts.begun_this_year)


def show_partner(partner: pd.Series | None, dataset: Dataset, lang: str, beside_popup: bool = False) -> None:
    """A partner's details; everything from the data is escaped. Beside the map's popup, only
    what the popup does not say (milestones, status, source, website); on a profile, all."""
    st.subheader(t("details", lang), anchor=False)
    if partner is None:
        st.caption(t("details_hint", lang))
        return
    st.markdown(f"#### {markdown_text(localised_value(partner, NAME, lang))}")
    if not beside_popup:
        kind = dataset.vocabulary.get(partner[TYPE]).label(lang)
        place = f"{localised_value(partner, CITY, lang)}, {partner.get(country_name_column(lang))}"
        years = years_text(partner[START_YEAR], partner[END_YEAR], lang, partner.get(CONFIRMED))
        st.markdown("  \n".join(f"**{t(label, lang)}:** {markdown_text(value)}"
                                 for label, value in (("type", kind), ("place", place), ("years", years))))
        description = localised_value(partner, DESCRIPTION, lang)
        if isinstance(description, str) and description.strip():
            st.markdown(markdown_text(description))
    confirmed = partner.get(CONFIRMED)
    if pd.notna(confirmed) and pd.isna(partner[END_YEAR]):
        st.caption(markdown_text(t("confirmed_until", lang, year=int(confirmed))))
    milestones = milestone_entries(localised_value(partner, MILESTONES, lang))
    if milestones:
        st.markdown(f"**{t('milestones', lang)}**\n\n" + "\n".join(f"- {markdown_text(m)}" for m in milestones))
    source = partner.get(SOURCE)
    if isinstance(source, str) and source.strip():
        st.caption(f"{t('source', lang)}: {markdown_text(source)}")
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
