#!/usr/bin/env python3
"""Many viewers at once, and a save in the middle: does every one see old or new, never a mix?

    python benchmarks/load/many_viewers.py [--viewers 20] [--seconds 60] [--ws-clients 0]

Starts `streamlit run dashboard.py` on a free loopback port with `PARTNERS_CSV` pointing at a
copy of `data/` in a temporary folder, and opens `--viewers` real pages at once in one
headless Chromium (one browser context each, so one Streamlit session each; every request
that leaves 127.0.0.1 is aborted). Each viewer waits until the map has drawn its partners,
then, for `--seconds`, moves the year slider (ArrowLeft/ArrowRight on its thumb) or removes or
adds back a partnership type (a click on that type's checkbox in the sidebar, app/sidebar.py:
one box per type, keys `types_0`, `types_1`, …), waits for the rerun to finish and for the map
to draw that view, and checks what the page shows. The types a viewer has chosen are read
from the boxes: those checked, by their labels. Halfway through, a new version of the
data file is saved with `partnerships.storage.save` (one partnership added, in a new country
and with an earlier start year than any other; one renamed).

What one rerun is checked for (every indicator must name the same version, old or new):

* the sidebar: the year slider's lower bound is the earliest start year (2007 → 1995);
* the metrics: 'Partnerships' and 'Countries' equal the counts of the view in that version;
* the view in words: its count, and the renamed partner's name when it began in that year;
* the map frame: `PartnerMap.current().data.partners.id` is exactly that version's id set,
  with that version's name of the renamed partner; the data file URL the map was given
  (`static/data/<hash>/partners.json`, recorded by wrapping `PartnerMap.partners`) holds the
  same ids when fetched; the number of partners drawn equals the partners the metrics count
  in view: 'Partnerships' plus, when shown, 'Status unknown' and 'Start year unknown' (the map
  draws those hollow; app/details.py `show_counts`).

When no single version agrees with every indicator, or the drawn count is not the metric,
the rerun is a *mix*. A rerun begun (key press or
click) after the save returned that still shows the old version is *stale*. Errors are page
errors, console errors, HTTP responses >= 400, failed requests, websocket closes, Streamlit
exceptions on the page, reruns that do not finish or do not draw within the timeout, and
tracebacks in the server's log. Rerun latency is measured in the page, on its own clock: from
the key press or click (a capturing listener) to the rerun's `script_finished` message arriving
on the page's websocket (a wrapper reads the ForwardMsgs' top-level fields); then the test
also waits for `[data-test-script-state='notRunning']` and for the map to draw the view. The
server's CPU and RSS come from /proc.

`--ws-clients M` makes M of the viewers websocket clients instead of pages: they speak
Streamlit's protocol from Python (a `rerun_script` BackMsg with the slider's value and every
type checkbox's, one of them toggled to remove or add back a type; the chosen types read from
the checkboxes' protos) and check the same indicators in the ForwardMsgs of each rerun, except
the drawn count, as no map is drawn. They cost the machine almost nothing, so they show what
the server does with many sessions when the browsers do not compete for the CPU.
`--st-option NAME=VALUE` passes a Streamlit option to the server (e.g. runner.postScriptGC=false).

`--servers N` starts N app processes on the same data (viewers take turns among them), as
replicas behind a balancer with sticky sessions. `--database` keeps the data in a throwaway
PostgreSQL (tests/postgres.py, fsync on) instead of the file, and at the save two editors
save the new version from the same old one at the same moment: exactly one save must
succeed and the database must then hold two versions, else the run has an error.

Everything is bounded: `--seconds` of actions (at most `--max-actions` per viewer, each
waiting at most `--action-timeout`), then one more action for any viewer that has not yet
seen the new version, and a hard deadline for the whole run. The server is stopped and the
temporary folder removed at the end. Exit status 0 only with no errors, no mixes, no stale
reruns and every viewer having seen the new version.
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_browser import start_server, stop_server  # noqa: E402  (benchmarks/, one level up)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
SLIDER = "[data-testid='stSlider'] input[type='range']"
# The type filter: one checkbox per type; Streamlit puts a widget's key in its container's
# class (`st-key-types_0`), and the type's name is the box's label (a symbol image, then the
# name; the page is in English, where a type's label is its name).
TYPE_BOX_KEY = re.compile(r"types_\d+")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                 "--disable-backgrounding-occluded-windows"]
VIEWPORT = {"width": 1280, "height": 860}
SCRIPT_FINISHED_FIELD = 6  # ForwardMsg.script_finished (an enum; 0 = FINISHED_SUCCESSFULLY)
NEW_SESSION_FIELD = 4  # ForwardMsg.new_session: a rerun begins
# The map's data file in the component's arguments (a JS string in a JSON string: `\"…\"`).
DATA_URL = re.compile(r"[^\"\\]*/static/data/[0-9a-f]{16}/partners\.json")
LOOPBACK = re.compile(r"^(?!(https?|wss?)://127\.0\.0\.1[:/]|data:|blob:|about:)")  # what to abort

# The data change saved in the middle of the run.
ADDED = {"id": "lund", "name": "Lund Municipality", "type": "Friendship city", "city": "Lund",
         "country": "Sweden", "lat": "55.7047", "lon": "13.191", "start_year": "1995", "end_year": "",
         "description": "Added by the load test.", "url": "", "description_da": "Tilføjet af belastningstesten.",
         "milestones": "", "source": "benchmarks/load/many_viewers.py"}
RENAMED_ID = "haiyan"
RENAMED_TO = "Jiaxing Haiyan"

# Every frame (the app's and the map's): wrap PartnerMap.partners as partnermap/assets/layer.js
# defines it,
# to record the data file URL and the view of the map's latest call.
MAP_INIT = """(() => {
  let pm;
  Object.defineProperty(window, "PartnerMap", {
    configurable: true,
    get() { return pm; },
    set(value) {
      if (value && typeof value.partners === "function" && !value.__loadTest) {
        const original = value.partners;
        value.partners = function (map, group, source, view) {
          window.__pmLast = { source: typeof source === "string" ? source : null, view: view };
          window.__pmCalls = (window.__pmCalls || 0) + 1;
          return original.apply(this, arguments);
        };
        value.__loadTest = true;
      }
      pm = value;
    },
  });
})();"""
# The app's page: when an action began (capturing listeners, armed just before it), and when
# each rerun started (`new_session`) and finished (`script_finished`, with its status) as the
# page's own WebSocket received them: the ForwardMsgs' top-level fields are read, nothing more.
PAGE_INIT = """(() => {
  if (window.top !== window) return;
  const lt = window.__lt = { armed: false, act: null, msgs: [] };
  const arm = () => { if (lt.armed) { lt.act = performance.now(); lt.armed = false; } };
  document.addEventListener("keydown", arm, true);
  document.addEventListener("pointerdown", arm, true);
  function kind(b) {
    let i = 0;
    const varint = () => { let x = 0, s = 0, c; do { c = b[i++]; x += (c & 0x7f) * 2 ** s; s += 7; } while (c & 0x80 && i < b.length); return x; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { const value = varint(); if (field === %d) return "finished:" + value; }
      else if (wire === 2) { const n = varint(); if (field === %d) return "new_session"; i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return null;
    }
    return null;
  }
  const Original = window.WebSocket;
  function Watched(...args) {
    const ws = new Original(...args);
    ws.addEventListener("message", (event) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const k = kind(new Uint8Array(event.data));
      if (k) lt.msgs.push([performance.now(), k]);
    });
    return ws;
  }
  Watched.prototype = Original.prototype;
  for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Watched[name] = Original[name];
  window.WebSocket = Watched;
})();""" % (SCRIPT_FINISHED_FIELD, NEW_SESSION_FIELD)
# The rerun the armed action caused has finished successfully: times from the action (ms).
FINISHED_JS = """() => {
  const lt = window.__lt;
  if (!lt || lt.act === null) return false;
  const after = lt.msgs.filter((m) => m[0] >= lt.act);
  const done = after.find((m) => m[1] === "finished:0");
  if (!done) return false;
  const started = after.find((m) => m[1] === "new_session");
  return { finished: done[0] - lt.act, started: started ? started[0] - lt.act : null };
}"""
# How many reruns finished (any status) since the armed action.
FINISHED_COUNT_JS = """() => {
  const lt = window.__lt;
  return lt.msgs.filter((m) => m[0] >= lt.act && m[1].startsWith("finished:")).length;
}"""
# The map has drawn its latest call, and that call is the view the page shows.
MAP_DRAWN_JS = """([year, types]) => {
  const last = window.__pmLast, pm = window.PartnerMap;
  if (!last || !pm) return false;
  const now = pm.current();
  if (!now.data || now.view !== last.view || last.view.year !== year) return false;
  const names = last.view.types.map((i) => now.data.types[i].name).sort();
  return JSON.stringify(names) === JSON.stringify(types);
}"""
MAP_READ_JS = """() => {
  const last = window.__pmLast, now = window.PartnerMap.current(), p = now.data.partners;
  const at = p.id.indexOf(%s);
  return { source: last.source, ids: p.id.slice(), renamed: at >= 0 ? p.name[at] : null,
           shown: now.shown.length, year: now.view.year, calls: window.__pmCalls || 0 };
}""" % json.dumps(RENAMED_ID)
PAGE_READ_JS = """() => {
  const slider = document.querySelector(%s);
  const boxes = [];
  for (const e of document.querySelectorAll("[class*='st-key-types_']")) {
    const key = [...e.classList].map((c) => /^st-key-(types_\\d+)$/.exec(c)).find(Boolean);
    const input = e.querySelector("[data-testid='stCheckbox'] input[type='checkbox']");
    if (key && input) boxes.push({ key: key[1], index: Number(key[1].slice(6)), name: e.innerText.trim(), checked: input.checked });
  }
  boxes.sort((a, b) => a.index - b.index);
  const tags = boxes.filter((b) => b.checked).map((b) => b.name);
  const metrics = {};
  for (const m of document.querySelectorAll("[data-testid='stMetric']")) {
    const label = m.querySelector("[data-testid='stMetricLabel']"), value = m.querySelector("[data-testid='stMetricValue']");
    if (label && value) metrics[label.innerText.trim()] = value.innerText.trim();
  }
  const texts = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stMarkdownContainer']")]
    .map((e) => e.innerText.trim());
  const state = document.querySelector("[data-test-script-state]");
  return {
    min: slider ? Number(slider.min) : null, max: slider ? Number(slider.max) : null,
    value: slider ? Number(slider.value) : null, tags: tags, boxes: boxes, metrics: metrics,
    summary: texts.find((t) => /^(In|By) \\d{4},/.test(t)) || null,
    exceptions: [...document.querySelectorAll("[data-testid='stException']")].map((e) => e.innerText.slice(0, 300)),
    error_alerts: [...document.querySelectorAll("[data-testid='stAlertContentError']")].map((e) => e.innerText.slice(0, 300)),
    state: state ? state.getAttribute("data-test-script-state") : null,
  };
}""" % json.dumps(SLIDER)


# --- the two versions of the data --------------------------------------------------------------

@dataclass(frozen=True)
class Version:
    label: str
    rows: tuple[dict, ...]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r["id"] for r in self.rows)

    @property
    def renamed(self) -> str:
        return next(r["name"] for r in self.rows if r["id"] == RENAMED_ID)

    @property
    def min_year(self) -> int:
        return min(int(r["start_year"]) for r in self.rows)

    def shown(self, types: list[str], year: int) -> list[dict]:
        """The 'active in that year' rule of partnerships/filtering.py, written out again."""
        wanted = {t.casefold() for t in types}
        return [r for r in self.rows if r["type"].casefold() in wanted and int(r["start_year"]) <= year
                and (not r["end_year"] or int(r["end_year"]) >= year)]

    def counts(self, types: list[str], year: int) -> tuple[int, int]:
        """The 'Partnerships' and 'Countries' metrics: those shown whose status is known, i.e.
        not (no end year and last `confirmed` before the year), as filtering.status_unknown."""
        rows = [r for r in self.shown(types, year)
                if r.get("end_year") or not r.get("confirmed") or int(r["confirmed"]) >= year]
        return len(rows), len({r["country"] for r in rows})


def read_rows(content: bytes) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    return list(reader.fieldnames or []), list(reader)


def new_version(content: bytes) -> bytes:
    """The old file with one partnership added and one renamed, written as the app writes."""
    columns, rows = read_rows(content)
    for row in rows:
        if row["id"] == RENAMED_ID:
            row["name"] = RENAMED_TO
    rows.append({column: ADDED.get(column, "") for column in columns})
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


# --- the server --------------------------------------------------------------------------------

class ProcessSampler:
    """The server's CPU (utime + stime) and RSS from /proc, and the machine's busy share."""

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        self.pid = pid
        self.interval = interval
        self.samples: list[dict] = []
        self.ticks = os.sysconf("SC_CLK_TCK")

    def _read(self) -> dict | None:
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{self.pid}/status").read_text()
            system = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        except OSError:
            return None
        kb = {m[0]: int(m[1]) for m in re.findall(r"^(VmRSS|VmHWM|Threads):\s+(\d+)", status, re.M)}
        values = [int(v) for v in system]
        return {"t": time.monotonic(), "cpu_s": (int(fields[11]) + int(fields[12])) / self.ticks,
                "rss_mb": kb.get("VmRSS", 0) / 1024, "hwm_mb": kb.get("VmHWM", 0) / 1024,
                "threads": kb.get("Threads", 0), "sys_total": sum(values), "sys_idle": values[3] + values[4]}

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            sample = self._read()
            if sample:
                self.samples.append(sample)
            try:
                await asyncio.wait_for(stop.wait(), self.interval)
            except TimeoutError:
                pass
        sample = self._read()
        if sample:
            self.samples.append(sample)

    def summary(self, start: float, end: float) -> dict:
        inside = [s for s in self.samples if start <= s["t"] <= end]
        if len(inside) < 2:
            return {}
        cores = os.cpu_count() or 1
        rates, busy = [], []
        for a, b in zip(inside, inside[1:]):
            # per 1 s window at least, so a single 0.5 s tick does not make the peak
            rates.append((b["cpu_s"] - a["cpu_s"]) / (b["t"] - a["t"]))
            total = b["sys_total"] - a["sys_total"]
            busy.append(1 - (b["sys_idle"] - a["sys_idle"]) / total if total else 0.0)
        window = max(1, round(1.0 / self.interval))
        peaks = [statistics.mean(rates[i:i + window]) for i in range(0, max(1, len(rates) - window + 1))]
        first, last = inside[0], inside[-1]
        return {
            "cpu_avg_pct": 100 * (last["cpu_s"] - first["cpu_s"]) / (last["t"] - first["t"]),
            "cpu_peak_pct": 100 * max(peaks),
            "machine_busy_avg_pct": 100 * statistics.mean(busy),
            "rss_peak_mb": max(s["rss_mb"] for s in inside),
            "rss_start_mb": first["rss_mb"], "rss_end_mb": last["rss_mb"],
            "hwm_mb": max(s["hwm_mb"] for s in self.samples), "threads_peak": max(s["threads"] for s in inside),
            "cores": cores,
        }


# --- the viewers -------------------------------------------------------------------------------

@dataclass
class Run:
    """What all viewers share: the versions, the save, the data files seen, the errors."""

    old: Version
    new: Version
    url: str
    seconds: float
    action_timeout: float
    think: float
    max_actions: int
    urls: tuple[str, ...] = ()  # every server's; viewer i uses urls[i % len(urls)]
    save_at: float = 0.0  # monotonic, set when the phase starts
    saved_before: float | None = None  # monotonic, around storage.save
    saved_after: float | None = None
    phase_start: float = 0.0
    phase_end: float = 0.0
    closing: bool = False
    data_files: dict[str, str] = field(default_factory=dict)  # URL path → version label
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def server_for(self, index: int) -> str:
        return self.urls[index % len(self.urls)] if self.urls else self.url

    def version_of_file(self, source: str, base: str | None = None) -> str:
        """Which version a published data file holds: fetched once over loopback, from the
        server that gave the viewer its URL (each server publishes its own static/)."""
        path = urlsplit(source).path
        if path not in self.data_files:
            url = (base or self.url).rstrip("/") + path
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    ids = frozenset(json.loads(response.read())["partners"]["id"])
            except Exception as err:  # noqa: BLE001 - reported as an error
                self.errors.append(f"data file {path}: {err}")
                return "unreadable"
            self.data_files[path] = ("old" if ids == self.old.ids else "new" if ids == self.new.ids else "neither")
        return self.data_files[path]


class Viewer:
    def __init__(self, run: Run, index: int, browser, seed: int) -> None:
        self.run = run
        self.index = index
        self.browser = browser
        self.url = run.server_for(index)
        self.rng = random.Random(seed * 1000 + index)
        self.records: list[dict] = []
        self.errors: list[str] = []
        self.load_s: float | None = None
        self.removed: list[str] = []
        self.context = None
        self.page = None

    def error(self, text: str) -> None:
        if not self.run.closing:
            self.errors.append(f"viewer {self.index}: {text}")

    # -- wiring

    def _on_websocket(self, ws) -> None:
        ws.on("close", lambda _ws: self.error(f"websocket closed: {ws.url}"))
        ws.on("socketerror", lambda e: self.error(f"websocket error: {e}"))

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.error(f"console.error: {message.text[:300]} @ {message.location.get('url', '')}")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.error(f"HTTP {response.status} {response.url}")

    def _on_request_failed(self, request) -> None:
        if LOOPBACK.search(request.url) is None:  # a loopback request that failed
            self.error(f"request failed: {request.url} ({request.failure})")

    async def _route(self, route) -> None:
        self.run.blocked.append(route.request.url)
        await route.abort()

    async def open(self) -> None:
        self.context = await self.browser.new_context(viewport=VIEWPORT, service_workers="block")
        await self.context.route(LOOPBACK, self._route)
        await self.context.add_init_script(MAP_INIT)
        await self.context.add_init_script(PAGE_INIT)
        self.page = page = await self.context.new_page()
        page.on("websocket", self._on_websocket)
        page.on("console", self._on_console)
        page.on("pageerror", lambda e: self.error(f"pageerror: {str(e)[:300]}"))
        page.on("response", self._on_response)
        page.on("requestfailed", self._on_request_failed)
        started = time.monotonic()
        await page.goto(self.url, timeout=180_000)
        deadline = started + 180
        while True:  # the first run: until the sidebar is drawn, the script idle and the map drawn
            await page.wait_for_selector(f"[data-test-script-state='notRunning'] {SLIDER}", timeout=180_000)
            view = await page.evaluate(PAGE_READ_JS)
            try:
                await self._map_drawn(view, timeout_s=5)
                break
            except Exception:  # noqa: BLE001 - not yet; the view may also still change
                if time.monotonic() > deadline:
                    raise
        self.load_s = time.monotonic() - started
        await self.observe(None, started, times=None, action="load")

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()

    # -- actions

    async def _map_frame(self):
        handle = await self.page.wait_for_selector(MAP_IFRAME, timeout=self.run.action_timeout * 1000)
        return await handle.content_frame()

    async def _map_drawn(self, view: dict, timeout_s: float):
        frame = await self._map_frame()
        await frame.wait_for_function(MAP_DRAWN_JS, arg=[view["value"], sorted(view["tags"])],
                                      timeout=timeout_s * 1000, polling=25)
        return frame

    def _choose(self, view: dict) -> tuple[str, str]:
        """A year step (2 in 3) or a type removed or added back, keeping 1–2 types out at most."""
        if self.rng.random() < 2 / 3 or not view["tags"]:
            low, high = max(view["min"], 2006), view["max"]
            step = self.rng.choice(["ArrowLeft", "ArrowRight"])
            if view["value"] <= low:
                step = "ArrowRight"
            elif view["value"] >= high:
                step = "ArrowLeft"
            return "year", step
        if self.removed and (len(self.removed) >= 2 or self.rng.random() < 0.5):
            return "add", self.removed[0]
        candidates = [t for t in view["tags"] if t not in self.removed]
        if len(candidates) <= 1:
            return "add", self.removed[0]
        return "remove", self.rng.choice(candidates)

    async def _arm(self) -> None:
        await self.page.evaluate("() => { window.__lt.act = null; window.__lt.armed = true; }")

    async def act(self) -> bool:
        page, timeout_ms = self.page, self.run.action_timeout * 1000
        before = await page.evaluate(PAGE_READ_JS)
        kind, what = self._choose(before)
        if kind == "year":
            thumb = page.locator(SLIDER).first
            await thumb.focus()
            await self._arm()
            pressed = time.monotonic()
            await thumb.press(what)
        else:  # remove or add back: one click on that type's checkbox
            box = next((b for b in before["boxes"] if b["name"] == what), None)
            if box is None or box["checked"] != (kind == "remove"):
                self.error(f"{kind} {what}: no such checkbox in that state: {before['boxes']}")
                return False
            label = page.locator(f".st-key-{box['key']} [data-testid='stCheckbox'] label").first
            await label.scroll_into_view_if_needed(timeout=timeout_ms)
            await self._arm()
            pressed = time.monotonic()
            await label.click(timeout=timeout_ms)
            (self.removed.append if kind == "remove" else self.removed.remove)(what)
        try:
            handle = await page.wait_for_function(FINISHED_JS, timeout=timeout_ms, polling=10)
            times = await handle.json_value()
            await page.wait_for_selector("[data-test-script-state='notRunning']", timeout=timeout_ms)
            view = await page.evaluate(PAGE_READ_JS)
            await self._map_drawn(view, timeout_s=self.run.action_timeout)
        except Exception as err:  # noqa: BLE001 - a rerun that never finished or drew is an error
            self.error(f"{kind} {what}: rerun not finished or map not drawn: {str(err).splitlines()[0][:200]}")
            return False
        await self.observe(pressed, pressed, times=times, action=f"{kind} {what}")
        return True

    async def observe(self, pressed: float | None, t0: float, times: dict | None, action: str) -> None:
        drawn = time.monotonic()
        page = await self.page.evaluate(PAGE_READ_JS)
        msgs = await self.page.evaluate(FINISHED_COUNT_JS) if times else None
        frame = await self._map_frame()
        mapped = await frame.evaluate(MAP_READ_JS)
        file_version = (await asyncio.to_thread(self.run.version_of_file, mapped["source"], self.url)
                        if mapped["source"] else None)
        record = {"viewer": self.index, "action": action, "pressed": pressed, "observed": drawn,
                  "rerun_ms": times and times["finished"], "start_ms": times and times["started"],
                  "drawn_s": drawn - t0, "script_finished_msgs": msgs,
                  "year": page["value"], "types": sorted(page["tags"]), "min": page["min"],
                  "metrics": page["metrics"], "summary": page["summary"], "map_shown": mapped["shown"],
                  "map_ids": sorted(mapped["ids"]), "map_renamed": mapped["renamed"], "source": mapped["source"],
                  "file_version": file_version}
        for text in page["exceptions"]:
            self.error(f"Streamlit exception on the page: {text}")
        for text in page["error_alerts"]:
            self.error(f"error message on the page: {text}")
        record.update(judge(self.run, record))
        if record["mix"]:
            self.error(f"MIX after {action}: {record['indicators']}")
        self.records.append(record)

    async def loop(self) -> None:
        actions = 0
        while time.monotonic() < self.run.phase_end and actions < self.run.max_actions:
            if not await self.act():
                return  # a broken page stays broken; its error is counted
            actions += 1
            if self.run.think:
                await asyncio.sleep(self.rng.uniform(0, 2 * self.run.think))

    async def until_new(self, tries: int = 2) -> None:
        """After the phase: one more action (two at most) if this viewer has not seen the new data."""
        for _ in range(tries):
            if self.saw_new() is not None:
                return
            if not await self.act():
                return

    def saw_new(self) -> float | None:
        after = [r for r in self.records if r["version"] == "new"]
        return after[0]["observed"] if after else None


class SocketViewer:
    """A viewer without a browser: Streamlit's own websocket protocol, spoken from Python.

    It sends what the page sends (a `rerun_script` BackMsg with the widgets' values: the year
    slider's and every type checkbox's) and reads what the page would draw from the ForwardMsgs
    of each rerun: the year slider's bounds, the type checkboxes (the chosen types are those
    checked, named by their labels), the metrics, the view in words and the map component's
    arguments (the data
    file's URL, fetched once per URL to learn its ids). No map is drawn, so the drawn count is
    not checked for these viewers; everything else is, as for a page.
    """

    def __init__(self, run: Run, index: int, seed: int) -> None:
        self.run = run
        self.index = index
        self.url = run.server_for(index)
        self.rng = random.Random(seed * 1000 + index)
        self.records: list[dict] = []
        self.errors: list[str] = []
        self.load_s: float | None = None
        self.removed: list[str] = []
        self.ws = None
        self.page_hash = ""
        self.widgets: dict[str, object] = {}  # "year"/"types_0", "types_1", … → the latest element proto
        self.values: dict[str, object] = {}

    error = Viewer.error
    saw_new = Viewer.saw_new

    async def open(self) -> None:
        import websockets

        started = time.monotonic()
        url = self.url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.ws = await websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60)
        page = await self._rerun([])
        self.load_s = time.monotonic() - started
        await self._observe(page, None, started, None, "load")

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def _rerun(self, widgets: list) -> dict:
        """Send one rerun request; collect that rerun's elements until it finishes successfully."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_script_hash = self.page_hash
        back.rerun_script.widget_states.widgets.extend(widgets)
        sent = time.monotonic()
        await self.ws.send(back.SerializeToString())
        page = {"min": None, "max": None, "value": None, "tags": [], "boxes": {}, "metrics": {}, "summary": None,
                "exceptions": [], "error_alerts": [], "source": None, "started": None}
        deadline = sent + self.run.action_timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), max(0.1, deadline - time.monotonic()))
            msg = ForwardMsg.FromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
                page["started"] = time.monotonic() - sent
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    page["finished"] = time.monotonic() - sent
                    boxes = sorted(page["boxes"].items(), key=lambda kv: int(kv[0].split("_")[1]))
                    page["tags"] = [name for key, name in boxes if self.values[key]]
                    return page
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("script finished with a compile error")
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg.delta.new_element, page)

    def _element(self, element, page: dict) -> None:
        kind = element.WhichOneof("type")
        # A widget carries its value only when the script set it; else it is what the client sent.
        if kind == "slider":
            slider = self.widgets["year"] = element.slider
            if slider.set_value or "year" not in self.values:
                self.values["year"] = int((slider.value if slider.set_value else slider.default)[0])
            page.update(min=int(slider.min), max=int(slider.max), value=self.values["year"])
        elif kind == "checkbox" and TYPE_BOX_KEY.fullmatch(key := element.checkbox.id.split("-", 2)[-1]):
            box = self.widgets[key] = element.checkbox
            if box.set_value or key not in self.values:  # the app sets every box from its chosen types
                self.values[key] = bool(box.value if box.set_value else box.default)
            page["boxes"][key] = type_name(box.label)
        elif kind == "metric":
            page["metrics"][element.metric.label] = element.metric.body
        elif kind == "markdown" and re.match(r"^(In|By) \d{4},", element.markdown.body):
            page["summary"] = re.sub(r"\\(.)", r"\1", element.markdown.body)  # as rendered: no Markdown escapes
        elif kind == "component_instance" and (found := DATA_URL.search(element.component_instance.json_args)):
            page["source"] = found.group(0)
        elif kind == "exception":
            page["exceptions"].append(f"{element.exception.type}: {element.exception.message}"[:300])
        elif kind == "alert" and element.alert.format == 1:  # Alert.ERROR
            page["error_alerts"].append(element.alert.body[:300])

    def _state(self, name: str, value) -> object:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=self.widgets[name].id)
        if name == "year":
            state.double_array_value.data.append(float(value))
        else:
            state.bool_value = bool(value)
        return state

    async def act(self) -> bool:
        last = self.records[-1]
        view = {"min": last["min"], "max": last["max"], "value": last["year"], "tags": last["tags_order"]}
        kind, what = Viewer._choose(self, view)
        year = view["value"]
        boxes = {name: key for key, name in last["boxes"].items()}
        if kind == "year":
            year += 1 if what == "ArrowRight" else -1
        else:  # remove or add back: one type checkbox toggled, as a click does
            key = boxes.get(what)
            if key is None or self.values[key] != (kind == "remove"):
                self.error(f"{kind} {what}: no such checkbox in that state: {last['boxes']}")
                return False
            self.values[key] = kind == "add"
            (self.removed.append if kind == "remove" else self.removed.remove)(what)
        self.values["year"] = year
        pressed = time.monotonic()
        try:
            page = await self._rerun([self._state("year", year)]
                                     + [self._state(key, self.values[key]) for key in last["boxes"]])
        except Exception as err:  # noqa: BLE001 - a rerun that never finished is an error
            self.error(f"{kind} {what}: rerun not finished: {str(err)[:200]}")
            return False
        await self._observe(page, pressed, pressed, page, f"{kind} {what}")
        return True

    async def _observe(self, page: dict, pressed: float | None, t0: float, times: dict | None, action: str) -> None:
        observed = time.monotonic()
        source = page["source"]
        file_version, ids, renamed = None, [], None
        if source:
            file_version = await asyncio.to_thread(self.run.version_of_file, source, self.url)
            version = {"old": self.run.old, "new": self.run.new}.get(file_version)
            if version:
                ids, renamed = sorted(version.ids), version.renamed
        record = {"viewer": f"ws{self.index}", "action": action, "pressed": pressed, "observed": observed,
                  "rerun_ms": times and 1000 * times["finished"], "start_ms": times and times["started"] and 1000 * times["started"],
                  "drawn_s": observed - t0, "script_finished_msgs": 1 if times else None,
                  "year": page["value"], "types": sorted(page["tags"]), "tags_order": page["tags"],
                  "boxes": page["boxes"], "min": page["min"],
                  "max": page["max"], "metrics": page["metrics"], "summary": page["summary"], "map_shown": None,
                  "map_ids": ids, "map_renamed": renamed, "source": source, "file_version": file_version,
                  "client": "websocket"}
        for text in page["exceptions"]:
            self.error(f"Streamlit exception: {text}")
        for text in page["error_alerts"]:
            self.error(f"error message: {text}")
        record.update(judge(self.run, record))
        if record["mix"]:
            self.error(f"MIX after {action}: {record['indicators']}")
        self.records.append(record)

    loop = Viewer.loop
    until_new = Viewer.until_new


# The metrics that together count every partner in view (app/details.py `show_counts`): the map
# draws them all, those nobody confirms that late or whose start year nobody knows hollow.
IN_VIEW_METRICS = ("Partnerships", "Status unknown", "Start year unknown")


def in_view(metrics: dict) -> int | None:
    """The partners in view by the page's metrics (a metric not shown counts 0)."""
    try:
        return sum(int(metrics.get(name, "0").replace(",", "")) for name in IN_VIEW_METRICS)
    except ValueError:
        return None


def type_name(label: str) -> str:
    """A type checkbox's label as the page shows it: after the symbol (a Markdown image), the
    type's name with its Markdown escapes (partnerships/escape.py, markdown_text) undone."""
    import html

    text = re.sub(r"^!\[[^\]]*\]\([^)]*\)\s*", "", label)
    return html.unescape(re.sub(r"\\(.)", r"\1", text)).strip()


def judge(run: Run, r: dict) -> dict:
    """Which versions each indicator of one rerun is consistent with; a mix if none is common."""
    indicators: dict[str, set[str]] = {}
    for v in (run.old, run.new):
        partnerships, countries = v.counts(r["types"], r["year"])
        checks = {
            "sidebar: slider lower bound": r["min"] == v.min_year,
            "metric: Partnerships": r["metrics"].get("Partnerships") == str(partnerships),
            "metric: Countries": r["metrics"].get("Countries") == str(countries),
            "map: data ids": set(r["map_ids"]) == v.ids,
            "map: renamed partner's name": r["map_renamed"] == v.renamed,
            "map: data file": r["file_version"] == v.label,
        }
        summary = r["summary"] or ""
        claimed = re.match(rf"In {r['year']}, (\d+) partnership", summary)  # none: the sentence names no count
        checks["view in words: count"] = (int(claimed[1]) == partnerships) if claimed else not partnerships
        renamed = next(row for row in v.rows if row["id"] == RENAMED_ID)
        if renamed in v.shown(r["types"], r["year"]) and int(renamed["start_year"]) == r["year"]:
            checks["view in words: renamed name"] = f"{v.renamed} (" in summary
        for name, ok in checks.items():
            indicators.setdefault(name, set())
            if ok:
                indicators[name].add(v.label)
    common = set.intersection(*indicators.values())
    version = common.pop() if len(common) == 1 else ("either" if common else None)
    drawn_matches_metric = r["map_shown"] is None or in_view(r["metrics"]) == r["map_shown"]
    stale = (version == "old" and r["pressed"] is not None and run.saved_after is not None
             and r["pressed"] > run.saved_after)
    return {"version": version, "mix": version is None or not drawn_matches_metric, "stale": stale,
            "drawn_matches_metric": drawn_matches_metric,
            "indicators": {k: sorted(v) for k, v in indicators.items()}}


# --- the run -----------------------------------------------------------------------------------

async def save_new_version(run: Run, csv_path: Path, new_content: bytes, app_dir: Path, database: str | None) -> None:
    """As the staff page saves. With a database, two editors (one per server, say) save the new
    version from the same old one at the same moment: exactly one save may succeed."""
    await asyncio.sleep(max(0.0, run.save_at - time.monotonic()))
    if str(app_dir) not in sys.path:
        sys.path.insert(0, str(app_dir))
    if database:
        from partnerships.stores import ConflictError, open_store

        store = open_store(database)
        loaded = store.current()

        def save(who: str) -> str:
            try:
                store.save(new_content, loaded, who, "the load test's save")
            except ConflictError:
                return "refused"
            return "saved"

        run.saved_before = time.monotonic()
        outcomes = await asyncio.gather(*(asyncio.to_thread(save, f"editor {n}") for n in (1, 2)))
        run.saved_after = time.monotonic()
        versions = 1 + len(store.history())
        if sorted(outcomes) != ["refused", "saved"] or versions != 2:
            run.errors.append(f"two saves from one version: {outcomes}, {versions} versions in the database")
        print(f"  two saves from one version: {outcomes}; {versions} versions in the database",
              file=sys.stderr, flush=True)
    else:
        from partnerships import storage

        current = storage.snapshot(csv_path)
        run.saved_before = time.monotonic()
        await asyncio.to_thread(storage.save, csv_path, new_content, current.digest)
        run.saved_after = time.monotonic()
    print(f"  saved the new version at {run.saved_after - run.phase_start:.1f} s "
          f"({1000 * (run.saved_after - run.saved_before):.0f} ms)", file=sys.stderr, flush=True)


def start_database(old_content: bytes, app_dir: Path):
    """A throwaway PostgreSQL (tests/postgres.py) holding the old version; (cluster, URL)."""
    if str(app_dir) not in sys.path:
        sys.path.insert(0, str(app_dir))
    from partnerships.stores import open_store
    from tests.postgres import Cluster, binaries

    if binaries() is None:
        raise SystemExit("--database needs PostgreSQL (apt-get install postgresql)")
    cluster = Cluster(binaries())
    cluster.start(durable=True)
    url = cluster.new_database()
    open_store(url).save(old_content, None, "the load test's setup")
    return cluster, url


async def drive(args, app_dir: Path, folder: Path) -> dict:
    from playwright.async_api import async_playwright

    data = folder / "data"
    data.mkdir()
    for source in (app_dir / "data").iterdir():
        if source.is_file() and not source.name.startswith("."):
            shutil.copy2(source, data / source.name)
    csv_path = data / "partners.csv"
    old_content = csv_path.read_bytes()
    new_content = new_version(old_content)
    check = folder / "check" / "partners.csv"
    check.parent.mkdir()
    for name in os.listdir(data):
        if name != "partners.csv":
            shutil.copy2(data / name, check.parent / name)
    check.write_bytes(new_content)
    valid = subprocess.run([sys.executable, "-m", "partnerships", "validate", str(check)], cwd=app_dir,
                           capture_output=True, text=True)
    if valid.returncode != 0:
        raise SystemExit(f"the new version does not validate:\n{valid.stdout}{valid.stderr}")
    old = Version("old", tuple(read_rows(old_content)[1]))
    new = Version("new", tuple(read_rows(new_content)[1]))

    cluster, database = start_database(old_content, app_dir) if args.database else (None, None)
    if database:
        os.environ["PARTNERS_DB_URL"] = database  # start_server passes the environment on
    logs = [folder / f"streamlit-{n}.log" for n in range(args.servers)]
    servers, urls = [], []
    try:
        for log in logs:
            server, url = start_server(csv_path, log, app_dir=app_dir, options=args.st_option)
            servers.append(server)
            urls.append(url)
    except BaseException:
        for server in servers:
            stop_server(server)
        if cluster:
            cluster.remove()
        raise
    run = Run(old, new, urls[0], args.seconds, args.action_timeout, args.think, args.max_actions, tuple(urls))
    samplers = [ProcessSampler(server.pid) for server in servers]
    sampler = samplers[0]
    stop = asyncio.Event()
    sampling = [asyncio.create_task(each.run(stop)) for each in samplers]
    viewers: list[Viewer] = []
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
            try:
                pages = args.viewers - args.ws_clients
                viewers = [Viewer(run, i, browser, args.seed) for i in range(pages)]
                viewers += [SocketViewer(run, i, args.seed) for i in range(pages, args.viewers)]
                load_start = time.monotonic()
                print(f"  opening {pages} pages and {args.ws_clients} websocket clients at {', '.join(urls)} …",
                      file=sys.stderr, flush=True)
                opened = await asyncio.gather(*(v.open() for v in viewers), return_exceptions=True)
                for viewer, result in zip(viewers, opened):
                    if isinstance(result, BaseException):
                        viewer.error(f"did not load: {str(result).splitlines()[0][:200]}")
                live = [v for v, result in zip(viewers, opened) if not isinstance(result, BaseException)]
                load_end = time.monotonic()
                run.phase_start = time.monotonic()
                run.phase_end = run.phase_start + args.seconds
                run.save_at = run.phase_start + args.seconds * args.save_at
                print(f"  {len(live)} viewers loaded in {load_end - load_start:.1f} s; acting for "
                      f"{args.seconds:.0f} s …", file=sys.stderr, flush=True)
                saving = asyncio.create_task(save_new_version(run, csv_path, new_content, app_dir, database))
                await asyncio.gather(*(v.loop() for v in live))
                await saving
                phase_done = time.monotonic()
                await asyncio.gather(*(v.until_new() for v in live))
                await asyncio.sleep(1.0)  # late errors of the last reruns
                run.closing = True
            finally:
                run.closing = True
                for viewer in viewers:
                    try:
                        await viewer.close()
                    except Exception:  # noqa: BLE001
                        pass
                await browser.close()
    finally:
        stop.set()
        await asyncio.gather(*sampling)
        for server in servers:
            stop_server(server)
        if cluster:
            cluster.remove()
    server_log = "\n".join(log.read_text(errors="replace") for log in logs)
    log_errors = [line for line in server_log.splitlines() if re.search(r"Traceback|Error|Exception", line)]
    return {"run": run, "viewers": viewers, "load": (load_start, load_end), "phase_done": phase_done,
            "servers": [each.summary(run.phase_start, phase_done) for each in samplers],
            "server": sampler.summary(run.phase_start, phase_done),
            "server_load": sampler.summary(load_start, load_end), "hwm_mb": sampler.summary(0, float("inf")),
            "log_errors": log_errors, "server_log_tail": server_log[-2000:]}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def report(result: dict, args) -> tuple[str, dict, bool]:
    run: Run = result["run"]
    viewers: list = result["viewers"]
    records = [r for v in viewers for r in v.records if r["pressed"] is not None]
    loads = [r for v in viewers for r in v.records if r["pressed"] is None]
    errors = run.errors + [e for v in viewers for e in v.errors] + [f"server log: {l}" for l in result["log_errors"]]
    mixes = [r for r in records + loads if r["mix"]]
    stale = [r for r in records if r["stale"]]
    extra = [r for r in records if r["script_finished_msgs"] not in (None, 1)]
    saved = run.saved_after
    first_new = [v.saw_new() for v in viewers]
    all_new = None if saved is None or any(t is None for t in first_new) else max(first_new) - saved
    per_viewer_new = sorted(t - saved for t in first_new if t is not None and saved is not None)
    by_version = {label: sum(1 for r in records if r["version"] == label) for label in ("old", "new")}
    around = [r["rerun_ms"] for r in records if saved and r["pressed"] and saved <= r["pressed"] <= saved + 5
              and r["rerun_ms"] is not None]
    overlapping = [r for r in records if saved and r["pressed"] <= saved and r["pressed"] + r["drawn_s"] >= run.saved_before]
    server, load = result["server"], result["server_load"]
    hwm = result["hwm_mb"].get("hwm_mb")
    ok = not errors and not mixes and not stale and all_new is not None
    load_s = [v.load_s for v in viewers if v.load_s is not None]
    pages = [v for v in viewers if isinstance(v, Viewer)]
    sockets = [v for v in viewers if isinstance(v, SocketViewer)]

    def ms(values: list[float]) -> str:
        return (f"{percentile(values, .5):.0f} / {percentile(values, .95):.0f} / {max(values):.0f} ms"
                if values else "–")

    def latency_rows(group: list, name: str, finished: str) -> list[tuple[str, str]]:
        mine = [r for v in group for r in v.records if r["pressed"] is not None]
        if not group:
            return []
        loaded = [v.load_s for v in group if v.load_s is not None]
        rows = [
            (f"{name}: loaded; first load (all at once) median / max",
             f"{len(loaded)} of {len(group)}; " + (f"{statistics.median(loaded):.1f} / {max(loaded):.1f} s"
                                                   if loaded else "–")),
            (f"{name}: reruns performed", str(len(mine))),
            (f"{name}: rerun latency p50 / p95 / max ({finished})",
             ms([r["rerun_ms"] for r in mine if r["rerun_ms"] is not None])),
            (f"{name}: of which until the rerun started (new_session) p50 / p95 / max",
             ms([r["start_ms"] for r in mine if r.get("start_ms") is not None])),
        ]
        if group and isinstance(group[0], Viewer):
            rows.append((f"{name}: press → map drawn and checked p50 / p95 / max",
                         ms([1000 * r["drawn_s"] for r in mine])))
        return rows

    rows = [
        ("viewers", f"{len(pages)} Chromium pages (one context each) + {len(sockets)} websocket clients"),
        ("action phase", f"{args.seconds:.0f} s, think time 0–{2 * args.think:.2f} s, save at "
         f"{args.save_at * args.seconds:.0f} s"),
        ("reruns performed (actions verified)", f"{len(records)} ({by_version['old']} old, {by_version['new']} new)"),
        ("script_finished messages ≠ 1 per action", str(len(extra))),
        *latency_rows(pages, "pages", "press → script_finished in the page"),
        *latency_rows(sockets, "websocket clients", "request sent → script_finished received"),
        ("reruns begun in the 5 s after the save: p50 / max",
         f"{statistics.median(around):.0f} / {max(around):.0f} ms ({len(around)})" if around else "–"),
        ("errors", str(len(errors))),
        ("mixes (old and new in one rerun, or partners drawn ≠ the metrics in view)", str(len(mixes))),
        ("stale (old data on a rerun begun after the save)", str(len(stale))),
        ("reruns in flight while the file was replaced", str(len(overlapping))),
        ("time until all viewers saw the new version", f"{all_new:.2f} s after the save" if all_new is not None
         else "NOT ALL: " + ", ".join(str(v.index) for v, t in zip(viewers, first_new) if t is None)),
        ("data files served to the map", ", ".join(f"{'/'.join(Path(p).parts[-2:])} ({v})"
                                                   for p, v in run.data_files.items())),
        ("server CPU during the phase: avg / peak (1 s)", f"{server.get('cpu_avg_pct', 0):.0f} % / "
         f"{server.get('cpu_peak_pct', 0):.0f} % of one core" if server else "–"),
        ("server CPU while the viewers loaded: avg / peak", f"{load.get('cpu_avg_pct', 0):.0f} % / "
         f"{load.get('cpu_peak_pct', 0):.0f} %" if load else "–"),
        ("machine busy during the phase (all cores)", f"{server.get('machine_busy_avg_pct', 0):.0f} % of "
         f"{server.get('cores')} cores" if server else "–"),
        ("server RSS: start of phase → end; peak (VmHWM)", f"{server.get('rss_start_mb', 0):.0f} → "
         f"{server.get('rss_end_mb', 0):.0f} MB; {hwm:.0f} MB" if server and hwm else "–"),
        ("server threads, peak", str(server.get("threads_peak", "–"))),
        *[(f"server {n + 1} of {len(result['servers'])}: CPU avg / peak; RSS end",
           f"{each.get('cpu_avg_pct', 0):.0f} % / {each.get('cpu_peak_pct', 0):.0f} %; {each.get('rss_end_mb', 0):.0f} MB")
          for n, each in enumerate(result["servers"]) if len(result["servers"]) > 1],
        ("requests aborted (not loopback)", str(len(run.blocked))),
    ]
    text = ["| | |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]
    details = []
    if errors:
        details.append("Errors (first 20):\n" + "\n".join(f"  {e}" for e in errors[:20]))
    for r in mixes[:10]:
        when = f", pressed {r['pressed'] - run.saved_before:+.3f} s from the start of the save" if r["pressed"] else ""
        details.append(f"MIX viewer {r['viewer']} {r['action']}{when}, year {r['year']} types {r['types']}: "
                       f"{r['indicators']}, map drawn {r['map_shown']}, metrics {r['metrics']}")
    for r in stale[:10]:
        details.append(f"STALE viewer {r['viewer']} {r['action']}: pressed {r['pressed'] - saved:.2f} s after the save")
    if per_viewer_new:
        details.append("first new-version observation per viewer, seconds after the save: "
                       + ", ".join(f"{t:.2f}" for t in per_viewer_new))
    raw = {
        "args": vars(args), "cpus": os.cpu_count(), "records": [
            {**{k: v for k, v in r.items() if k not in ("map_ids",)},
             "pressed_from_save_s": r["pressed"] - run.saved_before if r["pressed"] and run.saved_before else None}
            for r in records + loads],
        "errors": errors, "server": server, "servers": result["servers"], "server_load": load, "hwm_mb": hwm,
        "all_new_s": all_new, "first_new_s": per_viewer_new, "load_s": load_s, "data_files": run.data_files,
        "blocked": run.blocked[:50], "saved_at_s": None if saved is None else saved - run.phase_start,
        "save_took_s": None if saved is None else saved - run.saved_before,
    }
    return "\n".join(text) + ("\n\n" + "\n".join(details) if details else ""), raw, ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--viewers", type=int, default=20)
    ap.add_argument("--ws-clients", type=int, default=0,
                    help="how many of the viewers are websocket clients instead of Chromium pages")
    ap.add_argument("--seconds", type=float, default=60.0, help="how long the viewers act")
    ap.add_argument("--save-at", type=float, default=0.5, help="when to save, as a share of --seconds")
    ap.add_argument("--think", type=float, default=0.25, help="mean pause between one viewer's actions (s)")
    ap.add_argument("--max-actions", type=int, default=500, help="per viewer")
    ap.add_argument("--action-timeout", type=float, default=60.0, help="seconds a rerun may take to finish and draw")
    ap.add_argument("--st-option", action="append", default=[], metavar="NAME=VALUE",
                    help="a Streamlit option for the server, e.g. runner.postScriptGC=false (repeatable)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--app-dir", type=Path, default=ROOT, help="the checkout to run (dashboard.py, data/)")
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--json", type=Path, help="write every rerun's record here")
    ap.add_argument("--servers", type=int, default=1, help="app processes on the same data; viewers take turns")
    ap.add_argument("--database", action="store_true",
                    help="keep the data in a throwaway PostgreSQL (the database store); two editors save at once")
    args = ap.parse_args(argv)
    if not (1 <= args.viewers <= 50 and 5 <= args.seconds <= 600 and 0 < args.save_at < 1
            and 0 <= args.ws_clients <= args.viewers and 1 <= args.servers <= 4):
        ap.error("keep it bounded: 1–50 viewers, 0 ≤ --ws-clients ≤ --viewers, 5–600 seconds, 0 < --save-at < 1, "
                 "1–4 servers")
    if not (Path(args.chromium).is_file() and os.access(args.chromium, os.X_OK)):
        ap.error(f"no Chromium at {args.chromium} (set --chromium or $CHROMIUM)")
    app_dir = args.app_dir.resolve()
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average before: {load[0]:.2f}", file=sys.stderr, flush=True)
    hard_limit = 240 + args.seconds + 3 * args.action_timeout
    with tempfile.TemporaryDirectory(prefix="load-many-viewers-") as folder:
        try:
            result = asyncio.run(asyncio.wait_for(drive(args, app_dir, Path(folder)), hard_limit))
        except TimeoutError:
            print(f"the run passed its hard limit of {hard_limit:.0f} s and was stopped", file=sys.stderr)
            return 2
    text, raw, ok = report(result, args)
    raw["load_before"] = load
    print(f"\n{args.viewers} viewers, {args.seconds:.0f} s, {os.cpu_count()} CPUs, load average before "
          f"{load[0]:.2f}\n")
    print(text)
    print("\nPASS" if ok else "\nFAIL")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(raw, indent=1, default=str))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
