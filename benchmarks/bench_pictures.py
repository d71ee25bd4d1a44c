#!/usr/bin/env python3
"""What a picture and a handout of a view cost, in CPU seconds.

    python benchmarks/bench_pictures.py [--sizes 7,2500] [--repeats 3]

For the shipped data (7) and generated files (benchmarks/generate.py): the first picture in a
fresh process (it reads and projects the countries, loads matplotlib's fonts), then the
median of `--repeats` more of each kind: the PNG picture at 1920×1080 and at 3840×2160, the
SVG, and the one-page handout (which draws its own picture). CPU time of this process
(`time.process_time`), so a busy machine slows the wall clock more than these numbers.
Reading the data file is not counted. Prints a Markdown table and writes
benchmarks/results/bench_pictures.json. The targets: the shipped data's picture under 2 s after
the first, its handout under 3 s, a picture of 2,500 partners under 6 s.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHIPPED = ROOT / "data" / "partners.csv"


def data_file(n: int, folder: Path) -> Path:
    """The shipped file for 7, else a generated one beside the shipped types and home file."""
    if n == 7:
        return SHIPPED
    out = folder / f"partners-{n}.csv"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(n), str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    for companion in ("partnership_types.csv", "home.toml"):
        shutil.copy(ROOT / "data" / companion, folder / companion)
    return out


def measure(n: int, repeats: int) -> dict[str, float]:
    """One size in a process of its own, so that its first picture is a first."""
    with tempfile.TemporaryDirectory() as folder:
        path = data_file(n, Path(folder))
        code = f"""
import json, statistics, sys, time
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from partnerships import settings, urlstate
from partnerships.loading import load_partners
dataset = load_partners(Path({str(path)!r}))
view = urlstate.view_of({{}}, dataset.vocabulary, dataset.partners, settings.current_year())
def cpu(action):
    start = time.process_time(); action(); return time.process_time() - start
result = {{}}
result["import"] = cpu(lambda: __import__("partnermap.handout"))
from partnermap.picture import render
from partnermap.handout import handout
result["first picture"] = cpu(lambda: render(dataset, view, "en", "png"))
for name, action in (("picture png 1920x1080", lambda: render(dataset, view, "en", "png")),
                     ("picture png 3840x2160", lambda: render(dataset, view, "en", "png", (3840, 2160))),
                     ("picture svg", lambda: render(dataset, view, "en", "svg")),
                     ("handout pdf", lambda: handout(dataset, view, "en"))):
    result[name] = statistics.median(cpu(action) for _ in range({repeats}))
result["shown"] = len(render(dataset, view, "en", "svg")[1].positions)
print(json.dumps(result))
"""
        env = {**os.environ, "PARTNERS_CSV": str(path)}
        done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env)
        return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="7,2500")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"load average: {os.getloadavg()[0]:.2f}")
    results = {n: measure(n, args.repeats) for n in (int(size) for size in args.sizes.split(","))}
    kinds = [kind for kind in next(iter(results.values())) if kind != "shown"]
    print("\n| partners (shown) | " + " | ".join(kinds) + " |")
    print("|---|" + "---:|" * len(kinds))
    for n, result in results.items():
        print(f"| {n:,} ({result['shown']:,}) | " + " | ".join(f"{result[kind]:.2f} s" for kind in kinds) + " |")
    out = ROOT / "benchmarks" / "results" / "bench_pictures.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"repeats": args.repeats, "results": results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
