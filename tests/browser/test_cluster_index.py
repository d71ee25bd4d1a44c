"""The crowded map's cluster index (partnermap/assets/clusterindex.js), loaded alone into a
blank page, with no Leaflet: its clusters against a plain clustering written here the slow
way (every pair of items compared), and what it reads of a view against the members it names.
"""
from __future__ import annotations

import math
import random

import pytest

from partnermap.publish import SOURCES
from tests.browser.conftest import script_alone

INDEX = SOURCES["map/clusterindex.js"]
RADIUS = 80
MAX_ZOOM = 14
TILE = 256


@pytest.fixture(scope="module")
def index_page(chromium_browser):
    with script_alone(chromium_browser, INDEX, "cluster index") as page:
        yield page


def partners(n: int, seed: int) -> tuple[list[float], list[float]]:
    """Towns in a few crowded regions, some sharing one place, some across the antimeridian
    (longitudes past 180, as markers near home's longitude are placed), a few far apart."""
    chance = random.Random(seed)
    centres = [(54.9, 9.8), (52.5, 13.4), (35.7, 139.7), (-33.9, 151.2), (64.1, -21.9)]
    lat, lon = [], []
    for _ in range(n):
        kind = chance.random()
        if kind < 0.1 and lat:  # the same place as an earlier partner
            j = chance.randrange(len(lat))
            lat.append(lat[j])
            lon.append(lon[j])
        elif kind < 0.85:
            c = chance.choice(centres)
            spread = chance.choice([0.01, 0.3, 3.0])
            lat.append(max(-80.0, min(80.0, c[0] + chance.gauss(0, spread))))
            lon.append(c[1] + chance.gauss(0, spread))
        else:
            lat.append(chance.uniform(-70, 75))
            lon.append(chance.uniform(-170, 189))
    return lat, lon


BUILD_JS = """
    ([lat, lon, options]) => {
      const index = new PartnerClusterIndex(lat, lon, options);
      window.index = index;
      const levels = {};
      for (let z = index.minZoom; z <= index.maxZoom; z++) {
        const level = index.levels[z];
        levels[z] = { x: Array.from(level.x), y: Array.from(level.y), count: Array.from(level.count),
                      start: Array.from(level.start), parent: level.parent ? Array.from(level.parent) : null };
      }
      return { x: Array.from(index.points.x), y: Array.from(index.points.y), parent: Array.from(index.points.parent),
               order: Array.from(index.order), levels };
    }
"""


def slow_clusters(x: list[float], y: list[float], weight: list[int], r: float):
    """One zoom's greedy clustering, every pair compared: each item not yet taken, in order,
    takes every other not yet taken within r of it. Returns (parent of each item, centres, weights)."""
    parent = [-1] * len(x)
    cx, cy, cw = [], [], []
    for k in range(len(x)):
        if parent[k] >= 0:
            continue
        parent[k] = len(cw)
        w, sx, sy = weight[k], x[k] * weight[k], y[k] * weight[k]
        for j in range(len(x)):
            if parent[j] >= 0:
                continue
            dx, dy = x[j] - x[k], y[j] - y[k]
            if dx * dx + dy * dy <= r * r:
                parent[j] = len(cw)
                w, sx, sy = w + weight[j], sx + x[j] * weight[j], sy + y[j] * weight[j]
        cx.append(sx / w)
        cy.append(sy / w)
        cw.append(w)
    return parent, cx, cy, cw


@pytest.fixture(scope="module")
def built(index_page):
    lat, lon = partners(600, seed=3)
    return lat, lon, index_page.evaluate(BUILD_JS, [lat, lon, {"radius": RADIUS, "minZoom": 0, "maxZoom": MAX_ZOOM}])


def test_positions_are_web_mercator(built):
    lat, lon, index = built
    for k in range(0, len(lat), 37):
        assert index["x"][k] == pytest.approx(lon[k] / 360 + 0.5, abs=1e-12)
        s = math.sin(math.radians(lat[k]))
        assert index["y"][k] == pytest.approx(0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi), abs=1e-12)


def test_every_zoom_clusters_as_the_slow_way_does(built):
    _, _, index = built
    x, y, weight, parent = index["x"], index["y"], [1] * len(index["x"]), index["parent"]
    merged_at = []
    for z in range(MAX_ZOOM, -1, -1):
        expected, cx, cy, cw = slow_clusters(x, y, weight, RADIUS / (TILE * 2 ** z))
        level = index["levels"][str(z)]
        assert parent == expected, f"zoom {z}: another partition than the slow way's"
        assert level["count"] == cw
        assert level["x"] == pytest.approx(cx, abs=1e-12) and level["y"] == pytest.approx(cy, abs=1e-12)
        merged_at.append(len(cw) < len(x))
        x, y, weight, parent = level["x"], level["y"], level["count"], level["parent"]
    assert all(merged_at), "a zoom where nothing merged: the data tests too little"
    assert len(x) < 10, "the world view should hold a handful of clusters"


def test_each_cluster_is_one_range_of_the_order_and_clusters_nest(built):
    _, _, index = built
    n = len(index["order"])
    assert sorted(index["order"]) == list(range(n))
    position = {i: q for q, i in enumerate(index["order"])}
    # The points' cluster at each zoom, walking up the parents.
    at = list(index["parent"])  # cluster at MAX_ZOOM of each point
    for z in range(MAX_ZOOM, -1, -1):
        level = index["levels"][str(z)]
        members: dict[int, list[int]] = {}
        for i, k in enumerate(at):
            members.setdefault(k, []).append(position[i])
        assert sorted(members) == list(range(len(level["count"])))
        for k, places in members.items():
            start, count = level["start"][k], level["count"][k]
            assert sorted(places) == list(range(start, start + count)), f"zoom {z}, cluster {k}: not one range"
        if z > 0:
            at = [level["parent"][k] for k in at]


QUERY_JS = """
    ([zoom, box, shown, types]) => {
      const flags = new Uint8Array(shown), found = index.query(zoom, box[0], box[1], box[2], box[3], flags, types);
      return { level: found.level, singles: found.singles, clusters: found.clusters.map((c) => ({
        key: c.key, level: c.level, k: c.k, count: c.count, lat: c.lat, lon: c.lon, type: c.type,
        members: index.members(c.level, c.k, flags) })) };
    }
"""


@pytest.mark.parametrize("zoom", [0.5, 2, 4.25, 7, 11, 14, 16])
def test_a_query_reads_each_cluster_for_the_partners_of_a_view(index_page, built, zoom):
    lat, _, index = built
    chance = random.Random(zoom)
    shown = [1 if chance.random() < 0.6 else 0 for _ in lat]
    types = [chance.choice([0, 0, 0, 1, 2]) for _ in lat]
    world = [-400, -85, 400, 85]
    found = index_page.evaluate(QUERY_JS, [zoom, world, shown, types])
    assert found["level"] == max(0, min(MAX_ZOOM, math.floor(zoom + 0.5)))  # as Math.round
    drawn = found["singles"] + [i for c in found["clusters"] for i in c["members"]]
    assert sorted(drawn) == [i for i, flag in enumerate(shown) if flag], "each partner in view drawn once"
    for c in found["clusters"]:
        members = c["members"]
        assert c["count"] == len(members) >= 2 and c["key"] == f"{c['level']}:{c['k']}"
        mean_x = sum(index["x"][i] for i in members) / len(members)
        assert c["lon"] == pytest.approx((mean_x - 0.5) * 360, abs=1e-9)
        mean_y = sum(index["y"][i] for i in members) / len(members)
        assert c["lat"] == pytest.approx(math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * mean_y)))), abs=1e-9)
        member_types = {types[i] for i in members}
        assert c["type"] == (member_types.pop() if len(member_types) == 1 else -1)


def test_a_query_finds_every_cluster_with_a_partner_in_its_box(index_page, built):
    _, _, index = built
    shown = [1] * len(index["x"])
    box = [5.0, 50.0, 16.0, 57.0]  # west, south, east, north: Denmark and north Germany
    found = index_page.evaluate(QUERY_JS, [6, box, shown, None])
    level, order, xs, ys = index["levels"]["6"], index["order"], index["x"], index["y"]
    x0, x1 = box[0] / 360 + 0.5, box[2] / 360 + 0.5

    def y_of(lat: float) -> float:
        s = math.sin(math.radians(lat))
        return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)

    def in_box(i: int) -> bool:
        return x0 <= xs[i] <= x1 and y_of(box[3]) <= ys[i] <= y_of(box[1])

    inside = {k for k in range(len(level["x"]))
              if any(in_box(i) for i in order[level["start"][k]:level["start"][k] + level["count"][k]])}
    assert {c["k"] for c in found["clusters"]} <= inside
    assert all(in_box(i) for i in found["singles"])
    assert len(found["clusters"]) + len(found["singles"]) == len(inside) > 3  # all shown: every item drawn


def test_a_partner_in_the_box_is_found_though_hidden_neighbours_pull_its_cluster_away(index_page):
    """A partner shown alone, with thousands of hidden partners a cluster's reach to its east:
    their cluster's centre lies far outside a small box around the partner, which still finds it."""
    lat = [54.9] + [54.9] * 3000
    lon = [9.8] + [9.8 + 0.2 + 0.0001 * (k % 7) for k in range(3000)]
    found = index_page.evaluate("""([lat, lon]) => {
      const index = new PartnerClusterIndex(lat, lon, { radius: 80, maxZoom: 14 });
      const shown = new Uint8Array(lat.length); shown[0] = 1;
      const level = 8, k = index.clusterOf(level, 0);
      const centre = (index.levels[level].x[k] - 0.5) * 360;
      return { together: index.levels[level].count[k], centre,
               query: index.query(level, 9.7, 54.85, 9.9, 54.95, shown, null) };
    }""", [lat, lon])
    assert found["together"] > 1000 and found["centre"] > 9.9, "the setting: a cluster centred outside the box"
    assert found["query"]["singles"] == [0] and found["query"]["clusters"] == []


ALONE_JS = """
    ([i, from, shown]) => index.aloneFrom(i, from, new Uint8Array(shown))
"""


def test_a_partner_stands_alone_from_the_first_zoom_its_cluster_shows_it_alone(index_page, built):
    lat, lon, _ = built
    shown = [1] * len(lat)
    places: dict[tuple[float, float], list[int]] = {}
    for i, place in enumerate(zip(lat, lon)):
        places.setdefault(place, []).append(i)
    alone = next(members[0] for members in places.values() if len(members) == 1)
    together = next(members[0] for members in places.values() if len(members) > 1)
    assert index_page.evaluate(ALONE_JS, [together, 0, shown]) is None  # partners in one place never part
    zoom = index_page.evaluate(ALONE_JS, [alone, 0, shown])
    assert zoom is not None
    found = index_page.evaluate(QUERY_JS, [zoom, [-400, -85, 400, 85], shown, None])
    assert alone in found["singles"]
    if zoom > 0:
        before = index_page.evaluate(QUERY_JS, [zoom - 1, [-400, -85, 400, 85], shown, None])
        assert alone not in before["singles"]
    # Hidden neighbours do not count: with only this partner shown it is alone at once.
    only = [1 if i == together else 0 for i in range(len(lat))]
    assert index_page.evaluate(ALONE_JS, [together, 0, only]) == 0


def test_no_partners_and_one(index_page):
    empty = index_page.evaluate("""() => {
      const index = new PartnerClusterIndex([], [], { radius: 80, maxZoom: 14 });
      return index.query(3, -180, -85, 180, 85, new Uint8Array(0), null);
    }""")
    assert empty == {"level": 3, "singles": [], "clusters": []}
    one = index_page.evaluate("""() => {
      const index = new PartnerClusterIndex([54.9], [9.8], { radius: 80, maxZoom: 14 });
      return [index.query(0, -180, -85, 180, 85, new Uint8Array([1]), null), index.aloneFrom(0, 0, new Uint8Array([1]))];
    }""")
    assert one == [{"level": 0, "singles": [0], "clusters": []}, 0]
