"""Presenting offline: the full-screen mode, the player and the tour in the browser alone,
and the exported single file played from disk."""
from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import Frame, Page

from tests.browser.conftest import ROOT
from tests.browser.test_map_offline import (
    LOAD_TIMEOUT_MS, MAP_IFRAME, STEP_TIMEOUT_MS, assert_offline_and_clean, wait_until_idle,
)

FIRST_YEAR, LAST_PARTNER_YEAR = 2007, 2013
STATE_JS = """() => { const now = PartnerMap.current(); return now.view ? {year: now.view.year, shown: now.shown.length,
    label: document.querySelector('.pm-story-year').textContent,
    caption: document.querySelector('.pm-caption').hidden ? null : document.querySelector('.pm-caption').textContent}
    : null; }"""
# Every view the partner layer draws from now on: [year, partners shown].
RECORD_DRAWS_JS = """() => {
    if (!window.__drawn) PartnerMap.current().layer.on("draw", (e) => window.__drawn.push([e.view.year,
        PartnerMap.current().shown.length]));
    window.__drawn = [];
}"""
PLAYING_JS = "() => PartnerMap.current().map.storyControl.state().playing"


def open_present(page: Page, url: str) -> Frame:
    page.goto(url + "?mode=present", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(MAP_IFRAME, timeout=LOAD_TIMEOUT_MS)
    frame = page.locator(MAP_IFRAME).first.element_handle().content_frame()
    frame.wait_for_function("() => window.PartnerMap && PartnerMap.current().shown.length === 7", timeout=LOAD_TIMEOUT_MS)
    return frame


def test_present_mode_fills_the_screen_and_plays_without_the_server(offline_page, shipped_app):
    page = offline_page.page
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(str(payload)[:40])))
    frame = open_present(page, shipped_app.url)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    box = page.locator(MAP_IFRAME).first.bounding_box()
    assert box["height"] >= 0.95 * page.viewport_size["height"]
    assert frame.locator(".pm-present-title").text_content() == "Sønderborg's international partnerships"
    wait_until_idle(page)  # the page has said all it had to say: from now on, only the player acts
    sent.clear()

    frame.evaluate(RECORD_DRAWS_JS)
    frame.locator(".pm-story-button").nth(1).click()  # play: from the first year on
    # The frames the page sends are counted while the player runs, until it has played every
    # year up to the last partnership's.
    frame.wait_for_function(f"() => window.__drawn.some(([year]) => year >= {LAST_PARTNER_YEAR})", timeout=15000)
    played = frame.evaluate("() => window.__drawn")
    assert played[0] == [FIRST_YEAR, 2]  # the Border Triangle
    years = [year for year, _ in played]
    assert years == list(range(FIRST_YEAR, years[-1] + 1)), f"not one year after another: {played}"
    assert played[-1][1] == 7
    assert sent == [], f"the player talked to the server: {sent}"

    page.keyboard.press(" ")  # pause
    frame.wait_for_function(f"() => !({PLAYING_JS})()", timeout=STEP_TIMEOUT_MS)
    paused_at = frame.evaluate(STATE_JS)
    assert paused_at["label"] == str(paused_at["year"])
    frame.evaluate(RECORD_DRAWS_JS)
    page.keyboard.press("ArrowLeft")
    frame.wait_for_function("() => window.__drawn.length > 0", timeout=STEP_TIMEOUT_MS)
    assert [year for year, _ in frame.evaluate("() => window.__drawn")] == [paused_at["year"] - 1]
    assert frame.evaluate(STATE_JS)["year"] == paused_at["year"] - 1
    assert sent == [], f"the player talked to the server: {sent}"
    assert_offline_and_clean(offline_page)


def test_the_tour_moves_with_a_clicker_and_the_arrow_keys(offline_page, shipped_app):
    page = offline_page.page
    frame = open_present(page, shipped_app.url)
    page.keyboard.press("PageDown")
    first = frame.evaluate(STATE_JS)
    assert first["caption"].startswith("2007: Sønderborg and Flensburg") and first["year"] == 2007
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    fourth = frame.evaluate(STATE_JS)
    assert fourth["caption"].startswith("October 2010") and fourth["year"] == 2010
    page.keyboard.press("PageUp")
    assert frame.evaluate(STATE_JS)["caption"].startswith("2010: WWF")
    frame.wait_for_selector(".leaflet-popup-content", timeout=5000)  # the map flew to the stop
    page.keyboard.press("Escape")
    assert frame.evaluate(STATE_JS)["caption"] is None
    assert_offline_and_clean(offline_page)


def test_the_exported_file_paints_and_plays_from_disk(chromium_browser, tmp_path):
    out = tmp_path / "map.html"
    result = subprocess.run([sys.executable, "-m", "partnerships", "export-map", str(out), "--lang", "da"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.stat().st_size < 5_000_000
    context = chromium_browser.new_context(viewport={"width": 1600, "height": 900})
    blocked, errors = [], []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
                  else (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(out.as_uri())
        page.wait_for_function("() => window.PartnerMap && PartnerMap.current().shown.length === 7", timeout=30000)
        assert page.locator(".pm-legend-title").text_content() == "Partnerskabstype"
        page.wait_for_function("() => document.querySelectorAll('canvas').length >= 2")
        page.keyboard.press(" ")
        page.wait_for_function(f"() => PartnerMap.current().view.year === {FIRST_YEAR}", timeout=5000)
        page.wait_for_function("() => PartnerMap.current().view.year === 2009", timeout=5000)
        assert page.evaluate("() => PartnerMap.current().shown.length") == 2
        page.keyboard.press("PageDown")
        assert page.locator(".pm-caption").text_content().startswith("2007: Sønderborg og Flensborg")
        assert blocked == [] and errors == [], (blocked, errors)
    finally:
        context.close()
