"""Country names on the basemap in a real browser: real text in the page's language, more of them
and larger as the map comes closer, and never over a partner, a cluster or home's name.

Positions come from the DOM and Leaflet, not from screenshots. Same offline context and app as
test_map_offline.py (fixtures in conftest.py).
"""
from __future__ import annotations

import pytest

from partnerships import style
from tests.browser.test_accessibility import rgb, contrast
from tests.browser.test_crowded_map import crowded_rows
from tests.browser.test_map_offline import (
    SHIPPED_PARTNERS, STEP_TIMEOUT_MS, assert_offline_and_clean, open_map, wait_for_partner_markers, write_partners,
)

# The labels have been placed since the last thing that moves them (a drawing, zoom, move).
SETTLED_JS = """
    (after) => {
      const map = PartnerMap.current().map, labels = map && map.countryLabels;
      return !!labels && labels.layouts > after && !labels.pending && PartnerMap.current().draws > 0;
    }
"""
LAYOUTS_JS = "() => PartnerMap.current().map.countryLabels.layouts"

# The names on the map now: text as written (CSS sets capitals), box, type size and colour.
LABELS_JS = """
    () => Array.from(document.querySelectorAll(".pm-country-label")).filter((span) => !span.hidden).map((span) => {
      const r = span.getBoundingClientRect(), css = getComputedStyle(span);
      return { text: span.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom,
               size: parseFloat(css.fontSize), color: css.color, visibility: css.visibility };
    })
"""

# What a name must never cover: each partner drawn as its own marker, each cluster, home's name.
OBSTACLES_JS = """
    () => {
      const now = PartnerMap.current(), boxes = [];
      const add = (kind, node) => {
        const r = node && node.getBoundingClientRect();
        if (r && r.width && r.height) boxes.push({ kind, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      };
      now.singles.forEach((i) => add("partner " + now.data.partners.id[i], now.layer.markerOf(i).getElement()));
      const clusters = now.map.getPane("pm-clusters");
      if (clusters) clusters.querySelectorAll(".pm-cluster").forEach((node) => add("cluster", node));
      add("home label", now.map.getContainer().querySelector(".pm-home-label span"));
      return boxes;
    }
"""


def settle(frame, after: int = 0) -> None:
    frame.wait_for_function(SETTLED_JS, arg=after, timeout=STEP_TIMEOUT_MS)


def labels(frame) -> list[dict]:
    return frame.evaluate(LABELS_JS)


def texts(frame) -> set[str]:
    return {label["text"] for label in labels(frame)}


def zoom_to(frame, center: tuple[float, float], zoom: float) -> None:
    before = frame.evaluate(LAYOUTS_JS)
    frame.evaluate("([c, z]) => { PartnerMap.current().map.setView(c, z, {animate: false}); }", [list(center), zoom])
    settle(frame, before)


def overlaps(a: dict, b: dict, tolerance: float = 0.5) -> bool:
    return (a["left"] + tolerance < b["right"] and b["left"] + tolerance < a["right"]
            and a["top"] + tolerance < b["bottom"] and b["top"] + tolerance < a["bottom"])


def assert_nothing_covered(frame) -> None:
    shown, obstacles = labels(frame), frame.evaluate(OBSTACLES_JS)
    assert any(box["kind"] == "home label" for box in obstacles)
    covered = [(label["text"], box["kind"]) for label in shown for box in obstacles if overlaps(label, box)]
    assert covered == [], f"names over what the map shows: {covered}"
    crowded = [(a["text"], b["text"]) for k, a in enumerate(shown) for b in shown[k + 1:] if overlaps(a, b)]
    assert crowded == [], f"names over each other: {crowded}"


def open_shipped(page, url: str):
    frame = open_map(page, url)
    wait_for_partner_markers(frame, SHIPPED_PARTNERS)
    settle(frame)
    return frame


@pytest.mark.parametrize("lang, china, other", [("en", "China", "Kina"), ("da", "Kina", "China")])
def test_the_world_view_names_the_largest_countries_in_the_pages_language(offline_page, shipped_app, lang, china,
                                                                           other):
    frame = open_shipped(offline_page.page, f"{shipped_app.url}?lang={lang}")
    shown = texts(frame)
    assert china in shown and other not in shown, shown
    assert 8 <= len(shown) <= 45, f"a world view names a few dozen countries, not {len(shown)}: {shown}"
    assert all(label["visibility"] == "visible" for label in labels(frame))
    assert frame.evaluate("() => document.querySelector('.pm-country-labels').lang") == lang
    assert_nothing_covered(frame)
    assert_offline_and_clean(offline_page)


def test_names_are_quiet_but_readable_on_the_land(offline_page, shipped_app):
    frame = open_shipped(offline_page.page, shipped_app.url)
    for label in labels(frame):
        assert label["size"] >= 11, label
        assert contrast(rgb(label["color"]), rgb(style.LAND)) >= 4.5, label
        assert contrast(rgb(label["color"]), rgb(style.OCEAN)) >= 4.5, label  # a long name may reach the sea


def test_zooming_in_names_smaller_countries_larger_and_still_clear_of_partners(offline_page, shipped_app):
    frame = open_shipped(offline_page.page, shipped_app.url)
    zoom_to(frame, (35.0, 100.0), 1)  # so far out that China's name would cover its partners
    assert "China" not in texts(frame)
    assert_nothing_covered(frame)
    zoom_to(frame, (35.0, 20.0), 2.5)
    world = labels(frame)
    assert "Denmark" not in {label["text"] for label in world}
    zoom_to(frame, (55.5, 11.0), 5)  # Denmark and its neighbours, with the Border Triangle
    close = labels(frame)
    names = {label["text"] for label in close}
    assert {"Denmark", "Germany", "Sweden"} & names - {label["text"] for label in world}, names
    assert min(label["size"] for label in close) > max(label["size"] for label in world)
    assert_nothing_covered(frame)
    zoom_to(frame, (33.0, 115.0), 5)  # the friendship city and Haiyan: China's partners
    assert "China" in texts(frame)
    assert_nothing_covered(frame)
    assert_offline_and_clean(offline_page)


def test_on_a_crowded_map_names_keep_clear_of_clusters(offline_page, start_app, tmp_path):
    app = start_app(write_partners(tmp_path / "partners.csv", crowded_rows()))
    frame = open_map(offline_page.page, app.url)
    frame.wait_for_function("() => PartnerMap.current().clusters > 0", timeout=STEP_TIMEOUT_MS)
    settle(frame)
    for zoom in (None, 3, 6):
        if zoom is not None:
            zoom_to(frame, (51.0, 10.5), zoom)
        assert labels(frame), f"no country named at zoom {zoom}"
        assert_nothing_covered(frame)
    assert_offline_and_clean(offline_page)
