"""The columns of a partner file, named once."""

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
DESCRIPTION_DA = "description_da"
MILESTONES = "milestones"
CONFIRMED = "confirmed"  # the last year a source confirms the partnership; after it, status unknown
NAME_DA = "name_da"
CITY_DA = "city_da"
MILESTONES_DA = "milestones_da"
SOURCE = "source"
REGION = "region"  # first-level region (state, Land) to tell namesakes apart; optional

# Each text column's Danish companion: shown in Danish, the English value where it is empty.
DANISH = {NAME: NAME_DA, CITY: CITY_DA, DESCRIPTION: DESCRIPTION_DA, MILESTONES: MILESTONES_DA}

REQUIRED_COLUMNS = (ID, NAME, TYPE, CITY, COUNTRY, START_YEAR)
# lat, lon: found from the city when empty. All of these are there (empty) after validation.
OPTIONAL_COLUMNS = (LAT, LON, REGION, END_YEAR, CONFIRMED, DESCRIPTION, URL, *DANISH.values(), MILESTONES, SOURCE)
CONTRACT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# Derived when a file is validated; never written back.
COUNTRY_CODE = "country_code"
COUNTRY_NAME = "country_name"
COUNTRY_NAME_DA = "country_name_da"


def country_name_column(lang: str) -> str:
    """The derived column holding country names in `lang`."""
    return COUNTRY_NAME_DA if lang == "da" else COUNTRY_NAME
