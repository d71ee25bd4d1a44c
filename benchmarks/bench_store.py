#!/usr/bin/env python3
"""What each store costs: the per-rerun question, reading a version, saving one, the history.

    python benchmarks/bench_store.py [--sizes 7,50000] [--repeats 300] [--saves 20]

For the file store and the database store side by side, on the shipped data (7) and generated
files (benchmarks/generate.py): `head()`, which every rerun asks (a stat for the file, one
`SELECT` on the head row for the database), `current()` (the whole version with its content),
`save()` (a compare-and-swap of a new version, durable: the database runs with fsync on, the
file store syncs its file and folder) and `history()`. The database is a throwaway PostgreSQL
on a unix socket (tests/postgres.py), so the times are the store's own and not a network's:
add the round trip to a hosted database (often 1–20 ms) to each query. Prints a Markdown
table and writes benchmarks/results/bench_store.json.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from partnerships.stores import canonical_bytes, open_store  # noqa: E402
from partnerships.stores.files import FileStore  # noqa: E402
from tests.postgres import Cluster, binaries  # noqa: E402


def percentiles(times: list[float]) -> dict[str, float]:
    """Median and 95th percentile, in milliseconds."""
    times = sorted(times)
    return {"p50": statistics.median(times), "p95": times[min(len(times) - 1, int(len(times) * 0.95))]}


def timed(action, repeats: int) -> dict[str, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return percentiles(times)


def content_of(size: int, folder: Path) -> bytes:
    if size == 7:
        return canonical_bytes((ROOT / "data" / "partners.csv").read_bytes())
    out = folder / f"partners-{size}.csv"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(size), str(out)], check=True)
    return canonical_bytes(out.read_bytes())


def measure(store, content: bytes, repeats: int, saves: int) -> dict[str, dict[str, float]]:
    """The save is timed alone: the version it starts from is loaded before the clock starts."""
    store.save(content, store.current(), "benchmark")
    results = {"head": timed(store.head, repeats), "current": timed(store.current, max(repeats // 10, 5))}
    times = []
    for n in range(saves):
        expected = store.current()
        start = time.perf_counter()
        store.save(content + f"bench-{n},x\n".encode(), expected, "benchmark")
        times.append((time.perf_counter() - start) * 1000)
    results["save"] = percentiles(times)
    results["history"] = timed(store.history, max(repeats // 10, 5))
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="7,50000")
    ap.add_argument("--repeats", type=int, default=300)
    ap.add_argument("--saves", type=int, default=20)
    args = ap.parse_args(argv)
    if binaries() is None:
        print("PostgreSQL is not installed (apt-get install postgresql)")
        return 1
    cluster = Cluster(binaries())
    report: dict[str, dict] = {}
    try:
        cluster.start(durable=True)
        with tempfile.TemporaryDirectory(prefix="bench-store-") as folder:
            for size in (int(s) for s in args.sizes.split(",")):
                content = content_of(size, Path(folder))
                file_store = FileStore(Path(folder) / f"store-{size}" / "partners.csv")
                file_store.path.parent.mkdir()
                database = open_store(cluster.new_database())
                for name, store in (("file", file_store), ("database", database)):
                    report[f"{size} {name}"] = measure(store, content, args.repeats, args.saves)
                    report[f"{size} {name}"]["bytes"] = {"p50": len(content), "p95": len(content)}
    finally:
        cluster.remove()
    print("| size | store | head() p50 / p95 | current() p50 | save() p50 / p95 | history() p50 |")
    print("|---:|---|---:|---:|---:|---:|")
    for key, r in report.items():
        size, name = key.split()
        print(f"| {int(size):,} ({r['bytes']['p50'] / 1e6:.2f} MB) | {name} | {r['head']['p50']:.3f} / "
              f"{r['head']['p95']:.3f} ms | {r['current']['p50']:.1f} ms | {r['save']['p50']:.1f} / "
              f"{r['save']['p95']:.1f} ms | {r['history']['p50']:.1f} ms |")
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "bench_store.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
