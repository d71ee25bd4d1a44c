"""The handout, read back from the PDF: one A4 page in the language asked, every partnership
shown, the view in words and the source; a long list continues with its header repeated."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from cli.main import main
from partnermap.handout import handout
from partnerships import settings, urlstate
from partnerships.filtering import View, filter_partners
from partnerships.loading import load_bytes, load_partners
from partnerships.summary import describe_view
from partnerships.wording import localised
from tests.conftest import SHIPPED_CSV, csv_text

A4 = (595.28, 841.89)  # points


def pages_text(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def holds_name(text: str, name: str) -> bool:
    """A name is in the text whole; a long one a table cell wraps, word by word."""
    return name in text or all(word in text.split() for word in name.split())


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["Sønderborg's international partnerships", "Name", "Place", "Flensburg, Germany",
            "since 2007 · confirmed until 2014", "Countries: Natural Earth",
            "ProjectZero, International Partnerships"]),
    ("da", ["Sønderborgs internationale partnerskaber", "Navn", "Sted", "Flensborg, Tyskland", "Venskabsby",
            "Lande: Natural Earth", "pr. 2014"]),
])
def test_the_handout_is_one_page_with_every_partner_the_view_in_words_and_the_source(lang, words):
    dataset = load_partners(SHIPPED_CSV)
    view = urlstate.view_of({}, dataset.vocabulary, dataset.partners, settings.current_year())
    content, pages = handout(dataset, view, lang)
    texts = pages_text(content)
    assert pages == len(texts) == 1
    text = texts[0]
    shown = filter_partners(dataset.partners, view)
    for name in localised(shown, "name", lang):
        assert holds_name(text, name), name
    assert flat(describe_view(shown, view, dataset.vocabulary, lang)) in text
    for word in words:
        assert word in text, word


def _partners(n: int) -> str:
    kinds = ["Friendship city", "Climate network", "Research partnership", "NGO partnership"]
    rows = [f"p{k:02d},Partner Town {k:02d},{kinds[k % 4]},Town {k:02d},DE,{48 + (k % 30) * 0.2:.2f},"
            f"{7 + (k // 30) * 2.5:.2f},{2000 + k % 20},,," for k in range(n)]
    return csv_text(*rows)


@pytest.mark.parametrize(("n", "pages"), [(30, 1), (60, 2)])
def test_thirty_partnerships_fit_one_page_and_sixty_continue_with_the_header_repeated(vocabulary, n, pages):
    dataset = load_bytes(_partners(n).encode(), vocabulary)
    assert len(dataset.partners) == n
    view = View(tuple(vocabulary.names), 2024)
    content, count = handout(dataset, view, "en")
    texts = pages_text(content)
    assert count == len(texts) == pages
    everything = " ".join(texts)
    assert all(f"Partner Town {k:02d}" in everything for k in range(n))
    for text in texts:
        assert "Name Type Place Years" in text  # the header on every page
    assert texts[-1].rstrip().endswith("Countries: Natural Earth")  # the source last, after the table


def test_the_command_writes_the_handout_and_refuses_another_suffix(tmp_path, capsys):
    out = tmp_path / "handout.pdf"
    assert main(["export-handout", str(out), "--lang", "de", "--types", "Freundschaftsstadt"]) == 0
    text = pages_text(out.read_bytes())[0]
    assert "Stadt Baoding" in text and "Klimapakt" not in text
    assert "1 page" in capsys.readouterr().out
    assert main(["export-handout", str(tmp_path / "handout.docx")]) == 1


def test_a_name_no_font_has_is_written_in_its_base_spelling(vocabulary, monkeypatch):
    from partnermap import fonts

    monkeypatch.setattr(fonts, "fallback_fonts", lambda: ())
    header = "id,name,type,city,country,lat,lon,start_year,end_year,description,url,name_da,city_da"
    dataset = load_bytes(csv_text("haiyan,Haiyan County,Urbanisation partnership,Haiyan,CN,30.5263,120.946,2013,,,,"
                                  "海盐县,海盐", header=header).encode(), vocabulary)
    content, pages = handout(dataset, View(tuple(vocabulary.names), 2014), "da")
    text = pages_text(content)[0]
    assert pages == 1 and "Haiyan County" in text and "Haiyan, Kina" in text and "海" not in text
