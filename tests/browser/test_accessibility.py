"""The map for everyone: no sideways scrolling on a phone, types told apart by shape as well as
colour (WCAG 1.4.1), readable text (1.4.3), a named map and zoom buttons a keyboard reaches.

Same offline context and app as test_map_offline.py (fixtures in conftest.py). Screenshots
go to each test's tmp_path, whose location the test prints (see them with `pytest -s`).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from partnerships import settings, style
from partnerships.i18n import t
from partnerships.settings import TYPES_FILE_NAME
from partnerships.vocabulary import load_vocabulary
from tests.browser.test_map_offline import (
    MAIN_MAP, MAP_IFRAME, MARKERS_JS, SHIPPED_PARTNERS, STEP_TIMEOUT_MS, assert_offline_and_clean, map_locator, open_map,
    wait_for_partner_markers, wait_until_idle,
)
from tests.conftest import SHIPPED

VOCABULARY = load_vocabulary(SHIPPED / TYPES_FILE_NAME)  # the types file the shipped app reads
LOOKS = style.type_styles(VOCABULARY)

# How far the document reaches sideways, against the width of the window it is in.
OVERFLOW_JS = """
    () => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })
"""

# Every partner marker's shape and colour as drawn: the SVG figure in its icon.
MARKER_DRAWING_JS = f"""
    () => ({MARKERS_JS})().map((layer) => {{
      const look = layer.options.icon.options, svg = layer.getElement().querySelector("svg");
      const figure = svg.querySelector("polygon, circle");
      return {{
        index: layer.options.partner, shape: svg.getAttribute("data-shape"), color: look.type.color,
        figure: figure.tagName, fill: getComputedStyle(figure).fill, radius: look.radius,
        points: figure.getAttribute("points"), r: figure.getAttribute("r"),
      }};
    }})
"""

# The map has taken the size of its frame (the page sets the frame's height from the window's).
FILLS_ITS_FRAME_JS = """
    () => {
      const map = PartnerMap.current().map;
      if (!map) return false;
      const size = map.getSize(), box = map.getContainer().getBoundingClientRect();
      return size.x === Math.round(box.width) && size.y === Math.round(box.height) && box.bottom <= window.innerHeight + 1;
    }
"""

# The legend: its rows, each with its SVGs, the shape one shows and the colour it is filled with.
LEGEND_JS = """
    () => {
      const legend = document.querySelector(".pm-legend");
      if (!legend) return null;
      const list = legend.querySelector("[role='list']");
      const title = list && document.getElementById(list.getAttribute("aria-labelledby"));
      const box = legend.getBoundingClientRect();
      return {
        title: title ? title.textContent : null,
        svgs: legend.querySelectorAll("svg").length,
        inWindow: box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight,
        rows: Array.from(legend.querySelectorAll("[role='listitem']")).map((row) => {
          const svg = row.querySelector("svg"), figure = svg && svg.querySelector("polygon, circle");
          return {
            label: row.textContent,
            svgs: row.querySelectorAll("svg").length,
            shape: svg && svg.getAttribute("data-shape"),
            figure: figure && figure.tagName,
            fill: figure && getComputedStyle(figure).fill,
            hidden: svg && svg.getAttribute("aria-hidden"),
          };
        }),
      };
    }
"""

# Text colour and the colour behind it for each element with text under the selectors. A
# control's translucent background is laid over black: the darkest thing the map could draw
# beneath it (a black marker), so the figure is the worst case wherever the control sits.
TEXT_COLOURS_JS = """
    (selectors) => {
      const parse = (css) => {
        const v = css.match(/rgba?\\(([^)]*)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(parseFloat);
        return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
      };
      const over = (top, under) => [0, 1, 2].map((k) => top[k] * top[3] + under[k] * (1 - top[3])).concat([1]);
      const container = document.querySelector(".leaflet-container");
      const found = [];
      for (const selector of selectors) {
        for (const node of document.querySelectorAll(selector)) {
          const text = Array.from(node.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent).join("").trim();
          if (!text || !node.getClientRects().length) continue;
          const chain = [];
          for (let e = node; e && e !== container; e = e.parentElement) chain.push(getComputedStyle(e).backgroundColor);
          let behind = [0, 0, 0, 1];
          chain.reverse().forEach((css) => { behind = over(parse(css), behind); });
          const style = getComputedStyle(node);
          found.push({ selector, text: text.slice(0, 40), size: parseFloat(style.fontSize),
                       weight: parseInt(style.fontWeight, 10), fg: over(parse(style.color), behind), bg: behind });
        }
      }
      return found;
    }
"""
TEXT_SELECTORS = [
    ".pm-legend-toggle", ".pm-legend-row > span", ".pm-home-label span",
    ".pm-popup-name", ".pm-popup-type > span", ".pm-popup-place", ".pm-popup-years", ".pm-popup-desc",
    ".pm-popup-link", ".leaflet-control-attribution", ".leaflet-control-attribution a",
    ".leaflet-control-scale-line", ".leaflet-control-zoom a",
]


def rgb(css_or_hex: str) -> tuple[int, int, int]:
    if css_or_hex.startswith("#"):
        return tuple(int(css_or_hex[k:k + 2], 16) for k in (1, 3, 5))
    return tuple(int(float(v)) for v in re.findall(r"[\d.]+", css_or_hex)[:3])


def _luminance(rgb) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _show_partners(page, url: str):
    frame = open_map(page, url)
    wait_for_partner_markers(frame, SHIPPED_PARTNERS)
    return frame


# --- 1. no sideways scrolling, on a phone or a large screen ---------------------------------

@pytest.mark.parametrize("width,height", [(390, 844), (1920, 1080)], ids=["phone", "desktop"])
def test_no_horizontal_overflow(offline_page, shipped_app, tmp_path, width, height):
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": height})
    frame = _show_partners(page, shipped_app.url)
    # The page sizes the map's frame to the window after the first draw; the map follows it.
    frame.wait_for_function(FILLS_ITS_FRAME_JS, timeout=STEP_TIMEOUT_MS)

    page.screenshot(path=str(tmp_path / f"page-{width}x{height}.png"))
    iframe = page.locator(MAP_IFRAME).first
    iframe.scroll_into_view_if_needed()
    iframe.screenshot(path=str(tmp_path / f"map-{width}x{height}.png"))
    print(f"screenshots: {tmp_path}")

    for where, target in (("page", page), ("map frame", frame)):
        sizes = target.evaluate(OVERFLOW_JS)
        assert sizes["scrollWidth"] <= sizes["innerWidth"] + 1, f"the {where} scrolls sideways at {width}px: {sizes}"
    frame_box = iframe.bounding_box()
    assert frame_box["x"] >= 0 and frame_box["x"] + frame_box["width"] <= width + 1, f"map frame {frame_box}"
    legend = frame.evaluate(LEGEND_JS)
    assert legend and legend["inWindow"], f"the legend does not fit in the map at {width}px"
    assert_offline_and_clean(offline_page)


# --- 2. types told apart by shape as well as colour -----------------------------------------

def test_markers_and_legend_show_each_type_by_shape_and_colour(offline_page, shipped_app):
    frame = _show_partners(offline_page.page, shipped_app.url)
    expected = {(look.shape, look.color) for look in LOOKS.values()}

    markers = frame.evaluate(MARKER_DRAWING_JS)
    assert len(markers) == SHIPPED_PARTNERS
    assert len({m["shape"] for m in markers}) > 1, f"every marker has the same shape: {markers}"
    for marker in markers:
        assert (marker["shape"], marker["color"]) in expected, f"marker not styled as its type: {marker}"
        assert rgb(marker["fill"]) == rgb(marker["color"]), marker
        if marker["shape"] == "circle":
            assert marker["figure"] == "circle" and float(marker["r"]) == marker["radius"], marker
        else:  # drawn as its outline from partnerships/style.py, at the marker's radius
            corners = [tuple(map(float, pair.split(","))) for pair in marker["points"].split()]
            outline = style.OUTLINES[marker["shape"]].points
            assert marker["figure"] == "polygon" and len(corners) == len(outline), marker
            for (x, y), (ox, oy) in zip(corners, outline):
                assert abs(x - ox * marker["radius"]) < 0.01 and abs(y - oy * marker["radius"]) < 0.01, marker

    legend = frame.evaluate(LEGEND_JS)
    assert legend is not None, "no legend on the map"
    assert legend["title"] == t("legend_title", "en"), "the legend's list is not named by its title"
    assert legend["svgs"] == len(VOCABULARY.types), "the legend should hold one SVG per type"
    assert [row["label"] for row in legend["rows"]] == [kind.label("en") for kind in VOCABULARY.types]
    for row, (name, look) in zip(legend["rows"], LOOKS.items()):
        assert row["svgs"] == 1 and row["hidden"] == "true", row  # the label beside it is what is read
        assert row["shape"] == look.shape, f"{name}: legend shows {row['shape']}, the map draws {look.shape}"
        assert row["figure"] == ("circle" if look.shape == "circle" else "polygon"), row
        assert rgb(row["fill"]) == rgb(look.color), f"{name}: legend colour {row['fill']}, map {look.color}"
    assert_offline_and_clean(offline_page)


# --- 3. a named map, and zoom buttons a keyboard reaches ------------------------------------

def test_the_map_is_named_and_its_zoom_buttons_work_from_the_keyboard(offline_page, shipped_app):
    page = offline_page.page
    frame = _show_partners(page, shipped_app.url)
    container = map_locator(page).locator(MAIN_MAP)
    expect(container).to_have_attribute("aria-label", settings.home().title("en"))
    expect(container).to_have_attribute("role", "region")

    zoom_in = map_locator(page).locator(".leaflet-control-zoom-in")
    expect(zoom_in).to_have_attribute("aria-label", re.compile(r"\S"))
    before = frame.evaluate("() => (window.map_div || window.map).getZoom()")
    container.focus()
    for _ in range(SHIPPED_PARTNERS):  # the partners first, each a button named by its partner
        page.keyboard.press("Tab")
        expect(map_locator(page).locator(".pm-marker:focus")).to_have_attribute("role", "button")
    page.keyboard.press("Tab")  # then the zoom control
    expect(zoom_in).to_be_focused()
    page.keyboard.press("Enter")
    frame.wait_for_function("(z) => (window.map_div || window.map).getZoom() > z", arg=before,
                            timeout=STEP_TIMEOUT_MS)
    wait_until_idle(page)
    assert_offline_and_clean(offline_page)


# --- 4. text on the map meets WCAG AA contrast ----------------------------------------------

def test_text_on_the_map_has_aa_contrast(offline_page, shipped_app):
    frame = _show_partners(offline_page.page, shipped_app.url)
    found = frame.evaluate(TEXT_COLOURS_JS, TEXT_SELECTORS)
    for index in range(SHIPPED_PARTNERS):  # every popup, so every kind of line is seen
        frame.evaluate(f"(i) => {{ ({MARKERS_JS})()[i].openPopup(); }}", index)
        popups = map_locator(offline_page.page).locator(".leaflet-popup")
        expect(popups).to_have_count(1, timeout=STEP_TIMEOUT_MS)  # the one before has faded out
        expect(popups.locator(".pm-popup-name")).to_be_visible()
        expect(popups.locator(".pm-loading")).to_have_count(0, timeout=STEP_TIMEOUT_MS)  # details slice there
        found += frame.evaluate(TEXT_COLOURS_JS, [s for s in TEXT_SELECTORS if s.startswith(".pm-popup")])
    seen = {item["selector"] for item in found}
    for required in (".pm-legend-toggle", ".pm-legend-row > span", ".pm-home-label span", ".pm-popup-name",
                     ".pm-popup-type > span", ".pm-popup-place", ".pm-popup-years", ".pm-popup-desc",
                     ".pm-popup-link", ".leaflet-control-attribution a"):
        assert required in seen, f"no text found under {required}; found {sorted(seen)}"
    too_faint = [f"{item['selector']} {item['text']!r}: {contrast(item['fg'], item['bg']):.2f}:1"
                 for item in found if contrast(item["fg"], item["bg"]) < 4.5]
    assert too_faint == [], f"text below 4.5:1 (its background laid over black): {too_faint}"
    assert_offline_and_clean(offline_page)
