"""What nobody confirms is drawn apart: after the last confirmed year, and for a partnership
with no known start year, the marker is hollow and the arc dashed; in a confirmed year, not."""
from __future__ import annotations

import pytest

from tests.browser.test_map_offline import COUNT_MARKERS_JS, MARKERS_JS, open_map, wait_for_partner_markers
from tests.conftest import GOOD_ROWS, csv_text

HOLLOW_JS = f"""() => ({MARKERS_JS})().filter((m) => m.getElement() &&
    m.getElement().querySelector('[data-doubt]')).length"""
DASHED_JS = """() => { const now = PartnerMap.current(), made = now.layer.made;
    return now.singles.filter((i) => made.arcs[i] && made.arcs[i].options.dashArray).length; }"""


@pytest.mark.parametrize(("year", "hollow"), [("2013", 0), ("2026", 7)])
def test_after_the_last_confirmed_year_markers_are_hollow_and_arcs_dashed(offline_page, shipped_app, year, hollow):
    frame = open_map(offline_page.page, f"{shipped_app.url}?year={year}")
    wait_for_partner_markers(frame, frame.evaluate(COUNT_MARKERS_JS) or 7)
    frame.wait_for_function(f"(n) => ({HOLLOW_JS})() === n", arg=hollow)
    assert frame.evaluate(DASHED_JS) == hollow
    assert "status unknown" in offline_page.page.inner_text("body").lower() or hollow == 0


def test_an_unknown_start_year_is_on_the_map_in_every_year_but_not_in_playback(offline_page, start_app, write_csv):
    undated = GOOD_ROWS[1].replace(",2013,", ",,")
    app = start_app(write_csv(csv_text(GOOD_ROWS[0], undated)))
    frame = open_map(offline_page.page, f"{app.url}?year=2000")  # clamped to 2010, the first known start
    wait_for_partner_markers(frame, 2)
    frame.wait_for_function(f"() => ({HOLLOW_JS})() === 1")
    assert "of them: no start year" in offline_page.page.inner_text("body").lower()  # a part of the count
    shown = frame.evaluate("""() => { const now = PartnerMap.current(), layer = now.layer;
        return PartnerRules.inView(layer.data.partners, Object.assign({}, layer.view, {playing: true})).length; }""")
    assert shown == 1  # only Baoding, whose start is known
