#!/usr/bin/env python3
"""What a hostile workbook costs before it is refused, and what a large honest one costs to read.

    python benchmarks/bench_workbooks.py [--repeats 5] [--rows 50000]

Each hostile workbook goes through `partnerships.reading.read_table` under the default limits
(50 MB, 100,000 partnerships, 100 columns), as an upload or `validate` would: the message it
gets, the median wall time of `--repeats` refusals, and the peak of Python's allocations
during one refusal (tracemalloc: every buffer the zip reader, the XML parser and openpyxl
make). The workbook's own bytes are in memory before the clock starts, as an upload's are.
Then a real-shaped list of `--rows` partnerships (benchmarks/generate.py), downloaded as the
app's .xlsx, is read the same way. Prints a Markdown table and writes
benchmarks/results/bench_workbooks.json.
"""
from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from partnerships.exports import xlsx  # noqa: E402
from partnerships.problems import DataFileError  # noqa: E402
from partnerships.reading import read_table  # noqa: E402
from tests.workbooks import SHEET, book, bomb, encrypted, rezip, sheet_part, streamed_sheet  # noqa: E402

MB = 1_000_000


def with_sheet_rows(rows: int, cell: bytes = b"<c><v>1</v></c>", per_row: int = 1, dimension: str = "") -> bytes:
    """A workbook whose sheet holds `rows` rows of `per_row` cells (no row or cell references:
    the smallest XML Excel's format allows)."""
    row = b"<row>" + cell * per_row + b"</row>"

    def write(part) -> None:
        for start in range(0, rows, 10_000):
            part.write(row * min(10_000, rows - start))

    return streamed_sheet(write, dimension or None)


def lying(raw: bytes, part: str, size: int) -> bytes:
    """`part`'s uncompressed size declared as `size` in its local header and the central directory."""
    patched = bytearray(raw)
    for signature, size_at, name_at, extra in ((b"PK\x03\x04", 22, 30, 0), (b"PK\x01\x02", 24, 46, 0)):
        at = patched.find(signature)
        while at >= 0:
            if patched[at + name_at: at + name_at + len(part)] == part.encode():
                patched[at + size_at: at + size_at + 4] = size.to_bytes(4, "little") if extra == 0 else b""
            at = patched.find(signature, at + 4)
    return bytes(patched)


def laughs() -> bytes:
    """The billion laughs: ten entities of ten of the one before, in the sheet."""
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    xml = sheet_part(book()).split("?>", 1)[-1].replace("Baoding", "&l9;", 1)
    return rezip(book(), {SHEET: f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>{xml}'.encode()})


def cases() -> dict[str, bytes]:
    unpacked = 100 * MB
    big = bomb(unpacked)
    honest = zipfile.ZipFile(io.BytesIO(big)).getinfo(SHEET).file_size
    return {
        f"zip expanding to {unpacked // MB} MB (sizes declared)": big,
        f"zip expanding to {unpacked // MB} MB (declares 1,000 bytes)": lying(rezip(book(), {
            SHEET: sheet_part(book()).replace("<sheetData>", "<sheetData>" + " " * unpacked).encode()}), SHEET, 1000)
        if honest else big,
        "1,048,576 rows (real rows, 1 cell each)": with_sheet_rows(1_048_576),
        "1,048,576 rows (declared in <dimension>)": with_sheet_rows(3, dimension="A1:A1048576"),
        "16,384 columns (one real row)": with_sheet_rows(1, per_row=16_384),
        "billion laughs (entities in the sheet)": laughs(),
        "password-protected (OLE, EncryptionInfo)": encrypted(),
        ".xls (OLE)": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096,
        ".xlsm (macro-enabled)": rezip(book(), {"xl/vbaProject.bin": b"\x00" * 4096}),
        "chart/picture only": rezip(book(), {SHEET: sheet_part(book()).split("<sheetData>")[0].encode()
                                             + b"<sheetData/><drawing r:id=\"rId1\" xmlns:r=\"r\"/></worksheet>"}),
    }


def measure(raw: bytes, repeats: int) -> dict[str, object]:
    times, message, rows = [], "", None
    for _ in range(repeats):
        start = time.perf_counter()
        try:
            rows = len(read_table(raw)[0])
        except DataFileError as err:
            message = err.text()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    try:
        read_table(raw)
    except DataFileError:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"bytes": len(raw), "seconds": statistics.median(times), "peak_mb": peak / MB,
            "message": message, "rows": rows}


def honest_workbook(rows: int, folder: Path) -> bytes:
    out = folder / f"partners-{rows}.csv"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(rows), str(out)], check=True)
    return xlsx(read_table(out.read_bytes())[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    results = {name: measure(raw, args.repeats) for name, raw in cases().items()}
    with tempfile.TemporaryDirectory() as folder:
        raw = honest_workbook(args.rows, Path(folder))
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(raw)).infolist())
        name = f"{args.rows:,} partnerships, the app's .xlsx ({unpacked / MB:.1f} MB unpacked)"
        results[name] = measure(raw, max(1, args.repeats // 2))
    print("| workbook | file | refused or read in | peak memory | message |")
    print("|---|---:|---:|---:|---|")
    for name, result in results.items():
        said = result["message"] or f"read: {result['rows']:,} rows"
        print(f"| {name} | {result['bytes'] / 1000:,.0f} kB | {result['seconds'] * 1000:,.0f} ms "
              f"| {result['peak_mb']:.1f} MB | {said[:90]} |")
    (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "results" / "bench_workbooks.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
