#!/usr/bin/env python3
"""What a year change costs a visitor: bytes over the websocket and time until the map redraws.

    python benchmarks/bench_browser.py [--sizes 1000,10000] [--moves 3]

For each size N a partner file is generated (benchmarks/generate.py, fixed seed), the app is
started with `streamlit run dashboard.py` on a free loopback port, and headless Chromium
(/usr/bin/chromium, or $CHROMIUM) opens it with every request that leaves loopback aborted.
After the map has drawn its partners, the year slider's thumb is focused and a key is
pressed (ArrowLeft by default, so the year moves 2026 → 2025 → 2024 …); per move it measures

* the bytes of the websocket frames the page receives from the key press until the rerun's
  `script_finished` message (Streamlit's ForwardMsgs are decoded to find it), and
* the time from the key press until the map is redrawn: the map's partner layer
  (partnermap/assets/layer.js, `map.partnerLayer`) has drawn the new view (its `draw` event,
  fired once it has moved into the feature group streamlit-folium evals and drawn the view
  there), and a frame has been painted after that (both stamped in the browser with
  Date.now()).

The partners drawn are counted as the layer reports them: a single partner's marker counts
one, a cluster (drawn by Leaflet.markercluster when the data holds more than 500 partners) its
members; the markers drawn (clusters + singles) are reported beside them. It also reports the data files the map fetches
(every HTTP response under /app/static/data/: decoded size, content-encoding and the bytes
received): `data/<hash>/partners.json` once at first load, a `details-K.json` slice only when
a popup in it opens, so no move should fetch any. And when the page's own code received the
map component's message (a `WebSocket` wrapper stamps every message in the page), the first
load, any extra reruns that follow a move within a second (e.g. a component reporting back),
the largest single message, and the map frame's JS heap after a forced GC at load and after
the moves, with the number of partner layers streamlit-folium keeps in `window.feature_group`
and the layers still in them. Medians over the moves. Results also go to
benchmarks/results/browser.json.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
DEFAULT_SIZES = (1000, 10000)
MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
# The year slider's thumb: role=slider in older Streamlit, a (visually hidden) range input in
# the react-aria slider of newer ones.
SLIDER_THUMB = "[data-testid='stSlider'] [role='slider'], [data-testid='stSlider'] input[type='range']"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--enable-precise-memory-info"]
LOAD_TIMEOUT_MS = 180_000
MOVE_TIMEOUT_MS = 120_000
SETTLE_S = 1.0  # quiet time after a rerun before the next move; extra reruns show up here
BUDGET_N = 10_000
BUDGET_BYTES = 2_000_000

# What the map draws now, as its partner layer tells: past 500 partners a cluster's members
# count too, so counting the single partners' markers alone would miss most partners.
COUNT_DRAWN_JS = """() => {
  const drawn = { partners: 0, markers: 0, clusters: 0 };
  const map = window.map_div;
  if (!map || !map.partnerLayer || !map.partnerLayer.view) return drawn;
  const now = map.partnerLayer.snapshot();
  drawn.clusters = now.clusters;
  drawn.markers = now.clusters + now.singles.length;
  drawn.partners = now.singles.length + now.members.reduce((n, members) => n + members.length, 0);
  return drawn;
}"""
# Arm a watcher in the map frame. On each change streamlit-folium evals a new feature group
# (pushed onto `window.feature_group`) whose script hands the view to the partner layer; the
# layer moves into that group and draws the view once the cached data file's promise resolves,
# then fires `draw` (reason "view"). Stamp when the new group appears, when the layer has drawn,
# and the first animation frame after that, when Leaflet's canvas redraw of the arcs (requested
# as they were added) has run.
ARM_REDRAW_JS = """() => {
  const groups = window.feature_group || [], before = groups[groups.length - 1];
  const layer = window.map_div.partnerLayer;
  window.__groupAt = null;
  window.__drawnAt = null;
  window.__redrawAt = null;
  window.__groupLayers = null;
  const watchGroup = () => {
    const now = window.feature_group || [];
    if (now[now.length - 1] !== before) window.__groupAt = window.__groupAt || Date.now();
    else if (window.__drawnAt === null) requestAnimationFrame(watchGroup);
  };
  requestAnimationFrame(watchGroup);
  const onDraw = (event) => {
    if (event.reason !== "view") return;
    layer.off("draw", onDraw);
    window.__drawnAt = Date.now();
    if (window.__groupAt === null) window.__groupAt = window.__drawnAt;
    const now = layer.snapshot();
    window.__groupLayers = now.clusters + now.singles.length;
    requestAnimationFrame(() => { window.__redrawAt = Date.now(); });
  };
  layer.on("draw", onDraw);
}"""
ARM_KEY_JS = """() => {
  window.__keyAt = null;
  document.addEventListener("keydown", () => { if (window.__keyAt === null) window.__keyAt = Date.now(); },
                            { capture: true, once: true });
}"""
# In the page (not through Playwright's relay): when each websocket message arrived, and its size.
WS_LOG_INIT = """(() => {
  if (window.top !== window || window.__wsLog) return;
  const Original = window.WebSocket;
  window.__wsLog = [];
  function Logged(...args) {
    const ws = new Original(...args);
    ws.addEventListener("message", (event) => {
      const data = event.data;
      const size = data instanceof ArrayBuffer ? data.byteLength : (data && data.size !== undefined ? data.size
                   : String(data).length);
      window.__wsLog.push([Date.now(), size]);
    });
    return ws;
  }
  Logged.prototype = Original.prototype;
  for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Logged[name] = Original[name];
  window.WebSocket = Logged;
})();"""
HEAP_JS = """() => ({
  heap: performance.memory ? performance.memory.usedJSHeapSize : null,
  groups: (window.feature_group || []).length,
  layers_kept: (window.feature_group || []).reduce((n, g) => n + g.getLayers().length, 0),
})"""
DATA_PATH = "/app/static/data/"


def stays_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return True
    return parts.scheme in ("http", "ws") and parts.hostname in ("127.0.0.1", "localhost")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(csv: Path, log: Path, script: str = "dashboard.py", app_dir: Path = ROOT,
                 options: tuple[str, ...] | list[str] = ()) -> tuple[subprocess.Popen, str]:
    """`streamlit run script` (relative to `app_dir`) on a free loopback port, serving `csv`.

    `options` are server options as `name=value` (e.g. `runner.postScriptGC=false`). The staff
    password is left out: no benchmark edits the data through the app.
    """
    port = free_port()
    env = {**os.environ, "PARTNERS_CSV": str(csv)}
    env.pop("PARTNERS_ADMIN_PASSWORD", None)
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    for option in options:  # runner.postScriptGC=false → --runner.postScriptGC false
        name, _, value = option.partition("=")
        command += [f"--{name}", value]
    with open(log, "wb") as out:
        server = subprocess.Popen(command, cwd=app_dir, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"streamlit exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.read().strip() == b"ok":
                    return server, f"http://127.0.0.1:{port}/"
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"streamlit not healthy after 60 s:\n{log.read_text()[-3000:]}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


class Wire:
    """Every websocket frame the page receives, decoded just enough to see reruns finish."""

    def __init__(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._parse = ForwardMsg.FromString
        self.frames: list[dict] = []

    def attach(self, page) -> None:
        page.on("websocket", lambda ws: ws.on("framereceived", self._on_frame))

    def _on_frame(self, payload) -> None:
        data = payload if isinstance(payload, (bytes, bytearray)) else payload.encode("utf-8")
        kind = None
        try:
            msg = self._parse(bytes(data))
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                kind = f"delta:{msg.delta.new_element.WhichOneof('type')}"
        except Exception:  # noqa: BLE001 - not a ForwardMsg; still counted
            pass
        self.frames.append({"t": time.perf_counter(), "bytes": len(data), "kind": kind,
                            "deflated": len(zlib.compress(bytes(data), 6)) if len(data) > 4096 else len(data)})

    def mark(self) -> int:
        return len(self.frames)

    def finished_since(self, start: int) -> list[int]:
        return [i for i in range(start, len(self.frames)) if self.frames[i]["kind"] == "script_finished"]

    def summary(self, start: int, end: int) -> dict:
        frames = self.frames[start:end]
        return {
            "bytes": sum(f["bytes"] for f in frames),
            "deflated_bytes": sum(f["deflated"] for f in frames),
            "frames": len(frames),
            "largest": max((f["bytes"] for f in frames), default=0),
            "largest_kind": max(frames, key=lambda f: f["bytes"])["kind"] if frames else None,
        }


def wait_until(page, condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        page.wait_for_timeout(10)  # lets Playwright deliver websocket events


def settle(page, wire: Wire, quiet_s: float = SETTLE_S, timeout_s: float = 60) -> None:
    """Wait until the app is idle and no frame has arrived for `quiet_s`."""
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        last = wire.frames[-1]["t"] if wire.frames else 0.0
        if time.perf_counter() - last >= quiet_s:
            return
        page.wait_for_timeout(50)


def slider_value(thumb) -> str | None:
    return thumb.get_attribute("aria-valuenow") or thumb.get_attribute("aria-valuetext")


def map_frame(page):
    handle = page.wait_for_selector(MAP_IFRAME, timeout=LOAD_TIMEOUT_MS)
    return handle.content_frame()


def heap(page, frame) -> dict:
    try:
        cdp = page.context.new_cdp_session(page)
        cdp.send("HeapProfiler.collectGarbage")
        cdp.detach()
    except Exception:  # noqa: BLE001 - GC is a nicety
        pass
    return frame.evaluate(HEAP_JS)


def measure(browser, url: str, moves: int, steps: int, key: str) -> dict:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, service_workers="block")
    blocked: list[str] = []

    def route(r) -> None:
        if stays_local(r.request.url):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.add_init_script(WS_LOG_INIT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    wire = Wire()
    wire.attach(page)
    data_files: list[dict] = []

    def on_finished(request) -> None:
        if DATA_PATH not in urlsplit(request.url).path:
            return
        entry = {"t": time.perf_counter(), "url": urlsplit(request.url).path}
        try:
            response = request.response()
            headers = response.all_headers() if response else {}
            entry.update({
                "status": response.status if response else None,
                "encoding": headers.get("content-encoding"),
                "wire_bytes": request.sizes()["responseBodySize"],  # as received (encoded)
                "bytes": len(response.body()) if response else None,  # decoded
            })
        except Exception as err:  # noqa: BLE001 - recorded, not fatal
            entry["error"] = str(err)
        data_files.append(entry)

    page.on("requestfinished", on_finished)
    try:
        t0 = time.perf_counter()
        page.goto(url, timeout=LOAD_TIMEOUT_MS)
        frame = map_frame(page)
        frame.wait_for_function(f"() => ({COUNT_DRAWN_JS})().partners > 0", timeout=LOAD_TIMEOUT_MS, polling=100)
        load_s = time.perf_counter() - t0
        settle(page, wire)
        result = {"load_s": load_s, "load": wire.summary(0, wire.mark()), "data_files_at_load": list(data_files),
                  "load_reruns": len(wire.finished_since(0)), "drawn_at_load": frame.evaluate(COUNT_DRAWN_JS),
                  "heap_at_load": heap(page, frame), "moves": []}
        thumb = page.locator(SLIDER_THUMB).first
        for _ in range(moves):
            year_before = slider_value(thumb)
            frame.evaluate(ARM_REDRAW_JS)
            page.evaluate(ARM_KEY_JS)
            thumb.focus()
            start = wire.mark()
            fetched_before = len(data_files)
            t_press = time.perf_counter()
            for _ in range(steps):
                thumb.press(key)
            frame.wait_for_function("() => window.__redrawAt !== null", timeout=MOVE_TIMEOUT_MS, polling="raf")
            redraw_wall_s = time.perf_counter() - t_press
            wait_until(page, lambda: wire.finished_since(start), MOVE_TIMEOUT_MS / 1000, "no script_finished")
            finished_wall_s = wire.frames[wire.finished_since(start)[0]]["t"] - t_press
            first_end = wire.finished_since(start)[0] + 1
            settle(page, wire)
            end = wire.mark()
            key_at = page.evaluate("() => window.__keyAt")
            stamps = frame.evaluate("() => ({group: window.__groupAt, drawn: window.__drawnAt, "
                                    "redraw: window.__redrawAt, layers: window.__groupLayers})")
            redraw_at = stamps["redraw"]
            # When the page's own code got each message: Playwright hears of frames later (the
            # payload travels through the DevTools protocol), and in the same order.
            in_page = page.evaluate("() => window.__wsLog || []")
            same = len(in_page) == len(wire.frames) and key_at

            def since_key(index: int, in_page=in_page, same=same, key_at=key_at, t_press=t_press) -> float:
                if same:
                    return (in_page[index][0] - key_at) / 1000
                return wire.frames[index]["t"] - t_press

            sent = range(start, first_end)
            # The map's message: the rerun's component_instance (else its largest message).
            maps = [i for i in sent if wire.frames[i]["kind"] == "delta:component_instance"]
            biggest = maps[0] if maps else (max(sent, key=lambda i: wire.frames[i]["bytes"]) if len(sent) else None)
            move = {
                "first_frame_s": since_key(start) if len(sent) else None,
                "map_message_s": since_key(biggest) if biggest is not None else None,
                "timestamps": "in page" if same else "playwright",
                "year_from": year_before, "year_to": slider_value(thumb),
                "redraw_s": (redraw_at - key_at) / 1000 if key_at and redraw_at else redraw_wall_s,
                "group_replaced_s": (stamps["group"] - key_at) / 1000 if key_at and stamps["group"] else None,
                "layers_drawn_s": (stamps["drawn"] - key_at) / 1000 if key_at and stamps["drawn"] else None,
                "group_layers": stamps["layers"],
                "data_fetches": len(data_files) - fetched_before,
                "redraw_wall_s": redraw_wall_s,
                "rerun_finished_s": since_key(first_end - 1),
                "rerun_finished_playwright_s": finished_wall_s,
                **wire.summary(start, first_end),
                "reruns": len(wire.finished_since(start)),
                "after_bytes": wire.summary(first_end, end)["bytes"],
                "drawn": frame.evaluate(COUNT_DRAWN_JS),
            }
            result["moves"].append(move)
        result["heap_after_moves"] = heap(page, frame)
        result["blocked"] = blocked
        result["page_errors"] = errors
        return result
    finally:
        context.close()


def run(sizes: list[int], moves: int, steps: int, key: str, seed: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(HERE))
    from generate import generate

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as folder, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                     headless=True, args=CHROMIUM_ARGS)
        try:
            for n in sizes:
                print(f"N={n:,} …", file=sys.stderr, flush=True)
                csv = generate(n, Path(folder) / f"partners-{n}.csv", seed)
                server, url = start_server(csv, Path(folder) / f"streamlit-{n}.log")
                try:
                    result = measure(browser, url, moves, steps, key)
                finally:
                    stop_server(server)
                result["n"] = n
                results.append(result)
        finally:
            browser.close()
    return results


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def _s(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds:.2f} s"


def data_file_text(files: list[dict]) -> str:
    """The data files fetched at first load: name, bytes over HTTP (decoded), and as received."""
    if not files:
        return "none"
    parts = []
    for f in files:
        name = f["url"].rsplit("/", 1)[-1]
        if "error" in f:
            parts.append(f"{name} ? ({f['error'][:40]})")
            continue
        wire = f.get("wire_bytes")
        encoding = f.get("encoding") or "identity"
        parts.append(f"{name} {_mb(f['bytes'])}, {encoding}"
                     + (f" {_mb(wire)} received" if wire is not None and encoding != "identity" else ""))
    return "; ".join(parts)


def drawn_text(before: dict, after: dict) -> str:
    return (f"{before['partners']:,} → {after['partners']:,} "
            f"({before['markers']:,} → {after['markers']:,} markers)")


def table(results: list[dict]) -> str:
    rows = ["| N | first load (partners drawn) | data files at first load (HTTP) | bytes received per year change "
            "| largest message | key press → map message in page | key press → map redrawn | reruns per move "
            "| partners drawn: load → last move (markers: clusters + singles) "
            "| map frame JS heap: load → after moves (groups kept, layers in them) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        m = r["moves"]
        med = lambda k: statistics.median(x[k] for x in m)  # noqa: E731
        h0, h1 = r["heap_at_load"], r["heap_after_moves"]
        kept = f"{h0['groups']} → {h1['groups']}, {h0['layers_kept']:,} → {h1['layers_kept']:,}"
        heap_text = (f"{_mb(h0['heap'])} → {_mb(h1['heap'])} ({kept})"
                     if h0.get("heap") and h1.get("heap") else f"({kept})")
        rows.append(
            f"| {r['n']:,} | {r['load_s']:.1f} s, {_mb(r['load']['bytes'])} ws | {data_file_text(r['data_files_at_load'])} "
            f"| {med('bytes'):,.0f} B | {med('largest'):,.0f} B | {med('map_message_s'):.2f} s "
            f"| {med('redraw_s'):.2f} s | {max(x['reruns'] for x in m)} "
            f"| {drawn_text(r['drawn_at_load'], m[-1]['drawn'])} | {heap_text} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    ap.add_argument("--moves", type=int, default=3, help="year changes per size (median reported)")
    ap.add_argument("--steps", type=int, default=1, help="key presses per move")
    ap.add_argument("--key", default="ArrowLeft", help="key pressed on the slider thumb (ArrowLeft, Home, …)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=RESULTS / "browser.json")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    load = os.getloadavg()
    results = run(sizes, a.moves, a.steps, a.key, a.seed)
    print(f"\nHeadless Chromium, {a.moves} year changes per size ({a.steps}× {a.key}), median; "
          f"{os.cpu_count()} CPUs; load average before: {load[0]:.2f}\n")
    print(table(results))
    for r in results:
        print(f"\nN={r['n']:,} moves: " + "; ".join(
            f"{m['year_from']}→{m['year_to']}: {m['bytes']:,} B in {m['frames']} frames, "
            f"first frame {m['first_frame_s']:.2f} s, map message {m['map_message_s']:.2f} s, "
            f"new group {_s(m['group_replaced_s'])}, drawn as {m['group_layers']:,} markers {_s(m['layers_drawn_s'])}, "
            f"redraw {m['redraw_s']:.2f} s ({m['drawn']['partners']:,} partners in {m['drawn']['markers']:,} "
            f"markers, {m['drawn']['clusters']:,} of them clusters), "
            f"script_finished seen in page {m['rerun_finished_s']:.2f} s, "
            f"{m['reruns']} rerun(s), {m['data_fetches']} data fetch(es)"
            + (f" (+{m['after_bytes']:,} B after)" if m["after_bytes"] else "")
            for m in r["moves"]))
        if r["blocked"] or r["page_errors"]:
            print(f"  blocked requests: {len(r['blocked'])}, page errors: {r['page_errors'][:3]}")
    big = [r for r in results if r["n"] == BUDGET_N]
    if big:
        sent = statistics.median(m["bytes"] for m in big[0]["moves"])
        print(f"\nBudget at N={BUDGET_N:,}: {_mb(sent)} received per year change "
              f"{'<' if sent < BUDGET_BYTES else '≥'} {_mb(BUDGET_BYTES)} → "
              f"{'met' if sent < BUDGET_BYTES else 'NOT met'}.")
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps({"cpus": os.cpu_count(), "load_before": load, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
