"""How soon a visitor sees the map, side by side with a bare Streamlit page in the same run.

For each page it measures, in headless Chromium on loopback:
- a first visit to a freshly started server (the server is started anew for each visit);
- warm visits: a new visitor (empty browser cache) to a server that has served the page once;
- what is sent: every response body as it crossed the wire (compressed where the server
  compresses), the map's own files apart (scripts, styles, basemap, data under /app/static/),
  and the websocket messages.
"Shown" is the moment the page says so. Medians of `--visits` (default 5). The pages:
- bare: `st.title` and `st.write`; shown when the text is in the document;
- map: the app's map page on the shipped data; shown when the partner layer has drawn every
  partner of the view;
- floor (`--floor`): what Streamlit and streamlit-folium cost before any of the map's own work:
  the map page's frame of Streamlit elements with nothing of ours (the same kinds of widgets in
  the sidebar, two pages in the navigation, a title, a metric) and `st_folium` of an empty
  folium map with no layer, its Leaflet served beside the page as the app serves its own;
  shown when Leaflet has made the map in streamlit-folium's frame.

    python benchmarks/bench_first_paint.py [--visits 5] [--floor] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.bench_browser import start_server, stays_local, stop_server  # noqa: E402
from partnermap.publish import LEAFLET_DIR  # noqa: E402
from partnerships.settings import DEFAULT_PARTNERS_CSV, ROOT  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
BARE_TEXT = "Bare page drawn"
BARE_SCRIPT = f'import streamlit as st\n\nst.title("A bare page")\nst.write("{BARE_TEXT}")\n'
SHIPPED_PARTNERS = 7
# The map page is shown when its partner layer has drawn the partners of the first view.
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MAP_DRAWN_JS = "(n) => !!(window.PartnerMap && PartnerMap.current().draws > 0 && PartnerMap.current().shown.length >= n)"
TIMEOUT_S = 120
FLOOR_SCRIPT = """import folium
import streamlit as st
from streamlit_folium import st_folium

st.set_page_config(page_title="Floor", page_icon="🌍", layout="wide")
with st.sidebar:
    st.radio("Language", ["English", "Dansk", "Deutsch"], horizontal=True, key="lang")
    st.header("Filters")
    st.markdown(":small[Partnership types]")
    st.html("<style>.st-key-t0 label p::before {content: '*';}</style>")
    for k in range(6):
        st.checkbox(f"Type {k}", value=True, key=f"t{k}")
    row = st.container(horizontal=True, gap="small")
    row.button("All", type="tertiary", disabled=True)
    row.button("None", type="tertiary")
    st.slider("Year", 2007, 2026, 2026, key="year")
    st.radio("Show", ["Active in that year", "All begun by that year"], key="mode")
    st.divider()
    st.link_button("Present full screen", "?mode=present", icon=":material/slideshow:", width="stretch")
    st.download_button("Download the map as one file", b"<html></html>", file_name="map.html",
                       icon=":material/download:", width="stretch", on_click="ignore")


def empty_map():
    fmap = folium.Map(location=(35, 20), zoom_start=2, tiles=None)
    fmap.default_js = [("leaflet", "/app/static/leaflet.js")]  # served beside this page, as the app's own
    fmap.default_css = [("leaflet_css", "/app/static/leaflet.css")]
    return fmap


def map_page():
    st.title("Floor page")
    st.caption("The map page's frame with nothing of the map's own")
    left, right = st.columns([4, 1], gap="medium")
    with left:
        st_folium(empty_map(), key="map", height=560, width="stretch", returned_objects=[])
    with right:
        st.metric("Partnerships", 7)


st.navigation([st.Page(map_page, title="Map", icon=":material/map:", url_path="map", default=True),
               st.Page(lambda: st.write("Partners"), title="Partners", icon=":material/table_rows:",
                       url_path="partners")]).run()
"""
FOLIUM_MAP_JS = "() => !!document.querySelector('#map_div.leaflet-container')"


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
    elif page_kind == "floor":
        frame = page.wait_for_selector(MAP_FRAME, timeout=TIMEOUT_S * 1000).content_frame()
        frame.wait_for_function(FOLIUM_MAP_JS, timeout=TIMEOUT_S * 1000, polling="raf")
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
    if page_kind == "floor":
        (folder / "floor.py").write_text(FLOOR_SCRIPT)
        (folder / "static").mkdir(exist_ok=True)
        for name in ("leaflet.js", "leaflet.css"):
            shutil.copyfile(LEAFLET_DIR / name, folder / "static" / name)
        return start_server(DEFAULT_PARTNERS_CSV, log, script=str(folder / "floor.py"))
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
    if "floor" in results:
        floor = results["floor"]
        rows += ["", "| | bare page | floor page | map page | floor ÷ bare | map ÷ floor |", "|---|---|---|---|---|---|"]
        for when in ("warm", "first"):
            b, f, m = (median(results[kind][when], "seconds") for kind in ("bare", "floor", "map"))
            rows.append(f"| {when} visit, shown (median) | {b:.2f} s | {f:.2f} s | {m:.2f} s | {f / b:.2f}× | {m / f:.2f}× |")
        rows.append(f"| whole first page as sent, warm | {median(bare['warm'], 'total') / 1e6:.2f} MB | "
                    f"{median(floor['warm'], 'total') / 1e6:.2f} MB | {median(warm, 'total') / 1e6:.2f} MB | | |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--floor", action="store_true", help="also the floor page: Streamlit and streamlit-folium alone")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for page_kind in ("bare", "floor", "map") if args.floor else ("bare", "map"):
                results[page_kind] = measure(page_kind, args.visits, browser, Path(tmp))
        finally:
            browser.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
