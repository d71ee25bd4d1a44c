"""What is said about a row or a cell of a partner file, in English and Danish: the reader's,
the schema's, the gazetteer's, the extra checks' and the tour's problems. Part of
i18n.STRINGS; worded by partnerships/messages.py. Each follows the row and column it is
about ('row 7, start_year: …'), so it starts in lower case."""
from __future__ import annotations

PROBLEM_STRINGS: dict[str, dict[str, str]] = {
    # The reader: a row's shape and characters.
    "extra_cells": {"en": "has more cells than the header has columns ({cells}); they are ignored",
                    "da": "har flere celler, end overskriftsrækken har kolonner ({cells}); de ignoreres"},
    "swallowed_rows": {
        "en": "runs over {lines} lines, and {hidden} of them look like rows of their own: a quote (\") that opens "
              "this cell probably lacks its partner, so those rows are hidden in it",
        "da": "går over {lines} linjer, og {hidden} af dem ligner rækker for sig: et anførselstegn (\"), der åbner "
              "cellen, mangler nok sin partner, så de rækker er gemt i den",
    },
    "mixed_encoding": {
        "en": "is written in {foreign}, the rest of the file in {encoding}: the file mixes two encodings, so this "
              "row's letters cannot be trusted. Check them, or save the whole file again as 'CSV UTF-8'",
        "da": "er skrevet i {foreign}, resten af filen i {encoding}: filen blander to tegnkodninger, så rækkens "
              "bogstaver er ikke til at stole på. Tjek dem, eller gem hele filen igen som 'CSV UTF-8'",
    },
    "control_character": {"en": "holds an invisible control character ({character}); remove it",
                          "da": "indeholder et usynligt kontroltegn ({character}); fjern det"},
    "invisible_character": {
        "en": "holds a character of no width ({character}), so it looks like what it is not; the app shows it "
              "without; remove it",
        "da": "indeholder et tegn uden bredde ({character}), så det ligner noget, det ikke er; appen viser det "
              "uden; fjern det",
    },
    "bidi_controls": {
        "en": "holds invisible right-to-left controls, which can show the text in another order than it is written; "
              "the app shows it without them",
        "da": "indeholder usynlige højre-til-venstre-tegn, som kan vise teksten i en anden rækkefølge, end den er "
              "skrevet i; appen viser den uden dem",
    },
    "garbled": {"en": "looks garbled by a wrong encoding: {cell!r} probably means {repaired!r}",
                "da": "ser forvansket ud af en forkert tegnkodning: {cell!r} betyder nok {repaired!r}"},
    "unnamed_column": {"en": "column {position} has values but no name in the header row; it is ignored",
                       "da": "kolonne {position} har værdier, men intet navn i overskriftsrækken; den ignoreres"},
    # The schema: one cell's rule ('is not a year'), after its value where it has one.
    "cell_value": {"en": "{value!r} {rule}", "da": "{value!r} {rule}"},
    "required": {"en": "is required but empty", "da": "skal udfyldes, men er tom"},
    "bad_id": {
        "en": "is not a short id (use lowercase letters, digits and hyphens, e.g. klimapakt-flensburg)",
        "da": "er ikke et kort id (brug små bogstaver, cifre og bindestreger, fx klimapakt-flensburg)",
    },
    "id_too_long": {"en": "is longer than {limit} characters; an id is short",
                    "da": "er længere end {limit} tegn; et id er kort"},
    "unknown_type": {"en": "is not a partnership type (known: {known})",
                     "da": "er ikke en partnerskabstype (kendte: {known})"},
    "unknown_country": {"en": "is not a country name or ISO code we know",
                        "da": "er ikke et landenavn eller en ISO-kode, vi kender"},
    "not_a_number": {"en": "is not a number", "da": "er ikke et tal"},
    "outside_range": {"en": "is outside -{limit} to {limit}", "da": "er uden for -{limit} til {limit}"},
    "not_a_year": {"en": "is not a year", "da": "er ikke et årstal"},
    "year_zero": {
        "en": "is not a year; leave the cell empty if the year is unknown",
        "da": "er ikke et årstal; lad cellen være tom, hvis året er ukendt",
    },
    "year_range": {"en": "is not between {low} and {high}", "da": "er ikke mellem {low} og {high}"},
    "bad_url": {"en": "is not a web address (only http:// and https:// links are allowed)",
                "da": "er ikke en webadresse (kun http://- og https://-links er tilladt)"},
    "id_twice": {"en": "{value!r} is already used in row {first}; ids must be unique",
                 "da": "{value!r} er allerede brugt i række {first}; et id skal være entydigt"},
    "before_start": {"en": "{year} is before start_year {start}", "da": "{year} er før start_year {start}"},
    # The gazetteer: how a row without coordinates was placed, or why it was not.
    "geo_ignored": {
        "en": "{ignored!r} is neither a first-level region of {country} (a state, Land or region) nor a place near "
              "the city in the gazetteer; the city was placed by its name alone",
        "da": "{ignored!r} er hverken en region på første niveau i {country} (en delstat, et Land eller en region) "
              "eller et sted nær byen i stednavneregistret; byen er placeret ud fra sit navn alene",
    },
    "geo_not_in_region": {
        "en": "{city!r} is not in {asked} in the offline gazetteer; it knows {known}: correct the region or add lat "
              "and lon",
        "da": "{city!r} ligger ikke i {asked} i det lokale stednavneregister; det kender {known}: ret regionen, "
              "eller tilføj lat og lon",
    },
    "geo_not_found": {"en": "{city!r} is not in the offline gazetteer for {country}; add lat and lon",
                      "da": "{city!r} findes ikke i det lokale stednavneregister for {country}; tilføj lat og lon"},
    "geo_places_more": {"en": "{places} and {n} more", "da": "{places} og {n} andre"},
    "geo_more": {"en": "{n} more|{n} more", "da": "{n} anden|{n} andre"},
    "geo_region_only": {
        "en": "{city!r} is a region ({region}), not a town: placed at its largest town, {place}; give lat and lon to "
              "place it elsewhere",
        "da": "{city!r} er en region ({region}), ikke en by: placeret ved dens største by, {place}; angiv lat og lon "
              "for at placere den et andet sted",
    },
    "geo_found_region_town": {"en": "found the region's largest town in GeoNames: {place}",
                              "da": "fundet regionens største by i GeoNames: {place}"},
    "geo_ambiguous": {
        "en": "{name}: {choices}? The map shows {place}, the largest; to choose another, {how}",
        "da": "{name}: {choices}? Kortet viser {place}, den største; vælg en anden: {how}",
    },
    "geo_how_region": {"en": "write '{name}, {region}' (or use the region column) or give lat and lon",
                       "da": "skriv '{name}, {region}' (eller brug kolonnen region), eller angiv lat og lon"},
    "geo_how_coordinates": {"en": "the region does not tell them apart: give lat and lon",
                            "da": "regionen skelner dem ikke fra hinanden: angiv lat og lon"},
    "geo_chosen": {"en": "chosen among {count} places called {name}: {place}, the largest{read}",
                   "da": "valgt blandt {count} steder ved navn {name}: {place}, det største{read}"},
    "geo_found": {"en": "found in GeoNames: {place}{read}{others}", "da": "fundet i GeoNames: {place}{read}{others}"},
    "geo_read_as": {"en": " (read {city!r} as {name})", "da": " (læst {city!r} som {name})"},
    "geo_smaller": {"en": "; {n} smaller place of that name|; {n} smaller places of that name",
                    "da": "; {n} mindre sted med det navn|; {n} mindre steder med det navn"},
    # Checks beyond the schema: warnings that leave the row on the map.
    "near_duplicate_name": {
        "en": "{name!r} looks like {first!r} in row {row} (id {id!r}); is it the same partner twice?",
        "da": "{name!r} ligner {first!r} i række {row} (id {id!r}); er det den samme partner to gange?",
    },
    "duplicate_type": {"en": "the types file lists {name!r} beside {first!r}; keep one spelling",
                       "da": "typefilen har {name!r} ved siden af {first!r}; behold én stavemåde"},
    "outside_country": {
        "en": "{lat}, {lon} is outside {country}; check lat and lon (swapped, or a missing minus?)",
        "da": "{lat}, {lon} ligger uden for {country}; tjek lat og lon (byttet om, eller mangler et minus?)",
    },
    # The tour file.
    "tour_unusable": {"en": "the tour file {file} cannot be used: {reason}",
                      "da": "turfilen {file} kan ikke bruges: {reason}"},
    "tour_needs_column": {"en": "the tour file {file} needs a '{column}' column",
                          "da": "turfilen {file} skal have en kolonne '{column}'"},
    "tour_unknown_partner": {
        "en": "the tour names {partner!r}, which is not a partner on the map; that stop is left out",
        "da": "turen nævner {partner!r}, som ikke er en partner på kortet; det stop springes over",
    },
}
