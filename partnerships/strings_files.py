"""What is said about a file as a whole, in English and Danish: why it cannot be used (the
reader's, the schema's, the types file's, the data file's messages) and the command line's
lines about it. Part of i18n.STRINGS; worded by partnerships/messages.py."""
from __future__ import annotations

FILE_STRINGS: dict[str, dict[str, str]] = {
    "verbatim": {"en": "{text}", "da": "{text}"},
    "or": {"en": "or", "da": "eller"},
    "at_row": {"en": "row {row}", "da": "række {row}"},
    "at_file": {"en": "file", "da": "fil"},
    "save_as_csv": {
        "en": "Save it from Excel with 'Save as' → 'CSV UTF-8 (comma delimited)'.",
        "da": "Gem den fra Excel med 'Gem som' → 'CSV UTF-8 (kommasepareret)'.",
    },
    "kind_zip": {"en": "an Excel workbook (.xlsx) or another zip file",
                 "da": "en Excel-projektmappe (.xlsx) eller en anden zip-fil"},
    "kind_xls": {"en": "an old Excel workbook (.xls)", "da": "en gammel Excel-projektmappe (.xls)"},
    "kind_pdf": {"en": "a PDF document", "da": "et PDF-dokument"},
    "kind_utf16": {"en": "UTF-16 text (Excel's 'Unicode text')", "da": "UTF-16-tekst (Excels 'Unicode-tekst')"},
    "not_csv": {"en": "This is {what}, not a CSV file. {save_as}", "da": "Dette er {what}, ikke en CSV-fil. {save_as}"},
    "not_text": {
        "en": "This file is not text (it holds binary data), so it is not a CSV file. {save_as}",
        "da": "Filen er ikke tekst (den indeholder binære data), så den er ikke en CSV-fil. {save_as}",
    },
    "not_utf8_or_1252": {
        "en": "This file is neither UTF-8 nor Windows-1252 text (line {line}, byte {byte} of the line, cannot be "
              "read). {save_as}",
        "da": "Filen er hverken UTF-8- eller Windows-1252-tekst (linje {line}, byte {byte} i linjen, kan ikke "
              "læses). {save_as}",
    },
    "read_encoding": {
        "en": "The file is not UTF-8: it was read as {encoding}.",
        "da": "Filen er ikke UTF-8: den er læst som {encoding}.",
    },
    "looks_garbled": {
        "en": "This file is not UTF-8, and read as Windows-1252 it shows characters that look garbled "
              "({sample!r}): it is in another encoding, and no single one reads it cleanly. {save_as}",
        "da": "Filen er ikke UTF-8, og læst som Windows-1252 viser den tegn, der ser forvanskede ud "
              "({sample!r}): den er i en anden tegnkodning, og ingen enkelt læser den rent. {save_as}",
    },
    "read_as_encoding": {
        "en": "The file is neither UTF-8 nor Windows-1252; it was read as {encoding}, which is unusual "
              "for a partner file. Check that the text reads right (it shows {sample!r}); to be sure, save it from "
              "Excel as 'CSV UTF-8 (comma delimited)'.",
        "da": "Filen er hverken UTF-8 eller Windows-1252; den er læst som {encoding}, hvilket er "
              "usædvanligt for en partnerfil. Kontrollér, at teksten læses rigtigt (den viser {sample!r}); gem den "
              "for en sikkerheds skyld fra Excel som 'CSV UTF-8 (kommasepareret)'.",
    },
    "file_too_big": {
        "en": "The file is {size:.1f} MB, more than the {limit:g} MB a partner file may be (the limit is set by "
              "{setting}). Nothing of it was read.",
        "da": "Filen fylder {size:.1f} MB, mere end de {limit:g} MB, en partnerfil må fylde (grænsen sættes med "
              "{setting}). Intet af den er læst.",
    },
    "file_over_limit": {
        "en": "The file is more than the {limit:g} MB a partner file may be (the limit is set by {setting}). "
              "Nothing of it was read.",
        "da": "Filen fylder mere end de {limit:g} MB, en partnerfil må fylde (grænsen sættes med {setting}). "
              "Intet af den er læst.",
    },
    "not_a_regular_file": {
        "en": "This is {what}, not a file. Give the path of a CSV file.",
        "da": "Dette er {what}, ikke en fil. Angiv stien til en CSV-fil.",
    },
    "kind_folder": {"en": "a folder", "da": "en mappe"},
    "kind_pipe": {"en": "a named pipe", "da": "et navngivet rør (pipe)"},
    "kind_socket": {"en": "a socket", "da": "en socket"},
    "kind_device": {"en": "a device", "da": "en enhed"},
    "kind_special": {"en": "a special file", "da": "en særlig fil"},
    "too_many_rows": {
        "en": "The file has more than {limit:,} partnerships, the most a partner file may hold (the limit is set by "
              "{setting}). Nothing of it was read.",
        "da": "Filen har mere end {limit:,} partnerskaber, det højeste antal en partnerfil må have (grænsen sættes "
              "med {setting}). Intet af den er læst.",
    },
    "too_many_columns": {
        "en": "Row {row} has {count:,} columns, more than the {limit:,} a partner file may have (the limit is set by "
              "{setting}). Nothing of the file was read.",
        "da": "Række {row} har {count:,} kolonner, flere end de {limit:,}, en partnerfil må have (grænsen sættes "
              "med {setting}). Intet af filen er læst.",
    },
    "file_empty": {
        "en": "The file is empty: it needs a header row (id, name, type, …) and one row per partnership.",
        "da": "Filen er tom: den skal have en overskriftsrække (id, name, type, …) og én række pr. partnerskab.",
    },
    "no_header": {
        "en": "The file has no header row: every line is empty or only separators. It needs a header row (id, name, "
              "type, …) and one row per partnership.",
        "da": "Filen har ingen overskriftsrække: hver linje er tom eller rummer kun skilletegn. Den skal have en "
              "overskriftsrække (id, name, type, …) og én række pr. partnerskab.",
    },
    "quote_never_closed": {
        "en": "Row {row} opens a quote (\") that is never closed: {snippet!r}. Everything after it would be read as "
              "one cell, so nothing was read. Close the quote, or remove it, and save again.",
        "da": "Række {row} åbner et anførselstegn (\"), som aldrig lukkes: {snippet!r}. Alt efter det ville blive "
              "læst som én celle, så intet er læst. Luk anførselstegnet, eller fjern det, og gem igen.",
    },
    "text_after_quote": {
        "en": "Row {row} has text after a closing quote (\"): {snippet!r}. Put the whole cell in quotes and double "
              "every quote inside it (\"\"), as Excel does when it saves a CSV file.",
        "da": "Række {row} har tekst efter et afsluttende anførselstegn (\"): {snippet!r}. Sæt hele cellen i "
              "anførselstegn, og skriv hvert anførselstegn i den to gange (\"\"), som Excel gør, når det gemmer en "
              "CSV-fil.",
    },
    "cell_too_long": {
        "en": "Row {row} holds a cell of more than {limit:,} characters, more than any partner needs.",
        "da": "Række {row} har en celle på mere end {limit:,} tegn, mere end nogen partner har brug for.",
    },
    "csv_unreadable": {"en": "Row {row} cannot be read as CSV ({error}). {save_as}",
                       "da": "Række {row} kan ikke læses som CSV ({error}). {save_as}"},
    "column_twice": {"en": "The column '{name}' appears twice in the header row. Keep one of them.",
                     "da": "Kolonnen '{name}' står to gange i overskriftsrækken. Behold den ene."},
    "columns_missing": {
        "en": "The column is missing: {names}. The header row (row 1) must name the columns {required}; this file "
              "has {found}.|The columns are missing: {names}. The header row (row 1) must name the columns "
              "{required}; this file has {found}.",
        "da": "Kolonnen mangler: {names}. Overskriftsrækken (række 1) skal nævne kolonnerne {required}; denne fil "
              "har {found}.|Kolonnerne mangler: {names}. Overskriftsrækken (række 1) skal nævne kolonnerne "
              "{required}; denne fil har {found}.",
    },
    "no_columns": {"en": "none", "da": "ingen"},
    "no_partnerships": {"en": "the file has a header row but no partnerships below it",
                        "da": "filen har en overskriftsrække, men ingen partnerskaber under den"},
    "data_file_missing": {"en": "The data file {path} does not exist.", "da": "Datafilen {path} findes ikke."},
    "data_file_unreadable": {"en": "The data file {path} cannot be read: {reason}.",
                             "da": "Datafilen {path} kan ikke læses: {reason}."},
    "types_unreadable": {"en": "The partnership types file {path} cannot be read: {reason}.",
                         "da": "Filen med partnerskabstyper {path} kan ikke læses: {reason}."},
    "types_file_error": {"en": "The partnership types file {path}: {error}",
                         "da": "Filen med partnerskabstyper {path}: {error}"},
    "types_need_column": {"en": "The partnership types file {path} needs a '{column}' column.",
                          "da": "Filen med partnerskabstyper {path} skal have en kolonne '{column}'."},
    "types_file_empty": {"en": "The partnership types file {path} lists no types.",
                         "da": "Filen med partnerskabstyper {path} nævner ingen typer."},
    "companion_problem": {"en": "{file}, row {row}, {column}: {problem}",
                          "da": "{file}, række {row}, {column}: {problem}"},
    # The command line's own lines (python -m partnerships validate | db import).
    "validate_summary": {
        "en": "{path}: {partnerships} in {countries} will be on the map, {left_off}; {placed}; {remarks}",
        "da": "{path}: {partnerships} i {countries} kommer på kortet, {left_off}; {placed}; {remarks}",
    },
    "validate_none_left_off": {"en": "none left off", "da": "ingen udeladt"},
    "validate_left_off": {"en": "{n} row left off (errors)|{n} rows left off (errors)",
                          "da": "{n} række udeladt (fejl)|{n} rækker udeladt (fejl)"},
    "validate_none_placed": {"en": "none placed by the gazetteer", "da": "ingen placeret af stednavneregistret"},
    "validate_placed": {"en": "{n} placed by the gazetteer ({chosen} chosen among several)",
                        "da": "{n} placeret af stednavneregistret ({chosen} valgt blandt flere)"},
    "validate_no_problems": {"en": "no problems", "da": "ingen problemer"},
    "validate_nothing": {"en": "{path}: nothing will be on the map", "da": "{path}: intet kommer på kortet"},
    "db_not_imported": {"en": "{file}: not imported; nothing in the database was changed",
                        "da": "{file}: ikke importeret; intet i databasen er ændret"},
    "db_same_version": {"en": "{file}: the same as version {version}; nothing imported",
                        "da": "{file}: det samme som version {version}; intet importeret"},
    "db_imported": {"en": "{file}: imported as version {version}", "da": "{file}: importeret som version {version}"},
    "db_imported_kept": {
        "en": "{file}: imported as version {version}; the previous version is kept as {kept}",
        "da": "{file}: importeret som version {version}; den forrige version er gemt som {kept}",
    },
}
