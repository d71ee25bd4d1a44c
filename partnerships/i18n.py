"""Every word the app shows, in English and Danish, looked up in one place; the staff page's
words are kept in strings_staff.py, the charts' and the timeline's in strings_charts.py."""
from __future__ import annotations

from partnerships.strings_charts import CHART_STRINGS
from partnerships.strings_staff import STAFF_STRINGS

LANGUAGES = ("en", "da")
LANGUAGE_NAMES = {"en": "English", "da": "Dansk"}  # each in its own language
DEFAULT_LANGUAGE = "en"

_PAGES: dict[str, dict[str, str]] = {
    "app_title_fallback": {"en": "International partnerships", "da": "Internationale partnerskaber"},
    "page_map": {"en": "Map", "da": "Kort"},
    "filters": {"en": "Filters", "da": "Filtre"},
    "filter_types": {"en": "Partnership types", "da": "Partnerskabstyper"},
    "types_all": {"en": "All", "da": "Alle"},
    "types_none": {"en": "None", "da": "Ingen"},
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
    "since_confirmed": {"en": "since {start} · confirmed until {confirmed}", "da": "siden {start} · bekræftet til {confirmed}"},
    "website": {"en": "Website", "da": "Hjemmeside"},
    "milestones": {"en": "Milestones", "da": "Milepæle"},
    "legend_title": {"en": "Partnership type", "da": "Partnerskabstype"},
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
    "problems_more": {
        "en": "The {shown} most serious of {total} are shown here; {page} lists them all.",
        "da": "Her vises de {shown} vigtigste af {total}; {page} viser dem alle.",
    },
    "details_unavailable": {
        "en": "The details could not be loaded. Open the popup again to retry.",
        "da": "Detaljerne kunne ikke hentes. Åbn boblen igen for at prøve igen.",
    },
    "cluster_count": {"en": "{n} partnerships", "da": "{n} partnerskaber"},
    "cluster_more": {"en": "and {n} more", "da": "og {n} flere"},
    "show_all": {"en": "Show every partner in view", "da": "Vis alle partnere i visningen"},
    "inset_title": {"en": "Around {home}", "da": "Omkring {home}"},
    "map_empty": {"en": "No partnership matches this view", "da": "Ingen partnerskaber passer til denne visning"},
    "sources_as_of": {"en": "sources as of {year}", "da": "kilder pr. {year}"},
    "data_file": {"en": "Data file: {path}", "da": "Datafil: {path}"},
    "data_database": {"en": "Database: {key}", "da": "Database: {key}"},
    "store_unavailable": {
        "en": "{reason}. The map shows the last version this server loaded; saving waits until the database is back.",
        "da": "{reason}. Kortet viser den seneste version, denne server har hentet; der kan gemmes igen, når "
              "databasen er tilbage.",
    },
    "store_empty": {
        "en": "The partner database holds no version yet, and {path} cannot be used as the first. Put one in with "
              "`python -m partnerships db import FILE`.",
        "da": "Partnerdatabasen har endnu ingen version, og {path} kan ikke bruges som den første. Læg en ind med "
              "`python -m partnerships db import FIL`.",
    },
    "basemap_attribution": {"en": "Countries: Natural Earth", "da": "Lande: Natural Earth"},
    "page_charts": {"en": "Charts", "da": "Diagrammer"},
    "charts_title": {"en": "Partnerships in numbers", "da": "Partnerskaber i tal"},
    "charts_caption": {
        "en": "The charts follow the filters in the sidebar; the timeline shows every year up to the chosen one.",
        "da": "Diagrammerne følger filtrene i sidepanelet; tidslinjen viser alle år frem til det valgte.",
    },
    # The view in words. "singular|plural" where the number decides.
    "n_partnerships": {"en": "{n} partnership|{n} partnerships", "da": "{n} partnerskab|{n} partnerskaber"},
    "n_countries": {"en": "{n} country|{n} countries", "da": "{n} land|{n} lande"},
    "summary_active": {
        "en": "In {year}, {partnerships} was active in {countries}|In {year}, {partnerships} were active in {countries}",
        "da": "I {year} var {partnerships} aktivt i {countries}|I {year} var {partnerships} aktive i {countries}",
    },
    "summary_begun": {
        "en": "By {year}, {partnerships} had begun in {countries}",
        "da": "Senest i {year} var {partnerships} begyndt i {countries}",
    },
    "summary_none_active": {"en": "In {year}, no partnerships were active", "da": "I {year} var ingen partnerskaber aktive"},
    "summary_none_begun": {"en": "By {year}, no partnerships had begun", "da": "Senest i {year} var ingen partnerskaber begyndt"},
    "summary_shown": {
        "en": "In {year}, the map shows {partnerships} in {countries}",
        "da": "I {year} viser kortet {partnerships} i {countries}",
    },
    "summary_shown_begun": {
        "en": "By {year}, the map shows {partnerships} in {countries}",
        "da": "Senest i {year} viser kortet {partnerships} i {countries}",
    },
    "summary_part_active": {
        "en": "; {n} of them is confirmed active that year|; {n} of them are confirmed active that year",
        "da": "; {n} af dem er bekræftet aktivt det år|; {n} af dem er bekræftet aktive det år",
    },
    "summary_part_begun": {
        "en": "; {n} of them had begun by then|; {n} of them had begun by then",
        "da": "; {n} af dem var begyndt inden da|; {n} af dem var begyndt inden da",
    },
    "summary_unknown": {
        "en": "; the status of {partnerships} in {countries} is unknown after {since}, the last year a source confirms",
        "da": "; status for {partnerships} i {countries} er ukendt efter {since}, det sidste år en kilde bekræfter",
    },
    "summary_year_unknown": {
        "en": "; {n} of them has no known start year|; {n} of them have no known start year",
        "da": "; {n} af dem har intet kendt startår|; {n} af dem har intet kendt startår",
    },
    "legend_doubt": {
        "en": "Hollow, dashed: not confirmed that year, or start year unknown",
        "da": "Hul, stiplet: ikke bekræftet det år, eller startår ukendt",
    },
    "metric_year_unknown": {"en": "Of them: no start year", "da": "Heraf uden startår"},
    "year_unknown": {"en": "start year unknown", "da": "startår ukendt"},
    "metric_unknown": {"en": "Of them: status unknown", "da": "Heraf status ukendt"},
    "metric_unknown_help": {
        "en": "Partnerships no source confirms after {since}: nobody says they ended, nobody says they go on.",
        "da": "Partnerskaber, som ingen kilde bekræfter efter {since}: ingen siger, de er slut, ingen siger, de fortsætter.",
    },
    "metric_partnerships_help": {
        "en": "Every partnership the map shows for {year}, including those whose status or start year is unknown.",
        "da": "Alle partnerskaber, som kortet viser for {year}, også dem hvis status eller startår er ukendt.",
    },
    "metric_year_unknown_help": {
        "en": "Partnerships on the map that no source dates: they are shown in every year.",
        "da": "Partnerskaber på kortet, som ingen kilde daterer: de vises i alle år.",
    },
    "confirmed_until": {"en": "Confirmed by a source until {year}", "da": "Bekræftet af en kilde til og med {year}"},
    "source": {"en": "Source", "da": "Kilde"},
    "summary_new": {"en": "; {n} began that year: {names}.", "da": "; {n} begyndte det år: {names}."},
    "summary_no_new": {"en": "; none began that year.", "da": "; ingen begyndte det år."},
    "summary_types": {"en": " Types shown: {types}.", "da": " Viste typer: {types}."},
    "and": {"en": "and", "da": "og"},
    "and_more": {"en": "{n} more", "da": "{n} flere"},
    "problem_row": {"en": "row", "da": "række"},
    "problem_column": {"en": "column", "da": "kolonne"},
    "problem_text": {"en": "problem", "da": "problem"},
    "problem_severity": {"en": "severity", "da": "alvor"},
    "severity_error": {"en": "error", "da": "fejl"},
    "severity_warning": {"en": "warning", "da": "advarsel"},
    "severity_note": {"en": "note", "da": "note"},
    "n_problems": {"en": "{n} problem|{n} problems", "da": "{n} problem|{n} problemer"},
    "n_errors": {"en": "{n} error|{n} errors", "da": "{n} fejl|{n} fejl"},
    "n_warnings": {"en": "{n} warning|{n} warnings", "da": "{n} advarsel|{n} advarsler"},
    "n_notes": {"en": "{n} note|{n} notes", "da": "{n} note|{n} noter"},
    "problems_in_all": {"en": "{problems} in all: {parts}.", "da": "{problems} i alt: {parts}."},
    "copy_link": {"en": "Link to this view", "da": "Link til denne visning"},
    "copy_link_help": {
        "en": "It opens exactly this view, for an e-mail or a council paper.",
        "da": "Det åbner præcis denne visning, til en e-mail eller et dagsordenspunkt.",
    },
    "copy_button": {"en": "Copy link", "da": "Kopiér link"},
    "copy_done": {"en": "Copied", "da": "Kopieret"},
    "copy_manual": {
        "en": "Selected: press Ctrl+C (⌘C on a Mac) to copy.",
        "da": "Markeret: tryk Ctrl+C (⌘C på en Mac) for at kopiere.",
    },
    "language": {"en": "Sprog / Language", "da": "Sprog / Language"},
    "page_partners": {"en": "Partners", "da": "Partnere"},
    "partners_title": {"en": "All partners", "da": "Alle partnere"},
    "search": {"en": "Search name, city, country or description", "da": "Søg i navn, by, land eller beskrivelse"},
    "partners_caption": {
        "en": "{shown} of {total} partnerships of the chosen types, all years. Choose a row to read more.",
        "da": "{shown} af {total} partnerskaber af de valgte typer, alle år. Vælg en række for at læse mere.",
    },
    "col_name": {"en": "Name", "da": "Navn"},
    "col_type": {"en": "Type", "da": "Type"},
    "col_city": {"en": "City", "da": "By"},
    "col_country": {"en": "Country", "da": "Land"},
    "col_years": {"en": "Years", "da": "År"},
    "col_link": {"en": "Link", "da": "Link"},
    "open_on_map": {"en": "Open on the map", "da": "Vis på kortet"},
    "download_shown_csv": {"en": "Download these rows for Excel (CSV)", "da": "Download disse rækker til Excel (CSV)"},
    "download_shown_xlsx": {"en": "Download these rows as a workbook", "da": "Download disse rækker som projektmappe"},
    "no_match": {"en": "No partner matches “{query}”.", "da": "Ingen partner passer til “{query}”."},
    "story_play": {"en": "Play the years (space)", "da": "Afspil årene (mellemrum)"},
    "story_pause": {"en": "Pause (space)", "da": "Pause (mellemrum)"},
    "story_first": {"en": "First year (Home)", "da": "Første år (Home)"},
    "story_last": {"en": "Last year (End)", "da": "Sidste år (End)"},
    "story_speed": {"en": "Speed", "da": "Hastighed"},
    "story_tour": {"en": "Tour ▶", "da": "Rundtur ▶"},
    "story_tour_end": {"en": "End tour ■", "da": "Afslut turen ■"},
    "story_tour_help": {
        "en": "The tour: PageDown or → next stop, PageUp or ← back, Esc ends it; space plays the years",
        "da": "Turen: PageDown eller → næste stop, PageUp eller ← tilbage, Esc afslutter; mellemrum afspiller årene",
    },
    "story_keys": {"en": "Space: years · PgDn/PgUp: tour · Esc: end, then exit",
                   "da": "Mellemrum: år · PgDn/PgUp: tur · Esc: slut, så afslut"},
    "story_exit": {"en": "Exit ✕", "da": "Afslut ✕"},
    "present": {"en": "Present full screen", "da": "Præsentér i fuld skærm"},
    "present_help": {
        "en": "Opens the map alone, with the timeline player and the tour (space, arrows, a clicker).",
        "da": "Åbner kortet alene med tidslinjen og turen (mellemrum, piletaster, en klikker).",
    },
    "download_map": {"en": "Download the map as one file", "da": "Download kortet som én fil"},
    "download_map_help": {
        "en": "One HTML file with the player and the tour that plays from disk with no network.",
        "da": "Én HTML-fil med tidslinjen og turen, som spiller fra disken uden netværk.",
    },
    "page_timeline": {"en": "Timeline", "da": "Tidslinje"},
}

STRINGS = {**_PAGES, **CHART_STRINGS, **STAFF_STRINGS}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for `key` in `lang`, with `{name}` fields filled in."""
    text = STRINGS[key].get(lang) or STRINGS[key][DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def plural(key: str, n: int, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The singular or plural form ('one|many') of `key` for the number `n`."""
    forms = t(key, lang).split("|")
    return forms[0 if n == 1 else -1].format(n=n, **values)
