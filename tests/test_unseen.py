"""One check for what nobody can see, in every file the app reads (partners, the types file, the
tour, header names): reported by file, row and column, and taken out wherever the text is shown."""
from __future__ import annotations

import pytest

from partnerships.characters import shown
from partnerships.loading import load_partners
from partnerships.settings import TYPES_FILE_NAME
from partnerships.tour import load_tour

ZWSP, BOM, RLO = "\u200b", "\ufeff", "\u202e"
HEADER = "id,name,type,city,country,lat,lon,start_year"
ROWS = [f"baoding,Bao{ZWSP}ding,Friendship city,Baoding,China,38.874,115.4646,2010",
        f"flensburg,{BOM}Klimapakt Flensburg,Climate network,Flensburg,Germany,54.78,9.43,2007"]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / TYPES_FILE_NAME).write_text(
        f"type,label_da\nFriendship city,Venskab{RLO}sby\nClimate{ZWSP} network,Klimanetværk\n", encoding="utf-8")
    (tmp_path / "partners.csv").write_text("\n".join([HEADER + f",No{ZWSP}te", *ROWS]) + "\n", encoding="utf-8")
    return tmp_path


def test_partners_types_and_headers_say_where_and_show_the_text_without(folder):
    dataset = load_partners(folder / "partners.csv")
    assert sorted(str(p) for p in dataset.problems) == sorted([
        "row 1, No\u200bte: holds a character of no width (U+200B), so it looks like what it is not; the app shows "
        "it without; remove it",
        "row 2, name: holds a character of no width (U+200B), so it looks like what it is not; the app shows it "
        "without; remove it",
        "row 3, name: holds a character of no width (U+FEFF), so it looks like what it is not; the app shows it "
        "without; remove it",
        "file: partnership_types.csv, row 2, label_da: holds invisible right-to-left controls, which can show the "
        "text in another order than it is written; the app shows it without them",
        "file: partnership_types.csv, row 3, type: holds a character of no width (U+200B), so it looks like what it "
        "is not; the app shows it without; remove it",
    ])
    assert {p.severity for p in dataset.problems} == {"warning"}
    assert list(dataset.partners["name"]) == ["Baoding", "Klimapakt Flensburg"]
    assert [(t.name, t.label("da")) for t in dataset.vocabulary.types] == [
        ("Friendship city", "Venskabsby"), ("Climate network", "Klimanetværk")]
    assert dataset.rows_with_errors == 0 and len(dataset.partners) == 2


def test_the_tour_says_where_and_its_captions_are_shown_without(folder):
    path = folder / "tour.csv"
    path.write_text(f"partner,year,caption_en,caption_da\nbaoding,2011,The {RLO}gnidoab visit,Be{ZWSP}søg\n",
                    encoding="utf-8")
    stops, problems = load_tour(path, {"baoding"})
    assert stops[0].captions == {"en": "The gnidoab visit", "da": "Besøg"}
    assert sorted(str(p).split(":")[1] for p in problems) == [" tour.csv, row 2, caption_da",
                                                              " tour.csv, row 2, caption_en"]


@pytest.mark.parametrize(("text", "expected"), [
    (f"Bao{ZWSP}ding", "Baoding"), (f"{BOM}x", "x"), (f"a{RLO}b\u2066c\u2069", "abc"), ("\u2060", ""),
    ("می‌خواهم", "می‌خواهم"), ("👩‍💻", "👩‍💻"),  # the zero-width joiners of Persian and emoji stay
])
def test_shown(text, expected):
    assert shown(text) == expected
