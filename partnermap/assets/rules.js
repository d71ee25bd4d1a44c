/* The rules the map applies in the browser, as pure functions that need neither Leaflet nor a
 * page: which partners a view shows, which links may be followed, and the great circles of the
 * arcs. Each rule lives in Python (named beside it); these are its browser side, and one table
 * of cases runs through both (tests/browser/rule_cases.py, in test_rules.py and
 * tests/test_mapbuilder.py).
 */
(function (root) {
  "use strict";

  /* partnerships/filtering.py `in_view`: the indices of the partners of one of the view's
   * types that have begun by its year and, when the view shows the partnerships active in that
   * year, have not ended before it. A partner whose start year nobody knows is shown in every
   * year, except while the story plays (`view.playing`): playback shows only what has a year.
   * `p` holds the columns of the data file; `view.types` are indices into its types. */
  function inView(p, view) {
    var wanted = {}, out = [];
    view.types.forEach(function (t) { wanted[t] = true; });
    for (var i = 0; i < p.start.length; i++) {
      var start = p.start[i], end = p.end[i];
      if (!wanted[p.type[i]] || (known(start) ? start > view.year : view.playing)) continue;
      if (view.mode === "active" && known(end) && end < view.year) continue;
      out.push(i);
    }
    return out;
  }

  function known(year) { return year !== null && year !== undefined; }

  /* What nobody confirms about partner i in `year` (partnerships/filtering.py): "year" when its
   * start year is unknown, "status" when no source confirms it that late and no end is given
   * (`status_unknown`), else "". The map draws both hollow, with a dashed arc. */
  function doubt(p, i, year) {
    if (!known(p.start[i])) return "year";
    var confirmed = p.confirmed ? p.confirmed[i] : null;
    return known(confirmed) && !known(p.end[i]) && confirmed < year ? "status" : "";
  }

  /* partnerships/escape.py `safe_url`: the link as written (trimmed) when the whole of it
   * matches WEB_URL there, http(s) with a host and no white space anywhere, else null: never
   * javascript:, data:, a relative or a scheme-relative link. White space is Python's
   * (`str.isspace`, what both its `strip` and its `\s` take), not JavaScript's. */
  var SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var EDGES = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");
  var WEB_URL = new RegExp("^[hH][tT][tT][pP][sS]?://[^" + SPACE + "/?#]+[^" + SPACE + "]*$");

  function safeUrl(value) {
    var text = value === null || value === undefined ? "" : String(value).replace(EDGES, "");
    return WEB_URL.test(text) ? text : null;
  }

  /* Longitude `lon` moved by whole turns to lie within 180° of `near`, so an arc that crosses
   * the antimeridian ends at its marker instead of jumping across the map. */
  function nearLongitude(lon, near) {
    return lon + Math.round((near - lon) / 360) * 360;
  }

  /* geo/arcs.py `great_circle`: the shortest way from (lat1, lon1) to (lat2, lon2) as
   * [lat, lon] points, as few as the eye needs (a straight segment for a hop across the
   * border, one point per 250 km, at most 64). It never turns more than 180° of longitude, so
   * it ends at the partner within 180° of home. */
  var EARTH_RADIUS_KM = 6371.0088, KM_PER_POINT = 250, MAX_POINTS = 64, RAD = Math.PI / 180;

  function greatCircle(lat1, lon1, lat2, lon2) {
    var p1 = lat1 * RAD, p2 = lat2 * RAD, dl = (lon2 - lon1) * RAD;
    var h = Math.pow(Math.sin((p2 - p1) / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
    var angle = 2 * Math.asin(Math.sqrt(Math.min(Math.max(h, 0), 1)));
    var n = Math.min(Math.max(Math.ceil((EARTH_RADIUS_KM * angle) / KM_PER_POINT) + 1, 2), MAX_POINTS);
    var end = [lat2, nearLongitude(lon2, lon1)];
    if (angle < 1e-9) return [[lat1, lon1], end];
    function unit(lat, lon) {
      return [Math.cos(lat * RAD) * Math.cos(lon * RAD), Math.cos(lat * RAD) * Math.sin(lon * RAD), Math.sin(lat * RAD)];
    }
    var a = unit(lat1, lon1), b = unit(lat2, lon2), s = Math.sin(angle), path = [[lat1, lon1]], previous = lon1;
    for (var k = 1; k < n - 1; k++) {
      var t = k / (n - 1), wa = Math.sin((1 - t) * angle) / s, wb = Math.sin(t * angle) / s;
      var x = wa * a[0] + wb * b[0], y = wa * a[1] + wb * b[1], z = wa * a[2] + wb * b[2];
      var lon = nearLongitude(Math.atan2(y, x) / RAD, previous);
      path.push([Math.atan2(z, Math.sqrt(x * x + y * y)) / RAD, lon]);
      previous = lon;
    }
    path.push(end);
    return path;
  }

  root.PartnerRules = Object.freeze({
    inView: inView, doubt: doubt, safeUrl: safeUrl, nearLongitude: nearLongitude, greatCircle: greatCircle,
  });
})(window);
