"""One table of cases for each rule the browser applies on Python's behalf.

Each case runs through the Python function that owns the rule (tests/test_mapbuilder.py) and
through its browser side in `partnermap/assets/rules.js`, loaded alone into a blank page
(tests/browser/test_rules.py): both must give the answer written here.
"""
from __future__ import annotations

# --- which partners a view shows: partnerships/filtering.py in_view, rules.js inView ----------

TYPES = ("Friendship city", "Climate network", "Research partnership")

# (id, type, start_year, end_year); None is an empty cell.
PARTNERS = (
    ("running", "Friendship city", 2000, None),  # no end year
    ("ends-2010", "Friendship city", 2000, 2010),  # ends in the year itself
    ("ended-2009", "Friendship city", 2000, 2009),  # ended before the year
    ("ends-2015", "Friendship city", 2000, 2015),  # ends after the year
    ("starts-2011", "Friendship city", 2011, None),  # starts after the year
    ("starts-2010", "Friendship city", 2010, 2010),  # starts and ends in the year
    ("climate", "Climate network", 2005, None),  # a type not always chosen
    ("climate-ended", "Climate network", 2001, 2003),
    ("research", "Research partnership", 1990, 1995),
    ("unknown-start", "Friendship city", None, None),  # an unknown start: shown in every year, marked
)

# (case id, chosen types, year, mode, ids shown, in the order of PARTNERS)
VIEWS = (
    ("active-2010", TYPES, 2010, "active",
     ["running", "ends-2010", "ends-2015", "starts-2010", "climate", "unknown-start"]),
    ("begun-2010", TYPES, 2010, "begun",
     ["running", "ends-2010", "ended-2009", "ends-2015", "starts-2010", "climate", "climate-ended", "research",
      "unknown-start"]),
    ("active-2010-one-type", ("Friendship city",), 2010, "active",
     ["running", "ends-2010", "ends-2015", "starts-2010", "unknown-start"]),
    ("begun-2010-other-types", ("Climate network", "Research partnership"), 2010, "begun",
     ["climate", "climate-ended", "research"]),
    ("active-2011", TYPES, 2011, "active", ["running", "ends-2015", "starts-2011", "climate", "unknown-start"]),
    ("begun-2011", TYPES, 2011, "begun",
     ["running", "ends-2010", "ended-2009", "ends-2015", "starts-2011", "starts-2010", "climate", "climate-ended",
      "research", "unknown-start"]),
    ("active-1995", TYPES, 1995, "active", ["research", "unknown-start"]),
    ("active-1994-before-everything-but-one", TYPES, 1994, "active", ["research", "unknown-start"]),
    ("active-1989-before-everything", TYPES, 1989, "active", ["unknown-start"]),
    ("active-2003-ends-that-year", ("Climate network",), 2003, "active", ["climate-ended"]),
    ("active-2004-ended-last-year", ("Climate network",), 2004, "active", []),
    ("no-type-chosen", (), 2010, "begun", []),
)

# --- what nobody confirms: filtering.status_unknown and a missing start, rules.js doubt ---------

# (case id, start, end, confirmed, year, the doubt: "" | "year" | "status")
DOUBTS = (
    ("confirmed-that-year", 2007, None, 2014, 2014, ""),
    ("after-the-confirmed-year", 2007, None, 2014, 2015, "status"),
    ("ended-says-enough", 2007, 2020, 2014, 2018, ""),
    ("nothing-confirmed-given", 2007, None, None, 2030, ""),
    ("start-unknown", None, None, None, 2010, "year"),
    ("start-unknown-and-unconfirmed", None, None, 2014, 2020, "year"),
)

# --- safe links: partnerships/escape.py safe_url, rules.js safeUrl ---------------------------

# (case id, the cell as written, the link to follow or None)
URLS = (
    ("https", "https://example.org/path?q=1#top", "https://example.org/path?q=1#top"),
    ("http", "http://example.org", "http://example.org"),
    ("host-kept-as-written", "HTTPS://Example.ORG/A", "HTTPS://Example.ORG/A"),
    ("port-and-user", "https://user@example.org:8443/x", "https://user@example.org:8443/x"),
    ("trimmed", "  https://example.org/  ", "https://example.org/"),
    ("markup-in-the-path", 'https://example.org/"><img/src=x/onerror=alert(1)>',
     'https://example.org/"><img/src=x/onerror=alert(1)>'),
    ("javascript", "javascript:alert(1)", None),
    ("javascript-mixed-case", "JaVaScRiPt:alert(1)", None),
    ("javascript-with-slashes", "javascript://example.org/%0Aalert(1)", None),
    ("data", "data:text/html,<script>alert(1)</script>", None),
    ("vbscript", "vbscript:msgbox(1)", None),
    ("relative", "/partners/baoding", None),
    ("relative-word", "example.org", None),
    ("scheme-relative", "//example.org/x", None),
    ("no-host", "https:///path", None),
    ("only-scheme", "https://", None),
    ("space-inside", "https://example.org/a b", None),
    ("tab-inside", "https://exa\tmple.org", None),
    ("newline-inside", "https://example.org/\nx", None),
    ("no-break-space-inside", "https://example.org/\u00a0x", None),
    ("backslashes", "https:\\\\example.org", None),
    ("ftp", "ftp://example.org/file", None),
    ("mailto", "mailto:someone@example.org", None),
    ("byte-order-mark-first", "\ufeffhttps://example.org", None),
    ("control-character-first", "\x01https://example.org", None),
    ("white-space-python-strips", "\x1chttps://example.org\n", "https://example.org"),
    ("empty", "", None),
    ("none", None, None),
)

# --- great circles: geo/arcs.py great_circle, rules.js greatCircle ---------------------------

SONDERBORG = (54.9138, 9.7922)
# (case id, the partner's (lat, lon)); the arc runs from Sønderborg
ARC_ENDS = (
    ("flensburg", (54.7819, 9.4367)),
    ("baoding", (38.874, 115.4646)),
    ("new-york", (40.7128, -74.006)),
    ("tonga", (-21.1, -175.2)),
    ("sydney", (-33.8688, 151.2093)),
    ("near-antipode", (-53.5, -168.0)),
    ("home", SONDERBORG),
)
