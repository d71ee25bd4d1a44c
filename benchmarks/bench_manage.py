#!/usr/bin/env python3
"""What an upload of a whole partner file costs on Manage data: from the file given to the page
drawn with its Save button, and the server's memory at its peak.

    python benchmarks/bench_manage.py [--rows 50000] [--changed all|none|added] [--timeout 900]

The data file and the upload are generated (benchmarks/generate.py) with the same seed. The
upload differs from the data file by `--changed`: `all` edits every partnership's description
(the largest preview there is), `added` adds every row to a data file of the 7 shipped
partnerships, `none` is the same file again. Each run is one fresh process (AppTest of
dashboard.py, unlocked with a password), so the peak resident memory (ru_maxrss) is its own.
Prints one Markdown row and writes benchmarks/results/bench_manage.json.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402

PASSWORD = "benchmark-password"


def valid(path: Path) -> list[dict[str, str]]:
    """The generated rows with every id at most 64 characters (generate.py makes a few longer,
    which are errors that would keep Save off): the upload must be one that can be saved."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows):
        if len(row["id"]) > 64:
            row["id"] = f"{row['id'][:50]}-{number}"
    return rows


def written(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def files(folder: Path, rows: int, changed: str) -> tuple[Path, bytes]:
    """The data file to start from and the upload's bytes."""
    data = folder / "partners.csv"
    table = valid(generate(rows, folder / "generated.csv"))
    if changed == "added":
        data.write_bytes((ROOT / "data" / "partners.csv").read_bytes())
        return data, written(table)
    data.write_bytes(written(table))
    if changed == "all":
        for row in table:
            row["description"] = (row["description"] + " Updated.").strip()
    return data, written(table)


def measure(data: Path, upload: bytes, timeout: float) -> dict:
    """In this process: the page unlocked, then the upload given and the page drawn again."""
    from streamlit.testing.v1 import AppTest

    os.environ.update(PARTNERS_CSV=str(data), PARTNERS_ADMIN_PASSWORD=PASSWORD)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    at.run()
    at.switch_page("views/manage.py").run()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    started = time.perf_counter()
    at.file_uploader(key="manage_upload").set_value(("partners.csv", upload, "text/csv")).run()
    seconds = time.perf_counter() - started
    assert not at.exception, [e.message for e in at.exception]
    save = at.button(key="upload_save")
    elements = sum(1 for _ in at.main)
    return {"seconds": round(seconds, 2), "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "save_enabled": not save.disabled, "expanders": len(at.expander), "elements": elements}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--changed", choices=("all", "none", "added"), default="all")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--child", nargs=2, metavar=("DATA", "UPLOAD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), Path(args.child[1]).read_bytes(), args.timeout)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        data, upload = files(Path(folder), args.rows, args.changed)
        (Path(folder) / "upload.bin").write_bytes(upload)
        done = subprocess.run([sys.executable, __file__, "--timeout", str(args.timeout), "--child", str(data),
                               str(Path(folder) / "upload.bin")], capture_output=True, text=True, cwd=ROOT,
                              timeout=args.timeout * 2)
        if done.returncode:
            print(done.stderr[-3000:], file=sys.stderr)
            return 1
        result = {"rows": args.rows, "changed": args.changed, **json.loads(done.stdout.strip().splitlines()[-1])}
    print("| rows | changed | upload to Save drawn | peak memory | Save enabled | expanders | elements |")
    print("|---:|---|---:|---:|---|---:|---:|")
    print(f"| {result['rows']:,} | {result['changed']} | {result['seconds']} s | {result['peak_mb']} MB | "
          f"{result['save_enabled']} | {result['expanders']} | {result['elements']:,} |")
    out = ROOT / "benchmarks" / "results" / "bench_manage.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
