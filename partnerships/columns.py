"""The columns of a partner file, named once."""
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES

ID = "id"
NAME = "name"
TYPE = "type"
CITY = "city"
COUNTRY = "country"
LAT = "lat"
LON = "lon"
START_YEAR = "start_year"
END_YEAR = "end_year"
DESCRIPTION = "description"
URL = "url"
MILESTONES = "milestones"
CONFIRMED = "confirmed"  # the last year a source confirms the partnership; after it, status unknown
SOURCE = "source"
REGION = "region"  # first-level region (state, Land) to tell namesakes apart; optional

# Text columns with a companion per language, `<column>_<lang>` (name_da, city_de, …): shown in
# that language, the base column (the default language's) where the companion is empty.
TRANSLATED = (NAME, CITY, DESCRIPTION, MILESTONES)


def in_language(column: str, lang: str) -> str:
    """The column holding `column` in `lang`: `name_de` for name in German, `name` itself in the
    default language."""
    return column if lang == DEFAULT_LANGUAGE else f"{column}_{lang}"


COMPANIONS = tuple(in_language(column, lang) for lang in LANGUAGES if lang != DEFAULT_LANGUAGE for column in TRANSLATED)

REQUIRED_COLUMNS = (ID, NAME, TYPE, CITY, COUNTRY, START_YEAR)
# lat, lon: found from the city when empty. All of these are there (empty) after validation.
OPTIONAL_COLUMNS = (LAT, LON, REGION, END_YEAR, CONFIRMED, DESCRIPTION, URL, *COMPANIONS, MILESTONES, SOURCE)
CONTRACT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# Derived when a file is validated; never written back.
COUNTRY_CODE = "country_code"
COUNTRY_NAME = "country_name"
COUNTRY_NAMES = tuple(in_language(COUNTRY_NAME, lang) for lang in LANGUAGES)  # country_name, country_name_da, …


def country_name_column(lang: str) -> str:
    """The derived column holding country names in `lang`."""
    return in_language(COUNTRY_NAME, lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
