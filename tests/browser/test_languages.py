"""The map in a third language: German from the catalog and the data's German columns, in the
page, the legend, the country names, the tooltips, a popup and the tour."""
from __future__ import annotations

from playwright.sync_api import expect

from partnerships.i18n import t
from tests.browser.test_map_offline import (
    MAP_IFRAME, NEW_YORK_PARTNER, SHIPPED_PARTNERS, STEP_TIMEOUT_MS, TOOLTIP_TEXTS_JS, assert_offline_and_clean, hover,
    main_text, map_locator, marker_index, marker_on_page, open_map, wait_for_partner_markers,
)
from tests.browser.test_presenting import STATE_JS, open_present

COUNTRY_NAMES_JS = "() => Array.from(document.querySelectorAll('.pm-country-label')).map((e) => e.textContent)"


def test_a_german_visitor_reads_the_page_and_the_map_in_german(offline_page, shipped_app):
    page = offline_page.page
    frame = open_map(page, shipped_app.url + "?lang=de")
    wait_for_partner_markers(frame, SHIPPED_PARTNERS)
    assert t("metric_partnerships", "de") in main_text(page) and "Partnerschaften" in main_text(page)
    legend = map_locator(page).locator(".pm-legend")
    expect(legend).to_contain_text(t("legend_title", "de"))
    expect(legend).to_contain_text("Grenzüberschreitende Zusammenarbeit")
    names = frame.evaluate(COUNTRY_NAMES_JS)
    assert "China" in names and "Russland" in names and "Russia" not in names
    tooltips = [marker["text"] for marker in frame.evaluate(TOOLTIP_TEXTS_JS)]
    assert "Kommune Apenrade" in tooltips and "Stadt Baoding" in tooltips

    x, y = marker_on_page(page, frame, marker_index(frame, NEW_YORK_PARTNER))
    hover(page, x, y)
    page.mouse.click(x, y)
    popup = map_locator(page).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Klimanetzwerk", timeout=STEP_TIMEOUT_MS)
    expect(popup).to_contain_text("seit 2012")  # the first view, 2014, is a year the source confirms
    expect(popup).to_contain_text("Vereinigte Staaten")
    expect(popup).to_contain_text("Projekt Nr. 16")
    assert_offline_and_clean(offline_page)


def test_the_tour_speaks_german(offline_page, shipped_app):
    page = offline_page.page
    frame = open_present(page, shipped_app.url, "&lang=de")
    assert frame.locator(".pm-present-title").text_content() == "Sønderborgs internationale Partnerschaften"
    page.keyboard.press("PageDown")
    assert frame.evaluate(STATE_JS)["caption"].startswith("2007: Sønderborg und Flensburg beginnen")
    expect(frame.locator(".pm-story-tour")).to_have_text(t("story_tour_end", "de"))
    assert page.locator(MAP_IFRAME).count() == 1
    assert_offline_and_clean(offline_page)
