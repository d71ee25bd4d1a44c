"""Presenting offline: the full-screen mode, the player and the tour in the browser alone,
and the exported single file played from disk."""
from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import Frame, Page

from tests.browser.conftest import ROOT
from tests.browser.test_map_offline import (
    LOAD_TIMEOUT_MS, MAP_IFRAME, STEP_TIMEOUT_MS, assert_offline_and_clean, open_map, wait_for_partner_markers,
    wait_until_idle,
)
from tests.conftest import GOOD_ROWS, csv_text

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


def open_present(page: Page, url: str, query: str = "") -> Frame:
    page.goto(url + "?mode=present" + query, timeout=LOAD_TIMEOUT_MS)
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


# Where every partner of the data sits on screen, and whether it is inside the map's frame.
ALL_IN_VIEW_JS = """() => { const now = PartnerMap.current(), map = now.map, layer = now.layer, size = map.getSize();
    return now.data.partners.id.every((_, i) => { const at = map.latLngToContainerPoint(layer.positionOf(i));
        return at.x >= 0 && at.y >= 0 && at.x <= size.x && at.y <= size.y; }); }"""
OVERVIEW_JS = f"""() => document.querySelector('.pm-caption').hidden && !document.querySelector('.leaflet-popup')
    && PartnerMap.current().map.storyControl.state().stop === -1 && ({ALL_IN_VIEW_JS})()"""
STOP_JS = "() => PartnerMap.current().map.storyControl.state().stop"


def test_the_scale_shows_kilometres_with_its_text_clear_of_its_line(offline_page, shipped_app):
    frame = open_present(offline_page.page, shipped_app.url)
    lines = frame.evaluate("""() => [...document.querySelectorAll('.leaflet-control-scale-line')].map((line) => {
        const range = document.createRange(); range.selectNodeContents(line);
        const text = range.getBoundingClientRect(), box = line.getBoundingClientRect(), style = getComputedStyle(line);
        return {text: line.textContent, left: text.left - box.left - parseFloat(style.borderLeftWidth),
                right: box.right - parseFloat(style.borderRightWidth) - text.right,
                bottom: box.bottom - parseFloat(style.borderBottomWidth) - text.bottom}; })""")
    assert len(lines) == 1, lines  # no miles
    line = lines[0]
    assert line["text"].endswith(" km") or line["text"].endswith(" m"), line
    # The letters sit inside the bar's ticks and above its line.
    assert line["left"] >= 0 and line["right"] >= 0 and line["bottom"] >= 0, line
    assert_offline_and_clean(offline_page)


def test_the_tour_has_a_button_and_ends_on_the_whole_story(offline_page, shipped_app):
    page = offline_page.page
    frame = open_present(page, shipped_app.url)
    button = frame.locator(".pm-story-tour")
    assert button.is_visible() and button.text_content().startswith("Tour")
    assert all(key in button.get_attribute("title") for key in ("PageDown", "PageUp", "Esc"))
    assert "PgDn" in frame.locator(".pm-story-keys").text_content()
    button.click()
    assert frame.evaluate(STATE_JS)["caption"].startswith("2007: Sønderborg and Flensburg")
    stops = frame.evaluate("() => PartnerMap.current().map.storyControl.stops(PartnerMap.current().data).length")
    for _ in range(stops - 1):
        page.keyboard.press("PageDown")
    assert frame.evaluate(STOP_JS) == stops - 1
    frame.wait_for_selector(".leaflet-popup-content", timeout=STEP_TIMEOUT_MS)  # the last stop
    page.keyboard.press("PageDown")  # past the last stop: the overview
    frame.wait_for_function(OVERVIEW_JS, timeout=STEP_TIMEOUT_MS)
    assert frame.evaluate("() => PartnerMap.current().shown.length") == 7
    assert button.text_content().startswith("Tour")

    page.keyboard.press("PageDown")  # again from the first stop; Esc ends it the same way
    page.keyboard.press("PageDown")
    frame.wait_for_selector(".leaflet-popup-content", timeout=STEP_TIMEOUT_MS)
    page.keyboard.press("Escape")
    frame.wait_for_function(OVERVIEW_JS, timeout=STEP_TIMEOUT_MS)
    assert_offline_and_clean(offline_page)


def test_playback_opens_where_the_first_partners_are(offline_page, shipped_app):
    page = offline_page.page
    frame = open_present(page, shipped_app.url)
    # At each drawn year: the zoom, and each partner's distance from home on screen (px).
    frame.evaluate("""() => { window.__camera = []; const now = PartnerMap.current(), map = now.map;
        now.layer.on("draw", (e) => { const at = PartnerMap.current(), home = at.data.home;
            const h = map.latLngToContainerPoint([home.lat, home.lon]);
            window.__camera.push({year: e.view.year, zoom: map.getZoom(), apart: at.shown.map(
                (i) => map.latLngToContainerPoint(at.layer.positionOf(i)).distanceTo(h))}); }); }""")
    page.keyboard.press(" ")
    frame.wait_for_function(f"() => window.__camera.some((c) => c.year >= {LAST_PARTNER_YEAR})", timeout=15000)
    camera = frame.evaluate("() => window.__camera")
    first = camera[0]
    assert first["year"] == FIRST_YEAR and len(first["apart"]) == 2, camera
    assert min(first["apart"]) >= 20 and first["zoom"] >= 5, camera  # the Border Triangle, apart
    zooms = [c["zoom"] for c in camera]
    assert max(zooms) == zooms[0], f"the camera moved in again: {camera}"
    assert zooms[-1] < zooms[0], f"the camera never widened: {camera}"


def test_the_legend_lists_only_the_types_the_data_uses(offline_page, start_app, write_csv):
    app = start_app(write_csv(csv_text(GOOD_ROWS[0])))  # one friendship city
    frame = open_map(offline_page.page, app.url)
    wait_for_partner_markers(frame, 1)
    frame.wait_for_function("() => document.querySelectorAll('.pm-legend-row:not([hidden])').length === 1")
    rows = frame.locator(".pm-legend-row")
    assert [rows.nth(i).is_visible() for i in range(rows.count())].count(True) == 1
    assert frame.locator(".pm-legend-row:not([hidden])").text_content() == "Friendship city"


def test_presenting_opens_on_the_view_it_came_from_and_exit_and_esc_lead_back_to_it(offline_page, shipped_app):
    page = offline_page.page
    query = "year=2010&lang=da&types=Friendship+city%2CNGO+partnership"
    for leave in ("button", "Escape"):
        page.goto(f"{shipped_app.url}?{query}&mode=present", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_selector(MAP_IFRAME, timeout=LOAD_TIMEOUT_MS)
        frame = page.locator(MAP_IFRAME).first.element_handle().content_frame()
        frame.wait_for_function("() => window.PartnerMap && PartnerMap.current().view", timeout=LOAD_TIMEOUT_MS)
        now = frame.evaluate(STATE_JS)
        assert (now["year"], now["shown"], now["label"]) == (2010, 2, "2010")  # Baoding and WWF, as on the page
        if leave == "button":
            frame.get_by_role("button", name="Afslut ✕").click()
        else:
            page.keyboard.press("Escape")
        page.wait_for_selector("[data-testid='stSidebar']", timeout=LOAD_TIMEOUT_MS)
        assert "mode=present" not in page.url and query in page.url
    assert_offline_and_clean(offline_page)


def test_first_and_last_buttons_and_home_and_end_go_to_the_first_and_last_year(offline_page, shipped_app):
    page = offline_page.page
    frame = open_present(page, shipped_app.url)
    last = frame.evaluate("() => PartnerMap.current().map.storyControl.options.settings.last")
    frame.get_by_role("button", name="First year (Home)").click()
    frame.wait_for_function(f"() => ({STATE_JS})().year === {FIRST_YEAR}", timeout=STEP_TIMEOUT_MS)
    assert frame.evaluate(STATE_JS)["shown"] == 2  # the Border Triangle
    frame.get_by_role("button", name="Last year (End)").click()
    frame.wait_for_function(f"() => ({STATE_JS})().year === {last}", timeout=STEP_TIMEOUT_MS)
    page.keyboard.press("PageDown")  # on the tour, Home leaves it for the first year
    page.keyboard.press("Home")
    frame.wait_for_function(f"() => ({STATE_JS})().year === {FIRST_YEAR}", timeout=STEP_TIMEOUT_MS)
    assert frame.evaluate("() => PartnerMap.current().map.storyControl.state().stop") == -1
    page.keyboard.press("End")
    frame.wait_for_function(f"() => ({STATE_JS})().year === {last}", timeout=STEP_TIMEOUT_MS)
    assert_offline_and_clean(offline_page)
