"""Ids, names, types and headers that are JavaScript object keys (`constructor`, `__proto__`,
`toString`, `hasOwnProperty`) draw the map, the partner table, the charts and the timeline in a
real browser, in English and Danish, with no page error (the data: tests/object_keys.py)."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from partnerships.i18n import t
from tests.browser.test_map_offline import (
    LOAD_TIMEOUT_MS, assert_offline_and_clean, open_map, wait_for_partner_markers, wait_until_idle,
)
from tests.object_keys import KEYS, TYPES, UNUSED_TYPE, write_object_key_files

# Charts drawn: a Vega view with its marks (a failed view leaves an empty .vega-embed).
DRAWN_JS = """() => [...document.querySelectorAll('.vega-embed')]
    .filter((embed) => embed.querySelector('canvas, svg.marks')).length"""
# The map legend's rows that show, by type name.
LEGEND_ROWS_JS = """() => [...document.querySelectorAll('.pm-legend-row')].filter((row) => !row.hidden)
    .map((row) => row.getAttribute('data-type'))"""
# What the charts' legends and axes say, for the types named by keys.
CHART_TEXT_JS = """() => [...document.querySelectorAll('.vega-embed')].map((e) => e.getAttribute('aria-label') || '')
    .join(' ') + ' ' + [...document.querySelectorAll('.vega-embed svg text')].map((e) => e.textContent).join(' ')"""


def open_page(offline_page, label: str, charts: int) -> None:
    """Go to a page by its link in the sidebar (as a visitor does) and wait for its charts."""
    page = offline_page.page
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label).click()
    wait_until_idle(page, LOAD_TIMEOUT_MS)
    try:
        page.wait_for_function(f"() => ({DRAWN_JS})() === {charts}", timeout=LOAD_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pass  # the assertions say what went wrong
    assert offline_page.console_errors == [], f"{label}: {offline_page.console_errors}"
    assert page.evaluate(DRAWN_JS) == charts, f"{label}: {page.evaluate(DRAWN_JS)} of {charts} charts drawn"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_object_keys_as_data_draw_every_page(offline_page, start_app, tmp_path, lang):
    app = start_app(write_object_key_files(tmp_path / "data"))
    page = offline_page.page
    frame = open_map(page, f"{app.url}?year=2012&lang={lang}&partner=constructor")
    wait_for_partner_markers(frame, len(KEYS))
    assert offline_page.console_errors == []
    legend = frame.evaluate(LEGEND_ROWS_JS)
    assert legend == [name for name, _ in TYPES if name != UNUSED_TYPE], "the legend lists the types in use"

    open_page(offline_page, t("page_partners", lang), 0)
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    open_page(offline_page, t("page_manage", lang), 0)
    open_page(offline_page, t("page_charts", lang), 3)
    open_page(offline_page, t("page_timeline", lang), 1)
    shown = page.get_by_test_id("stMain").inner_text() + page.evaluate(CHART_TEXT_JS)
    assert all(key in shown for key in KEYS), shown
    assert_offline_and_clean(offline_page)
