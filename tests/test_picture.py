"""A picture of a view: the right size, not blank, each type's colour where its partners are,
its words (title, legend, year) as text in the SVG, in the language asked for; and a name no
font has is drawn in its base spelling, with a warning, never a crash."""
from __future__ import annotations

import io
import logging
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from partnermap import fonts
from partnermap.picture import render
from partnerships import settings, urlstate
from partnerships.filtering import View, YearMode
from partnerships.loading import load_bytes, load_partners
from partnerships.style import type_styles
from tests.conftest import SHIPPED_CSV, csv_text

SHIPPED_IDS = {"klimapakt-flensburg", "aabenraa", "wwf", "baoding", "haiyan", "nord-star", "clinton-climate-positive"}


@pytest.fixture(scope="module")
def shipped():
    return load_partners(SHIPPED_CSV)


def opening(dataset, **params) -> View:
    return urlstate.view_of(params, dataset.vocabulary, dataset.partners, settings.current_year())


@pytest.fixture(scope="module")
def english_png(shipped):
    return render(shipped, opening(shipped), "en", "png")


def _rgb(color: str) -> np.ndarray:
    return np.array([int(color[k:k + 2], 16) for k in (1, 3, 5)])


def colour_near(image: np.ndarray, at: tuple[float, float], color: str, radius: int = 12) -> bool:
    """Whether a pixel within `radius` of `at` has the colour (to within antialiasing)."""
    x, y = int(round(at[0])), int(round(at[1]))
    window = image[max(y - radius, 0):y + radius + 1, max(x - radius, 0):x + radius + 1, :3].astype(int)
    return bool((np.abs(window - _rgb(color)).max(axis=2) <= 24).any())


def test_a_4k_picture_has_the_size_asked_and_is_not_blank(shipped):
    content, _ = render(shipped, opening(shipped), "en", "png", (3840, 2160))
    image = Image.open(io.BytesIO(content))
    assert image.size == (3840, 2160)
    assert len(np.unique(np.asarray(image.convert("RGB")).reshape(-1, 3), axis=0)) > 200


def test_each_partner_shows_in_its_types_colour_where_it_is(english_png, shipped):
    content, drawn = english_png
    image = Image.open(io.BytesIO(content))
    assert image.size == (1920, 1080)
    pixels = np.asarray(image.convert("RGB"))
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 200  # not blank
    assert set(drawn.positions) == SHIPPED_IDS
    for partner_id, at in drawn.positions.items():
        assert 0 <= at[0] < 1920 and 0 <= at[1] < 1080
        where = drawn.inset_positions.get(partner_id, at)  # those crowding home: in the inset, apart
        assert colour_near(pixels, where, drawn.colors[partner_id]), partner_id
    assert {"klimapakt-flensburg", "aabenraa"} <= set(drawn.inset_positions)
    looks = type_styles(shipped.vocabulary)
    assert set(drawn.colors.values()) == {looks[name].color for name in shipped.partners["type"]}


def test_partners_no_source_confirms_are_hollow_in_their_types_colour(shipped):
    content, drawn = render(shipped, opening(shipped, year="2020"), "en", "png")  # confirmed until 2014
    pixels = np.asarray(Image.open(io.BytesIO(content)).convert("RGB"))
    for partner_id, at in drawn.positions.items():
        x, y = (int(round(v)) for v in drawn.inset_positions.get(partner_id, at))
        assert colour_near(pixels, (x, y), drawn.colors[partner_id]), partner_id
        if partner_id not in drawn.inset_positions:
            assert not colour_near(pixels, (x, y), drawn.colors[partner_id], radius=1), f"{partner_id} is filled"


def test_every_partner_is_named_or_keyed(english_png):
    _, drawn = english_png
    assert drawn.named == SHIPPED_IDS


def _svg_texts(content: bytes) -> str:
    root = ET.fromstring(content)
    return " ".join(" ".join(element.itertext()) for element in root.iter() if element.tag.endswith("text"))


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["Sønderborg's international partnerships", "Partnership type", "Friendship city", "2014",
            "7 partnerships in 4 countries",
            "Countries: Natural Earth", "as of 2014"]),
    ("da", ["Sønderborgs internationale partnerskaber", "Partnerskabstype", "Venskabsby", "Flensborg", "2014",
            "Lande: Natural Earth", "Kina"]),
])
def test_the_svg_keeps_its_words_as_text_in_the_language(shipped, lang, words):
    content, _ = render(shipped, opening(shipped), lang, "svg")
    assert content.startswith(b"<?xml")
    text = _svg_texts(content)
    for word in words:
        assert word in text, (word, text[:400])


def test_a_view_of_some_types_in_an_earlier_year_shows_those_alone(shipped):
    view = opening(shipped, year="2010", types="Friendship city,NGO partnership", show="begun")
    assert view == View(("Friendship city", "NGO partnership"), 2010, YearMode.BEGUN)
    content, drawn = render(shipped, view, "de", "svg")
    assert set(drawn.positions) == {"baoding", "wwf"}
    text = _svg_texts(content)
    assert "Freundschaftsstadt" in text and "NGO-Partnerschaft" in text and "Klimanetzwerk" not in text
    assert "2010" in text


def test_an_empty_view_is_a_map_of_home_with_its_title(shipped):
    content, drawn = render(shipped, View((), 2014), "en", "svg")
    assert drawn.positions == {} and "Sønderborg's international partnerships" in _svg_texts(content)


def test_a_name_no_font_has_is_drawn_in_its_base_spelling_with_a_warning(vocabulary, monkeypatch, caplog):
    monkeypatch.setattr(fonts, "fallback_fonts", lambda: ())
    header = "id,name,type,city,country,lat,lon,start_year,end_year,description,url,name_da"
    dataset = load_bytes(csv_text("haiyan,Haiyan County,Urbanisation partnership,Haiyan,CN,30.5263,120.946,2013,,,,"
                                  "海盐县", header=header).encode(), vocabulary)
    with caplog.at_level(logging.WARNING, logger=fonts.__name__):
        content, drawn = render(dataset, View(tuple(vocabulary.names), 2014), "da", "svg")
    assert "Haiyan County" in _svg_texts(content) and "海盐县" not in _svg_texts(content)
    assert any("海盐县" in record.getMessage() for record in caplog.records)
    assert drawn.named == {"haiyan"}


def test_a_font_with_the_script_is_used_where_one_is_installed(monkeypatch):
    monkeypatch.setattr(fonts, "fallback_fonts", lambda: (("Test CJK", fonts.base_font_file()),))
    assert fonts.families() == ["DejaVu Sans", "Test CJK"]
    assert fonts.drawable("Flensborg", "Flensburg") == "Flensborg"
    assert fonts.drawable("海盐县", None) == "???"  # no font has them: marked, never a crash


def test_the_picture_refuses_a_format_it_cannot_write(shipped):
    with pytest.raises(ValueError):
        render(shipped, opening(shipped), "en", "gif")


def test_the_svg_has_no_date_so_the_same_view_gives_the_same_file(shipped):
    first, _ = render(shipped, opening(shipped, types="Friendship city"), "en", "svg")
    second, _ = render(shipped, opening(shipped, types="Friendship city"), "en", "svg")
    assert first == second and not re.search(rb"<dc:date>", first)


def test_the_command_writes_png_or_svg_by_suffix_and_says_what_is_wrong(tmp_path, capsys):
    from cli.main import main

    svg = tmp_path / "map.svg"
    asked = ["--lang", "da", "--year", "2012", "--types", "Venskabsby,NGO partnership"]
    assert main(["export-image", str(svg), *asked]) == 0
    assert "Venskabsby" in _svg_texts(svg.read_bytes()) and "2 partnerships in 2012" in capsys.readouterr().out
    png = tmp_path / "map.png"
    assert main(["export-image", str(png), "--size", "1280x720"]) == 0
    assert Image.open(png).size == (1280, 720)
    assert main(["export-image", str(tmp_path / "map.gif")]) == 1
    assert main(["export-image", str(png), "--types", "Twinning"]) == 1
    assert "Twinning is no type" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["export-image", str(png), "--size", "big"])
