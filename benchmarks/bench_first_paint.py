"""How soon a visitor sees the map, side by side with a bare Streamlit page in the same run.

For each page (a bare page with `st.title` and `st.write`, and the map page on the shipped
data) it measures, in headless Chromium on loopback:
- a first visit to a freshly started server (the server is started anew for each visit);
- warm visits: a new visitor (empty browser cache) to a server that has served the page once;
- what is sent: every response body as it crossed the wire (compressed where the server
  compresses), the map's own files apart (scripts, styles, basemap, data under /app/static/),
  and the websocket messages.
"Shown" is the moment the page says so: the bare page's text is in the document; the map's
partner layer reports every partner of the view drawn. Medians of `--visits` (default 5).

    python benchmarks/bench_first_paint.py [--visits 5] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.bench_browser import start_server, stays_local, stop_server  # noqa: E402
from partnerships.settings import DEFAULT_PARTNERS_CSV, ROOT  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
BARE_TEXT = "Bare page drawn"
BARE_SCRIPT = f'import streamlit as st\n\nst.title("A bare page")\nst.write("{BARE_TEXT}")\n'
SHIPPED_PARTNERS = 7
# The map page is shown when its partner layer has drawn the partners of the first view.
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MAP_DRAWN_JS = "(n) => !!(window.PartnerMap && PartnerMap.current().draws > 0 && PartnerMap.current().shown.length >= n)"
TIMEOUT_S = 120


class Sent:
    """Bytes on the wire for one visit: HTTP bodies as sent (CDP encodedDataLength) and
    websocket messages."""

    def __init__(self, page) -> None:
        self.bodies: dict[str, int] = {}
        self.urls: dict[str, str] = {}
        self.websocket = 0
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.responseReceived", lambda e: self.urls.__setitem__(e["requestId"], e["response"]["url"]))
        session.on("Network.loadingFinished",
                   lambda e: self.bodies.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        self.websocket += len(payload)

    def totals(self) -> dict:
        own = sum(size for request, size in self.bodies.items() if "/app/static/" in self.urls.get(request, ""))
        http = sum(self.bodies.values())
        return {"http": http, "map_files": own, "websocket": self.websocket, "total": http + self.websocket}


def visit(browser, url: str, page_kind: str) -> dict:
    """One new visitor: a fresh context (empty cache), the internet cut, time until shown."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route("**/*", lambda route: route.continue_() if stays_local(route.request.url) else route.abort())
    page = context.new_page()
    sent = Sent(page)
    started = time.perf_counter()
    page.goto(url)
    if page_kind == "bare":
        page.wait_for_function(f"() => document.body.innerText.includes({json.dumps(BARE_TEXT)})",
                               timeout=TIMEOUT_S * 1000, polling="raf")
    else:
        frame = page.wait_for_selector(MAP_FRAME, timeout=TIMEOUT_S * 1000).content_frame()
        frame.wait_for_function(MAP_DRAWN_JS, arg=SHIPPED_PARTNERS, timeout=TIMEOUT_S * 1000, polling="raf")
    shown = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    result = {"seconds": shown, **sent.totals()}
    context.close()
    return result


def serve(page_kind: str, folder: Path) -> tuple:
    log = folder / f"{page_kind}.log"
    if page_kind == "bare":
        (folder / "bare.py").write_text(BARE_SCRIPT)
        return start_server(DEFAULT_PARTNERS_CSV, log, script=str(folder / "bare.py"))
    return start_server(DEFAULT_PARTNERS_CSV, log, script="dashboard.py", app_dir=ROOT)


def measure(page_kind: str, visits: int, browser, folder: Path) -> dict:
    first = []
    for _ in range(visits):
        server, url = serve(page_kind, folder)
        try:
            first.append(visit(browser, url, page_kind))
        finally:
            stop_server(server)
    server, url = serve(page_kind, folder)
    try:
        visit(browser, url, page_kind)  # the server's first visitor warms its caches
        warm = [visit(browser, url, page_kind) for _ in range(visits)]
    finally:
        stop_server(server)
    return {"first": first, "warm": warm}


def median(visits: list[dict], key: str) -> float:
    return statistics.median(v[key] for v in visits)


def table(results: dict) -> str:
    bare, ours = results["bare"], results["map"]
    rows = ["| | bare page | map page | map ÷ bare | target |", "|---|---|---|---|---|"]
    for when, target in (("warm", 1.5), ("first", 3.0)):
        b, m = median(bare[when], "seconds"), median(ours[when], "seconds")
        spread = f"{min(v['seconds'] for v in ours[when]):.2f}–{max(v['seconds'] for v in ours[when]):.2f}"
        rows.append(f"| {when} visit, shown (median, map range {spread} s) | {b:.2f} s | {m:.2f} s | "
                    f"{m / b:.2f}× | ≤ {target}× |")
    warm = ours["warm"]
    rows.append(f"| the map's own files as sent | – | {median(warm, 'map_files') / 1e3:.0f} kB | | < 400 kB |")
    rows.append(f"| whole first page as sent (HTTP + websocket) | {median(bare['warm'], 'total') / 1e6:.2f} MB | "
                f"{median(warm, 'total') / 1e6:.2f} MB | | < 3 MB |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for page_kind in ("bare", "map"):
                results[page_kind] = measure(page_kind, args.visits, browser, Path(tmp))
        finally:
            browser.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
