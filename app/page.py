"""What every page shares: the page style, its top, and the data file's status."""
from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from app.store import store_or_message
from app.viewbar import view_bar
from partnerships import settings
from partnerships.escape import markdown_text
from partnerships.i18n import plural, t
from partnerships.loading import Dataset
from partnerships.problems import ERROR, NOTE, WARNING
from partnerships.summary import join_words

# Every page lists the file's problems; a generated file of 50,000 rows has 13,000 warnings,
# which would make every page megabytes. The Manage data page lists them all.
PROBLEMS_ON_EVERY_PAGE = 200
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, NOTE: 2}
# The problem table's rows: the message column is "large" (400 px, about 60 characters a line).
MESSAGE_LINE_CHARS, MESSAGE_LINES = 60, 4
LINE_HEIGHT, ROW_PADDING, WRAPPING_HEIGHT = 21, 12, 65  # px
# Less white space above the title, and a map as tall as the window allows (the map fills
# its frame, see partner_map.css): a laptop needs no scrolling, a projector no empty half.
# On paper (Ctrl+P) the page is its content: no sidebar, toolbar, filter bar or "Copy link";
# the map short enough that the title, the map with its legend and inset, the counts beside
# it and the view in words fit the first A4 page; the partners table whole (app/partners.py).
PAGE_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-bottom: 1rem; }
iframe[title="streamlit_folium.st_folium"] { height: max(420px, calc(100vh - 190px)) !important; }
.st-key-print_table { display: none; }
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"], [data-testid="stStatusWidget"],
  .st-key-view_bar, .st-key-share_link, .st-key-partners_table, .st-key-table_csv, .st-key-table_xlsx,
  [data-testid="stTextInput"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  iframe[title="streamlit_folium.st_folium"] { height: 118mm !important; break-inside: avoid; }
  .st-key-print_table { display: block !important; }
  .pm-print-table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
  .pm-print-table th, .pm-print-table td { border-bottom: 0.5pt solid #999; padding: 1pt 3pt; text-align: left;
    vertical-align: top; overflow-wrap: break-word; }
  .pm-print-table thead { display: table-header-group; }
  .pm-print-table tr { break-inside: avoid; }
}
</style>"""


def apply_page_style() -> None:
    st.html(PAGE_STYLE)


def page_start(dataset: Dataset, lang: str, title: str, caption: str = "") -> None:
    """Every page's top: its title, a caption, the data file's status (stops on a fatal file),
    and the year and types for a screen whose sidebar is folded (app/viewbar.py)."""
    st.title(title, anchor=False)
    if caption:
        st.caption(caption)
    show_data_status(dataset, lang)
    if dataset.fatal:
        st.stop()
    view_bar(dataset, lang)


def show_data_status(dataset: Dataset, lang: str) -> None:
    """One clear message for a file that cannot be used; a list of the rows left out."""
    if dataset.fatal:
        st.error(f"**{t('data_fatal', lang)}**\n\n{markdown_text(dataset.fatal.text(lang))}")
        st.caption(markdown_text(data_source(lang)))
        return
    if not dataset.problems:
        return
    label = (t("data_problems", lang, rows=dataset.rows_with_errors) if dataset.errors
             else t("data_warnings", lang))
    with st.expander(label, expanded=False, icon="⚠️"):
        show_problems(dataset, lang, limit=PROBLEMS_ON_EVERY_PAGE, grid=False)
        if len(dataset.problems) > PROBLEMS_ON_EVERY_PAGE:
            st.caption(t("problems_more", lang, shown=PROBLEMS_ON_EVERY_PAGE, total=len(dataset.problems),
                         page=t("page_manage", lang)))


def data_source(lang: str) -> str:
    """Where the data comes from, for a message about it: the file by its name, or the database;
    never a folder, a host or a user name, which a visitor has no use for."""
    store, _ = store_or_message()
    if store is not None:
        return store.describe().text(lang)
    return t("data_file", lang, path=settings.partners_csv_path().name)


def show_problems(dataset: Dataset, lang: str, limit: int | None = None, grid: bool = True) -> None:
    """The problems with their messages wrapped, and under them how many of each kind the file
    has, so the count of errors above and the rows of warnings below agree.

    A grid staff can sort (Manage data: every problem, thousands perhaps), its rows tall enough
    to wrap; or (`grid=False`, every page: at most `limit`) a plain table that wraps at any
    width, a phone's too. Its cells are Markdown, so the file's text is escaped.
    """
    table = problem_table(dataset, lang, limit)
    row, column, message, severity = table.columns
    order = [row, severity, column, message]
    if grid:
        st.dataframe(table, hide_index=True, width="stretch", row_height=problem_row_height(table[message]),
                     column_order=order, column_config={
                         row: st.column_config.NumberColumn(width="small", format="%d"),
                         severity: st.column_config.TextColumn(width="small"),
                         column: st.column_config.TextColumn(width="small"),
                         message: st.column_config.TextColumn(width="large")})
    else:
        escaped = table[order].assign(**{name: table[name].map(markdown_text) for name in (column, message)})
        st.table(escaped, hide_index=True, border="horizontal")
    st.caption(problems_in_words(dataset, lang))


def problem_row_height(messages: pd.Series) -> int | None:
    """Rows tall enough for the longest message in a wide column, as far as MESSAGE_LINES lines;
    Streamlit wraps a cell's text only in rows taller than 4rem (WRAPPING_HEIGHT)."""
    longest = int(messages.str.len().max()) if len(messages) else 0
    lines = min(MESSAGE_LINES, -(-longest // MESSAGE_LINE_CHARS))
    return None if lines <= 1 else max(WRAPPING_HEIGHT, LINE_HEIGHT * lines + ROW_PADDING)


def problems_in_words(dataset: Dataset, lang: str) -> str:
    """'9 problems in all: 8 errors and 1 warning.'"""
    counts = Counter(p.severity for p in dataset.problems)
    parts = [plural(f"n_{severity}s", counts[severity], lang) for severity in SEVERITY_ORDER if counts[severity]]
    return t("problems_in_all", lang, problems=plural("n_problems", len(dataset.problems), lang),
             parts=join_words(parts, lang))


def problem_table(dataset: Dataset, lang: str, limit: int | None = None) -> pd.DataFrame:
    """The problems as a table staff can sort, headed and worded in their language. With
    `limit`, the most serious first: errors (rows left off the map), warnings, then notes."""
    problems = dataset.problems
    if limit is not None and len(problems) > limit:
        problems = sorted(problems, key=lambda p: SEVERITY_ORDER[p.severity])[:limit]
    rows = [(p.row, p.column or "", p.text(lang), t(f"severity_{p.severity}", lang)) for p in problems]
    headers = [t(key, lang) for key in ("problem_row", "problem_column", "problem_text", "problem_severity")]
    return pd.DataFrame(rows, columns=headers).astype({headers[0]: "Int64"})
