"""The map tells its whole story at every zoom: the inset of the home region, home's name on
a free side, a camera that stays where the visitor put it, and a layout where nothing sits on
top of anything, on a laptop, a tablet and a phone. Positions are read from Leaflet and the
DOM, never from screenshots."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from partnerships import settings
from tests.browser.test_map_offline import (
    LOAD_TIMEOUT_MS, MAIN_MAP, STEP_TIMEOUT_MS, assert_offline_and_clean, open_map, wait_for_partner_markers,
    wait_until_idle,
)
from tests.browser.conftest import SHIPPED_CSV
from tests.browser.test_presenting import open_present

SHIPPED = 7
APART_PX = 14  # the least room between two partners, or a partner and home, to tell them apart

# Every shipped partner on screen: where it stands in the main map, and in the inset if it is
# there (container pixels of each map), with home in both.
POSITIONS_JS = """() => {
    const now = PartnerMap.current(), map = now.map, layer = now.layer, home = now.data.home;
    const inset = map.insetControl.state();
    const at = (m, ll) => { const p = m.latLngToContainerPoint(ll); return [p.x, p.y]; };
    return {
        home: at(map, [home.lat, home.lon]),
        main: Object.fromEntries(now.shown.map((i) => [i, at(map, layer.positionOf(i))])),
        insetShown: inset.shown,
        insetHome: inset.shown ? at(inset.map, [home.lat, home.lon]) : null,
        inset: inset.places,  // where each is drawn there (moved apart from a neighbour if need be)
        names: Object.fromEntries(now.shown.map((i) => [i, now.data.partners.name[i]])),
    };
}"""
# The boxes (page pixels, inside the map's frame) of what must never overlap.
BOXES_JS = """(selectors) => {
    const found = {};
    for (const [name, selector] of Object.entries(selectors)) {
        const node = document.querySelector(selector);
        if (!node || node.hidden || node.closest('[hidden]')) continue;
        const r = node.getBoundingClientRect();
        if (r.width && r.height) found[name] = [r.left, r.top, r.right, r.bottom];
    }
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    return {boxes: found, map: [map.left, map.top, map.right, map.bottom]};
}"""
LAYOUT = {
    "title": ".pm-present-title", "story": ".pm-story", "caption": ".pm-caption", "legend": ".pm-legend",
    "zoom": ".leaflet-control-zoom", "popup": ".leaflet-popup-content-wrapper", "inset": ".pm-inset",
}
# Home's name and every partner marker or cluster on screen, as boxes.
LABEL_JS = """() => {
    const box = (n) => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const main = document.querySelector('.leaflet-container:not(.pm-inset-map)');
    const visible = (n) => { const r = n.getBoundingClientRect(), m = main.getBoundingClientRect();
        return r.right > m.left && r.left < m.right && r.bottom > m.top && r.top < m.bottom; };
    return {label: box(document.querySelector('.pm-home-label span')),
            markers: [...main.querySelectorAll(':scope > .leaflet-map-pane .pm-marker, .pm-cluster')]
                .filter(visible).map(box)};
}"""
VIEW_JS = "() => { const m = PartnerMap.current().map, c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }"


def overlap(a: list[float], b: list[float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def distance(a: list[float], b: list[float]) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5


def too_close(points: dict, home: list[float]) -> set[str]:
    """The partners that stand within APART_PX of another partner or of home."""
    close = set()
    for key, point in points.items():
        others = [p for k, p in points.items() if k != key] + [home]
        if any(distance(point, other) < APART_PX for other in others):
            close.add(key)
    return close


def wait_drawn(frame: Frame) -> None:
    frame.wait_for_function("() => PartnerMap.current().shown.length > 0", timeout=LOAD_TIMEOUT_MS)


# --- 1. two scales at once ------------------------------------------------------------------

@pytest.mark.parametrize("size", [(1400, 900), (1920, 1080)])
def test_every_partner_stands_apart_in_the_map_or_the_inset_and_opens_its_own_popup(offline_page, shipped_app, size):
    page = offline_page.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    frame = open_map(page, shipped_app.url)
    wait_for_partner_markers(frame, SHIPPED)
    wait_until_idle(page)
    seen = frame.evaluate(POSITIONS_JS)
    crowded = too_close(seen["main"], seen["home"])
    assert crowded, "the shipped partners near home are expected to crowd at the world view"
    assert seen["insetShown"], "partners crowd home, yet no inset shows them apart"
    assert crowded <= set(seen["inset"]), f"crowded {crowded}, in the inset {set(seen['inset'])}"
    assert not too_close(seen["inset"], seen["insetHome"]), f"still too close in the inset: {seen['inset']}"

    for key, name in seen["names"].items():
        # A popup pans the map into view: back to the first view before each click.
        frame.evaluate("() => { const now = PartnerMap.current(); now.map.closePopup(); now.layer.fitAll(); }")
        seen = frame.evaluate(POSITIONS_JS)
        draws = frame.evaluate("() => PartnerMap.current().draws")
        if key in crowded:
            x, y = seen["inset"][key]
            frame.locator(".pm-inset-map").click(position={"x": x, "y": y})
        else:
            x, y = seen["main"][key]
            frame.locator(MAIN_MAP).first.click(position={"x": x, "y": y})
        frame.wait_for_function("(name) => [...document.querySelectorAll('.leaflet-popup .pm-popup-name')]"
                                ".some((n) => n.textContent === name)", arg=name, timeout=STEP_TIMEOUT_MS)
        # The page hears of the click and draws again (asking for that popup): one click at a time.
        frame.wait_for_function("(n) => PartnerMap.current().draws > n", arg=draws, timeout=STEP_TIMEOUT_MS)
        wait_until_idle(page)
    assert_offline_and_clean(offline_page)


def test_the_inset_goes_once_the_map_is_zoomed_in_far_enough(offline_page, shipped_app):
    frame = open_map(offline_page.page, shipped_app.url)
    wait_for_partner_markers(frame, SHIPPED)
    assert frame.evaluate("() => PartnerMap.current().map.insetControl.state().shown")
    frame.evaluate("() => { const h = PartnerMap.current().data.home; PartnerMap.current().map.setView([h.lat, h.lon], 9); }")
    frame.wait_for_function("() => !PartnerMap.current().map.insetControl.state().shown", timeout=STEP_TIMEOUT_MS)
    seen = frame.evaluate(POSITIONS_JS)
    assert not too_close({k: p for k, p in seen["main"].items()}, seen["home"])


# --- 2. home's name on the free side ---------------------------------------------------------

@pytest.mark.parametrize("zoom", [None, 7, 8])
def test_the_home_name_covers_no_partner(offline_page, shipped_app, zoom):
    frame = open_map(offline_page.page, shipped_app.url)
    wait_for_partner_markers(frame, SHIPPED)
    if zoom is not None:
        frame.evaluate("(z) => { const h = PartnerMap.current().data.home; PartnerMap.current().map.setView([h.lat, h.lon], z); }",
                       zoom)
        frame.wait_for_function("(z) => PartnerMap.current().map.getZoom() === z && "
                                "PartnerMap.current().map.homeLabel.placed", arg=zoom, timeout=STEP_TIMEOUT_MS)
    seen = frame.evaluate(LABEL_JS)
    covered = [box for box in seen["markers"] if overlap(seen["label"], box) > 0]
    assert not covered, f"home's name {seen['label']} covers {covered}"


# --- 3. the camera stays where the visitor put it ---------------------------------------------

def test_a_filter_change_keeps_the_map_still_and_show_all_refits(offline_page, shipped_app):
    page = offline_page.page
    frame = open_map(page, shipped_app.url)
    wait_for_partner_markers(frame, SHIPPED)
    wait_until_idle(page)
    frame.evaluate("() => { PartnerMap.current().map.setView([50, 10], 4, {animate: false}); }")
    before = frame.evaluate(VIEW_JS)
    draws = frame.evaluate("() => PartnerMap.current().draws")
    page.get_by_text("NGO partnership", exact=True).first.click()  # untick a type
    frame.wait_for_function("(n) => PartnerMap.current().draws > n && PartnerMap.current().shown.length === 6",
                            arg=draws, timeout=STEP_TIMEOUT_MS)
    assert frame.evaluate(VIEW_JS) == before, "the map moved when a type was unticked"

    frame.locator(".pm-show-all a").click()
    frame.wait_for_function("() => { const now = PartnerMap.current(), b = now.map.getBounds();"
                            " return now.shown.every((i) => b.contains(now.layer.positionOf(i))); }",
                            timeout=STEP_TIMEOUT_MS)
    assert frame.evaluate(VIEW_JS) != before
    assert_offline_and_clean(offline_page)


def test_a_filter_that_leaves_nothing_in_view_refits(offline_page, shipped_app):
    page = offline_page.page
    frame = open_map(page, shipped_app.url)
    wait_for_partner_markers(frame, SHIPPED)
    wait_until_idle(page)
    frame.evaluate("() => { PartnerMap.current().map.setView([36, 118], 5, {animate: false}); }")  # China
    draws = frame.evaluate("() => PartnerMap.current().draws")
    for name in ("Friendship city", "Urbanisation partnership"):
        page.get_by_text(name, exact=True).first.click()
        wait_until_idle(page)
    frame.wait_for_function("(n) => PartnerMap.current().draws > n && PartnerMap.current().shown.length === 5",
                            arg=draws, timeout=STEP_TIMEOUT_MS)
    frame.wait_for_function("() => { const now = PartnerMap.current(), b = now.map.getBounds();"
                            " return now.shown.some((i) => b.contains(now.layer.positionOf(i))); }",
                            timeout=STEP_TIMEOUT_MS)


# --- 4. phones and tablets: nothing on top of anything -----------------------------------------

def layout_problems(seen: dict) -> list[str]:
    """Boxes that reach out of the map or overlap another, in words."""
    boxes, edge, found = seen["boxes"], seen["map"], []
    names = sorted(boxes)
    for k, a in enumerate(names):
        box = boxes[a]
        if box[0] < edge[0] - 1 or box[1] < edge[1] - 1 or box[2] > edge[2] + 1 or box[3] > edge[3] + 1:
            found.append(f"{a} {box} reaches out of the map {edge}")
        found += [f"{a} {box} and {b} {boxes[b]} overlap" for b in names[k + 1:] if overlap(box, boxes[b])]
    return found


def assert_apart(frame: Frame, when: str) -> dict:
    """Nothing overlaps, once the map has come to rest (a popup may still pan it into view)."""
    check = f"() => {{ const s = ({BOXES_JS})({json.dumps(LAYOUT)}); const b = Object.values(s.boxes), m = s.map;" \
            " const o = (p, q) => Math.min(p[2], q[2]) > Math.max(p[0], q[0]) && Math.min(p[3], q[3]) > Math.max(p[1], q[1]);" \
            " return b.every((p, k) => p[0] >= m[0] - 1 && p[1] >= m[1] - 1 && p[2] <= m[2] + 1 && p[3] <= m[3] + 1" \
            " && b.slice(k + 1).every((q) => !o(p, q))); }"
    try:
        frame.wait_for_function(check, timeout=STEP_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pass  # the assertion below says what overlaps
    seen = frame.evaluate(BOXES_JS, LAYOUT)
    assert not layout_problems(seen), f"{when}: {layout_problems(seen)}"
    return seen["boxes"]


def open_at(page: Page, url: str, size: tuple[int, int], present: bool) -> Frame:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    frame = open_present(page, url) if present else open_map(page, url)
    wait_drawn(frame)
    wait_until_idle(page)
    return frame


@pytest.mark.parametrize("present", [False, True], ids=["map", "present"])
@pytest.mark.parametrize("size", [(390, 844), (768, 1024)], ids=["phone", "tablet"])
def test_nothing_covers_anything_on_phones_and_tablets(offline_page, shipped_app, size, present):
    page = offline_page.page
    frame = open_at(page, shipped_app.url, size, present)
    boxes = assert_apart(frame, "at rest")
    legend, edge = boxes["legend"], frame.evaluate(BOXES_JS, LAYOUT)["map"]
    map_area = (edge[2] - edge[0]) * (edge[3] - edge[1])
    assert (legend[2] - legend[0]) * (legend[3] - legend[1]) <= 0.25 * map_area, f"legend {legend}, map {edge}"

    if present:  # a tour stop: the caption and a popup join in
        frame.locator(".pm-story-tour").click()
        frame.wait_for_selector(".leaflet-popup-content .pm-popup-name", timeout=STEP_TIMEOUT_MS)
        assert_apart(frame, "at the tour's first stop")
    assert_offline_and_clean(offline_page)


def test_the_legend_folds_on_a_phone_and_unfolds_on_request(offline_page, shipped_app):
    page = offline_page.page
    frame = open_at(page, shipped_app.url, (390, 844), present=False)
    toggle = frame.locator(".pm-legend-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not frame.locator(".pm-legend-row").first.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert frame.locator(".pm-legend-row").first.is_visible()
    assert_apart(frame, "with the legend open")
    toggle.click()
    assert not frame.locator(".pm-legend-row").first.is_visible()


def test_a_popup_never_opens_under_the_zoom_buttons(offline_page, shipped_app):
    page = offline_page.page
    frame = open_at(page, shipped_app.url, (390, 844), present=False)
    # New York, moved to the top left corner, right under the zoom buttons.
    frame.evaluate("""() => { const now = PartnerMap.current(), i = now.data.partners.id.indexOf('clinton-climate-positive');
        const map = now.map, at = now.layer.positionOf(i), p = map.latLngToContainerPoint(at);
        map.panBy([p.x - 30, p.y - 40], {animate: false}); now.layer.openPartner(i); }""")
    frame.wait_for_selector(".leaflet-popup-content .pm-popup-name", timeout=STEP_TIMEOUT_MS)
    frame.wait_for_function("() => { const z = document.querySelector('.leaflet-control-zoom').getBoundingClientRect(),"
                            " p = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();"
                            " return p.left >= z.right || p.top >= z.bottom; }", timeout=STEP_TIMEOUT_MS)


def at_home_csv(write_csv) -> Path:
    """The shipped partners and two more at home's very spot (a company and a university in town)."""
    home = settings.home()
    rows = list(csv.DictReader(SHIPPED_CSV.open(encoding="utf-8")))
    for key, name in (("danfoss", "Danfoss"), ("sdu", "SDU Sønderborg")):
        rows.append({**{column: "" for column in rows[0]}, "id": key, "name": name, "type": "Research partnership",
                     "city": home.name, "country": "Denmark", "lat": str(home.lat), "lon": str(home.lon),
                     "start_year": "2012", "source": "test"})
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return write_csv(text.getvalue())


def test_partners_at_home_stand_apart_in_the_inset(offline_page, start_app, write_csv):
    page = offline_page.page
    frame = open_map(page, start_app(at_home_csv(write_csv)).url)
    wait_for_partner_markers(frame, SHIPPED + 2)
    wait_until_idle(page)
    seen = frame.evaluate(POSITIONS_JS)
    ids = frame.evaluate("() => PartnerMap.current().data.partners.id")
    at_home = {str(ids.index(key)) for key in ("danfoss", "sdu")}
    assert at_home <= set(seen["inset"]), seen
    assert not too_close(seen["inset"], seen["insetHome"]), f"still too close in the inset: {seen['inset']}"
    for key in sorted(at_home):
        draws = frame.evaluate("() => PartnerMap.current().draws")
        frame.evaluate("() => { PartnerMap.current().map.closePopup(); }")
        x, y = frame.evaluate(POSITIONS_JS)["inset"][key]
        frame.locator(".pm-inset-map").click(position={"x": x, "y": y})
        frame.wait_for_function("(name) => [...document.querySelectorAll('.leaflet-popup .pm-popup-name')]"
                                ".some((n) => n.textContent === name)", arg=seen["names"][key], timeout=STEP_TIMEOUT_MS)
        frame.wait_for_function("(n) => PartnerMap.current().draws > n", arg=draws, timeout=STEP_TIMEOUT_MS)
        wait_until_idle(page)


def test_the_inset_follows_home_in_and_out_of_view(offline_page, shipped_app):
    frame = open_map(offline_page.page, shipped_app.url)
    wait_for_partner_markers(frame, SHIPPED)
    assert frame.evaluate("() => PartnerMap.current().map.insetControl.state().shown")
    frame.evaluate("() => { PartnerMap.current().map.setView([-30, -120], 4, {animate: false}); }")  # home off screen
    frame.wait_for_function("() => !PartnerMap.current().map.insetControl.state().shown", timeout=STEP_TIMEOUT_MS)
    frame.evaluate("() => { const h = PartnerMap.current().data.home; PartnerMap.current().map.setView([h.lat, h.lon], 2, "
                   "{animate: false}); }")
    frame.wait_for_function("() => PartnerMap.current().map.insetControl.state().shown", timeout=STEP_TIMEOUT_MS)


def test_the_tour_ends_on_the_pages_year_after_playback(offline_page, shipped_app):
    page = offline_page.page
    frame = open_present(page, shipped_app.url)
    page_year = frame.evaluate("() => PartnerMap.current().view.year")
    frame.evaluate("() => { PartnerMap.current().map.storyControl.showYear(2020); }")  # as the player leaves it
    frame.locator(".pm-story-tour").click()
    frame.wait_for_selector(".leaflet-popup-content .pm-popup-name", timeout=STEP_TIMEOUT_MS)
    page.keyboard.press("Escape")
    frame.wait_for_function("(y) => PartnerMap.current().view.year === y && PartnerMap.current().map.storyControl"
                            ".state().stop === -1", arg=page_year, timeout=STEP_TIMEOUT_MS)
    assert frame.locator(".pm-story-year").text_content() == str(page_year)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_on_a_tablet_the_legend_folds_for_the_inset_and_china_stays_in_view(offline_page, shipped_app, lang):
    page = offline_page.page
    page.set_viewport_size({"width": 768, "height": 1024})
    frame = open_map(page, shipped_app.url + f"?lang={lang}")
    wait_drawn(frame)
    wait_until_idle(page)
    assert_apart(frame, "on a tablet")
    covered = frame.evaluate("""() => { const now = PartnerMap.current(), map = now.map, frame = map.getContainer()
        .getBoundingClientRect(), controls = [...map.getContainer().querySelectorAll('.pm-inset, .pm-legend, .pm-story')]
        .filter((c) => !c.hidden).map((c) => c.getBoundingClientRect());
        return now.shown.filter((i) => { const p = map.latLngToContainerPoint(now.layer.positionOf(i));
            return controls.some((r) => p.x + frame.left >= r.left && p.x + frame.left <= r.right
                && p.y + frame.top >= r.top && p.y + frame.top <= r.bottom); })
            .map((i) => now.data.partners.name[i]); }""")
    assert covered == [], f"partners under a control: {covered}"
