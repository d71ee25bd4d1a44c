"""Sønderborg's international partnerships: the data domain, free of Streamlit."""
