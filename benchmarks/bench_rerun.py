#!/usr/bin/env python3
"""Server-side cost of the dashboard's reruns, measured with Streamlit's AppTest.

    python benchmarks/bench_rerun.py [--sizes 100,1000,10000] [--repeats 5] [--profile]

For each size N: a partner file of N rows is generated (benchmarks/generate.py, fixed seed)
into a temporary folder and shown through PARTNERS_CSV. In a fresh Python process per size
(so caches, imports and the peak RSS belong to that size alone) the script times

* the first `at.run()`: reading and validating the file, the partner payload and its
  published data files, and the first page;
* a year change: `at.slider(key="year").set_value(y).run()`, alternating two years, median;
* a type change as a visitor makes one: a click on the first type's checkbox in the sidebar
  (`at.checkbox(key="types_0").uncheck().run()`, then `.check().run()`, in turn), median;

and reports the size of the map component's arguments after the year change
(`component_instance.json_args`, UTF-8 bytes: what a rerun sends for the map), the bytes of
all the rerun's ForwardMsgs (for the type changes too, in the JSON), the partners in view,
and the process's peak RSS.

`--profile` then runs as many more year changes of the largest size under cProfile (inside
the script thread, where AppTest runs the page) and prints the top functions, and times on
their own the pieces a rerun still runs and the once-per-data-version work (loading, the
partner payload, its published files: the main `partners.json` a first load fetches and the
details slices fetched as popups open, whose sizes it reports raw and gzipped). Results also
go to benchmarks/results/rerun.json.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
DEFAULT_SIZES = (100, 1000, 10000)
# The budget for a year change with 10,000 partnerships.
BUDGET_N = 10_000
BUDGET_SECONDS = 0.7
BUDGET_BYTES = 2_000_000
CHILD_TIMEOUT_S = 600


# --- the child: one size, one process --------------------------------------------------------

def _instrument(profile: bool):
    """Hooks into the script thread: time (and optionally profile) each script execution, and
    add up the bytes of the ForwardMsgs each run produces."""
    import cProfile

    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import local_script_runner

    state = {"script_s": 0.0, "msg_bytes": 0, "profiling": False}
    profiler = cProfile.Profile() if profile else None
    original_exec = script_runner.exec_func_with_error_handling

    def timed_exec(*args, **kwargs):
        if profiler is not None and state["profiling"]:
            profiler.enable()
        start = time.perf_counter()
        try:
            return original_exec(*args, **kwargs)
        finally:
            state["script_s"] = time.perf_counter() - start
            if profiler is not None and state["profiling"]:
                profiler.disable()

    script_runner.exec_func_with_error_handling = timed_exec
    original_msgs = local_script_runner.LocalScriptRunner.forward_msgs

    def counted_msgs(self):
        msgs = original_msgs(self)
        state["msg_bytes"] = sum(msg.ByteSize() for msg in msgs)
        return msgs

    local_script_runner.LocalScriptRunner.forward_msgs = counted_msgs
    return state, profiler


def _map_args_bytes(at) -> int:
    components = at.get("component_instance")
    if not components:
        return 0
    return len(components[0].proto.json_args.encode("utf-8"))


def _shown(at) -> int | None:
    try:
        return int("".join(ch for ch in str(at.metric[0].value) if ch.isdigit()))
    except (IndexError, ValueError):
        return None


# The type filter is one checkbox per type (app/sidebar.py, keys types_0, types_1, …); a
# visitor changes the types by clicking one. The benchmarks click the first type's box.
TYPE_BOX = "types_0"


def type_click(at) -> bool:
    """One type change as a visitor makes it: a click on the first type's checkbox (unchecked
    if checked, else checked back), one rerun. Returns the box's value after the click. Raises
    if the rerun left the box otherwise (the app sets every box from its chosen types)."""
    box = at.checkbox(key=TYPE_BOX)
    wanted = not box.value
    (box.check() if wanted else box.uncheck()).run()
    if at.checkbox(key=TYPE_BOX).value != wanted:
        raise RuntimeError(f"type change: the box {TYPE_BOX} is {not wanted} after a click that made it {wanted}")
    return wanted


def type_box_label(at) -> str:
    """The type the clicked box stands for, its label without the symbol (a Markdown image)."""
    label = at.checkbox(key=TYPE_BOX).label
    return label.split(") ", 1)[1] if label.startswith("![](") and ") " in label else label


def _check(at, what: str) -> None:
    if at.exception:
        raise RuntimeError(f"{what}: the app raised {at.exception[0].value}")
    try:
        at.slider(key="year")
    except KeyError:
        raise RuntimeError(f"{what}: the sidebar (year slider) is missing from the page; AppTest did not run "
                           "dashboard.py (see benchmarks/README.md)") from None


def child(n: int, csv: Path, repeats: int, profile: bool) -> dict:
    import resource

    os.environ["PARTNERS_CSV"] = str(csv)
    state, profiler = _instrument(profile)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    start = time.perf_counter()
    at.run()
    first_s = time.perf_counter() - start
    _check(at, "first run")
    result: dict = {"n": n, "first_run_s": first_s, "first_script_s": state["script_s"],
                    "first_map_args_bytes": _map_args_bytes(at), "first_shown": _shown(at)}

    slider = at.slider(key="year")
    low, high = int(slider.min), int(slider.max)
    years = [min(max(high - 6, low), high), min(max(high - 16, low), high)]
    if years[0] == years[1]:
        years = [high, low]
    year_s, year_script_s, year_args, year_msgs, year_shown = [], [], [], [], []
    for i in range(repeats):
        year = years[i % 2]
        start = time.perf_counter()
        at.slider(key="year").set_value(year).run()
        year_s.append(time.perf_counter() - start)
        _check(at, f"year change to {year}")
        year_script_s.append(state["script_s"])
        year_args.append(_map_args_bytes(at))
        year_msgs.append(state["msg_bytes"])
        year_shown.append(_shown(at))

    type_s, type_script_s, type_args, type_msgs, type_shown, type_checked = [], [], [], [], [], []
    for i in range(repeats):
        start = time.perf_counter()
        checked = type_click(at)
        type_s.append(time.perf_counter() - start)
        _check(at, "type change")
        type_script_s.append(state["script_s"])
        type_args.append(_map_args_bytes(at))
        type_msgs.append(state["msg_bytes"])
        type_shown.append(_shown(at))
        type_checked.append(checked)

    result.update({
        "years": years,
        "year_change_s": year_s, "year_change_median_s": statistics.median(year_s),
        "year_script_median_s": statistics.median(year_script_s),
        "year_map_args_bytes": year_args, "year_map_args_max_bytes": max(year_args),
        "year_rerun_msg_bytes_max": max(year_msgs), "year_shown": year_shown,
        "type_box": TYPE_BOX, "type_box_label": type_box_label(at), "type_box_checked": type_checked,
        "type_change_s": type_s, "type_change_median_s": statistics.median(type_s),
        "type_script_median_s": statistics.median(type_script_s),
        "type_map_args_max_bytes": max(type_args),
        "type_rerun_msg_bytes": type_msgs, "type_rerun_msg_bytes_max": max(type_msgs), "type_shown": type_shown,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    })
    if profiler is not None:  # separate year changes, so the profiler's overhead is in no timing
        if not at.checkbox(key=TYPE_BOX).value:  # every type again, as at the year changes
            type_click(at)
        state["profiling"] = True
        for i in range(repeats):
            at.slider(key="year").set_value(years[i % 2]).run()
            _check(at, "profiled year change")
        state["profiling"] = False
        import io
        import pstats

        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats(40)
        text.write("\n--- by own time ---\n")
        stats.sort_stats("tottime").print_stats(15)
        site = str(Path(os.__file__).parent / "site-packages") + "/"
        result["profile"] = text.getvalue().replace(site, "").replace(str(ROOT) + "/", "")
        result["profile_runs"] = repeats
        result["breakdown"] = breakdown(csv, years[0])
    return result


def _median_ms(fn, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def breakdown(csv: Path, year: int) -> dict:
    """The pieces of the app timed on their own, outside Streamlit (ms, median of 5).

    `per_rerun`: what every filter change still runs. `per_data_version`: what runs once per
    version of the data file (inside `app.data._load_cached`, an `st.cache_resource`), plus the
    sizes of the published files, raw and gzip-compressed (level 5, as Streamlit's gzip
    middleware sends files under /app/static/ to a browser that accepts gzip): the main file,
    all a first load fetches, and the details slices in total, each compressed on its own as
    each is fetched on its own.
    """
    import gzip
    from unittest import mock

    import streamlit_folium

    from partnermap.mapbuilder import base_map, map_view, partner_layer, partner_payload
    from partnermap.publish import data_files, publish_data, served_links
    from partnerships.filtering import View, count, filter_partners
    from partnerships.loading import load_partners

    dataset = load_partners(csv)
    vocabulary = dataset.vocabulary
    payload = partner_payload(dataset.partners, vocabulary)
    data = data_files(payload)
    base_url = "/app/static/"
    url = data.url(base_url)
    view = View(tuple(vocabulary.names), year)
    shown = filter_partners(dataset.partners, view)
    sent: dict = {}

    def component(**kwargs):  # stands in for the component call: keep what it would send
        sent.update(kwargs)
        return kwargs["default"]

    def folium_strings():
        """`app.maps.partner_map` up to the component call: the base map and the partner layer
        through st_folium's rendering and string building."""
        fmap = base_map(vocabulary, served_links(base_url), "en")
        layer = partner_layer(url, map_view(view, vocabulary, "en"))
        with mock.patch.object(streamlit_folium, "_component_func", component):
            streamlit_folium.st_folium(fmap, key="partner_map", feature_group_to_add=layer,
                                       returned_objects=["last_object_clicked", "last_object_clicked_tooltip"],
                                       use_container_width=True, height=580)

    with tempfile.TemporaryDirectory(prefix="bench-publish-") as folder:
        empty_folders = iter([Path(tempfile.mkdtemp(dir=folder)) for _ in range(5)])
        served_links(base_url)  # publishes the assets once per process, as in the app
        publish_data(data)
        per_rerun = [
            ("filter_partners", lambda: filter_partners(dataset.partners, view)),
            ("count (the metrics)", lambda: count(shown, year)),
            ("map_view", lambda: map_view(view, vocabulary, "en")),
            ("served_links (lru_cache hit)", lambda: served_links(base_url)),
            ("publish_data (file already there: one stat)", lambda: publish_data(data)),
            ("base_map + partner_layer → streamlit-folium strings (st_folium without the component)",
             folium_strings),
        ]
        per_version = [
            ("load_partners (read, validate)", lambda: load_partners(csv)),
            ("partner_payload (every partner, both languages, details in slices)",
             lambda: partner_payload(dataset.partners, vocabulary)),
            ("data_files (split, JSON, escaping, sha256)", lambda: data_files(payload)),
            ("publish_data (first write, into an empty folder)",
             lambda: publish_data(data, next(empty_folders))),
        ]
        rows = {
            "per_rerun": [{"piece": name, "ms": _median_ms(fn)} for name, fn in per_rerun],
            "per_data_version": [{"piece": name, "ms": _median_ms(fn)} for name, fn in per_version],
        }
    args = {k: v for k, v in sent.items() if k not in ("on_change",)}
    main = data.files[0][1]  # partners.json, all a first load fetches
    details = [content for _, content in data.files[1:]]

    def gzip_bytes(content: bytes) -> int:
        return len(gzip.compress(content, compresslevel=5))

    rows.update({
        "shown": len(shown),
        "component_args_bytes": len(json.dumps(args, default=str).encode("utf-8")),
        "feature_group_bytes": len((sent.get("feature_group") or "").encode("utf-8")),
        "data_folder": data.folder,
        "data_file_bytes": len(main),
        "data_file_gzip_bytes": gzip_bytes(main),
        "details_files": len(details),
        "details_bytes": sum(map(len, details)),
        "details_gzip_bytes": sum(map(gzip_bytes, details)),
    })
    return rows


# --- the parent: generate, run a child per size, print the table ---------------------------

def run_size(n: int, folder: Path, repeats: int, profile: bool, seed: int) -> dict:
    sys.path.insert(0, str(HERE))
    from generate import generate

    csv = generate(n, folder / f"partners-{n}.csv", seed)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n), str(csv), "--repeats", str(repeats)]
    if profile:
        cmd.append("--profile")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"benchmark for N={n} failed (exit {proc.returncode})")
    return json.loads(lines[-1][len("RESULT "):])


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def table(results: list[dict]) -> str:
    rows = [
        "| N | first run | year change (median) | type change (median) | map args after year change "
        "| whole rerun's ForwardMsgs | partners in view | peak RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rows.append(
            f"| {r['n']:,} | {r['first_run_s']:.2f} s | {r['year_change_median_s']:.3f} s "
            f"(script {r['year_script_median_s']:.3f} s) | {r['type_change_median_s']:.3f} s "
            f"(script {r['type_script_median_s']:.3f} s) | {r['year_map_args_max_bytes']:,} B "
            f"({_mb(r['year_map_args_max_bytes'])}) | {_mb(r['year_rerun_msg_bytes_max'])} "
            f"| {min(r['year_shown'])}–{max(r['year_shown'])} | {r['peak_rss_mb']:.0f} MB |"
        )
    return "\n".join(rows)


def budget(results: list[dict]) -> str:
    at_budget = [r for r in results if r["n"] == BUDGET_N]
    if not at_budget:
        return f"(budget not checked: N={BUDGET_N:,} was not among the sizes)"
    r = at_budget[0]
    fast = r["year_change_median_s"] < BUDGET_SECONDS
    small = r["year_map_args_max_bytes"] < BUDGET_BYTES
    return (f"Budget at N={BUDGET_N:,}: year change {r['year_change_median_s']:.3f} s "
            f"{'<' if fast else '≥'} {BUDGET_SECONDS} s → {'met' if fast else 'NOT met'}; "
            f"map args {_mb(r['year_map_args_max_bytes'])} {'<' if small else '≥'} {_mb(BUDGET_BYTES)} → "
            f"{'met' if small else 'NOT met'}.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated N values")
    ap.add_argument("--repeats", type=int, default=5, help="year and type changes per size (median reported)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", action="store_true", help="cProfile the year changes of the largest size")
    ap.add_argument("--json", type=Path, default=RESULTS / "rerun.json", help="where to write the raw results")
    ap.add_argument("--child", nargs=2, metavar=("N", "CSV"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        result = child(int(a.child[0]), Path(a.child[1]), a.repeats, a.profile)
        print("RESULT " + json.dumps(result))
        return 0

    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    results = []
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-rerun-") as folder:
        for n in sizes:
            print(f"N={n:,} …", file=sys.stderr, flush=True)
            results.append(run_size(n, Path(folder), a.repeats, a.profile and n == max(sizes), a.seed))
    print(f"\nAppTest, {a.repeats} changes per size, median; {os.cpu_count()} CPUs; "
          f"load average before: {load[0]:.2f}\n")
    print(table(results))
    print()
    print(budget(results))
    for r in results:
        if "breakdown" in r:
            b = r["breakdown"]
            print(f"\nPieces of one year change at N={r['n']:,} ({b['shown']:,} in view), timed alone "
                  "(median of 5):\n")
            print("| per rerun | ms |\n|---|---:|")
            for row in b["per_rerun"]:
                print(f"| {row['piece']} | {row['ms']:,.3f} |")
            print(f"\nWhat streamlit-folium would send (its arguments as JSON): {b['component_args_bytes']:,} B, "
                  f"of which the partner layer's script {b['feature_group_bytes']:,} B.")
            print(f"\nOnce per data version at N={r['n']:,} (median of 5):\n")
            print("| per data version | ms |\n|---|---:|")
            for row in b["per_data_version"]:
                print(f"| {row['piece']} | {row['ms']:,.1f} |")
            print(f"| published main file `{b['data_folder']}/partners.json` (first load) "
                  f"| {b['data_file_bytes']:,} B ({_mb(b['data_file_bytes'])}); gzip level 5: "
                  f"{b['data_file_gzip_bytes']:,} B ({_mb(b['data_file_gzip_bytes'])}) |")
            print(f"| published details beside it, {b['details_files']} file(s) (fetched as popups open) "
                  f"| {b['details_bytes']:,} B ({_mb(b['details_bytes'])}); gzip level 5, each file alone: "
                  f"{b['details_gzip_bytes']:,} B ({_mb(b['details_gzip_bytes'])}) |")
        if "profile" in r:
            print(f"\ncProfile of {r['profile_runs']} year changes at N={r['n']:,} (script thread only):\n")
            print(r["profile"])
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps({"cpus": os.cpu_count(), "load_before": load, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
