"""Geography for the partnership map: countries, arcs, the basemap and the folium map."""
