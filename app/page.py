"""What every page shares: the page style, its top, and the data file's status."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from partnerships import settings
from partnerships.escape import markdown_text
from partnerships.i18n import t
from partnerships.loading import Dataset
from partnerships.problems import ERROR, NOTE, WARNING

# Every page lists the file's problems; a generated file of 50,000 rows has 13,000 warnings,
# which would make every page megabytes. The Manage data page lists them all.
PROBLEMS_ON_EVERY_PAGE = 200
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, NOTE: 2}
# Less white space above the title, and a map as tall as the window allows (the map fills
# its frame, see partner_map.css): a laptop needs no scrolling, a projector no empty half.
PAGE_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-bottom: 1rem; }
iframe[title="streamlit_folium.st_folium"] { height: max(420px, calc(100vh - 190px)) !important; }
</style>"""


def apply_page_style() -> None:
    st.html(PAGE_STYLE)


def page_start(dataset: Dataset, lang: str, title: str, caption: str = "") -> None:
    """Every page's top: its title, a caption, the data file's status; stops on a fatal file."""
    st.title(title, anchor=False)
    if caption:
        st.caption(caption)
    show_data_status(dataset, lang)
    if dataset.fatal:
        st.stop()


def show_data_status(dataset: Dataset, lang: str) -> None:
    """One clear message for a file that cannot be used; a list of the rows left out."""
    if dataset.fatal:
        st.error(f"**{t('data_fatal', lang)}**\n\n{markdown_text(dataset.fatal)}")
        st.caption(markdown_text(t("data_file", lang, path=settings.partners_csv_path())))
        return
    if not dataset.problems:
        return
    label = (t("data_problems", lang, rows=dataset.rows_with_errors) if dataset.errors
             else t("data_warnings", lang))
    with st.expander(label, expanded=False, icon="⚠️"):
        st.dataframe(problem_table(dataset, lang, limit=PROBLEMS_ON_EVERY_PAGE), hide_index=True, width="stretch")
        if len(dataset.problems) > PROBLEMS_ON_EVERY_PAGE:
            st.caption(t("problems_more", lang, shown=PROBLEMS_ON_EVERY_PAGE, total=len(dataset.problems),
                         page=t("page_manage", lang)))


def problem_table(dataset: Dataset, lang: str, limit: int | None = None) -> pd.DataFrame:
    """The problems as a table staff can sort, headed and worded in their language. With
    `limit`, the most serious first: errors (rows left off the map), warnings, then notes."""
    problems = dataset.problems
    if limit is not None and len(problems) > limit:
        problems = sorted(problems, key=lambda p: SEVERITY_ORDER[p.severity])[:limit]
    rows = [(p.row, p.column or "", p.message, t(f"severity_{p.severity}", lang)) for p in problems]
    headers = [t(key, lang) for key in ("problem_row", "problem_column", "problem_text", "problem_severity")]
    return pd.DataFrame(rows, columns=headers).astype({headers[0]: "Int64"})
