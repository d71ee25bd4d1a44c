"""Every problem and whole-file message in English and Danish, worded from the catalogs."""
from __future__ import annotations

import pickle

import pytest

from partnerships.loading import load_bytes
from partnerships.messages import Joined, Local, said
from partnerships.problems import DataFileError, Problem
from partnerships.reading import read_table
from tests.conftest import GOOD_ROWS, HEADER, csv_text

B = GOOD_ROWS[0]  # baoding,City of Baoding,Friendship city,Baoding,China,38.874,115.4646,2010,,…
ROW_CASES = [
    (B.replace("2010", "twenty-eleven"), "row 2, start_year: 'twenty-eleven' is not a year",
     "række 2, start_year: 'twenty-eleven' er ikke et årstal"),
    (B.replace("City of Baoding", ""), "row 2, name: is required but empty", "række 2, name: skal udfyldes, men er tom"),
    (B.replace("2010,,", "2010,2005,"), "row 2, end_year: 2005 is before start_year 2010",
     "række 2, end_year: 2005 er før start_year 2010"),
    (B.replace("38.874", "95"), "row 2, lat: '95' is outside -90 to 90", "række 2, lat: '95' er uden for -90 til 90"),
    (B.replace(",China,", ",Narnia,"), "row 2, country: 'Narnia' is not a country name or ISO code we know",
     "række 2, country: 'Narnia' er ikke et landenavn eller en ISO-kode, vi kender"),
    (B.replace("Friendship city,Baoding", "Twin town,Baoding"),
     ("row 2, type: 'Twin town' is not a partnership type (known: Friendship city, Cross-border cooperation, Climate "
      "network, Research partnership, Urbanisation partnership, NGO partnership)"),
     ("række 2, type: 'Twin town' er ikke en partnerskabstype (kendte: Venskabsby, Grænseoverskridende samarbejde, "
      "Klimanetværk, Forskningspartnerskab, Urbaniseringspartnerskab, NGO-partnerskab)")),
    (B.replace("2011.,", "2011.,javascript:alert(1)"),
     "row 2, url: 'javascript:alert(1)' is not a web address (only http:// and https:// links are allowed)",
     "række 2, url: 'javascript:alert(1)' er ikke en webadresse (kun http://- og https://-links er tilladt)"),
    (B.replace("City of", "City\x00of"), "row 2, name: holds an invisible control character (U+0000); remove it",
     "række 2, name: indeholder et usynligt kontroltegn (U+0000); fjern det"),
    (B.replace("City of Baoding", "SÃ¸nderborg"),
     "row 2, name: looks garbled by a wrong encoding: 'SÃ¸nderborg' probably means 'Sønderborg'",
     "række 2, name: ser forvansket ud af en forkert tegnkodning: 'SÃ¸nderborg' betyder nok 'Sønderborg'"),
    (B + ",surprise", "row 2: has more cells than the header has columns ('surprise'); they are ignored",
     "række 2: har flere celler, end overskriftsrækken har kolonner ('surprise'); de ignoreres"),
    (B.replace("38.874,115.4646", "54.78,9.43"),
     "row 2, lat: 54.78, 9.43 is outside China; check lat and lon (swapped, or a missing minus?)",
     "række 2, lat: 54.78, 9.43 ligger uden for Kina; tjek lat og lon (byttet om, eller mangler et minus?)"),
    (B.replace("Baoding,China,38.874,115.4646", "Narnia kommune,Norge,,"),
     "row 2, city: 'Narnia kommune' is not in the offline gazetteer for Norway; add lat and lon",
     "række 2, city: 'Narnia kommune' findes ikke i det lokale stednavneregister for Norge; tilføj lat og lon"),
    (B.replace("Baoding,China,38.874,115.4646", "Bærum kommune,Norge,,"),
     "row 2, lat: found in GeoNames as a county, municipality or ward: Bærum, Akershus (59.9275, 10.4475), shown at Skui",
     "række 2, lat: fundet i GeoNames som amt, kommune eller bydel: Bærum, Akershus (59.9275, 10.4475), vist ved Skui"),
    (B.replace("Baoding,China,38.874,115.4646", "Beaver Creek,USA,,"),
     ("row 2, city: 'Beaver Creek' is not in the offline gazetteer for United States; GeoNames has it only as another "
      "name of Beavercreek, Ohio (39.7092, -84.0633), Brush, Colorado (40.2589, -103.6238), which is not taken for it: "
      "add lat and lon"),
     ("række 2, city: 'Beaver Creek' findes ikke i det lokale stednavneregister for USA; GeoNames har det kun som et "
      "andet navn for Beavercreek, Ohio (39.7092, -84.0633), Brush, Colorado (40.2589, -103.6238), hvilket ikke "
      "bruges: tilføj lat og lon")),
    (B.replace("Baoding,China,38.874,115.4646", "Göteborg,Sverige,,"),
     ("row 2, lat: found in GeoNames: Gothenburg, Västra Götalands län (57.7072, 11.9668) ('Göteborg': placed as "
      "another name of Gothenburg)"),
     ("række 2, lat: fundet i GeoNames: Gothenburg, Västra Götalands län (57.7072, 11.9668) ('Göteborg': placeret som "
      "et andet navn for Gothenburg)")),
    (B.replace("Baoding,China,38.874,115.4646", "Mapo-gu,Sydkorea,,"),
     ("row 2, city: 'Mapo-gu' is a ward of Seoul that GeoNames gives no point of its own: placed at Seoul; give lat "
      "and lon for the exact place"),
     ("række 2, city: 'Mapo-gu' er en bydel i Seoul, som GeoNames ikke giver et eget punkt: placeret ved Seoul; angiv "
      "lat og lon for det nøjagtige sted")),
    (B.replace("Baoding,China,38.874,115.4646", "Kiel,DE,,"),
     "row 2, lat: found in GeoNames: Kiel, Schleswig-Holstein (54.3213, 10.1349); 1 smaller place of that name",
     "række 2, lat: fundet i GeoNames: Kiel, Schleswig-Holstein (54.3213, 10.1349); 1 mindre sted med det navn"),
    (B.replace("Baoding,China,38.874,115.4646", "Peoria,USA,,"),
     ("row 2, city: Peoria: Arizona or Illinois? The map shows Peoria, Arizona (33.5806, -112.2374), the largest; to "
      "choose another, write 'Peoria, Illinois' (or use the region column) or give lat and lon"),
     ("række 2, city: Peoria: Arizona eller Illinois? Kortet viser Peoria, Arizona (33.5806, -112.2374), den største; "
      "vælg en anden: skriv 'Peoria, Illinois' (eller brug kolonnen region), eller angiv lat og lon")),
    (B.replace("Baoding,China,38.874,115.4646", "Peoria,USA,,"),
     "row 2, lat: chosen among 2 places called Peoria: Peoria, Arizona (33.5806, -112.2374), the largest",
     "række 2, lat: valgt blandt 2 steder ved navn Peoria: Peoria, Arizona (33.5806, -112.2374), det største"),
    (f"{B}\n{B.replace('baoding,City of Baoding', 'baoding-2,city of baoding.')}",
     ("row 3, name: 'city of baoding.' looks like 'City of Baoding' in row 2 (id 'baoding'); is it the same partner "
      "twice?"),
     ("række 3, name: 'city of baoding.' ligner 'City of Baoding' i række 2 (id 'baoding'); er det den samme partner "
      "to gange?")),
    (f"{B}\n{B}", "row 3, id: 'baoding' is already used in row 2; ids must be unique",
     "række 3, id: 'baoding' er allerede brugt i række 2; et id skal være entydigt"),
]


@pytest.mark.parametrize(("rows", "english", "danish"), ROW_CASES, ids=[english[:40] for _, english, _ in ROW_CASES])
def test_each_problem_in_english_and_danish(vocabulary, rows, english, danish):
    problems = load_bytes(csv_text(rows).encode(), vocabulary).problems
    lines = {problem.line(): problem.line("da") for problem in problems}
    assert lines.get(english) == danish, list(lines)
    assert str(next(p for p in problems if p.line() == english)) == english


FILE_CASES = [
    (b"",
     "The file is empty: it needs a header row (id, name, type, …) and one row per partnership.",
     "Filen er tom: den skal have en overskriftsrække (id, name, type, …) og én række pr. partnerskab."),
    (b"PK\x03\x04zip",
     ("This is an Excel workbook (.xlsx) or another zip file, but it cannot be opened: it is damaged or cut short. "
      "Open it in Excel and save it again, as 'Excel Workbook (.xlsx)' or 'CSV UTF-8 (comma delimited)'."),
     ("Dette er en Excel-projektmappe (.xlsx) eller en anden zip-fil, men den kan ikke åbnes: den er beskadiget eller "
      "afkortet. Åbn den i Excel, og gem den igen som 'Excel-projektmappe (.xlsx)' eller 'CSV UTF-8 (kommasepareret)'.")),
    (b"\x00\x01\x02garbage",
     ("This file is not text (it holds binary data), so it is not a CSV file. Save it from Excel with 'Save as' → "
      "'CSV UTF-8 (comma delimited)'."),
     ("Filen er ikke tekst (den indeholder binære data), så den er ikke en CSV-fil. Gem den fra Excel med 'Gem som' → "
      "'CSV UTF-8 (kommasepareret)'.")),
    (b"id,name\nx,y\n",
     ("The columns are missing: 'type', 'city', 'country', 'start_year'. The header row (row 1) must name the columns "
      "id, name, type, city, country, start_year; this file has 'id', 'name'."),
     ("Kolonnerne mangler: 'type', 'city', 'country', 'start_year'. Overskriftsrækken (række 1) skal nævne kolonnerne "
      "id, name, type, city, country, start_year; denne fil har 'id', 'name'.")),
    (HEADER.replace(",type", "").encode() + b"\n",
     ("The column is missing: 'type'. The header row (row 1) must name the columns id, name, type, city, country, "
      "start_year; this file has 'id', 'name', 'city', 'country', 'lat', 'lon', 'start_year', 'end_year', "
      "'description', 'url'."),
     ("Kolonnen mangler: 'type'. Overskriftsrækken (række 1) skal nævne kolonnerne id, name, type, city, country, "
      "start_year; denne fil har 'id', 'name', 'city', 'country', 'lat', 'lon', 'start_year', 'end_year', "
      "'description', 'url'.")),
    (b'id,name\na,"open\n',
     ("Row 2 opens a quote (\") that is never closed: '\"open'. Everything after it would be read as one cell, so "
      "nothing was read. Close the quote, or remove it, and save again."),
     ("Række 2 åbner et anførselstegn (\"), som aldrig lukkes: '\"open'. Alt efter det ville blive læst som én celle, "
      "så intet er læst. Luk anførselstegnet, eller fjern det, og gem igen.")),
    (b"id,Id\n",
     "The column 'id' appears twice in the header row. Keep one of them.",
     "Kolonnen 'id' står to gange i overskriftsrækken. Behold den ene."),
]


@pytest.mark.parametrize(("raw", "english", "danish"), FILE_CASES, ids=[english[:30] for _, english, _ in FILE_CASES])
def test_a_file_that_cannot_be_used_says_why_in_english_and_danish(vocabulary, raw, english, danish):
    fatal = load_bytes(raw, vocabulary).fatal
    assert (fatal.text("en"), fatal.text("da"), str(fatal)) == (english, danish, english)


def test_the_reader_raises_the_message_and_its_words_follow_the_language():
    with pytest.raises(DataFileError) as raised:
        read_table(b"")
    assert str(raised.value) == raised.value.text("en") and raised.value.text("da").startswith("Filen er tom")


def test_a_header_without_rows_is_a_problem_of_the_file(vocabulary):
    [problem] = load_bytes(HEADER.encode(), vocabulary).problems
    assert (problem.line(), problem.line("da")) == (
        "file: the file has a header row but no partnerships below it",
        "fil: filen har en overskriftsrække, men ingen partnerskaber under den")


@pytest.mark.parametrize(("message", "english", "danish"), [
    (said("too_many_rows", limit=100_000, setting="PARTNERS_MAX_ROWS"), "more than 100,000 partnerships",
     "mere end 100.000 partnerskaber"),
    (said("file_too_big", size=51.25, limit=0.5, setting="PARTNERS_MAX_FILE_MB"), "is 51.2 MB, more than the 0.5 MB",
     "fylder 51,2 MB, mere end de 0,5 MB"),
    (said("not_a_year"), "is not a year", "er ikke et årstal"),
    (said("cell_value", value="2011 ", rule=said("not_a_year")), "'2011 ' is not a year", "'2011 ' er ikke et årstal"),
    (said("geo_not_found", city="X", country=Local((("en", "Germany"), ("da", "Tyskland")))), "for Germany;", "for Tyskland;"),
    (said("geo_ambiguous", name="A", choices=Joined(("B", "C", said("geo_more", n=2))), place="P", how=""),
     "A: B, C or 2 more?", "A: B, C eller 2 andre?"),
    (said("validate_left_off", n=1), "1 row left off", "1 række udeladt"),
    (said("validate_left_off", n=2), "2 rows left off", "2 rækker udeladt"),
])
def test_values_are_worded_in_the_message_language(message, english, danish):
    assert english in message.text("en") and danish in message.text("da")


def test_problems_keep_their_message_through_a_cache():
    problem = Problem(7, "start_year", said("cell_value", value="twenty-eleven", rule=said("not_a_year")))
    copy = pickle.loads(pickle.dumps(problem))
    assert copy == problem and hash(copy) == hash(problem)
    assert copy.line("da") == "række 7, start_year: 'twenty-eleven' er ikke et årstal"
    assert problem.message == "'twenty-eleven' is not a year"
