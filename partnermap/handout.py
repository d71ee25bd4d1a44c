"""A one-page handout of a view, A4 portrait, with fpdf2: the title and the date, the picture,
the view in words, the table of the partnerships shown and the data's source.

Up to about 30 partnerships it is one page; more continue on the next pages, the table's
header repeated. Text is set in DejaVu Sans (the font matplotlib ships), with installed fonts
of other scripts as fallbacks (partnermap/fonts.py).
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from babel.dates import format_date
from fpdf import FPDF
from fpdf.enums import TableBordersLayout
from fpdf.fonts import FontFace

from partnermap import fonts
from partnermap.picture import render
from partnerships import settings
from partnerships.columns import CITY, ID, NAME
from partnerships.filtering import View, filter_partners
from partnerships.i18n import t
from partnerships.loading import Dataset
from partnerships.settings import HomeCity
from partnerships.summary import describe_view, sources_line
from partnerships.table import COLUMNS, display_table

FAMILY = "DejaVu"
PICTURE_SIZE = (1920, 960)  # 2:1, so the picture leaves room for 30 rows on the page
MARGIN, WIDTH = 14.0, 182.0  # mm: A4 is 210 wide
COLUMN_WIDTHS = (30, 25, 21, 24)  # name, type, place, years and status: parts of the width
HEADING_FILL = (233, 230, 222)
TEXT_PT, TABLE_PT, LINE = 9.5, 8.0, 3.7  # points, points, mm


def _fonts(pdf: FPDF) -> tuple[str, ...]:
    """DejaVu regular and bold; fallbacks for other scripts, where fpdf2 can read them. The
    files the PDF can write with."""
    base = Path(fonts.base_font_file())
    pdf.add_font(FAMILY, "", str(base))
    pdf.add_font(FAMILY, "B", str(base.with_name("DejaVuSans-Bold.ttf")))
    files, fallbacks = [str(base)], []
    for number, (_, path) in enumerate(fonts.fallback_fonts()):
        name = f"fallback{number}"
        try:
            pdf.add_font(name, "", path)
        except Exception:  # noqa: BLE001  (a font fpdf2 cannot read is one fewer fallback, not a failure)
            continue
        files.append(path)
        fallbacks.append(name)
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
    return tuple(files)


def _today(lang: str) -> str:
    return format_date(dt.date.today(), format="long", locale=lang)


def handout(dataset: Dataset, view: View, lang: str, home: HomeCity | None = None) -> tuple[bytes, int]:
    """The handout as PDF bytes, and how many pages it has."""
    home = home or settings.home()
    shown = filter_partners(dataset.partners, view)
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN, 12, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_title(home.title(lang))
    pdf.set_lang(lang)
    files = _fonts(pdf)

    def text(value: object) -> str:
        return fonts.drawable(str(value), None, files)

    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(WIDTH, 7, text(home.title(lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", TEXT_PT)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(WIDTH, 5, _today(lang), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    picture, _ = render(dataset, view, lang, "png", PICTURE_SIZE, home)
    pdf.image(io.BytesIO(picture), x=MARGIN, y=pdf.get_y() + 1, w=WIDTH)
    pdf.set_y(pdf.get_y() + 1 + WIDTH * PICTURE_SIZE[1] / PICTURE_SIZE[0] + 2)
    pdf.multi_cell(WIDTH, 4.6, text(describe_view(shown, view, dataset.vocabulary, lang)), new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(2)
    _table(pdf, display_table(shown, dataset.vocabulary, lang), shown.set_index(ID), lang, files)
    source = " · ".join(part for part in (t("basemap_attribution", lang), sources_line(dataset.partners, lang))
                        if part)
    pdf.ln(1.5)
    pdf.set_font(FAMILY, "", 7.5)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(WIDTH, 3.6, text(source), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), pdf.pages_count


def _table(pdf: FPDF, table, base, lang: str, files: tuple[str, ...]) -> None:
    """The partnerships shown: name, type, place, and the years with what the sources confirm.
    A name or city no font has is written as the data's base column has it (`base`, by id)."""
    name, kind, city, country, years, _ = (t(key, lang) for key in COLUMNS)
    pdf.set_font(FAMILY, "", TABLE_PT)
    with pdf.table(width=WIDTH, col_widths=COLUMN_WIDTHS, line_height=LINE, text_align="LEFT",
                   headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL), repeat_headings=1,
                   borders_layout=TableBordersLayout.HORIZONTAL_LINES, padding=(0.45, 1.2),
                   first_row_as_headings=True) as rows:
        heading = rows.row()
        for label in (name, kind, t("col_place", lang), years):
            heading.cell(fonts.drawable(label, None, files))
        for partner_id, partner in table.iterrows():
            own = base.loc[partner_id]
            place = ", ".join(str(part) for part in (fonts.drawable(str(partner[city]), str(own[CITY]), files),
                                                      fonts.drawable(str(partner[country]), None, files))
                              if part.strip())
            row = rows.row()
            for value in (fonts.drawable(str(partner[name]), str(own[NAME]), files),
                          fonts.drawable(partner[kind], None, files), place,
                          fonts.drawable(partner[years], None, files)):
                row.cell(value)
