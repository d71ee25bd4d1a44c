"""Every word the app shows, in English and Danish, in one place."""
from __future__ import annotations

LANGUAGES = ("en", "da")
DEFAULT_LANGUAGE = "en"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Sønderborg's international partnerships", "da": "Sønderborgs internationale partnerskaber"},
    "app_subtitle": {
        "en": "ProjectZero's climate partnerships, from the Border Triangle to China",
        "da": "ProjectZeros klimapartnerskaber, fra Grænsetrekanten til Kina",
    },
    "page_map": {"en": "Map", "da": "Kort"},
    "filters": {"en": "Filters", "da": "Filtre"},
    "filter_types": {"en": "Partnership types", "da": "Partnerskabstyper"},
    "filter_year": {"en": "Year", "da": "År"},
    "filter_mode": {"en": "Show", "da": "Vis"},
    "mode_active": {"en": "Active in that year", "da": "Aktive det år"},
    "mode_begun": {"en": "All begun by that year", "da": "Alle begyndt senest det år"},
    "metric_partnerships": {"en": "Partnerships", "da": "Partnerskaber"},
    "metric_countries": {"en": "Countries", "da": "Lande"},
    "metric_begun": {"en": "Begun in {year}", "da": "Begyndt i {year}"},
    "details": {"en": "Partner details", "da": "Om partneren"},
    "details_hint": {"en": "Click a partner on the map to read about it here.", "da": "Klik på en partner på kortet for at læse om den her."},
    "type": {"en": "Type", "da": "Type"},
    "place": {"en": "Place", "da": "Sted"},
    "years": {"en": "Years", "da": "År"},
    "since": {"en": "since {start}", "da": "siden {start}"},
    "website": {"en": "Website", "da": "Hjemmeside"},
    "milestones": {"en": "Milestones", "da": "Milepæle"},
    "legend_title": {"en": "Partnership type", "da": "Partnerskabstype"},
    "home_label": {"en": "Home city", "da": "Hjemby"},
    "none_in_view": {
        "en": "No partnerships match these filters. Choose more types or another year.",
        "da": "Ingen partnerskaber passer til filtrene. Vælg flere typer eller et andet år.",
    },
    "data_fatal": {"en": "The partner file cannot be shown", "da": "Partnerfilen kan ikke vises"},
    "data_problems": {
        "en": "{rows} row(s) of the partner file have problems and are left off the map",
        "da": "{rows} række(r) i partnerfilen har fejl og vises ikke på kortet",
    },
    "data_warnings": {"en": "Notes on the partner file", "da": "Bemærkninger til partnerfilen"},
    "data_file": {"en": "Data file: {path}", "da": "Datafil: {path}"},
    "map_alt": {
        "en": "World map of {count} partnerships linked by arcs to Sønderborg.",
        "da": "Verdenskort med {count} partnerskaber forbundet med buer til Sønderborg.",
    },
    "basemap_attribution": {"en": "Countries: Natural Earth", "da": "Lande: Natural Earth"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for `key` in `lang`, with `{name}` fields filled in."""
    text = STRINGS[key].get(lang) or STRINGS[key][DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
