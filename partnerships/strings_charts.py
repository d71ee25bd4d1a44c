"""The charts' and the timeline's words in English and Danish (partnerships/i18n.py looks
them up with all the others)."""

CHART_STRINGS: dict[str, dict[str, str]] = {
    "chart_type_title": {"en": "Partnerships by type", "da": "Partnerskaber efter type"},
    "chart_country_title": {"en": "Partnerships by country", "da": "Partnerskaber efter land"},
    "chart_continent_title": {"en": "Partnerships by continent", "da": "Partnerskaber efter verdensdel"},
    "chart_year_title": {"en": "Partnerships year by year", "da": "Partnerskaber år for år"},
    "chart_type": {"en": "Type", "da": "Type"},
    "chart_country": {"en": "Country", "da": "Land"},
    "chart_continent": {"en": "Continent", "da": "Verdensdel"},
    "chart_year": {"en": "Year", "da": "År"},
    "chart_count": {"en": "Partnerships", "da": "Partnerskaber"},
    "chart_group_by": {"en": "Count by", "da": "Tæl efter"},
    "chart_active": {"en": "Active that year", "da": "Aktive det år"},
    "chart_begun": {"en": "Begun that year", "da": "Begyndt det år"},
    "chart_chosen_year": {"en": "Chosen year", "da": "Valgt år"},
    "chart_other": {"en": "Other", "da": "Andre"},
    "chart_empty": {"en": "No partnerships in view.", "da": "Ingen partnerskaber i visningen."},
    "chart_type_summary": {
        "en": "The most common type is {leaders} ({count} of {total}).",
        "da": "Den hyppigste type er {leaders} ({count} af {total}).",
    },
    "chart_type_summary_tied": {
        "en": "The most common types are {leaders} ({count} each of {total}).",
        "da": "De hyppigste typer er {leaders} ({count} hver af {total}).",
    },
    "chart_place_summary": {
        "en": "The most partnerships are in {leaders} ({count} of {total}).",
        "da": "Flest partnerskaber er i {leaders} ({count} af {total}).",
    },
    "chart_place_summary_tied": {
        "en": "The most partnerships are in {leaders} ({count} each of {total}).",
        "da": "Flest partnerskaber er i {leaders} ({count} hver af {total}).",
    },
    "chart_year_summary": {
        "en": "Partnerships active in {year}: {active}; the most began in {leaders} ({count}).",
        "da": "Aktive partnerskaber i {year}: {active}; flest begyndte i {leaders} ({count}).",
    },
    "chart_year_summary_tied": {
        "en": "Partnerships active in {year}: {active}; the most began in {leaders} ({count} each).",
        "da": "Aktive partnerskaber i {year}: {active}; flest begyndte i {leaders} ({count} hvert år).",
    },
    "chart_year_summary_unknown": {
        "en": "Partnerships a source confirms as active in {year}: {active}; status unknown: {unknown}; "
              "the most began in {leaders} ({count}).",
        "da": "Partnerskaber, som en kilde bekræfter som aktive i {year}: {active}; status ukendt: {unknown}; "
              "flest begyndte i {leaders} ({count}).",
    },
    "chart_year_summary_unknown_tied": {
        "en": "Partnerships a source confirms as active in {year}: {active}; status unknown: {unknown}; "
              "the most began in {leaders} ({count} each).",
        "da": "Partnerskaber, som en kilde bekræfter som aktive i {year}: {active}; status ukendt: {unknown}; "
              "flest begyndte i {leaders} ({count} hvert år).",
    },
    "chart_earlier": {"en": "Begun earlier", "da": "Begyndt tidligere"},
    "chart_unknown": {"en": "Status unknown", "da": "Status ukendt"},
    # Partners in the home city's own country are counted apart from the international ones.
    "chart_home": {"en": "{country} (home)", "da": "{country} (hjemme)"},
    "chart_place_abroad": {
        "en": "International: {abroad} of {total} partnerships, the most in {leaders} ({count}). "
              "At home in {country}: {home}.",
        "da": "Internationale: {abroad} af {total} partnerskaber, flest i {leaders} ({count}). "
              "Hjemme i {country}: {home}.",
    },
    "chart_place_abroad_tied": {
        "en": "International: {abroad} of {total} partnerships, the most in {leaders} ({count} each). "
              "At home in {country}: {home}.",
        "da": "Internationale: {abroad} af {total} partnerskaber, flest i {leaders} ({count} hver). "
              "Hjemme i {country}: {home}.",
    },
    "chart_place_all_home": {
        "en": "The partnership is at home in {country}.|All {n} partnerships are at home in {country}.",
        "da": "Partnerskabet er hjemme i {country}.|Alle {n} partnerskaber er hjemme i {country}.",
    },
    "continent_EU": {"en": "Europe", "da": "Europa"},
    "continent_AS": {"en": "Asia", "da": "Asien"},
    "continent_NA": {"en": "North America", "da": "Nordamerika"},
    "continent_SA": {"en": "South America", "da": "Sydamerika"},
    "continent_AF": {"en": "Africa", "da": "Afrika"},
    "continent_OC": {"en": "Oceania", "da": "Oceanien"},
    "continent_AN": {"en": "Antarctica", "da": "Antarktis"},
    "timeline_title": {"en": "How the partnerships grew", "da": "Sådan voksede partnerskaberne"},
    "timeline_caption": {
        "en": "Each bar runs from the first year of a partnership to its last; an arrow marks one a source confirms "
              "still running, a faint end the years after the last one a source confirms, and an open diamond a "
              "milestone. The types in the sidebar apply; the dashed line marks its year, and a "
              "pale band years in which nothing happens, drawn short.",
        "da": "Hver bjælke går fra et partnerskabs første år til dets sidste; en pil markerer et, som en kilde "
              "bekræfter stadig kører, en lys ende årene efter det sidste, en kilde bekræfter, og en åben rombe en "
              "milepæl. Typerne i sidepanelet gælder; den stiplede linje markerer dets år, og "
              "et lyst bånd år, hvor intet sker, tegnet korte.",
    },
    "timeline_chart_title": {"en": "Each partnership from start to end", "da": "Hvert partnerskab fra start til slut"},
    "timeline_axis_year": {"en": "Year", "da": "År"},
    "timeline_date": {"en": "Date", "da": "Dato"},
    "timeline_chosen_year": {"en": "Chosen year", "da": "Valgt år"},
    "timeline_today": {"en": "today", "da": "i dag"},
    "timeline_quiet": {
        "en": "{first}–{last}: nothing begins, ends or happens, so these years are drawn short",
        "da": "{first}–{last}: intet begynder, slutter eller sker, så disse år er tegnet korte",
    },
    "timeline_summary": {
        "en": "{partnerships} from {first} to {last}; the longest: {longest}."
              "|{partnerships} from {first} to {last}; the longest: {longest}.",
        "da": "{partnerships} fra {first} til {last}; det længste: {longest}."
              "|{partnerships} fra {first} til {last}; de længste: {longest}.",
    },
    "timeline_summary_one": {"en": "1 partnership: {longest}.", "da": "1 partnerskab: {longest}."},
    "timeline_year_unknown": {
        "en": "Start year unknown, so not drawn as bars ({n}): {names}.",
        "da": "Startår ukendt, derfor ikke tegnet som bjælker ({n}): {names}.",
    },
    "timeline_empty": {
        "en": "No partnerships of the chosen types. Choose more types in the sidebar.",
        "da": "Ingen partnerskaber af de valgte typer. Vælg flere typer i sidepanelet.",
    },
    "timeline_capped": {
        "en": "The first {shown} of {total} partnerships by start year are drawn; choose fewer types to see the rest.",
        "da": "De første {shown} af {total} partnerskaber efter startår er tegnet; vælg færre typer for at se resten.",
    },
}
