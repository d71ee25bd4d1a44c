"""The BASELINE for benchmarks/run_all.py: a deliberately naive map page. Not the app.

    PARTNERS_CSV=/tmp/partners-1000.csv streamlit run benchmarks/naive/dashboard.py

The obvious way to put partners on a folium map in Streamlit, kept as the thing the real
app (dashboard.py) is measured against:

* the same data: the file in PARTNERS_CSV, parsed and validated by the app's own
  `partnerships.loading.load_partners` (so both see the same rows); the same filter rule
  (`partnerships.filtering.filter_partners`);
* the same sidebar widgets with the same keys (one checkbox per type, `types_0`,
  `types_1`, … in the types file's order, as app/sidebar.py draws them; `year` slider,
  `year_mode` radio) and a metric with the number in view, so the same benchmark drivers
  can move them;
* on EVERY run, a new `folium.Map` with one `folium.Marker` (popup and tooltip) and one
  `folium.PolyLine` (the great circle from home, `geo.arcs.great_circle`) per partner in
  view, handed whole to `st_folium`: no `feature_group_to_add`, no cached map, no caching
  of the file either. (The key is fixed, but streamlit-folium keys its component on the
  map's script, so every change re-mounts the map in a new frame.)

Two concessions so that it works at all in the benchmark's offline browser, both of which
make it cheaper than a truly naive page, never dearer: of folium's CDN scripts only Leaflet
and jQuery (folium's popups need it) are kept, copied from the XStatic packages into
`benchmarks/naive/static/` (Streamlit serves the `static/` folder beside the main script at
/app/static/), with one line that tells Leaflet where its marker images are; Bootstrap and
Font Awesome are left out. And there is no basemap (tiles=None; the app draws a country
basemap).
"""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `streamlit run` and AppTest put only this folder on the path
    sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
import xstatic.pkg.jquery as xstatic_jquery  # noqa: E402
import xstatic.pkg.leaflet as xstatic_leaflet  # noqa: E402
from branca.element import MacroElement  # noqa: E402
from jinja2 import Template  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from geo.arcs import great_circle  # noqa: E402
from partnerships import settings  # noqa: E402
from partnerships.filtering import View, YearMode, filter_partners, year_range  # noqa: E402
from partnerships.loading import load_partners  # noqa: E402

STATIC = Path(__file__).resolve().parent / "static"
for name, source in {"leaflet": Path(xstatic_leaflet.BASE_DIR),
                     "jquery.min.js": Path(xstatic_jquery.BASE_DIR) / "jquery.min.js"}.items():
    if not (STATIC / name).exists():
        (shutil.copytree if source.is_dir() else shutil.copy)(source, STATIC / name)
base = f"/{st.get_option('server.baseUrlPath').strip('/')}/app/static/".replace("//", "/")

st.set_page_config(page_title="Partnerships (naive baseline)", layout="wide")
dataset = load_partners(settings.partners_csv_path())  # read and validated on every run
if dataset.fatal:
    st.error(dataset.fatal)
    st.stop()
partners, names = dataset.partners, dataset.vocabulary.names
home = settings.home() if hasattr(settings, "home") else settings.HOME  # home.toml, or the older constant
low, high = year_range(partners, settings.current_year())
low = min(low, high - 1)

with st.sidebar:
    st.caption("Types")
    types = [name for i, name in enumerate(names) if st.checkbox(name, value=True, key=f"types_{i}")]
    year = st.slider("Year", min_value=low, max_value=high, value=high, key="year")
    mode = st.radio("Show", [m.value for m in YearMode], key="year_mode")
shown = filter_partners(partners, View(tuple(types), year, YearMode(mode)))
st.title("Partnerships (naive baseline)")
st.metric("Partnerships in view", len(shown))

fmap = folium.Map(location=(35, 20), zoom_start=2, tiles=None)
fmap.default_js = [("leaflet", f"{base}leaflet/leaflet.js"), ("jquery", f"{base}jquery.min.js")]  # not the CDNs
fmap.default_css = [("leaflet_css", f"{base}leaflet/leaflet.css")]
icons = MacroElement()  # Leaflet guesses its marker images' folder from leaflet.css, which may come later
icons._template = Template("{% macro script(this, kwargs) %}L.Icon.Default.imagePath = "
                           f"'{base}leaflet/images/';{{% endmacro %}}")
icons.add_to(fmap)
for row in shown.itertuples(index=False):
    when = f"since {row.start_year}" if pd.isna(row.end_year) else f"{row.start_year}–{row.end_year}"
    folium.PolyLine(great_circle(home.lat, home.lon, row.lat, row.lon).tolist(), weight=2, opacity=0.75).add_to(fmap)
    folium.Marker((row.lat, row.lon), tooltip=row.name,
                  popup=folium.Popup(f"<b>{row.name}</b><br>{row.type}<br>{row.city}, {row.country_name}<br>"
                                     f"{when}<br>{row.description}", max_width=320)).add_to(fmap)
st_folium(fmap, key="naive_map", returned_objects=[], use_container_width=True, height=560)
