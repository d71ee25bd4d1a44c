#!/usr/bin/env python3
"""The app against a naive baseline, side by side, from 100 to 50,000 partnerships.

    python benchmarks/run_all.py [--sizes 100,1000,10000,50000] [--quick]

For each N a partner file is generated (benchmarks/generate.py, fixed seed) and shown by two
implementations of the map page:

* **ours**: the app, `dashboard.py` (all partners once in cached, content-named static data
  files; a filter change sends only the view; the map's partner layer, partnermap/assets/
  layer.js with Leaflet.markercluster, filters and clusters in the browser);
* **naive**: `benchmarks/naive/dashboard.py` (one folium Marker and one PolyLine per partner
  in view, the whole map rebuilt and sent on every change).

Server side (Streamlit's AppTest, each (implementation, N) in a fresh Python process, so
its caches and peak RSS are its own): the first run, year changes (2020 ↔ 2010) and type
changes (a click on the first type's checkbox, `types_0`: unchecked, checked back, in turn),
medians; the bytes of every ForwardMsg a rerun
produces, both as serialized and as a browser gets them (Streamlit's message cache sends an
element it already sent as a reference; emulated), the map component's arguments, the
largest messages of the first page; for ours also the data file the browser downloads at
first load, `static/data/<hash>/partners.json` (raw, and gzip level 5 as Streamlit's static
file handler sends it; its columns' sizes), and apart from it the details slices beside it
(`details-K.json`, each fetched only when a popup in it opens: their total, raw and gzip, and
their columns' sizes); the process's peak RSS (VmHWM). A slow implementation gets fewer
changes (at least one each; see --change-budget) and every run has a timeout
(--server-timeout).

In headless Chromium (bench_browser.py's approach: `streamlit run` on a loopback port, every
other request aborted, the year slider's thumb moved with ArrowLeft): the time from the key
press until the map is redrawn, the bytes the page receives per move, the data file's
Content-Encoding (a plain GET with Accept-Encoding: gzip) and the `streamlit run` server's
peak RSS (VmHWM).
Each load and each move has a timeout (--browser-timeout, 120 s); a timed-out measurement is
reported as "> 120 s" and the remaining moves of that (implementation, N) are skipped.

It also computes the bare facts of each file, `{"id": [...], "lat": [...], "lon": [...],
"type": [...], "start_year": [...], "end_year": [...]}` as compact JSON (type as its name,
end_year null when open), and relates the bytes sent to it. Prints Markdown tables with
naive/ours ratios and the targets at 50,000; raw numbers go to benchmarks/results/run_all.json.
`--quick`: N = 100 and 1,000, 3 changes and 2 moves each (a smoke run of a minute or two).
`--report results/run_all.json` prints the tables of a saved run again. Before each
measurement it waits (--quiet-wait) for a quiet second and it reports other processes' CPU.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

IMPLS = {"ours": "dashboard.py", "naive": "benchmarks/naive/dashboard.py"}
DEFAULT_SIZES = (100, 1000, 10000, 50000)
QUICK_SIZES = (100, 1000)
GZIP_LEVEL = 5  # Streamlit's static file handler (tornado's GZipContentEncoding) uses level 5

# The targets, on this machine.
TARGET_N = 50_000
TARGET_YEAR_S = 1.0
TARGET_BYTES_FACTOR = 1.5
TARGET_RSS_MB = 500
TARGET_BROWSER_N = 10_000
TARGET_BROWSER_S = 1.5


# --- how busy the machine is -----------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def busy_seconds() -> float:
    """CPU seconds all processes have used since boot (/proc/stat: everything but idle and iowait)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / CLOCK_TICKS


def children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wait_quiet(max_wait_s: float, threshold: float = 0.3) -> dict:
    """Wait (up to `max_wait_s`) until the machine has been nearly idle for a second: other
    people's test suites and browsers would be measured too. Returns how busy it was."""
    started = time.perf_counter()
    while True:
        before = busy_seconds()
        time.sleep(1.0)
        cores = busy_seconds() - before
        waited = time.perf_counter() - started
        if cores < threshold or waited >= max_wait_s:
            return {"busy_cores": round(cores, 2), "waited_s": round(waited, 1), "load": os.getloadavg()[0]}


def vm_hwm_mb(pid: int | str = "self") -> float | None:
    """A process's peak RSS (VmHWM). Not ru_maxrss: a child inherits its parent's as a floor."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# --- bare facts -------------------------------------------------------------------------------

def bare_facts(csv: Path) -> dict:
    """The JSON of the bare facts (id, lat, lon, type, start_year, end_year), column-wise and
    compact: the yardstick for the bytes sent."""
    import pandas as pd

    from partnerships.loading import load_partners

    partners = load_partners(csv).partners

    def years(column: str) -> list:
        return [None if pd.isna(v) else int(v) for v in partners[column]]

    facts = {"id": partners["id"].tolist(), "lat": partners["lat"].tolist(), "lon": partners["lon"].tolist(),
             "type": partners["type"].tolist(), "start_year": years("start_year"), "end_year": years("end_year")}
    text = json.dumps(facts, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return {"rows": len(partners), "bytes": len(text), "gzip_bytes": len(gzip.compress(text, GZIP_LEVEL))}


# --- server side: one (implementation, N) per process ----------------------------------------

# The main data file in the map component's arguments, relative to static/.
DATA_URL = re.compile(r"data/[0-9a-f]{16}/partners\.json")


def _kind(msg) -> str:
    kind = msg.WhichOneof("type")
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        return msg.delta.new_element.WhichOneof("type")
    return kind


def _count_wire_bytes(state: dict) -> None:
    """Also count each rerun's messages as a browser gets them: Streamlit sends a cacheable
    message (a new element of ≥ 10 kB) the browser received in one of the last two runs as a
    reference to its hash (forward_msg_cache.py; the browser tells the server what it holds).
    AppTest has no browser, so this emulates it; bench_browser measures the real thing."""
    from streamlit import config
    from streamlit.runtime.forward_msg_cache import create_reference_msg
    from streamlit.testing.v1 import local_script_runner

    max_age = int(config.get_option("global.maxCachedMessageAge"))
    seen: dict[str, int] = {}  # hash → the run that last sent it
    runs = [0]
    counted = local_script_runner.LocalScriptRunner.forward_msgs  # bench_rerun's, which sums ByteSize

    def forward_msgs(self):
        msgs = counted(self)
        runs[0] += 1
        wire = 0
        for msg in msgs:
            cached = msg.metadata.cacheable and msg.hash and runs[0] - seen.get(msg.hash, -99) <= max_age
            wire += create_reference_msg(msg).ByteSize() if cached else msg.ByteSize()
            if msg.metadata.cacheable and msg.hash:
                seen[msg.hash] = runs[0]
        state["wire_bytes"] = wire
        state["largest"] = sorted(((msg.ByteSize(), _kind(msg)) for msg in msgs), reverse=True)[:3]
        return msgs

    local_script_runner.LocalScriptRunner.forward_msgs = forward_msgs


def server_child(impl: str, n: int, csv: Path, repeats: int, timeout_s: float, budget_s: float, out: Path) -> None:
    """AppTest runs of one implementation at one size; the results are written to `out` after
    every step, so a run that times out still leaves what it measured."""
    import bench_rerun

    os.environ["PARTNERS_CSV"] = str(csv)
    state, _ = bench_rerun._instrument(False)
    _count_wire_bytes(state)
    from streamlit.testing.v1 import AppTest

    result: dict = {"impl": impl, "n": n, "timeouts": [], "load_before": os.getloadavg()[0]}

    def save() -> None:
        result["peak_rss_mb"] = vm_hwm_mb()
        out.write_text(json.dumps(result))

    def timed(action, what: str) -> float:
        start = time.perf_counter()
        try:
            action()
        except RuntimeError as err:
            if "timed out" not in str(err):
                raise
            result["timeouts"].append(what)
            save()
            os._exit(0)  # the script thread is still busy; nothing more to measure here
        return time.perf_counter() - start

    at = AppTest.from_file(str(ROOT / IMPLS[impl]), default_timeout=timeout_s)
    first_s = timed(at.run, "first run")
    bench_rerun._check(at, "first run")
    args = at.get("component_instance")[0].proto.json_args if at.get("component_instance") else ""
    result.update({"first_run_s": first_s, "first_script_s": state["script_s"],
                   "first_msg_bytes": state["msg_bytes"], "first_map_args_bytes": len(args.encode("utf-8")),
                   "first_largest_msgs": state["largest"], "first_shown": bench_rerun._shown(at)})
    found = DATA_URL.search(args)
    if found:  # ours: the data file as published in static/; the parent reads it (see run_server)
        result["data_file"] = found.group(0)
    save()

    # A slow implementation gets fewer changes: as many as fit the budget, at least one each.
    changes = max(1, min(repeats, int(budget_s // max(2 * first_s, 1e-6))))
    result["changes"] = changes
    slider = at.slider(key="year")
    low, high = int(slider.min), int(slider.max)
    years = [min(max(high - 6, low), high), min(max(high - 16, low), high)]
    result["years"] = years
    for key in ("year_s", "year_script_s", "year_msg_bytes", "year_wire_bytes", "year_map_args_bytes", "year_shown",
                "type_s", "type_script_s", "type_msg_bytes", "type_wire_bytes"):
        result[key] = []
    for i in range(changes):
        year = years[i % 2]
        change = lambda y=year: at.slider(key="year").set_value(y).run()  # noqa: E731
        result["year_s"].append(timed(change, f"year change to {year}"))
        bench_rerun._check(at, f"year change to {year}")
        result["year_script_s"].append(state["script_s"])
        result["year_msg_bytes"].append(state["msg_bytes"])
        result["year_wire_bytes"].append(state["wire_bytes"])
        result["year_map_args_bytes"].append(bench_rerun._map_args_bytes(at))
        result["year_shown"].append(bench_rerun._shown(at))
        save()
    # A type change as a visitor makes it: a click on the first type's checkbox, unchecked and
    # checked back in turn (both pages draw one checkbox per type with the keys types_0, types_1, …).
    result["type_box"], result["type_box_label"] = bench_rerun.TYPE_BOX, bench_rerun.type_box_label(at)
    result["type_shown"] = []
    for i in range(changes):
        result["type_s"].append(timed(lambda: bench_rerun.type_click(at), "type change"))
        bench_rerun._check(at, "type change")
        result["type_shown"].append(bench_rerun._shown(at))
        result["type_script_s"].append(state["script_s"])
        result["type_msg_bytes"].append(state["msg_bytes"])
        result["type_wire_bytes"].append(state["wire_bytes"])
        save()


def run_server(impl: str, n: int, csv: Path, a: argparse.Namespace, folder: Path) -> dict:
    out = folder / f"server-{impl}-{n}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", impl, str(n), str(csv), str(out),
           "--repeats", str(a.repeats), "--server-timeout", str(a.server_timeout),
           "--change-budget", str(a.change_budget)]
    quiet = wait_quiet(a.quiet_wait)
    busy0, mine0 = busy_seconds(), children_seconds()
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                              timeout=a.server_timeout * (3 + 2 * a.repeats) + 60)
        failed = proc.returncode != 0
        error = proc.stderr[-3000:] if failed else None
    except subprocess.TimeoutExpired:
        failed, error = True, "the child process timed out"
    result = json.loads(out.read_text()) if out.is_file() else {"impl": impl, "n": n, "timeouts": []}
    result["wall_s"] = time.perf_counter() - started
    # Other processes' CPU while this ran, in cores (the machine's busy time minus the child's).
    result["quiet_before"] = quiet
    result["others_cores"] = round(max(0.0, (busy_seconds() - busy0) - (children_seconds() - mine0))
                                   / result["wall_s"], 2)
    if failed:
        result["error"] = error
        sys.stderr.write(f"  server {impl} N={n:,} failed: {(error or '')[-1500:]}\n")
    if result.get("data_file"):
        # Read here, not in the child, so that parsing the files adds nothing to its peak RSS.
        main = ROOT / "static" / result["data_file"]
        try:
            result.update(data_file_sizes(main))
            result["data_file_columns"], result["details_columns"] = data_file_columns(main)
        except (OSError, ValueError, KeyError) as err:
            result["data_file_error"] = str(err)
    return result


def _gzip_bytes(content: bytes) -> int:
    return len(gzip.compress(content, GZIP_LEVEL))


def data_file_sizes(main: Path) -> dict:
    """The published files of one data version: the main file, all a first load fetches, and
    the details slices it names (relative to itself), each fetched and gzipped on its own."""
    content = main.read_bytes()
    details = [(main.parent / name).read_bytes() for name in json.loads(content)["details"]["slices"]]
    return {"data_file_bytes": len(content), "data_file_gzip_bytes": _gzip_bytes(content),
            "details_files": len(details), "details_bytes": sum(map(len, details)),
            "details_gzip_bytes": sum(map(_gzip_bytes, details))}


def _column_sizes(columns: dict) -> dict:
    """Each column as compact JSON: [raw, gzip alone], largest first."""
    sizes = {}
    for column, values in columns.items():
        text = json.dumps(values, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        sizes[column] = [len(text), _gzip_bytes(text)]
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1][0]))


def data_file_columns(main: Path) -> tuple[dict, dict]:
    """What the data files spend their bytes on: the main file's partner columns, and the
    details columns with their slices joined."""
    payload = json.loads(main.read_text(encoding="utf-8"))
    details: dict[str, list] = {}
    for name in payload["details"]["slices"]:
        for column, values in json.loads((main.parent / name).read_text(encoding="utf-8")).items():
            details.setdefault(column, []).extend(values)
    return _column_sizes(payload["partners"]), _column_sizes(details)


# --- browser ----------------------------------------------------------------------------------

NAIVE_MARKERS_JS = """(sel) => {
  for (const f of document.querySelectorAll(sel)) {
    const w = f.contentWindow;
    try {
      if (w && w.map && w.L) return Object.values(w.map._layers).filter((l) => l instanceof w.L.Marker).length;
    } catch (e) {}
  }
  return 0;
}"""
# The naive map is re-mounted on every change (streamlit-folium keys the component on the
# map's script): wait in the page for a map object other than the ones before the key press
# that holds markers (folium adds them all in the one script it evals), then stamp the first
# animation frame after it in that frame, when the browser has painted it.
NAIVE_ARM_JS = """(sel) => {
  const frames = () => Array.from(document.querySelectorAll(sel)).map((f) => f.contentWindow).filter(Boolean);
  const before = new Set();
  for (const w of frames()) { try { if (w.map) before.add(w.map); } catch (e) {} }
  window.__drawnAt = null;
  window.__redrawAt = null;
  window.__markers = null;
  const poll = () => {
    for (const w of frames()) {
      let m = null;
      try { m = w.map; } catch (e) {}
      if (m && !before.has(m) && w.L) {
        const n = Object.values(m._layers).filter((l) => l instanceof w.L.Marker).length;
        if (n > 0) {
          window.__drawnAt = Date.now();
          window.__markers = n;
          w.requestAnimationFrame(() => { window.__redrawAt = Date.now(); });
          return;
        }
      }
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}"""


def measure_naive(browser, url: str, moves: int, timeout_s: float) -> dict:
    """bench_browser.measure for the naive page: same load, same key presses, its own redraw watcher."""
    import bench_browser as bb

    context = browser.new_context(viewport={"width": 1600, "height": 1000}, service_workers="block")
    context.route("**/*", lambda r: r.continue_() if bb.stays_local(r.request.url) else r.abort())
    context.add_init_script(bb.WS_LOG_INIT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    wire = bb.Wire()
    wire.attach(page)
    result: dict = {"moves": [], "page_errors": errors}
    try:
        t0 = time.perf_counter()
        try:
            page.goto(url, timeout=timeout_s * 1000)
            page.wait_for_function(NAIVE_MARKERS_JS, arg=bb.MAP_IFRAME, timeout=timeout_s * 1000, polling=100)
        except Exception as err:  # noqa: BLE001 - playwright's TimeoutError
            result.update({"load_timeout": True, "load_error": str(err).splitlines()[0][:200]})
            return result
        result["load_s"] = time.perf_counter() - t0
        bb.settle(page, wire, timeout_s=timeout_s)
        result["load"] = wire.summary(0, wire.mark())
        result["markers_at_load"] = page.evaluate(NAIVE_MARKERS_JS, bb.MAP_IFRAME)
        thumb = page.locator(bb.SLIDER_THUMB).first
        for _ in range(moves):
            year_before = bb.slider_value(thumb)
            page.evaluate(NAIVE_ARM_JS, bb.MAP_IFRAME)
            page.evaluate(bb.ARM_KEY_JS)
            thumb.focus()
            start = wire.mark()
            t_press = time.perf_counter()
            thumb.press("ArrowLeft")
            try:
                page.wait_for_function("() => window.__redrawAt !== null", timeout=timeout_s * 1000, polling="raf")
                bb.wait_until(page, lambda: wire.finished_since(start), timeout_s, "no script_finished")
            except Exception:  # noqa: BLE001 - timed out: report "> timeout" and stop here
                result["moves"].append({"timeout": True, "year_from": year_before})
                break
            first_end = wire.finished_since(start)[0] + 1
            bb.settle(page, wire, timeout_s=timeout_s)
            end = wire.mark()
            stamps = page.evaluate("() => ({key: window.__keyAt, drawn: window.__drawnAt, "
                                   "redraw: window.__redrawAt, markers: window.__markers})")
            result["moves"].append({
                "year_from": year_before, "year_to": bb.slider_value(thumb),
                "redraw_s": (stamps["redraw"] - stamps["key"]) / 1000 if stamps["key"] else
                time.perf_counter() - t_press,
                "drawn_s": (stamps["drawn"] - stamps["key"]) / 1000 if stamps["key"] else None,
                "markers": stamps["markers"],
                **wire.summary(start, first_end),
                "reruns": len(wire.finished_since(start)),
                "after_bytes": wire.summary(first_end, end)["bytes"],
            })
        return result
    finally:
        context.close()


def http_check(url: str) -> dict:
    """The data file as a browser that accepts gzip gets it: content-encoding and bytes received
    (Playwright cannot always read the body of a large response, so this asks the server itself)."""
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        encoding = response.headers.get("Content-Encoding")
    decoded = gzip.decompress(body) if encoding == "gzip" else body
    return {"url": url, "encoding": encoding, "received_bytes": len(body), "decoded_bytes": len(decoded)}


def run_browser(jobs: list[tuple[str, int, Path]], a: argparse.Namespace, folder: Path) -> dict:
    import bench_browser as bb
    from playwright.sync_api import sync_playwright

    bb.MOVE_TIMEOUT_MS = int(a.browser_timeout * 1000)
    bb.LOAD_TIMEOUT_MS = int(a.browser_timeout * 1000)
    results: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                     headless=True, args=bb.CHROMIUM_ARGS)
        try:
            for impl, n, csv in jobs:
                print(f"browser {impl} N={n:,} …", file=sys.stderr, flush=True)
                quiet = wait_quiet(a.quiet_wait)
                busy0 = busy_seconds()
                started = time.perf_counter()
                server, url = bb.start_server(csv, folder / f"streamlit-{impl}-{n}.log", IMPLS[impl])
                try:
                    if impl == "ours":
                        try:
                            r = bb.measure(browser, url, a.moves, 1, "ArrowLeft")
                        except Exception as err:  # noqa: BLE001 - a timeout: reported, not fatal
                            r = {"moves": [], "error": str(err).splitlines()[0][:300]}
                    else:
                        r = measure_naive(browser, url, a.moves, a.browser_timeout)
                    r["server_peak_rss_mb"] = vm_hwm_mb(server.pid)
                    paths = {f.get("url") for f in r.get("data_files_at_load", []) if f.get("url")}
                    try:
                        r["data_file_http"] = [http_check(url.rstrip("/") + path) for path in sorted(paths)]
                    except OSError as err:
                        r["data_file_http_error"] = str(err)
                finally:
                    bb.stop_server(server)
                wall = time.perf_counter() - started
                r.update({"impl": impl, "n": n, "quiet_before": quiet, "wall_s": wall,
                          "machine_busy_cores": round((busy_seconds() - busy0) / wall, 2)})
                results[f"{impl}-{n}"] = r
        finally:
            browser.close()
    return results


# --- reporting --------------------------------------------------------------------------------

def median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt_s(x: float | None, timeout: str | None = None) -> str:
    if x is None:
        return timeout or "–"
    return f"{x:.3f} s" if x < 1 else f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def fmt_b(x: float | None) -> str:
    if x is None:
        return "–"
    if x < 10_000:
        return f"{x:,.0f} B"
    return f"{x / 1e3:,.0f} kB" if x < 1e6 else f"{x / 1e6:,.2f} MB"


def ratio(naive: float | None, ours: float | None) -> str:
    if naive is None or not ours:
        return "–"
    r = naive / ours
    return f"{r:,.0f}×" if r >= 100 else f"{r:,.1f}×" if r >= 10 else f"{r:,.2f}×"


def summarize(server: dict, browser: dict | None, timeout_s: float, server_timeout_s: float) -> dict:
    """The numbers of one (implementation, N) as the tables show them."""
    over = f"> {server_timeout_s:.0f} s"
    timeouts = server.get("timeouts", [])
    s = {
        "first_run_s": server.get("first_run_s"),
        "first_run_text": fmt_s(server.get("first_run_s"), over if "first run" in timeouts else None),
        "year_s": median(server.get("year_s", [])),
        "type_s": median(server.get("type_s", [])),
        "changes": server.get("changes"),
        "year_msg_bytes": median(server.get("year_msg_bytes", [])),
        "year_wire_bytes": median(server.get("year_wire_bytes", [])),
        "year_map_args_bytes": median(server.get("year_map_args_bytes", [])),
        "first_msg_bytes": server.get("first_msg_bytes"),
        "data_file_bytes": server.get("data_file_bytes"),
        "data_file_gzip_bytes": server.get("data_file_gzip_bytes"),
        "peak_rss_mb": server.get("peak_rss_mb"),
        "shown": server.get("year_shown") or [],
    }
    s["year_text"] = fmt_s(s["year_s"], over if any(t.startswith("year") for t in timeouts) else None)
    s["type_text"] = fmt_s(s["type_s"], over if "type change" in timeouts else None)
    b = browser or {}
    moves = [m for m in b.get("moves", []) if not m.get("timeout")]
    s["browser_redraw_s"] = median([m.get("redraw_s") for m in moves])
    s["browser_bytes"] = median([m.get("bytes") for m in moves])
    s["server_peak_rss_mb"] = b.get("server_peak_rss_mb")
    if not b:
        s["browser_text"] = "not run"
    elif b.get("load_timeout"):
        s["browser_text"] = f"first load > {timeout_s:.0f} s"
    elif not moves and any(m.get("timeout") for m in b.get("moves", [])):
        s["browser_text"] = f"> {timeout_s:.0f} s"
    elif not moves:
        s["browser_text"] = "failed"
    else:
        s["browser_text"] = fmt_s(s["browser_redraw_s"])
        redraws = [m["redraw_s"] for m in moves]
        if len(redraws) > 1:
            s["browser_text"] += f" ({min(redraws):.2f}–{max(redraws):.2f})"
        if any(m.get("timeout") for m in b.get("moves", [])):
            s["browser_text"] += f", next move > {timeout_s:.0f} s"
    files = b.get("data_files_at_load") or []
    s["http_data_files"] = [{k: f.get(k) for k in ("url", "bytes", "encoding", "wire_bytes")} for f in files]
    return s


def _sent_per_change(s: dict) -> str:
    wire, full = s["year_wire_bytes"], s["year_msg_bytes"]
    if wire is None or full is None or full <= 1.1 * wire:
        return fmt_b(full)
    return f"{fmt_b(wire)} ({fmt_b(full)} uncached)"


def side_by_side(sizes: list[int], summary: dict) -> str:
    rows = ["| N | | first run | year change | type change | sent per year change | browser: received per move "
            "| first page sent | peak RSS: AppTest / `streamlit run` | browser: key press → map redrawn |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        o, v = summary.get(f"ours-{n}"), summary.get(f"naive-{n}")
        for name, s in (("ours", o), ("naive", v)):
            if s is None:
                continue
            first_sent = fmt_b(s["first_msg_bytes"])
            if s.get("data_file_bytes"):
                first_sent += f" + data file {fmt_b(s['data_file_gzip_bytes'])} gzip ({fmt_b(s['data_file_bytes'])})"
            changes = f" (n={s['changes']})" if s.get("changes") and s["changes"] < 3 else ""
            rss = f"{s['peak_rss_mb']:.0f}" if s.get("peak_rss_mb") else "–"
            rss += f" / {s['server_peak_rss_mb']:.0f} MiB" if s.get("server_peak_rss_mb") else " MiB / –"
            rows.append(f"| {n:,} | {name} | {s['first_run_text']} | {s['year_text']}{changes} | {s['type_text']} "
                        f"| {_sent_per_change(s)} | {fmt_b(s['browser_bytes'])} | {first_sent} | {rss} "
                        f"| {s['browser_text']} |")
        if o and v:
            first_o = (o["first_msg_bytes"] or 0) + (o.get("data_file_gzip_bytes") or 0)
            rss = ratio(v["peak_rss_mb"], o["peak_rss_mb"])
            if v.get("server_peak_rss_mb") and o.get("server_peak_rss_mb"):
                rss += f" / {ratio(v['server_peak_rss_mb'], o['server_peak_rss_mb'])}"
            rows.append(
                f"| {n:,} | **naive ÷ ours** | {ratio(v['first_run_s'], o['first_run_s'])} "
                f"| {ratio(v['year_s'], o['year_s'])} | {ratio(v['type_s'], o['type_s'])} "
                f"| {ratio(v['year_wire_bytes'], o['year_wire_bytes'])} "
                f"| {ratio(v['browser_bytes'], o['browser_bytes'])} | {ratio(v['first_msg_bytes'], first_o)} "
                f"| {rss} | {ratio(v['browser_redraw_s'], o['browser_redraw_s'])} |")
    return "\n".join(rows)


def bytes_table(sizes: list[int], summary: dict, facts: dict) -> str:
    rows = ["| N | bare facts JSON (gzip) | ours per year change (AppTest / browser) | ÷ bare "
            "| ours first load, raw: page + data file (partners.json) | ÷ bare "
            "| … as sent (data file gzip) | ÷ bare "
            "| naive per year change | ÷ bare |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        f, o, v = facts[n], summary.get(f"ours-{n}"), summary.get(f"naive-{n}")
        bare = f["bytes"]

        def of(x):
            return "–" if x is None else f"{x / bare:.2f}" if x / bare >= 0.01 else f"{x / bare:.4f}"

        change = max(filter(None, [o["year_wire_bytes"], o["browser_bytes"]]), default=None) if o else None
        raw = (o["first_msg_bytes"] or 0) + (o.get("data_file_bytes") or 0) if o else None
        sent = (o["first_msg_bytes"] or 0) + (o.get("data_file_gzip_bytes") or 0) if o else None
        naive_change = v["year_wire_bytes"] if v else None
        rows.append(f"| {n:,} | {fmt_b(bare)} ({fmt_b(f['gzip_bytes'])}) "
                    f"| {fmt_b(o['year_wire_bytes'] if o else None)} / {fmt_b(o['browser_bytes'] if o else None)} "
                    f"| {of(change)} | {fmt_b(raw)} | {of(raw)} | {fmt_b(sent)} | {of(sent)} "
                    f"| {fmt_b(naive_change)} | {of(naive_change)} |")
    return "\n".join(rows)


def targets(summary: dict, facts: dict) -> str:
    o = summary.get(f"ours-{TARGET_N}")
    if o is None:
        return f"(targets not checked: N={TARGET_N:,} was not among the sizes)"

    def verdict(value, limit, text_value, text_limit):
        if value is None:
            return "not measured"
        ok = value < limit
        return (f"{text_value} {'<' if ok else '≥'} {text_limit} → **{'met' if ok else 'NOT met'}**"
                + ("" if ok else f" ({value / limit:.2f}× the target)"))

    bare = facts[TARGET_N]["bytes"]
    limit = TARGET_BYTES_FACTOR * bare
    change = max(filter(None, [o["year_wire_bytes"], o["browser_bytes"]]), default=None)
    first_gzip = (o["first_msg_bytes"] or 0) + (o.get("data_file_gzip_bytes") or 0)
    first_raw = (o["first_msg_bytes"] or 0) + (o.get("data_file_bytes") or 0)
    rss = max(filter(None, [o["peak_rss_mb"], o.get("server_peak_rss_mb")]), default=None)
    b = summary.get(f"ours-{TARGET_BROWSER_N}")
    redraw = b["browser_redraw_s"] if b else None
    return "\n".join([
        "* year change, server side: " + verdict(o["year_s"], TARGET_YEAR_S, fmt_s(o["year_s"]), f"{TARGET_YEAR_S} s"),
        "* bytes per year change (the larger of AppTest with the message cache and the browser's): "
        + verdict(change, limit, fmt_b(change), f"1.5 × {fmt_b(bare)} = {fmt_b(limit)}"),
        "* bytes at first load, data file (partners.json; popup details not counted) gzipped as sent: "
        + verdict(first_gzip, limit, fmt_b(first_gzip), fmt_b(limit)),
        "* bytes at first load, data file (partners.json) uncompressed: "
        + verdict(first_raw, limit, fmt_b(first_raw), fmt_b(limit)),
        "* server memory (the larger peak RSS of AppTest and `streamlit run`), 500 MB read as MiB: "
        + verdict(rss, TARGET_RSS_MB, f"{rss:.0f} MiB" if rss else "–", f"{TARGET_RSS_MB} MiB"),
        "* … 500 MB read as 10⁶ bytes: "
        + verdict(rss and rss * 1.048576, TARGET_RSS_MB, f"{rss * 1.048576:.0f} MB" if rss else "–",
                  f"{TARGET_RSS_MB} MB"),
        f"* browser, year change at N={TARGET_BROWSER_N:,}: "
        + verdict(redraw, TARGET_BROWSER_S, fmt_s(redraw), f"{TARGET_BROWSER_S} s"),
    ])


def columns_text(columns: dict) -> str:
    return ", ".join(f"{c} {fmt_b(v[0])} ({fmt_b(v[1])})" for c, v in columns.items())


def urlsplit_path(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path


def machine() -> dict:
    import folium
    import pandas
    import streamlit

    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")), 0)
    try:
        chromium = subprocess.run([os.environ.get("CHROMIUM", "/usr/bin/chromium"), "--version"], capture_output=True,
                                  text=True, timeout=30).stdout.strip()
    except OSError:
        chromium = "?"
    from importlib.metadata import version

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.rstrip()

    return {"cpus": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024, 1), "python": platform.python_version(),
            "streamlit": streamlit.__version__, "streamlit_folium": version("streamlit-folium"),
            "folium": folium.__version__, "pandas": pandas.__version__, "chromium": chromium,
            "commit": git("rev-parse", "--short", "HEAD").strip(),
            "dirty": [line[3:] for line in git("status", "--short").splitlines()],
            "date": dt.date.today().isoformat(), "load_before": os.getloadavg()}


def report(info: dict, sizes: list[int], servers: dict, browsers: dict, facts: dict, browser_timeout: float,
           server_timeout: float, quiet_wait: float, elapsed: float) -> dict:
    """Print the tables and the details; return the summary per (implementation, N)."""
    summary = {key: summarize(servers[key], browsers.get(key), browser_timeout, server_timeout)
               for key in servers}
    print(f"\n{info['cpus']} CPUs, {info['memory_gb']} GB, Python {info['python']}, Streamlit {info['streamlit']}, "
          f"streamlit-folium {info['streamlit_folium']}, folium {info['folium']}, pandas {info['pandas']}, "
          f"{info['chromium']}; commit {info['commit']}" + (" + uncommitted changes" if info["dirty"] else "")
          + f"; {info['date']}; load average before {info['load_before'][0]:.2f}; whole run {elapsed / 60:.1f} min\n")
    print(side_by_side(sizes, summary))
    print()
    print(bytes_table(sizes, summary, facts))
    print()
    print(f"Targets at N={TARGET_N:,} (browser at N={TARGET_BROWSER_N:,}):\n")
    print(targets(summary, facts))
    print()
    print("Conditions (other processes' CPU, in cores of 2; each measurement first waits up to "
          f"{quiet_wait:.0f} s for a quiet second):\n")
    for key, r in servers.items():
        q = r.get("quiet_before", {})
        print(f"server {key}: {q.get('busy_cores')} cores busy before (waited {q.get('waited_s')} s), others "
              f"{r.get('others_cores')} cores during {r.get('wall_s', 0):.0f} s; {r.get('changes')} changes"
              + (f"; timed out: {', '.join(r['timeouts'])}" if r.get("timeouts") else "")
              + (" ; FAILED" if r.get("error") else ""))
    for key, b in browsers.items():
        q = b.get("quiet_before", {})
        print(f"browser {key}: {q.get('busy_cores')} cores busy before (waited {q.get('waited_s')} s), machine "
              f"{b.get('machine_busy_cores')} cores busy during {b.get('wall_s', 0):.0f} s "
              "(server + Chromium + others)")
    print()
    for key, r in servers.items():
        largest = ", ".join(f"{kind} {fmt_b(size)}" for size, kind in r.get("first_largest_msgs", []))
        print(f"server {key}: largest messages of the first page: {largest}")
        if r.get("data_file_columns"):
            print(f"  data file {r.get('data_file')} {fmt_b(r.get('data_file_bytes'))} "
                  f"({fmt_b(r.get('data_file_gzip_bytes'))} gzip), partner columns raw (gzip alone): "
                  + columns_text(r["data_file_columns"]))
        if r.get("details_files"):
            print(f"  details beside it, fetched only as popups open: {r['details_files']} file(s), "
                  f"{fmt_b(r['details_bytes'])} ({fmt_b(r['details_gzip_bytes'])} gzip, each file alone), "
                  "columns over all slices raw (gzip alone): " + columns_text(r.get("details_columns") or {}))
        if r.get("data_file_error"):
            print(f"  data file {r['data_file']} could not be read: {r['data_file_error']}")
    print()
    for key, b in browsers.items():
        for check in b.get("data_file_http", []):
            print(f"browser {key}: GET {urlsplit_path(check['url'])} with Accept-Encoding gzip → content-encoding "
                  f"{check['encoding']}, {fmt_b(check['received_bytes'])} received, "
                  f"{fmt_b(check['decoded_bytes'])} decoded")
    for key, b in browsers.items():
        moves = b.get("moves", [])
        files_text = "; ".join(f"{f.get('url')}: Playwright could not read it ({f['error'][:60]}…)" if "error" in f
                               else f"{f.get('url')}: {fmt_b(f.get('bytes'))} decoded, content-encoding "
                               f"{f.get('encoding')}, {fmt_b(f.get('wire_bytes'))} received"
                               for f in b.get("data_files_at_load", []))
        print(f"browser {key}: load {fmt_s(b.get('load_s'))}"
              + (f", {files_text}" if files_text else "")
              + (f", error: {b['error']}" if b.get("error") else "")
              + (", first load timed out" if b.get("load_timeout") else "") + "; moves: "
              + "; ".join("timed out" if m.get("timeout") else
                          f"{m.get('year_from')}→{m.get('year_to')} {m['redraw_s']:.2f} s, {m['bytes']:,} B, "
                          f"{m['reruns']} rerun(s)" for m in moves))
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=None, help="comma-separated N values (default 100,1000,10000,50000)")
    ap.add_argument("--quick", action="store_true", help="N = 100 and 1,000 with fewer changes: a smoke run")
    ap.add_argument("--impls", default="ours,naive")
    ap.add_argument("--repeats", type=int, default=None, help="year and type changes per size (default 5; quick 3)")
    ap.add_argument("--moves", type=int, default=None, help="year moves in the browser (default 3; quick 2)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--server-timeout", type=float, default=300, help="seconds per AppTest run")
    ap.add_argument("--change-budget", type=float, default=150,
                    help="seconds for the changes of one (implementation, N); a slow one gets fewer (≥ 1)")
    ap.add_argument("--browser-timeout", type=float, default=120, help="seconds per browser load and per move")
    ap.add_argument("--browser-max", type=int, default=50_000, help="largest N measured in the browser")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--quiet-wait", type=float, default=120,
                    help="before each measurement, wait up to this long for other processes to go idle")
    ap.add_argument("--json", type=Path, default=RESULTS / "run_all.json")
    ap.add_argument("--report", type=Path, metavar="JSON", help="print the tables of a saved run_all.json again")
    ap.add_argument("--child", nargs=4, metavar=("IMPL", "N", "CSV", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    a.repeats = a.repeats or (3 if a.quick else 5)
    a.moves = a.moves or (2 if a.quick else 3)
    if a.child:
        impl, n, csv, out = a.child
        server_child(impl, int(n), Path(csv), a.repeats, a.server_timeout, a.change_budget, Path(out))
        return 0

    if a.report:
        saved = json.loads(a.report.read_text())
        args = saved["args"]
        report(saved["machine"], sorted(int(n) for n in saved["facts"]), saved["server"], saved["browser"],
               {int(n): v for n, v in saved["facts"].items()}, float(args["browser_timeout"]),
               float(args["server_timeout"]), float(args["quiet_wait"]), saved["elapsed_s"])
        return 0

    from generate import generate

    sizes = [int(s) for s in (a.sizes or ",".join(map(str, QUICK_SIZES if a.quick else DEFAULT_SIZES))).split(",")
             if s.strip()]
    impls = [i for i in a.impls.split(",") if i in IMPLS]
    info = machine()
    started = time.perf_counter()
    print(f"{info['cpus']} CPUs, {info['memory_gb']} GB; load average before: {info['load_before'][0]:.2f}",
          file=sys.stderr)
    servers: dict = {}
    browsers: dict = {}
    facts: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-all-") as tmp:
        folder = Path(tmp)
        files = {}
        for n in sizes:
            t0 = time.perf_counter()
            files[n] = generate(n, folder / f"n{n}" / f"partners-{n}.csv", a.seed)
            facts[n] = {**bare_facts(files[n]), "generate_s": time.perf_counter() - t0}
            print(f"N={n:,}: generated in {facts[n]['generate_s']:.1f} s; bare facts {facts[n]['bytes']:,} B",
                  file=sys.stderr, flush=True)
        for n in sizes:
            for impl in impls:
                print(f"server {impl} N={n:,} …", file=sys.stderr, flush=True)
                servers[f"{impl}-{n}"] = run_server(impl, n, files[n], a, folder)
                r = servers[f"{impl}-{n}"]
                print(f"  first {fmt_s(r.get('first_run_s'))}, year {fmt_s(median(r.get('year_s', [])))}, "
                      f"{r.get('peak_rss_mb') or 0:.0f} MiB, {r['wall_s']:.0f} s wall", file=sys.stderr, flush=True)
        if not a.no_browser:
            jobs = [(impl, n, files[n]) for n in sizes for impl in impls if n <= a.browser_max]
            browsers = run_browser(jobs, a, folder)
    elapsed = time.perf_counter() - started
    summary = report(info, sizes, servers, browsers, facts, a.browser_timeout, a.server_timeout, a.quiet_wait,
                     elapsed)
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps({"machine": info, "args": {k: str(v) for k, v in vars(a).items()},
                                  "elapsed_s": elapsed, "facts": {str(k): v for k, v in facts.items()},
                                  "server": servers, "browser": browsers, "summary": summary}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
