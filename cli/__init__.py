"""The command line (`python -m partnerships …`): validate, export-map and the database commands,
above the domain and the map, as the Streamlit app is."""
