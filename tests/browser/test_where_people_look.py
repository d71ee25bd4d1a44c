"""What people quote and where they look: a camera that stays where the visitor put it, every
partner reachable and told apart, a story with no gaps, and the year and the sources' year on
the map itself. Positions come from Leaflet and the DOM; every wait is on an event the page
exposes."""
from __future__ import annotations

import pytest
from playwright.sync_api import Frame, Page

from partnerships.i18n import t
from tests.browser.test_map_offline import (
    LOAD_TIMEOUT_MS, MAIN_MAP, SLIDER_THUMB, STEP_TIMEOUT_MS, assert_offline_and_clean, map_frame, open_map,
    wait_for_partner_markers, wait_until_idle,
)
from tests.browser.test_presenting import open_present
from tests.conftest import GOOD_ROWS, csv_text

SHIPPED = 7
VIEW_JS = "() => { const m = PartnerMap.current().map, c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }"
DRAWS_JS = "() => PartnerMap.current().draws"


def ready(page: Page, url: str) -> Frame:
    frame = open_map(page, url)
    wait_for_partner_markers(frame, SHIPPED)
    wait_until_idle(page)
    frame.evaluate("() => { (window.map_div || window.map).__sameMap = true; }")
    return frame


def wait_drawn(frame: Frame, draws: int, shown: int) -> None:
    frame.wait_for_function("(a) => PartnerMap.current().draws > a.draws"
                            " && PartnerMap.current().shown.length === a.shown",
                            arg={"draws": draws, "shown": shown}, timeout=STEP_TIMEOUT_MS)


def assert_same_map(frame: Frame) -> None:
    assert frame.evaluate("() => (window.map_div || window.map).__sameMap === true"), "the map was re-mounted"


# --- 3. a camera that stays --------------------------------------------------------------------

@pytest.mark.parametrize("how", ["buttons", "wheel", "keyboard"])
def test_after_the_visitor_zooms_a_type_or_year_change_keeps_the_map_still(offline_page, shipped_app, how):
    """Zoomed in on the first view's middle (at 1400×900 the sea off Africa, no partner on
    screen), the map stays: only a change that takes away every partner the visitor saw moves it."""
    page = offline_page.page
    page.set_viewport_size({"width": 1400, "height": 900})
    frame = ready(page, shipped_app.url)
    zoom = frame.evaluate("() => PartnerMap.current().map.getZoom()")
    if how == "buttons":
        frame.locator(".leaflet-control-zoom-in").click()
    elif how == "wheel":
        box = frame.locator(MAIN_MAP).first.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, -120)
    else:
        frame.locator(MAIN_MAP).first.focus()
        page.keyboard.press("Equal")
    frame.wait_for_function("(z) => PartnerMap.current().map.getZoom() > z && !PartnerMap.current().map._animatingZoom",
                            arg=zoom, timeout=STEP_TIMEOUT_MS)
    wait_until_idle(page)
    before = frame.evaluate(VIEW_JS)

    draws = frame.evaluate(DRAWS_JS)
    page.get_by_text("NGO partnership", exact=True).first.click()  # untick a type
    wait_drawn(frame, draws, 6)
    wait_until_idle(page)
    assert frame.evaluate(VIEW_JS) == before, "the map moved when a type was unticked"

    draws = frame.evaluate(DRAWS_JS)
    thumb = page.locator(SLIDER_THUMB).first
    thumb.focus()
    thumb.press("ArrowLeft")
    frame.wait_for_function("(n) => PartnerMap.current().draws > n", arg=draws, timeout=STEP_TIMEOUT_MS)
    wait_until_idle(page)
    assert frame.evaluate(VIEW_JS) == before, "the map moved when the year changed"
    assert_same_map(frame)
    assert_offline_and_clean(offline_page)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_nothing_matches_keeps_the_map_and_the_map_says_so(offline_page, shipped_app, lang):
    page = offline_page.page
    frame = ready(page, shipped_app.url + f"?lang={lang}")
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function("() => !PartnerMap.current().map._animatingZoom", timeout=STEP_TIMEOUT_MS)
    wait_until_idle(page)
    before = frame.evaluate(VIEW_JS)
    notice = frame.locator(".pm-empty")
    assert not notice.is_visible()

    draws = frame.evaluate(DRAWS_JS)
    page.get_by_role("button", name=t("types_none", lang), exact=True).click()
    wait_drawn(frame, draws, 0)
    wait_until_idle(page)
    assert notice.is_visible()
    assert notice.text_content() == t("map_empty", lang)
    assert frame.evaluate(VIEW_JS) == before, "the map moved when nothing matched"

    draws = frame.evaluate(DRAWS_JS)
    page.get_by_role("button", name=t("types_all", lang), exact=True).click()
    wait_drawn(frame, draws, SHIPPED)
    wait_until_idle(page)
    assert not notice.is_visible()
    assert frame.evaluate(VIEW_JS) == before, "the map moved when partners came back"
    assert_same_map(frame)
    assert_offline_and_clean(offline_page)


# --- 4. every partner reached and told apart ---------------------------------------------------

# Every partner drawn on the main map: its name and its centre in the frame's pixels, unrounded.
CENTRES_JS = """() => { const now = PartnerMap.current(), map = now.map;
    const box = map.getContainer().getBoundingClientRect();
    return now.singles.map((i) => { const p = map.layerPointToContainerPoint(map.project(now.layer.positionOf(i))
        .subtract(map.getPixelOrigin()));
        return {name: now.data.partners.name[i], x: box.left + p.x, y: box.top + p.y}; }); }"""
# The names in the open popups (one closing fades out first).
POPUP_NAME_JS = """() => [...document.querySelectorAll('.leaflet-popup')].filter((p) => p.style.opacity !== '0')
    .map((p) => p.querySelector('.pm-popup-name').textContent)"""


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)], ids=["laptop", "phone"])
def test_a_click_on_touching_markers_opens_the_one_under_the_pointer(offline_page, shipped_app, size):
    """At the world view the Border Triangle and WWF touch: a click on a partner's centre opens
    that partner, not the marker drawn on top. (On a phone some share a point: the inset tells
    those apart.)"""
    page = offline_page.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    frame = ready(page, shipped_app.url)
    centres = frame.evaluate(CENTRES_JS)
    apart = [p for p in centres if all(abs(p["x"] - q["x"]) + abs(p["y"] - q["y"]) >= 1 for q in centres if q is not p)]
    assert {"WWF", "Aabenraa Municipality"} <= {p["name"] for p in apart} or size[0] < 500, centres
    assert "WWF" in {p["name"] for p in apart}, centres
    for partner in apart:
        frame.evaluate("() => { const now = PartnerMap.current(); now.map.closePopup(); now.layer.fitAll(); }")
        at = next(p for p in frame.evaluate(CENTRES_JS) if p["name"] == partner["name"])
        draws = frame.evaluate(DRAWS_JS)
        frame.wait_for_function("() => !document.querySelector('.leaflet-popup')", timeout=STEP_TIMEOUT_MS)  # faded out
        frame.locator(MAIN_MAP).first.click(position={"x": at["x"], "y": at["y"]})
        frame.wait_for_function(f"() => ({POPUP_NAME_JS})().length === 1", timeout=STEP_TIMEOUT_MS)
        # The page hears of the click and draws again (asking for that popup): one click at a time.
        frame.wait_for_function("(n) => PartnerMap.current().draws > n", arg=draws, timeout=STEP_TIMEOUT_MS)
        wait_until_idle(page)
        assert frame.evaluate(POPUP_NAME_JS) == [partner["name"]], f"clicked {partner['name']} at {at}"
    assert_offline_and_clean(offline_page)


def test_the_partners_are_reached_by_tab_read_out_by_name_and_opened_with_enter(offline_page, shipped_app):
    page = offline_page.page
    frame = ready(page, shipped_app.url)
    names = frame.evaluate("() => PartnerMap.current().shown.map((i) => PartnerMap.current().data.partners.name[i])")
    frame.locator(MAIN_MAP).first.focus()
    heard = []
    for _ in names:
        page.keyboard.press("Tab")
        focused = frame.locator(".pm-marker:focus")
        assert focused.get_attribute("role") == "button"
        heard.append(focused.get_attribute("aria-label"))
    assert sorted(heard) == sorted(names)

    draws = frame.evaluate(DRAWS_JS)
    page.keyboard.press("Enter")  # the last one reached
    frame.wait_for_function(f"(name) => ({POPUP_NAME_JS})().includes(name)", arg=heard[-1], timeout=STEP_TIMEOUT_MS)
    # The page heard of it, as of a click.
    frame.wait_for_function("(n) => PartnerMap.current().draws > n", arg=draws, timeout=STEP_TIMEOUT_MS)
    wait_until_idle(page)
    assert heard[-1] in page.get_by_test_id("stMain").inner_text()  # described beside the map
    assert_offline_and_clean(offline_page)


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)], ids=["laptop", "phone"])
def test_the_insets_partners_carry_their_names(offline_page, shipped_app, size):
    page = offline_page.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    frame = ready(page, shipped_app.url)
    inset = frame.evaluate("() => PartnerMap.current().map.insetControl.state()")
    names = frame.evaluate("() => PartnerMap.current().data.partners.name")
    assert inset["shown"] and inset["named"], inset
    labels = frame.evaluate("""() => { const frame = document.querySelector('.pm-inset-map').getBoundingClientRect();
        return [...document.querySelectorAll('.pm-inset-label span')].map((n) => { const r = n.getBoundingClientRect();
            return {text: n.textContent, box: [r.left, r.top, r.right, r.bottom],
                    inside: r.left >= frame.left && r.top >= frame.top && r.right <= frame.right
                        && r.bottom <= frame.bottom}; }); }""")
    assert sorted(label["text"] for label in labels) == sorted(names[int(i)] for i in inset["named"])
    assert all(label["inside"] for label in labels), labels
    for k, a in enumerate(labels):
        for b in labels[k + 1:]:
            assert min(a["box"][2], b["box"][2]) <= max(a["box"][0], b["box"][0]) or \
                min(a["box"][3], b["box"][3]) <= max(a["box"][1], b["box"][1]), f"{a} and {b} overlap"
    for key, (x, y) in inset["places"].items():  # every one, named or not, has its tooltip
        frame.locator(".pm-inset-map").hover(position={"x": x, "y": y})
        frame.wait_for_function("(name) => [...document.querySelectorAll('.pm-inset-map .leaflet-tooltip')]"
                                ".some((n) => n.textContent === name)", arg=names[int(key)], timeout=STEP_TIMEOUT_MS)
    assert_offline_and_clean(offline_page)


# --- 5. a story with no gaps -----------------------------------------------------------------------

TOUR_MAX_ZOOM = 7  # a stop shows its region (at least 100 km across a phone), never a patch of sea
HOME_NAME_REACH = 80  # px: home's name stands this close to home's ring, or not at all
STOP_JS = """() => { const now = PartnerMap.current(), story = now.map.storyControl;
    return story.stops(now.data).map((s) => now.data.partners.name[now.data.partners.id.indexOf(s.id)]); }"""
# At a stop, once its popup is open: what frames it.
FRAMING_JS = """() => { const now = PartnerMap.current(), map = now.map;
    const frame = map.getContainer().getBoundingClientRect();
    const box = (n) => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const meet = (a, b) => Math.min(a[2], b[2]) > Math.max(a[0], b[0]) && Math.min(a[3], b[3]) > Math.max(a[1], b[1]);
    const covers = [...document.querySelectorAll('.leaflet-popup-content-wrapper, .pm-caption:not([hidden]), .pm-story,'
        + ' .pm-present-title, .pm-legend, .pm-inset:not([hidden]), .leaflet-control-zoom')].map(box);
    const inside = (b) => b[0] >= frame.left && b[1] >= frame.top && b[2] <= frame.right && b[3] <= frame.bottom;
    const countries = [...document.querySelectorAll('.pm-country-label:not([hidden])')]
        .map((n) => [n.textContent, box(n)])
        .filter(([, b]) => inside(b) && !covers.some((c) => meet(b, c))).map(([text]) => text);
    const home = now.data.home, h = map.latLngToContainerPoint([home.lat, home.lon]);
    const ring = [frame.left + h.x - 1, frame.top + h.y - 1, frame.left + h.x + 1, frame.top + h.y + 1];  // its middle
    if (inside(ring) && !covers.some((c) => meet(ring, c))) countries.push('home');
    const name = document.querySelector('.pm-home-label span'), shown = name && name.offsetParent !== null
        && getComputedStyle(name).visibility !== 'hidden';
    let far = 0;
    if (shown) { const b = box(name), x = h.x + frame.left, y = h.y + frame.top;
        far = Math.hypot(Math.max(b[0] - x, 0, x - b[2]), Math.max(b[1] - y, 0, y - b[3]));
        if (inside(b) && !covers.some((c) => meet(b, c))) countries.push(name.textContent); }
    return {zoom: map.getZoom(), known: countries, homeNameFar: far, emptyAtOpen: window.__emptyAtOpen}; }"""


@pytest.mark.parametrize("size", [(390, 844), (1920, 1080)], ids=["phone", "screen"])
def test_every_tour_stop_opens_filled_framed_by_a_known_place_with_homes_name_by_home(offline_page, shipped_app, size):
    page = offline_page.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    frame = open_present(page, shipped_app.url)
    wait_until_idle(page)
    frame.evaluate("""() => { window.__emptyAtOpen = []; PartnerMap.current().map.on('popupopen', (e) =>
        window.__emptyAtOpen.push(!!e.popup.getElement().querySelector('.pm-loading'))); }""")
    stops = frame.evaluate(STOP_JS)
    for k, name in enumerate(stops):
        page.keyboard.press("PageDown")
        frame.wait_for_function(f"""(a) => PartnerMap.current().map.storyControl.state().framed === a.k
            && ({POPUP_NAME_JS})().includes(a.name)""",
                                arg={"k": k, "name": name}, timeout=STEP_TIMEOUT_MS)
        seen = frame.evaluate(FRAMING_JS)
        assert not any(seen["emptyAtOpen"]), f"{name}: the popup opened before its details were there"
        assert seen["zoom"] <= TOUR_MAX_ZOOM, f"{name}: zoom {seen['zoom']}"
        assert seen["known"], f"{name}: neither home nor a country's name on screen at zoom {seen['zoom']}"
        assert seen["homeNameFar"] <= HOME_NAME_REACH, f"{name}: home's name {seen['homeNameFar']:.0f} px from home"
    assert_offline_and_clean(offline_page)


def test_homes_name_hides_while_home_is_off_the_map(offline_page, shipped_app):
    frame = ready(offline_page.page, shipped_app.url)
    hidden = "() => getComputedStyle(document.querySelector('.pm-home-label span')).visibility === 'hidden'"
    assert not frame.evaluate(hidden)
    frame.evaluate("() => { PartnerMap.current().map.setView([38.9, 115.5], 6, {animate: false}); }")  # Baoding
    frame.wait_for_function(hidden, timeout=STEP_TIMEOUT_MS)
    frame.evaluate("() => { const h = PartnerMap.current().data.home;"
                   " PartnerMap.current().map.setView([h.lat, h.lon], 6, {animate: false}); }")
    frame.wait_for_function(f"() => !({hidden})()", timeout=STEP_TIMEOUT_MS)


# --- 2. the year shown, and how recent the sources are, on the map -------------------------------

@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_map_says_its_year_and_how_recent_its_sources_are(offline_page, shipped_app, lang):
    page = offline_page.page
    frame = ready(page, shipped_app.url + f"?lang={lang}")
    line = frame.locator(".pm-legend-year")
    assert line.text_content() == "2014 · " + t("sources_as_of", lang, year=2014)
    draws = frame.evaluate(DRAWS_JS)
    thumb = page.locator(SLIDER_THUMB).first
    thumb.focus()
    thumb.press("ArrowLeft")
    frame.wait_for_function("(n) => PartnerMap.current().draws > n", arg=draws, timeout=STEP_TIMEOUT_MS)
    assert line.text_content() == "2013 · " + t("sources_as_of", lang, year=2014)

    page.goto(shipped_app.url + f"?mode=present&lang={lang}", timeout=LOAD_TIMEOUT_MS)
    frame = map_frame(page)
    frame.wait_for_function("() => window.PartnerMap && PartnerMap.current().shown.length === 7",
                            timeout=LOAD_TIMEOUT_MS)
    assert frame.locator(".pm-story-sources").text_content() == t("sources_as_of", lang, year=2014)
    assert not frame.locator(".pm-legend-year").is_visible()  # the story says it, under the big year
    assert_offline_and_clean(offline_page)


def test_without_confirmed_years_the_map_says_only_its_year(offline_page, start_app, write_csv):
    page = offline_page.page
    header = "id,name,type,city,country,lat,lon,start_year,end_year,description,url"
    frame = open_map(page, start_app(write_csv(csv_text(*GOOD_ROWS, header=header))).url)
    frame.wait_for_function("() => PartnerMap.current().draws > 0", timeout=STEP_TIMEOUT_MS)
    year = frame.evaluate("() => PartnerMap.current().view.year")
    assert frame.locator(".pm-legend-year").text_content() == str(year)
