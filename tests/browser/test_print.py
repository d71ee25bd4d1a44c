"""Ctrl+P: the map page prints its title, the map with legend and inset, the counts and the
view in words on the first A4 page, with no sidebar, zoom buttons or "Copy link"; the
partners page prints every column of every row shown."""
from __future__ import annotations

import io

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.test_map_offline import (
    MAP_IFRAME, SHIPPED_PARTNERS, assert_offline_and_clean, open_map, wait_for_partner_markers, wait_until_idle,
)

# An A4 page less the print style's 12 mm margins, in CSS pixels (96 to the inch).
PRINT_WIDTH, PRINT_HEIGHT = round((210 - 24) / 25.4 * 96), round((297 - 24) / 25.4 * 96)
TITLE = "Sønderborg's international partnerships"


def bottom(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not laid out"
    return box["y"] + box["height"]


def test_the_map_page_prints_the_map_counts_and_words_on_page_one_and_no_controls(offline_page, shipped_app):
    page = offline_page.page
    page.set_viewport_size({"width": PRINT_WIDTH, "height": PRINT_HEIGHT})  # the paper's width
    frame = open_map(page, shipped_app.url)
    wait_for_partner_markers(frame, SHIPPED_PARTNERS)
    page.emulate_media(media="print")

    for hidden in ("[data-testid='stSidebar']", ".st-key-share_link", ".st-key-view_bar", "[data-testid='stHeader']"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(MAP_IFRAME)).to_be_visible()
    expect(frame.locator(".leaflet-control-zoom")).to_be_hidden()
    expect(frame.locator(".pm-show-all")).to_be_hidden()
    expect(frame.locator(".pm-legend").first).to_be_visible()
    # Page one holds the title, the map, the counts beside it and the view in words under it.
    words = page.get_by_text("In 2014, 7 partnerships were active in 4 countries")
    expect(words).to_be_visible()
    assert bottom(page, "h1") < bottom(page, MAP_IFRAME) <= PRINT_HEIGHT
    assert bottom(page, "[data-testid='stMetric']") <= PRINT_HEIGHT
    box = words.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PRINT_HEIGHT

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    first = " ".join((pdf.pages[0].extract_text() or "").split())
    assert TITLE in first and "In 2014, 7 partnerships" in first
    assert "Copy link" not in first and "Filters" not in first and "Download" not in first
    assert len(pdf.pages) <= 2
    assert_offline_and_clean(offline_page)


def test_the_partners_page_prints_every_column_of_every_row(offline_page, shipped_app):
    page = offline_page.page
    page.goto(shipped_app.url + "partners")
    page.wait_for_selector("[data-testid='stDataFrame']")
    wait_until_idle(page)
    page.emulate_media(media="print")
    expect(page.locator("[data-testid='stDataFrame']")).to_be_hidden()
    table = page.locator(".pm-print-table")
    expect(table).to_be_visible()
    assert table.locator("thead th").all_inner_texts() == ["Name", "Type", "City", "Country", "Years", "Link"]
    assert table.locator("tbody tr").count() == SHIPPED_PARTNERS
    assert "Clinton Climate Positive Development Program" in table.inner_text()
    pages = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    text = "".join("".join((p.extract_text() or "").split()) for p in pages)  # a cell may wrap anywhere
    assert "KlimapaktFlensburg" in text and "https://www.klimapakt-flensburg.de" in text
    assert "Search" not in text
    page.emulate_media(media="screen")
    expect(table).to_be_hidden()  # on screen, the grid alone
