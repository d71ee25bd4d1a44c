"""The Streamlit layer: with the page scripts in views/, the only code that imports streamlit.

One module per concern: state (session keys, the view, the URL), data (cached loading),
page (the parts every page shares), sidebar, map, details (a partner's), partners (the
table and profiles), staff (the password) and manage (the staff page). Pages call these
and stay thin; every decision lives in plain functions in partnerships/.
"""
