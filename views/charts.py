"""Charts: the partnerships in view by type and by place, and year by year, each with a sentence."""
import streamlit as st

from app import data, page, state
from partnerships import settings
from partnerships.charts import (
    Grouping, by_place, by_type, by_year, place_chart, place_summary, type_chart, type_summary, year_chart,
    year_summary,
)
from partnerships.escape import markdown_text
from partnerships.filtering import filter_partners
from partnerships.i18n import t

GROUPING_KEY = "chart_grouping"

lang = state.language()
dataset = data.load_dataset()

page.page_start(dataset, lang, t("charts_title", lang), t("charts_caption", lang))

view = state.current_view(dataset)
home = settings.home().country_code  # partners there are at home, counted apart from the international ones
shown = filter_partners(dataset.partners, view)
if shown.empty:
    st.info(t("none_in_view", lang))
else:
    type_column, place_column = st.columns(2, gap="large")
    with type_column:
        types = by_type(shown, dataset.vocabulary, view.types, lang)
        st.altair_chart(type_chart(types, lang), width="stretch")
        st.markdown(markdown_text(type_summary(types, lang)))
    with place_column:
        # Not st.radio: in Streamlit 1.67 a radio shows no choice after the language changes its labels.
        grouping = Grouping(st.segmented_control(
            t("chart_group_by", lang), [g.value for g in Grouping], key=GROUPING_KEY, default=Grouping.COUNTRY.value,
            required=True, format_func=lambda g: t(f"chart_{g}", lang)))
        st.altair_chart(place_chart(by_place(shown, grouping, lang, home), grouping, lang), width="stretch")
        st.markdown(markdown_text(place_summary(shown, grouping, lang, home)))

years = by_year(dataset.partners, view)
if not years.empty:
    st.altair_chart(year_chart(years, view.year, lang), width="stretch")
    st.markdown(markdown_text(year_summary(years, lang)))
