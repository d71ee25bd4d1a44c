"""A crowded map in a real browser: the cluster index's numbered circles (clusterindex.js, tested
alone in test_cluster_index.py), one arc each, split as you zoom, reached by pointer and keyboard,
redrawn only where a view changed them; details fetched only for the popup that needs them.
(The arcs' great circles are compared with geo/arcs.py in test_rules.py.)
"""
from __future__ import annotations

import json
import random

from playwright.sync_api import expect

from partnermap.mapbuilder import map_view, partner_payload
from partnermap.publish import SCRIPTS, SOURCES, STYLES
from partnerships.escape import js_json
from partnerships.filtering import View, YearMode
from partnerships.loading import load_partners
from tests.browser.test_map_offline import (
    STEP_TIMEOUT_MS, assert_offline_and_clean, draws, map_locator, open_map, wait_for_draw, wait_until_idle,
    write_partners,
)

# --- popup details in slices ----------------------------------------------------------------

DETAILS_JS = """
    async () => {
      const data = {
        details: { size: 2, slices: [
          { city: ["A", "B"], country: ["X", "X"], country_da: ["", ""], desc: ["a", "b"], desc_da: ["", ""],
            url: ["", ""] },
          { city: ["C"], country: ["Y"], country_da: ["Ypsilon"], desc: ["c"], desc_da: ["c på dansk"],
            url: ["https://example.org/c"] },
        ] },
      };
      return Promise.all([0, 1, 2].map((i) => PartnerMap.details(data, i)));
    }
"""


def test_popup_details_are_found_in_their_slice(chromium_browser):
    page = chromium_browser.new_page()
    try:
        page.set_content("<div id='map'></div>")
        for relative in SCRIPTS:  # every script the map loads, in order
            page.add_script_tag(path=str(SOURCES[relative]))
        found = page.evaluate(DETAILS_JS)
    finally:
        page.close()
    assert [d["city"] for d in found] == ["A", "B", "C"]
    assert found[2] == {"city": "C", "country": "Y", "country_da": "Ypsilon", "desc": "c", "desc_da": "c på dansk",
                        "url": "https://example.org/c"}


# --- clusters -------------------------------------------------------------------------------

# In the map frame: what the partner layer draws now, and what is on the page.
DRAWN_JS = """
    () => {
      const now = PartnerMap.current(), map = now.map;
      const drawn = now.members.flat().concat(now.singles), drawnSet = new Set(drawn);
      const visible = now.shown.filter((i) => map.getBounds().contains(now.layer.positionOf(i)));
      let arcs = 0;
      now.layer.arcs.eachLayer(() => { arcs += 1; });
      return {
        zoom: map.getZoom(), shown: now.shown.length, clusters: now.clusters, singles: now.singles.length,
        members: now.members.reduce((sum, m) => sum + m.length, 0), distinct: new Set(drawn).size,
        largest: Math.max(0, ...now.members.map((m) => m.length)), arcs,
        visible: visible.length, visibleDrawn: visible.filter((i) => drawnSet.has(i)).length,
        circles: document.querySelectorAll(".leaflet-pm-clusters-pane .pm-cluster").length,
        markers: document.querySelectorAll(".leaflet-marker-pane .pm-marker").length,
      };
    }
"""

# The point in the map's frame of the cluster holding the most partners.
LARGEST_CLUSTER_JS = """
    () => {
      const now = PartnerMap.current(), sizes = now.members.map((m) => m.length);
      const k = sizes.indexOf(Math.max(...sizes)), point = now.map.latLngToContainerPoint(now.places[k]);
      return { x: point.x, y: point.y, size: sizes[k] };
    }
"""

# Fly as the tour does (at once) to partner `index` and say whether it has its own marker.
SEPARATE_JS = """
    (index) => {
      const now = PartnerMap.current(), zoom = now.layer.separateZoom(index, 5);
      now.map.setView(now.layer.positionOf(index), zoom, { animate: false });
      return { zoom, single: PartnerMap.current().singles.includes(index) };
    }
"""

BERLIN = (52.52, 13.405)
SAME_PLACE = 40  # partners at exactly Berlin's coordinates: no zoom splits them
SPREAD = 560  # partners scattered over Germany


def crowded_rows() -> list[dict[str, str]]:
    chance = random.Random(7)
    rows = []
    for k in range(SAME_PLACE + SPREAD):
        here = k < SAME_PLACE
        lat, lon = BERLIN if here else (chance.uniform(48.0, 54.0), chance.uniform(7.5, 14.0))  # Germany, roughly
        rows.append({"id": f"partner-{k:04d}", "name": f"{'Berlin partner' if here else 'Partner'} {k:04d}",
                     "type": chance.choice(["Friendship city", "Climate network", "Research partnership"]),
                     "city": "Berlin" if here else f"Town {k:04d}", "country": "Germany",
                     "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "start_year": str(chance.randint(1990, 2020)),
                     "description": f"Partnership number {k}."})
    return rows


def test_a_crowded_map_draws_clusters_that_split_as_you_zoom(offline_page, start_app, tmp_path):
    app = start_app(write_partners(tmp_path / "partners.csv", crowded_rows()))
    page = offline_page.page
    details_requests: list[str] = []
    page.on("request", lambda r: details_requests.append(r.url) if "/details-" in r.url else None)
    frame = open_map(page, app.url)
    frame.wait_for_function("() => PartnerMap.current().shown.length > 0 && PartnerMap.current().clusters > 0",
                            timeout=STEP_TIMEOUT_MS)

    wide = frame.evaluate(DRAWN_JS)
    assert wide["shown"] == SAME_PLACE + SPREAD
    assert wide["members"] + wide["singles"] == wide["distinct"] == wide["shown"], f"a partner drawn twice or not: {wide}"
    assert wide["clusters"] + wide["singles"] < wide["shown"] / 4, f"hardly clustered: {wide}"
    assert wide["arcs"] == wide["clusters"] + wide["singles"], "one arc per cluster and per single partner"
    assert (wide["circles"], wide["markers"]) == (wide["clusters"], wide["singles"]), f"not what is on the page: {wide}"

    before = draws(frame)
    frame.evaluate("() => { const map = PartnerMap.current().map; map.setZoom(map.getZoom() + 3, {animate: false}); }")
    wait_for_draw(frame, before)
    close = frame.evaluate(DRAWN_JS)
    assert close["zoom"] == wide["zoom"] + 3
    # Close up, the partners around the visible part are drawn, and every visible one.
    assert 0 < close["visible"] == close["visibleDrawn"] <= close["members"] + close["singles"] == close["distinct"], close
    assert close["distinct"] < close["shown"], f"close up, partners far away are not drawn: {close}"
    assert close["singles"] > wide["singles"], f"zooming in split no cluster: {wide} → {close}"

    # Enter on a circle that can split zooms to its partners, and the focus stays in the map,
    # on what holds the circle's first partner now.
    before = draws(frame)
    frame.evaluate("() => { const map = PartnerMap.current().map; map.setView(map.getCenter(), map.getZoom() - 3, {animate: false}); }")
    wait_for_draw(frame, before)
    before = draws(frame)
    largest_circle = frame.evaluate("""() => {
      const circles = PartnerMap.current().layer.visible.clusters.slice().sort((a, b) => b.count - a.count);
      circles[0].marker.getElement().focus();
      return { zoom: PartnerMap.current().map.getZoom(), label: circles[0].marker.getElement().getAttribute("aria-label") };
    }""")
    page.keyboard.press("Enter")
    wait_for_draw(frame, before)  # at the end of the flight
    after = frame.evaluate("""() => ({ zoom: PartnerMap.current().map.getZoom(),
      focus: !!(document.activeElement.isConnected && document.activeElement.closest('.leaflet-marker-icon')) })""")
    assert after["zoom"] > largest_circle["zoom"] and after["focus"], (largest_circle, after)

    # The tour flies to where its partner stands alone, not inside a cluster.
    for index, expected_alone in ((SAME_PLACE, True), (0, False)):
        flown = frame.evaluate(SEPARATE_JS, index)
        assert flown["single"] is expected_alone, flown
        assert expected_alone or flown["zoom"] == 10, flown  # one place: as deep as the tour goes

    # Berlin's partners share one place: at the closest zoom they stay one cluster, which
    # lists them; a name in the list opens that partner's popup with its details.
    frame.evaluate("([lat, lon]) => { const map = PartnerMap.current().map; "
                   "map.setView([lat, lon], map.getMaxZoom(), {animate: false}); }", list(BERLIN))
    largest = frame.evaluate(LARGEST_CLUSTER_JS)
    assert frame.evaluate("() => PartnerMap.current().map.getZoom() === PartnerMap.current().map.getMaxZoom()")
    assert largest["size"] == SAME_PLACE
    assert details_requests == [], f"details fetched before any popup opened: {details_requests}"
    popup = map_locator(page).locator(".leaflet-popup-content")
    # From the keyboard: the circle takes the focus, says what it is, and Enter lists it, the
    # focus on the list's first name.
    circle = map_locator(page).locator(f".leaflet-pm-clusters-pane .pm-cluster[aria-label='{SAME_PLACE} partnerships']")
    expect(circle).to_have_count(1)
    circle.focus()
    page.keyboard.press("Enter")
    expect(popup).to_contain_text(f"{SAME_PLACE} partnerships", timeout=STEP_TIMEOUT_MS)
    assert frame.evaluate("() => document.activeElement.classList.contains('pm-cluster-item')")
    frame.evaluate("() => { PartnerMap.current().map.closePopup(); }")
    expect(popup).to_have_count(0)
    # The map's frame reaches below this window (the problem list sits above it): the press
    # must not scroll the page, or the cluster would move away before the release.
    box = page.locator("iframe[title='streamlit_folium.st_folium']").first.bounding_box()
    page.mouse.click(box["x"] + largest["x"], box["y"] + largest["y"])
    expect(popup).to_contain_text(f"{SAME_PLACE} partnerships", timeout=STEP_TIMEOUT_MS)
    expect(popup).to_contain_text(f"and {SAME_PLACE - 12} more")
    expect(popup.locator(".pm-cluster-item")).to_have_count(12)
    popup.locator(".pm-cluster-item").first.click()
    # The choice reaches the page as a click on the marker would: it describes the partner,
    # and the popup it asks for again is the one already open.
    expect(page.get_by_test_id("stMain")).to_contain_text("Berlin partner 0000", timeout=STEP_TIMEOUT_MS)
    wait_until_idle(page)
    expect(popup).to_have_count(1)  # the list's popup has faded out
    expect(popup).to_contain_text("Berlin partner 0000", timeout=STEP_TIMEOUT_MS)
    expect(popup).to_contain_text("Berlin, Germany")
    expect(popup).to_contain_text("Partnership number 0.")
    assert len(details_requests) == 1 and details_requests[0].endswith("/details-0.json"), details_requests
    assert_offline_and_clean(offline_page)


# --- many partners: one index, and only what changed redrawn --------------------------------

MANY_PARTNERS = 20_000

# A blank page with the map's scripts: a first view, then (as a rerun does) the page's group
# swapped for a new one with a second view, at once, then the second view again. Every node
# of a marker or circle on the page is flagged between the views, and every arc kept, so the
# answer tells what was made anew.
THREE_VIEWS_JS = """
    async ([data, first, second]) => {
      const map = L.map("map", { minZoom: 0.5, maxZoom: 14, zoomSnap: 0.25 }).setView([51, 11], 6);
      let group = L.featureGroup().addTo(map);
      await PartnerMap.partners(map, group, data, first);
      const layer = PartnerMap.current().layer;
      map.setView([51, 11], 9, { animate: false });  // close: small clusters, most of which a year leaves be
      async function rerun(view) {  // as streamlit-folium does: the old group off, the new one on
        const drawn = new Promise((resolve) => layer.once("draw", resolve));
        map.removeLayer(group);
        group = L.featureGroup().addTo(map);
        PartnerMap.partners(map, group, data, view);
        await drawn;
      }
      function before() {
        document.querySelectorAll(".pm-marker, .pm-cluster").forEach((node) => { node.dataset.before = "1"; });
        layer.visible.clusters.forEach((c) => c.marker.openTooltip());  // as a pointer or the focus would
        return { singles: new Set(layer.visible.singles), arcs: new Set(layer.arcs.getLayers()),
                 circles: new Map(layer.visible.clusters.map((c) => [c.key, { circle: c, count: c.count }])) };
      }
      function kept(was) {
        const now = PartnerMap.current(), drawnOnes = now.members.flat().concat(now.singles);
        const singles = now.singles.filter((i) => was.singles.has(i)), drawnSet = new Set(drawnOnes);
        const visible = now.shown.filter((i) => map.getBounds().contains(layer.positionOf(i)));
        const circles = layer.visible.clusters.filter((c) => was.circles.has(c.key) && was.circles.get(c.key).count === c.count);
        return {
          draws: now.draws, shown: now.shown.length, expected: PartnerRules.inView(data.partners, layer.view).length,
          distinct: drawnSet.size, drawnCount: drawnOnes.length, clusters: now.clusters,
          circles: document.querySelectorAll(".leaflet-pm-clusters-pane .pm-cluster").length,
          visible: visible.length, visibleDrawn: visible.filter((i) => drawnSet.has(i)).length,
          singles: now.singles.length, singlesKept: singles.length,
          singlesSameNode: singles.filter((i) => layer.markerOf(i).getElement().dataset.before === "1").length,
          circlesKept: circles.length,
          circlesSameObject: circles.filter((c) => was.circles.get(c.key).circle === c).length,
          circlesSameNode: circles.filter((c) => c.marker.getElement().dataset.before === "1").length,
          nodesMade: document.querySelectorAll(".pm-marker:not([data-before]), .pm-cluster:not([data-before])").length,
          arcs: layer.arcs.getLayers().length,
          tooltipsOpen: layer.visible.clusters.filter((c) => c.marker.isTooltipOpen()).length,
          tooltipsStale: layer.visible.clusters.filter((c) => c.marker.isTooltipOpen()
            && !c.marker.getTooltip().getElement().textContent.includes(`${c.count} partnerships`)).length,
          arcsKept: layer.arcs.getLayers().filter((arc) => was.arcs.has(arc)).length,
        };
      }
      const results = [];
      for (const view of [second, second]) {
        const was = before();
        await rerun(view);
        results.push(kept(was));
      }
      return results;
    }
"""


def test_many_partners_are_clustered_once_and_a_new_view_redraws_only_what_changed(chromium_browser, tmp_path):
    chance = random.Random(7)
    rows = [{"id": f"p-{k:05d}", "name": f"Partner {k:05d}", "type": chance.choice(["Friendship city", "Climate network"]),
             "city": f"Town {k:05d}", "country": "Germany", "lat": f"{chance.uniform(48.0, 54.0):.4f}",
             "lon": f"{chance.uniform(7.5, 14.0):.4f}", "start_year": str(chance.randint(1990, 2020))}
            for k in range(MANY_PARTNERS)]
    dataset = load_partners(write_partners(tmp_path / "partners.csv", rows))
    data = json.loads(js_json(partner_payload(dataset.partners, dataset.vocabulary)))
    first, second = (map_view(View(dataset.vocabulary.names, year, YearMode.ACTIVE), dataset.vocabulary, "en")
                     for year in (2020, 2019))
    page = chromium_browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.set_content("<div id='map' style='width:1200px;height:800px'></div>")
        for relative in SCRIPTS:
            page.add_script_tag(path=str(SOURCES[relative]))
        for relative in STYLES:
            page.add_style_tag(path=str(SOURCES[relative]))
        changed, same = page.evaluate(THREE_VIEWS_JS, [data, first, second])
    finally:
        page.close()
    assert errors == []
    for result in (changed, same):
        assert result["shown"] == result["expected"] > result["drawnCount"] == result["distinct"], result
        assert 0 < result["visible"] == result["visibleDrawn"], f"a partner in sight not drawn: {result}"
        assert 0 < result["clusters"] == result["circles"], result
        assert result["arcs"] == result["clusters"] + result["singles"], "one arc per circle and per single partner"
    assert (changed["draws"], same["draws"]) == (3, 4), "each view drawn once (and the move before them)"
    # A year back: partners that stay alone keep their marker, circles whose partners stay
    # keep their marker and arc.
    assert 0 < changed["singlesKept"] == changed["singlesSameNode"], changed
    assert 0 < changed["circlesKept"] == changed["circlesSameObject"] == changed["circlesSameNode"], changed
    # A circle's open tooltip says its new count.
    assert changed["tooltipsOpen"] > 0 and changed["tooltipsStale"] == 0, changed
    # The same view again: nothing made anew, every arc kept.
    assert same["nodesMade"] == 0 and same["arcsKept"] == same["arcs"], same
