#!/usr/bin/env python3
"""The map's frames as Chromium times them: the first view and each redraw, beside a plain Leaflet page.

    python benchmarks/bench_frames.py [--sizes 7,2500,50000] [--moves 20] [--before COMMIT] [--json out.json]

For each size (7 is the shipped data, the others generated with benchmarks/generate.py, seed 7)
the app runs under `streamlit run` on loopback and headless Chromium opens it, every request off
loopback aborted. In the map frame it reads the browser's own timeline:

* long tasks (PerformanceObserver "longtask", buffered), each with its start and length;
* the partner layer's drawings, which it measures itself ("pm-draw <reason>", layer.js);
* the data file's arrival (Resource Timing of `partners.json`, its responseEnd).

First view: data received → partners drawn (the end of the first "pm-draw view": the layer
keeps the latest of each name, and this is read before any move), the layer's
own script time for it (and of that the cluster index's building, "pm-index", clusters.js), and
the longest task from the data's arrival until a second after
the drawing. Then `--moves` key presses on the year slider, ArrowLeft and ArrowRight in turn:
key press (a capturing keydown listener in the page) → redrawn (the animation frame after the
layer's `draw` event, reason "view"), median and worst, the layer's own draw in each move, and
the longest task of each move.

In the same run, a plain Leaflet page (served from loopback; Leaflet and Leaflet.markercluster
from their XStatic packages, the app's Leaflet as partnermap/publish.py publishes it) draws the largest size's
points with markercluster's bulk `addLayers`, once with `chunkedLoading` and once without, and
a key press there moves its year as ours does: `removeLayers` of the points that leave and
`addLayers` of those that enter.

With `--before COMMIT` the app at that commit (exported with `git archive`) is measured too, at
each size just before the work tree's, so both share the machine's load.

Memory: the JS heap of the map frame (performance.memory) after the first view and after the
moves, and the peak of the whole browser (the sum of Chromium's processes' proportional set
sizes, /proc/PID/smaps_rollup, sampled every 0.1 s) while each size runs. The load average is printed first.
"""
from __future__ import annotations

import argparse
import csv as csvlib
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from bench_browser import CHROMIUM_ARGS, MAP_IFRAME, SLIDER_THUMB, start_server, stays_local, stop_server  # noqa: E402
import xstatic.pkg.leaflet_markercluster as xstatic_markercluster  # noqa: E402

from partnermap.mapbuilder import MAX_ZOOM, MIN_ZOOM  # noqa: E402
from partnermap.publish import LEAFLET_DIR  # noqa: E402
from partnerships.settings import DEFAULT_PARTNERS_CSV  # noqa: E402

MARKERCLUSTER_DIR = Path(xstatic_markercluster.BASE_DIR)  # only the plain page uses it (benchmarks/requirements.txt)

TIMEOUT_MS = 240_000
VIEWPORT = {"width": 1600, "height": 1000}
TAG = f"--bench-frames={os.getpid()}"  # finds this run's Chromium among others' (ignored by Chromium)

# In every frame, before its scripts: long tasks, as epoch milliseconds (comparable across frames).
LONG_TASKS_INIT = """(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (err) { window.__longTasks = null; }
})();"""
FIRST_VIEW_JS = """() => {
  const origin = performance.timeOrigin;
  const data = performance.getEntriesByType("resource").find((e) => /\\/partners[^/]*\\.json/.test(e.name));
  const drawn = performance.getEntriesByName("pm-draw view")[0];
  const received = data ? origin + data.responseEnd : null, end = origin + drawn.startTime + drawn.duration;
  const tasks = (window.__longTasks || []).filter(([t, d]) => t + d >= (received || 0) && t <= end + 1000);
  const index = performance.getEntriesByName("pm-index")[0];
  return { received_to_drawn_ms: received === null ? null : end - received, draw_ms: drawn.duration,
           index_ms: index ? index.duration : null,
           long_tasks: tasks.map(([t, d]) => Math.round(d)), heap: performance.memory && performance.memory.usedJSHeapSize,
           shown: PartnerMap.current().shown.length, markers: PartnerMap.current().singles.length + PartnerMap.current().clusters };
}"""
ARM_JS = """() => {
  const layer = PartnerMap.current().layer;
  window.__redrawAt = null;
  window.__drawMs = null;
  const onDraw = (event) => {
    if (event.reason !== "view") return;
    layer.off("draw", onDraw);
    const measures = performance.getEntriesByName("pm-draw view");
    window.__drawMs = measures[measures.length - 1].duration;
    requestAnimationFrame(() => { window.__redrawAt = Date.now(); });
  };
  layer.on("draw", onDraw);
}"""
KEY_JS = """() => {
  window.__keyAt = null;
  document.addEventListener("keydown", () => { window.__keyAt = window.__keyAt || Date.now(); }, { capture: true, once: true });
}"""
TASKS_SINCE_JS = "(since) => (window.__longTasks || []).filter(([t, d]) => t + d >= since).map(([t, d]) => Math.round(d))"

PLAIN_HTML = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="leaflet.css"><link rel="stylesheet" href="MarkerCluster.css">
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script src="leaflet.js"></script><script src="leaflet.markercluster.js"></script>
<script>
  const chunked = location.search.includes("chunked");
  const map = L.map("map", { preferCanvas: true, minZoom: %(min)d, maxZoom: %(max)d, zoomSnap: 0.25 });
  const icon = L.divIcon({ className: "", html: "<div style='width:8px;height:8px;border-radius:4px;background:#36c'></div>", iconSize: [8, 8] });
  const group = L.markerClusterGroup({ chunkedLoading: chunked, chunkInterval: 100, animate: false, maxClusterRadius: 80,
    removeOutsideVisibleBounds: true, chunkProgress: (done, total) => { if (total > 0 && done === total) finished(); } });
  let p, markers, year = 2026, on;
  const inYear = (i, y) => p.start[i] <= y && (p.end[i] === null || p.end[i] >= y);
  function finished() {
    if (window.__drawnAt) return;
    window.__drawnAt = performance.timeOrigin + performance.now();
    requestAnimationFrame(() => { window.__paintedAt = Date.now(); });
  }
  fetch("points.json").then((r) => r.json()).then((data) => {
    p = data;
    window.__received = performance.timeOrigin + performance.now();
    map.fitBounds(L.latLngBounds(p.lat.map((lat, i) => [lat, p.lon[i]])), { maxZoom: 6 });
    map.addLayer(group);  // on a map with a view: markercluster clusters at once, not when the map loads
    markers = p.lat.map((lat, i) => L.marker([lat, p.lon[i]], { icon: icon }));
    on = p.lat.map((_, i) => inYear(i, year));
    group.addLayers(markers.filter((_, i) => on[i]));
    if (!chunked) finished();
  });
  document.addEventListener("keydown", (event) => {
    window.__keyAt = Date.now();
    year += event.key === "ArrowLeft" ? -1 : 1;
    const enter = [], leave = [];
    for (let i = 0; i < markers.length; i++) {
      const now = inYear(i, year);
      if (now && !on[i]) enter.push(markers[i]); else if (!now && on[i]) leave.push(markers[i]);
      on[i] = now;
    }
    group.removeLayers(leave);
    group.addLayers(enter);
    requestAnimationFrame(() => { window.__redrawAt = Date.now(); });
  });
</script></body></html>"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Memory:
    """The peak of the summed resident memory of this run's Chromium processes, per label."""

    def __init__(self) -> None:
        self.label, self.peaks, self._stop = None, {}, threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            if self.label:
                self.peaks[self.label] = max(self.peaks.get(self.label, 0), browser_rss())

    def stop(self) -> None:
        self._stop.set()


def proportional(entry: Path) -> int:
    """A process's proportional set size (shared pages split among their sharers), in bytes."""
    for line in (entry / "smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def browser_rss() -> int:
    parents, rss, roots = {}, {}, set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parents[entry.name] = stat[stat.rindex(")") + 2:].split()[1]
            rss[entry.name] = proportional(entry)
            if TAG.encode() in (entry / "cmdline").read_bytes():
                roots.add(entry.name)
        except (OSError, ValueError):
            continue
    total, seen = 0, set()
    for pid in rss:
        chain = pid
        while chain in parents and chain not in roots and chain != "0":
            chain = parents[chain]
        if chain in roots and pid not in seen:
            seen.add(pid)
            total += rss[pid]
    return total


def map_page(browser, url: str, moves: int) -> dict:
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    context.route("**/*", lambda r: r.continue_() if stays_local(r.request.url) else r.abort())
    context.add_init_script(LONG_TASKS_INIT)
    page = context.new_page()
    try:
        page.goto(url, timeout=TIMEOUT_MS)
        frame = page.wait_for_selector(MAP_IFRAME, timeout=TIMEOUT_MS).content_frame()
        frame.wait_for_function("() => window.PartnerMap && PartnerMap.current().draws > 0", timeout=TIMEOUT_MS)
        page.wait_for_selector("[data-test-script-state='notRunning']", timeout=TIMEOUT_MS)
        frame.wait_for_timeout(1500)  # the second after the first view, whose long tasks count
        result = {"first": frame.evaluate(FIRST_VIEW_JS), "moves": []}
        thumb = page.locator(SLIDER_THUMB).first
        for k in range(moves):
            frame.evaluate(ARM_JS)
            page.evaluate(KEY_JS)
            thumb.focus()
            thumb.press("ArrowLeft" if k % 2 == 0 else "ArrowRight")
            frame.wait_for_function("() => window.__redrawAt !== null", timeout=TIMEOUT_MS)
            key_at = page.evaluate("() => window.__keyAt")
            move = {"redrawn_ms": frame.evaluate("() => window.__redrawAt") - key_at,
                    "draw_ms": frame.evaluate("() => window.__drawMs"),
                    "long_tasks": frame.evaluate(TASKS_SINCE_JS, key_at)}
            page.wait_for_selector("[data-test-script-state='notRunning']", timeout=TIMEOUT_MS)
            result["moves"].append(move)
        result["heap_after_moves"] = frame.evaluate("() => performance.memory && performance.memory.usedJSHeapSize")
        return result
    finally:
        context.close()


def plain_page(browser, folder: Path, csv: Path, chunked: bool, moves: int) -> dict:
    rows = list(csvlib.DictReader(csv.open(encoding="utf-8")))
    points = {"lat": [float(r["lat"]) for r in rows], "lon": [float(r["lon"]) for r in rows],
              "start": [int(r["start_year"]) for r in rows],
              "end": [int(r["end_year"]) if r["end_year"] else None for r in rows]}
    site = folder / "plain"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text(PLAIN_HTML.replace("%(min)d", str(MIN_ZOOM)).replace("%(max)d", str(MAX_ZOOM)),
                                     encoding="utf-8")
    (site / "points.json").write_text(json.dumps(points), encoding="utf-8")
    for source in (LEAFLET_DIR / "leaflet.js", LEAFLET_DIR / "leaflet.css", MARKERCLUSTER_DIR / "leaflet.markercluster.js",
                   MARKERCLUSTER_DIR / "MarkerCluster.css"):
        shutil.copy(source, site / source.name)
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/*", lambda r: r.continue_() if stays_local(r.request.url) else r.abort())
    context.add_init_script(LONG_TASKS_INIT)
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{'?chunked' if chunked else ''}")
        page.wait_for_function("() => window.__paintedAt", timeout=TIMEOUT_MS)
        page.wait_for_timeout(1000)
        received, drawn = page.evaluate("() => [window.__received, window.__drawnAt]")
        result = {"received_to_drawn_ms": drawn - received, "long_tasks": page.evaluate(TASKS_SINCE_JS, received),
                  "heap": page.evaluate("() => performance.memory.usedJSHeapSize"), "moves": []}
        for k in range(moves):
            page.evaluate("() => { window.__redrawAt = null; }")
            page.keyboard.press("ArrowLeft" if k % 2 == 0 else "ArrowRight")
            page.wait_for_function("() => window.__redrawAt !== null", timeout=TIMEOUT_MS)
            key_at, redraw_at = page.evaluate("() => [window.__keyAt, window.__redrawAt]")
            result["moves"].append({"redrawn_ms": redraw_at - key_at, "long_tasks": page.evaluate(TASKS_SINCE_JS, key_at)})
        return result
    finally:
        context.close()
        server.shutdown()


def summary(label: str, result: dict, peak: int | None) -> str:
    first, moves = result.get("first", result), result["moves"]
    redraws = [m["redrawn_ms"] for m in moves]
    worst_move_task = max((max(m["long_tasks"], default=0) for m in moves), default=0)
    draw = f"{first['draw_ms']:.0f} ms" if "draw_ms" in first else "–"
    index = f"{first['index_ms']:.0f} ms" if first.get("index_ms") is not None else "–"
    draws = [m["draw_ms"] for m in moves if m.get("draw_ms") is not None]
    move_draw = f"{statistics.median(draws):.1f} ms" if draws else "–"
    return (f"| {label} | {first['received_to_drawn_ms']:.0f} ms | {draw} | {index} | "
            f"{max(first['long_tasks'], default=0)} ms ({len(first['long_tasks'])}) | "
            f"{statistics.median(redraws):.0f} ms (max {max(redraws):.0f}) | {move_draw} | "
            f"{worst_move_task} ms | {first['heap'] / 1e6:.0f} MB | {'–' if not peak else f'{peak / 1e6:.0f} MB'} |")


def export(commit: str, into: Path) -> Path:
    """The repository at `commit`, as files (git archive), to run the app from."""
    into.mkdir()
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> None:
    from playwright.sync_api import sync_playwright
    from generate import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="7,2500,50000")
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--before", help="a commit whose map to measure too, side by side with the work tree's")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "frames.json")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load average at start: {os.getloadavg()}", flush=True)
    memory, results = Memory(), {}
    with tempfile.TemporaryDirectory(prefix="bench-frames-") as tmp, sync_playwright() as pw:
        folder = Path(tmp)
        apps = [("", ROOT)]
        if args.before:  # the app at another commit, exported beside this run
            apps = [(f" ({args.before})", export(args.before, folder / "before")), (" (now)", ROOT)]
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                     headless=True, args=[*CHROMIUM_ARGS, TAG])
        try:
            for n in sizes:
                csv = DEFAULT_PARTNERS_CSV if n == 7 else generate(n, folder / f"partners-{n}.csv", 7)
                print(f"N={n:,} …", file=sys.stderr, flush=True)
                for name, app_dir in apps:
                    server, url = start_server(csv, folder / f"streamlit-{n}.log", app_dir=app_dir)
                    memory.label = f"ours {n:,}" + name
                    try:
                        results[memory.label] = map_page(browser, url, args.moves)
                    finally:
                        stop_server(server)
                if n == max(sizes):
                    for chunked in (True, False):
                        memory.label = f"plain {n:,}" + (" chunked" if chunked else "")
                        results[memory.label] = plain_page(browser, folder, csv, chunked, args.moves)
                memory.label = None
        finally:
            browser.close()
            memory.stop()
    print(f"load average at end: {os.getloadavg()}")
    print("\n| page, partners | data received → drawn | layer's draw | of it the index | longest task (count) | "
          "key → redrawn, median | layer's draw in a move, median | longest task in a move | JS heap | "
          "browser peak PSS |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, result in results.items():
        print(summary(label, result, memory.peaks.get(label)))
    args.json.parent.mkdir(exist_ok=True)
    args.json.write_text(json.dumps({"load": os.getloadavg(), "results": results, "peaks": memory.peaks}, indent=1))


if __name__ == "__main__":
    main()
