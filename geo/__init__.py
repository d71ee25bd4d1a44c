"""Geography, pure: countries and their names, the offline gazetteer, country borders, great
circles, continents. It imports nothing else of the project; everything else may import it.
"""
from pathlib import Path

# Natural Earth countries (see data/SOURCE.md): drawn as the basemap, and the borders that
# coordinates are checked against, so a warning agrees with what staff see.
COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "countries.geojson"
