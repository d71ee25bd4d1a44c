"""The map in a real browser with no internet: it paints, it is clickable, data cannot script it.

Every test runs in a context that aborts (and records) any request leaving loopback, so the
app is seen working offline rather than assumed to. See conftest.py for the fixtures.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from playwright.sync_api import Frame, FrameLocator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
# The main map's container (the inset of the home region is a small Leaflet map inside it).
MAIN_MAP = ".leaflet-container:not(.pm-inset-map)"
LOAD_TIMEOUT_MS = 60_000  # Streamlit's first run, Leaflet and the basemap
STEP_TIMEOUT_MS = 30_000  # a rerun after a click

SHIPPED_PARTNERS = 7
NEW_YORK_PARTNER = "Clinton Climate Positive Development Program"

# In the map frame: the partners drawn as markers of their own (not inside a cluster), as the
# partner layer (partnermap/assets/layer.js) tells them.
MARKERS_JS = """
    () => {
      if (!window.PartnerMap) return [];
      const now = PartnerMap.current();
      return now.layer ? now.singles.map((i) => now.layer.markerOf(i)) : [];
    }
"""
COUNT_MARKERS_JS = f"() => ({MARKERS_JS})().length"

# A marker's tooltip as plain text. The tooltip holds escaped HTML; a <template> parses it
# inertly (no element in it loads or runs), so this helper cannot itself set off a payload.
TOOLTIP_TEXTS_JS = f"""
    () => ({MARKERS_JS})().map((layer) => {{
      const template = document.createElement("template");
      template.innerHTML = String(layer.getTooltip().getContent());
      return {{ index: layer.options.partner, text: template.content.textContent }};
    }})
"""

# Where a marker is inside the frame, and what the pointer would hit there.
MARKER_POINT_JS = f"""
    (index) => {{
      const map = PartnerMap.current().map;
      const layer = ({MARKERS_JS})().find((l) => l.options.partner === index);
      if (!layer) return null;
      const point = map.latLngToContainerPoint(layer.getLatLng());
      const box = map.getContainer().getBoundingClientRect();
      const x = box.left + point.x, y = box.top + point.y;
      const hit = document.elementFromPoint(x, y);
      return {{
        x, y,
        inside: point.x >= 0 && point.y >= 0 && point.x <= box.width && point.y <= box.height,
        hitsMarker: !!hit && layer.getElement().contains(hit),
        hit: hit ? hit.tagName + "." + String(hit.className.baseVal ?? hit.className) : null,
      }};
    }}
"""

STYLES_LOADED_JS = """
    () => { const links = [...document.querySelectorAll("link[rel='stylesheet']")];
            return links.length > 0 && links.every((link) => link.sheet !== null); }
"""

# Pixels drawn (alpha > 0) on the first canvas under `selector`; -1 when there is none.
PAINTED_PIXELS_JS = """
    (selector) => {
      const canvas = document.querySelector(selector);
      if (!canvas || !canvas.width || !canvas.height) return -1;
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      return painted;
    }
"""

GEOJSON_FEATURES_JS = """
    () => {
      const map = window.map_div || window.map;
      if (!map || !window.L) return -1;
      let features = -1;
      map.eachLayer((layer) => { if (layer instanceof L.GeoJSON) features = layer.getLayers().length; });
      return features;
    }
"""

# Things a payload would leave behind if it ever became markup instead of text.
INJECTED_ELEMENTS_JS = """
    () => Array.from(document.querySelectorAll(
        "img[src='x'], svg[onload], [onerror], [onload], a[href^='javascript:' i]"
      )).map((node) => node.outerHTML.slice(0, 200))
        .concat(Array.from(document.scripts).filter((s) => s.text.includes("__pwned"))
          .map((s) => "<script>" + s.text.slice(0, 200)))
"""

# An image that cannot load, made now: a payload's `<img src=x onerror=…>` made before it would
# have asked the same server first, so once this one's error event has fired, so has the
# payload's. Tests that check that nothing ran wait for this, not for a span of time. (Its
# 404 is the one console error that is ours.)
CANARY = "pm-broken-image-canary"
BROKEN_IMAGE_JS = f"""
    () => new Promise((resolve) => {{
      const image = new Image();
      image.onerror = image.onload = () => resolve(true);
      image.src = "x?{CANARY}=" + Date.now();
    }})
"""


# --- helpers --------------------------------------------------------------------------------

def map_locator(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_IFRAME).first


def map_frame(page: Page, timeout_ms: int = LOAD_TIMEOUT_MS) -> Frame:
    """The Frame of the map iframe (for `evaluate`), once the iframe is in the page."""
    page.wait_for_selector(MAP_IFRAME, timeout=timeout_ms)
    frame_locator = page.locator(MAP_IFRAME).first
    frame = frame_locator.element_handle().content_frame()
    assert frame is not None and "st_folium" in frame.url, [f.url for f in page.frames]
    return frame


def wait_until_idle(page: Page, timeout_ms: int = STEP_TIMEOUT_MS) -> None:
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=timeout_ms)


def open_map(page: Page, url: str) -> Frame:
    page.goto(url, timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector("[data-testid='stApp']", timeout=LOAD_TIMEOUT_MS)
    frame = map_frame(page)
    frame.wait_for_function("() => !!((window.map_div || window.map) && window.L && window.PartnerMap)",
                            timeout=LOAD_TIMEOUT_MS)
    # streamlit-folium links the stylesheets after the scripts: wait until each has loaded.
    frame.wait_for_function(STYLES_LOADED_JS, timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page, LOAD_TIMEOUT_MS)
    return frame


def draws(frame: Frame) -> int:
    """How many times the partner layer has drawn so far."""
    return frame.evaluate("() => PartnerMap.current().draws")


def wait_for_draw(frame: Frame, after: int, timeout_ms: int = STEP_TIMEOUT_MS) -> None:
    """Until the partner layer has drawn again since it had drawn `after` times."""
    frame.wait_for_function("(n) => PartnerMap.current().draws > n", arg=after, timeout=timeout_ms)


def wait_for_partner_markers(frame: Frame, expected: int, timeout_ms: int = LOAD_TIMEOUT_MS) -> None:
    try:
        frame.wait_for_function(f"(n) => ({COUNT_MARKERS_JS})() === n", arg=expected, timeout=timeout_ms)
    except PlaywrightTimeoutError:
        pytest.fail(f"expected {expected} partner markers; the map has {frame.evaluate(COUNT_MARKERS_JS)}")


def wait_for_painted(frame: Frame, canvas: str, minimum: int, timeout_ms: int = STEP_TIMEOUT_MS) -> None:
    """Wait until the canvas has more than `minimum` drawn pixels (canvas redraws are async)."""
    try:
        frame.wait_for_function(f"(a) => ({PAINTED_PIXELS_JS})(a.canvas) > a.minimum",
                                arg={"canvas": canvas, "minimum": minimum}, timeout=timeout_ms)
    except PlaywrightTimeoutError:
        painted = frame.evaluate(PAINTED_PIXELS_JS, canvas)
        pytest.fail(f"{canvas}: {painted} pixels drawn (-1: no canvas), more than {minimum} expected")


def marker_index(frame: Frame, name: str) -> int:
    markers = frame.evaluate(TOOLTIP_TEXTS_JS)
    found = [m["index"] for m in markers if m["text"] == name]
    assert len(found) == 1, f"one marker whose tooltip reads {name!r} expected; tooltips read {markers}"
    return found[0]


def marker_on_page(page: Page, frame: Frame, index: int) -> tuple[float, float]:
    """The marker's centre in page (viewport) pixels: frame point + the iframe's offset.

    Fails if the marker is off the map or something (legend, popup) covers it, so the
    pointer would not reach it.
    """
    iframe = page.locator(MAP_IFRAME).first
    iframe.scroll_into_view_if_needed()
    point = frame.evaluate(MARKER_POINT_JS, index)
    assert point is not None, f"no marker with partnerIndex {index}"
    assert point["inside"], f"marker {index} is outside the visible map: {point}"
    assert point["hitsMarker"], f"marker {index} is covered by {point['hit']}"
    left, top = iframe.evaluate(
        "(e) => { const r = e.getBoundingClientRect(); return [r.left + e.clientLeft, r.top + e.clientTop]; }")
    x, y = left + point["x"], top + point["y"]
    viewport = page.viewport_size
    assert 0 <= x < viewport["width"] and 0 <= y < viewport["height"], f"marker {index} is off screen at {x},{y}"
    return x, y


def hover(page: Page, x: float, y: float) -> None:
    """Move the pointer onto a marker from outside it, so Leaflet sees it enter."""
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y)


def main_text(page: Page) -> str:
    """The Streamlit page's own text (the map iframe's content is not part of it)."""
    return page.get_by_test_id("stMain").inner_text()


def assert_offline_and_clean(seen) -> None:
    assert seen.blocked == [], f"requests left loopback (the app must work offline): {seen.blocked}"
    errors = [error for error in seen.console_errors if CANARY not in error]
    assert errors == [], f"browser console errors: {errors}"


# --- 1. the shipped data --------------------------------------------------------------------

def test_shipped_map_paints_offline_with_basemap_and_all_partners(offline_page, shipped_app):
    page = offline_page.page
    frame = open_map(page, shipped_app.url)

    expect(map_locator(page).locator(MAIN_MAP)).to_be_visible()
    try:
        frame.wait_for_function(f"() => ({GEOJSON_FEATURES_JS})() > 200", timeout=LOAD_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pass  # the assertion below says what was found
    features = frame.evaluate(GEOJSON_FEATURES_JS)
    assert features > 200, f"basemap GeoJSON layer has {features} country features (-1: no layer)"

    wait_for_partner_markers(frame, SHIPPED_PARTNERS)
    assert frame.evaluate(COUNT_MARKERS_JS) == SHIPPED_PARTNERS

    # Painted: the countries on their canvas, the arcs and markers on the overlay canvas.
    wait_for_painted(frame, ".leaflet-pm-basemap-pane canvas", 10_000)
    wait_for_painted(frame, ".leaflet-overlay-pane canvas", 500)
    assert frame.locator(f"{MAIN_MAP} > .leaflet-map-pane > .leaflet-marker-pane .pm-marker").count() == SHIPPED_PARTNERS
    wait_until_idle(page)
    assert_offline_and_clean(offline_page)


# --- 2. a click on a partner ----------------------------------------------------------------

def test_clicking_a_partner_opens_its_popup_and_details(offline_page, shipped_app):
    page = offline_page.page
    frame = open_map(page, shipped_app.url)
    wait_for_partner_markers(frame, SHIPPED_PARTNERS)
    assert NEW_YORK_PARTNER not in main_text(page), "details shown before any click"

    x, y = marker_on_page(page, frame, marker_index(frame, NEW_YORK_PARTNER))
    hover(page, x, y)
    page.mouse.click(x, y)

    popup = map_locator(page).locator(".leaflet-popup-content")
    expect(popup).to_contain_text(NEW_YORK_PARTNER, timeout=STEP_TIMEOUT_MS)
    expect(popup).to_contain_text("New York")

    # The click reruns the page, whose side column then describes the partner (what the popup
    # does not say: app/details.py).
    details = page.get_by_test_id("stMain")
    expect(details).to_contain_text(NEW_YORK_PARTNER, timeout=STEP_TIMEOUT_MS)
    wait_until_idle(page)
    assert_offline_and_clean(offline_page)


# --- 3. hostile text ------------------------------------------------------------------------

COLUMNS = ["id", "name", "type", "city", "country", "lat", "lon", "start_year", "end_year",
           "description", "url", "description_da", "milestones", "source"]
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SVG = '"><svg onload=window.__pwned=1>'
CLOSE_SCRIPT = "</script><script>window.__pwned=1</script>"
TEMPLATE = "{{'x'}}"
JS_LINK = "[click](javascript:window.__pwned=1)"
HOSTILE_ROWS = [  # far apart (Brazil, Australia, Canada), so no marker hides another
    {"id": "hostile-brazil", "name": f"{IMG} Rio", "type": "Friendship city", "city": SCRIPT,
     "country": "Brazil", "lat": "-22.9068", "lon": "-43.1729", "start_year": "2015",
     "description": f"{SVG} {JS_LINK}", "description_da": CLOSE_SCRIPT,
     "milestones": f"2015: {IMG} | 2016: {JS_LINK}"},
    {"id": "hostile-australia", "name": CLOSE_SCRIPT, "type": "Climate network", "city": TEMPLATE,
     "country": "Australia", "lat": "-33.8688", "lon": "151.2093", "start_year": "2016",
     "description": f"{IMG} {TEMPLATE}", "url": 'https://example.org/"><img/src=x/onerror=window.__pwned=1>',
     "milestones": f"2016: {CLOSE_SCRIPT}"},
    {"id": "hostile-canada", "name": SVG, "type": "Research partnership", "city": JS_LINK,
     "country": "Canada", "lat": "49.2827", "lon": "-123.1207", "start_year": "2017",
     "description": f"{CLOSE_SCRIPT} {SCRIPT}", "milestones": f"2017: {SVG}"},
]


def write_partners(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def assert_no_payload_ran(seen, frame: Frame, moment: str) -> None:
    """Nothing from the data ran or became markup in the map frame, and no dialog opened."""
    assert frame.evaluate("() => typeof window.__pwned") == "undefined", f"payload ran in the map frame {moment}"
    injected = frame.evaluate(INJECTED_ELEMENTS_JS)
    assert injected == [], f"markup from the data became elements in the map frame {moment}: {injected}"
    assert seen.dialogs == [], f"dialogs opened {moment}: {seen.dialogs}"


def test_hostile_text_is_shown_as_text_and_never_runs(offline_page, start_app, tmp_path):
    app = start_app(write_partners(tmp_path / "partners.csv", HOSTILE_ROWS))
    page = offline_page.page
    frame = open_map(page, app.url)
    wait_for_partner_markers(frame, len(HOSTILE_ROWS))  # every hostile row was accepted and drawn

    tooltip = map_locator(page).locator(".leaflet-tooltip:not(.pm-home-label)")
    popup = map_locator(page).locator(".leaflet-popup-content")
    popups: list[str] = []
    for row in HOSTILE_ROWS:
        index = marker_index(frame, row["name"])  # the tooltip's text is the raw name
        frame.evaluate("() => { (window.map_div || window.map).closePopup(); }")  # no popup over the next marker
        x, y = marker_on_page(page, frame, index)

        hover(page, x, y)
        expect(tooltip).to_have_count(1, timeout=STEP_TIMEOUT_MS)
        frame.evaluate(BROKEN_IMAGE_JS)
        assert_no_payload_ran(offline_page, frame, f"after hovering {row['id']}")
        assert tooltip.text_content() == row["name"], "the tooltip does not show the name as text"

        page.mouse.click(x, y)
        expect(popup).to_have_count(1, timeout=STEP_TIMEOUT_MS)
        # The place and description come with the partner's details slice, fetched on opening.
        expect(popup.locator(".pm-loading")).to_have_count(0, timeout=STEP_TIMEOUT_MS)
        frame.evaluate(BROKEN_IMAGE_JS)
        assert_no_payload_ran(offline_page, frame, f"after opening the popup of {row['id']}")
        content = popup.text_content()
        popups.append(content)
        for text in (row["name"], row["city"], row["description"]):
            assert text in content, f"{text!r} not shown literally in the popup: {content!r}"

        # The click reruns the page, which then describes the partner, as text too.
        details = page.get_by_test_id("stMain")
        expect(details).to_contain_text(row["name"], timeout=STEP_TIMEOUT_MS)
        wait_until_idle(page)

    for target in (frame, page):  # a late onerror/onload in either would have fired by now
        target.evaluate(BROKEN_IMAGE_JS)
    assert_no_payload_ran(offline_page, frame, "at the end")
    for other in page.frames:  # the page itself, the map and any other component frame
        assert other.evaluate("() => typeof window.__pwned") == "undefined", f"payload ran in {other.url}"
    injected = page.evaluate(INJECTED_ELEMENTS_JS)
    assert injected == [], f"markup from the data became elements in the page: {injected}"
    assert any("<img src=x" in content for content in popups), "no popup showed '<img src=x' as text"
    assert_offline_and_clean(offline_page)


# --- 4. the year slider ---------------------------------------------------------------------

SLIDER_THUMB = "[data-testid='stSlider'] [role='slider'], [data-testid='stSlider'] input[type='range']"


def test_year_slider_redraws_in_place_without_refetching_the_data(offline_page, shipped_app):
    """A filter change sends only the view: same Leaflet map, the data file fetched once."""
    page = offline_page.page
    data_requests: list[str] = []
    page.on("request", lambda r: data_requests.append(r.url) if "/app/static/data/" in r.url else None)
    frame = open_map(page, shipped_app.url)
    wait_for_partner_markers(frame, SHIPPED_PARTNERS)
    frame.evaluate("() => { (window.map_div || window.map).__sameMap = true; }")

    thumb = page.locator(SLIDER_THUMB).first
    thumb.focus()
    thumb.press("Home")  # the first year: 2007, the Border Triangle's two partners
    wait_for_partner_markers(frame, 2, STEP_TIMEOUT_MS)
    names = sorted(m["text"] for m in frame.evaluate(TOOLTIP_TEXTS_JS))
    assert names == ["Aabenraa Municipality", "Klimapakt Flensburg"]

    thumb.press("End")
    wait_for_partner_markers(frame, SHIPPED_PARTNERS, STEP_TIMEOUT_MS)
    wait_until_idle(page)
    assert frame.evaluate("() => (window.map_div || window.map).__sameMap === true"), "the map was re-mounted"
    assert len(data_requests) == 1, f"the data file was fetched {len(data_requests)} times: {data_requests}"
    assert_offline_and_clean(offline_page)
