"""The map: the folium elements, the files published for the browser, the standalone export,
and its JavaScript (assets/). Built on the domain (partnerships) and geography (geo).
"""
