/* The crowded map's cluster index: which partners a map at a given zoom draws as one numbered
 * circle. Built once per data file, in the browser, and asked once per view, zoom or move.
 *
 * Hierarchical greedy clustering, the method supercluster made known: at the deepest zoom the
 * partners are taken in order, and each one not yet taken gathers every other not yet taken
 * within RADIUS screen pixels of it into a cluster at their weighted centre; the clusters of
 * one zoom are then clustered the same way one zoom out, and so on up to the world. So the
 * clusters nest: a cluster splits into its own parts as the map zooms in. Neighbours are found
 * in a hashed grid of cells as wide as the radius (nine cells a search), as markercluster's
 * DistanceGrid finds them.
 *
 * The index is built over every partner in the data file, not over a view's: a year or a type
 * changes only which members of each cluster are shown. Every cluster at every zoom holds a
 * contiguous range of one ordering of the partners (`order`, the leaves of the hierarchy, depth
 * first), so what a cluster shows of a view is read from its range alone: how many, where
 * their centre is, whether they share one type. A cluster showing one partner is drawn as that
 * partner; one showing none is not drawn. The number of circles at a zoom is bounded by the
 * index, however sparse the view. Each cluster also keeps its reach, how far its farthest
 * partner lies from its centre, so a box finds every cluster with a partner in it.
 *
 * Pure: no Leaflet, no page (tests/browser/test_cluster_index.py loads it alone). Positions
 * are Web Mercator in [0, 1] (x east, y south), as Leaflet projects them at zoom 0 / 256.
 */
(function (root) {
  "use strict";

  var TILE = 256;  // px of the world at zoom 0
  var MAX_LAT = 85.0511287798;  // Web Mercator's edge

  function xOf(lon) {
    return lon / 360 + 0.5;
  }

  function yOf(lat) {
    var s = Math.sin(Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  function lonOf(x) {
    return (x - 0.5) * 360;
  }

  function latOf(y) {
    return 360 * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) / Math.PI - 90;
  }

  /* A grid of cells `size` wide over the items (x, y), hashed: each cell's items as a chain
   * (`head`, `next`), so a cell is found in constant time at any zoom. */
  function Grid(x, y, count, size) {
    var slots = 1;
    while (slots < 2 * count) slots *= 2;
    this.mask = slots - 1;
    this.size = size;
    this.cellX = new Int32Array(slots);
    this.cellY = new Int32Array(slots);
    this.head = new Int32Array(slots).fill(-1);
    this.next = new Int32Array(count);
    for (var k = count - 1; k >= 0; k--) {  // chains in ascending order of k
      var slot = this.slot(Math.floor(x[k] / size), Math.floor(y[k] / size), true);
      this.next[k] = this.head[slot];
      this.head[slot] = k;
    }
  }

  /* The slot of cell (cx, cy): open addressing, probing on. -1 when the cell holds nothing. */
  Grid.prototype.slot = function (cx, cy, make) {
    var s = (Math.imul(cx, 73856093) ^ Math.imul(cy, 19349663)) & this.mask;
    while (this.head[s] !== -1) {
      if (this.cellX[s] === cx && this.cellY[s] === cy) return s;
      s = (s + 1) & this.mask;
    }
    if (!make) return -1;
    this.cellX[s] = cx;
    this.cellY[s] = cy;
    return s;
  };

  /* One zoom's clusters from the items one zoom in (`below`): greedy, in the items' order.
   * Sets below.parent (each item's cluster here) and returns this zoom's items. */
  function clusterLevel(below, r) {
    var m = below.size, bx = below.x, by = below.y, bw = below.count, br = below.reach;
    var grid = new Grid(bx, by, m, r), r2 = r * r, taken = new Uint8Array(m), parent = new Int32Array(m);
    var x = new Float64Array(m), y = new Float64Array(m), count = new Int32Array(m), size = 0;
    for (var k = 0; k < m; k++) {
      if (taken[k]) continue;
      taken[k] = 1;
      parent[k] = size;
      var px = bx[k], py = by[k], w = bw[k], sx = px * w, sy = py * w;
      var cx = Math.floor(px / r), cy = Math.floor(py / r);
      for (var gx = cx - 1; gx <= cx + 1; gx++) {
        for (var gy = cy - 1; gy <= cy + 1; gy++) {
          var s = grid.slot(gx, gy, false);
          if (s < 0) continue;
          for (var j = grid.head[s]; j !== -1; j = grid.next[j]) {
            if (taken[j]) continue;
            var dx = bx[j] - px, dy = by[j] - py;
            if (dx * dx + dy * dy > r2) continue;
            taken[j] = 1;
            parent[j] = size;
            w += bw[j];
            sx += bx[j] * bw[j];
            sy += by[j] * bw[j];
          }
        }
      }
      x[size] = sx / w;
      y[size] = sy / w;
      count[size] = w;
      size += 1;
    }
    below.parent = parent;
    var reach = new Float64Array(size);  // the farthest partner from each centre: its part's reach beyond its own centre
    for (k = 0; k < m; k++) {
      var c = parent[k], dx2 = bx[k] - x[c], dy2 = by[k] - y[c], far = Math.sqrt(dx2 * dx2 + dy2 * dy2) + br[k];
      if (far > reach[c]) reach[c] = far;
    }
    return { size: size, x: x.slice(0, size), y: y.slice(0, size), count: count.slice(0, size), reach: reach,
             start: new Int32Array(size), parent: null };
  }

  /* The index of the partners at (lat[i], lon[i]), for zooms minZoom to maxZoom. */
  function ClusterIndex(lat, lon, options) {
    var n = lat.length, radius = options.radius, minZoom = options.minZoom || 0, maxZoom = options.maxZoom;
    var points = { size: n, x: new Float64Array(n), y: new Float64Array(n), count: new Int32Array(n).fill(1),
                   reach: new Float64Array(n), start: new Int32Array(n), parent: null };
    for (var i = 0; i < n; i++) {
      points.x[i] = xOf(lon[i]);
      points.y[i] = yOf(lat[i]);
    }
    this.minZoom = minZoom;
    this.maxZoom = maxZoom;
    this.radius = radius;
    this.points = points;
    this.levels = [];
    var below = points;
    for (var z = maxZoom; z >= minZoom; z--) {
      below = this.levels[z] = clusterLevel(below, radius / (TILE * Math.pow(2, z)));
    }
    // Ranges, from the world down: a cluster's parts take its range in turn, in their order.
    var top = this.levels[minZoom], at = 0;
    for (var k = 0; k < top.size; k++) {
      top.start[k] = at;
      at += top.count[k];
    }
    for (z = minZoom + 1; z <= maxZoom + 1; z++) {
      var level = z > maxZoom ? points : this.levels[z], cursor = this.levels[z - 1].start.slice();
      for (k = 0; k < level.size; k++) {
        var p = level.parent[k];
        level.start[k] = cursor[p];
        cursor[p] += level.count[k];
      }
    }
    this.order = new Int32Array(n);
    for (i = 0; i < n; i++) this.order[points.start[i]] = i;
  }

  /* The level a map at `zoom` draws (markercluster's rounding). */
  ClusterIndex.prototype.levelAt = function (zoom) {
    return Math.max(this.minZoom, Math.min(this.maxZoom, Math.round(zoom)));
  };

  /* What one cluster (item k of `level`) shows of the partners flagged in `shown`: how many,
   * their centre and the box around them (Web Mercator), the type they share (-1: mixed;
   * `types` may be null) and one of them. */
  ClusterIndex.prototype.read = function (level, k, shown, types) {
    var item = this.levels[level], order = this.order, px = this.points.x, py = this.points.y;
    var from = item.start[k], to = from + item.count[k], n = 0, sx = 0, sy = 0, type = -2, one = -1;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var q = from; q < to; q++) {
      var i = order[q];
      if (!shown[i]) continue;
      var x = px[i], y = py[i];
      n += 1;
      sx += x;
      sy += y;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (one < 0) one = i;
      if (types) type = type === -2 ? types[i] : (type === types[i] ? type : -1);
    }
    return { level: level, k: k, count: n, x: n ? sx / n : item.x[k], y: n ? sy / n : item.y[k],
             box: [x0, y0, x1, y1], type: type === -2 ? -1 : type, one: one };
  };

  /* What a map at `zoom` draws of `shown` (a flag per partner) within the box west–east,
   * south–north (degrees): every cluster with a partner in view inside the box (a partner
   * drawn alone when it is the only one), wherever its centre: `singles`, partners drawn
   * alone, and `clusters`, each as `read` gives it, with its centre as `lat`, `lon` and a
   * `key` that names it for as long as the index lives. */
  ClusterIndex.prototype.query = function (zoom, west, south, east, north, shown, types) {
    var level = this.levelAt(zoom), item = this.levels[level], singles = [], clusters = [];
    var x0 = xOf(west), x1 = xOf(east), y0 = yOf(north), y1 = yOf(south);
    for (var k = 0; k < item.size; k++) {
      var x = item.x[k], y = item.y[k], r = item.reach[k];
      if (x + r < x0 || x - r > x1 || y + r < y0 || y - r > y1) continue;  // no partner of it in the box
      var found = this.read(level, k, shown, types), box = found.box;
      if (found.count === 0 || box[2] < x0 || box[0] > x1 || box[3] < y0 || box[1] > y1) continue;
      if (found.count === 1) {
        singles.push(found.one);
        continue;
      }
      found.key = level + ":" + k;
      found.lat = latOf(found.y);
      found.lon = lonOf(found.x);
      clusters.push(found);
    }
    return { level: level, singles: singles, clusters: clusters };
  };

  /* The partners flagged in `shown` among cluster k of `level`, in the index's order. */
  ClusterIndex.prototype.members = function (level, k, shown) {
    var item = this.levels[level], from = item.start[k], to = from + item.count[k], found = [];
    for (var q = from; q < to; q++) if (shown[this.order[q]]) found.push(this.order[q]);
    return found;
  };

  /* The cluster of `level` that partner i is part of. */
  ClusterIndex.prototype.clusterOf = function (level, i) {
    var k = this.points.parent[i];
    for (var z = this.maxZoom; z > level; z--) k = this.levels[z].parent[k];
    return k;
  };

  /* The first zoom from `from` on at which partner i is drawn alone among `shown`; null when
   * it never is (others share its place). */
  ClusterIndex.prototype.aloneFrom = function (i, from, shown) {
    for (var z = this.levelAt(from); z <= this.maxZoom; z++) {
      if (this.read(z, this.clusterOf(z, i), shown, null).count <= 1) return z;
    }
    return null;
  };

  /* The flags a query takes: 1 for each of `indices`, of n partners. */
  ClusterIndex.flags = function (indices, n) {
    var flags = new Uint8Array(n);
    for (var k = 0; k < indices.length; k++) flags[indices[k]] = 1;
    return flags;
  };

  root.PartnerClusterIndex = ClusterIndex;
})(window);
