/* A crowded map: past CROWD partners in the data, partners close together on the screen are
 * drawn as one numbered circle, with one arc from home as wide as the logarithm of their
 * number; single partners shrink and their arcs thin and fade, so their density reads.
 *
 * Which partners make a circle is the cluster index's answer (clusterindex.js), built once per
 * data file and asked again for each view, zoom and move; what changed between two answers
 * is all that is redrawn: a circle that stays keeps its marker and arc (restyled when its
 * count or type changed, moved when its centre did), a partner drawn alone keeps its own.
 * Every arc is drawn on one canvas.
 */
(function () {
  "use strict";

  var NS = L.PartnerMap, shapes = NS.shapes, rules = window.PartnerRules, ClusterIndex = window.PartnerClusterIndex;
  var CROWD = 500;
  var ARC_OPACITY = 0.75;
  var RADIUS = 80;  // px: partners within it of a cluster's first partner join it
  var AROUND = 0.3;  // of the map's size on each side: drawn beyond the edges, so a pan finds it there
  var DEEPEST = 18;  // the index's deepest zoom, should the map have none
  var SEPARATE_LIMIT = 10;  // the tour flies no closer to partners that share one place
  var APART = 30;  // px between a single partner and its neighbours at a tour stop

  /* How strongly to draw, by the number of partners in the data, so a view never restyles. */
  function looks(n) {
    if (n <= CROWD) return { arcWeight: 2, arcOpacity: ARC_OPACITY, radius: 7, outline: 1.5, cluster: false };
    var thin = Math.max(0.08, ARC_OPACITY * Math.sqrt(CROWD / n));
    return { arcWeight: 1, arcOpacity: thin, radius: n > 5000 ? 4 : 5, outline: 1, cluster: true };
  }

  /* What a crowded map draws with, added to the layer's `made`: the index (built with the
   * first view), the circles on the map by their index key, and which partners stand alone. */
  function prepare(layer, made) {
    var map = layer.map;
    // Above single partners (600), under home's name (630), tooltips (650) and popups (700).
    if (!map.getPane("pm-clusters")) map.createPane("pm-clusters").style.zIndex = 620;
    made.index = null;
    made.circles = new Map();
    made.alone = new Uint8Array(layer.data.partners.id.length);
    made.circleMarks = L.featureGroup();  // no event parent: a click on a circle never reaches the page
  }

  function indexFor(layer) {
    var made = layer.made;
    if (made.index) return made.index;
    var p = layer.data.partners, n = p.id.length, lon = new Float64Array(n), home = layer.data.home;
    for (var i = 0; i < n; i++) lon[i] = rules.nearLongitude(p.lon[i], home.lon);  // where the markers sit
    var deepest = layer.map.getMaxZoom();
    NS.timeline.mark("pm-index-start");
    made.index = new ClusterIndex(p.lat, lon, { radius: RADIUS, minZoom: 0,
                                                maxZoom: isFinite(deepest) ? Math.ceil(deepest) : DEEPEST });
    NS.timeline.measure("pm-index", "pm-index-start");  // in the browser's timeline (bench_frames.py)
    return made.index;
  }

  /* Ask the index what the map draws now (zoom, bounds and the view's partners, flagged in
   * `made.onMap`) and change what differs: partners leave and enter as singles, circles go,
   * come, or are restyled. */
  function redraw(layer) {
    var map = layer.map, made = layer.made, data = layer.data, bounds = map.getBounds().pad(AROUND);
    var found = indexFor(layer).query(map.getZoom(), bounds.getWest(), bounds.getSouth(), bounds.getEast(),
                                     bounds.getNorth(), made.onMap, data.partners.type);
    var was = made.alone, now = ClusterIndex.flags(found.singles, was.length);
    layer.visible.singles.forEach(function (i) { if (!now[i]) layer.take(i); });
    found.singles.forEach(function (i) { if (!was[i]) layer.put(i); });
    made.alone = now;

    var circles = new Map(), lang = layer.lang();
    found.clusters.forEach(function (c) {
      var circle = made.circles.get(c.key);
      if (circle) made.circles.delete(c.key);
      else circle = { key: c.key, level: c.level, k: c.k, count: 0 };
      restyle(layer, circle, c, lang);
      circles.set(c.key, circle);
    });
    made.circles.forEach(function (gone) {
      made.circleMarks.removeLayer(gone.marker);
      layer.arcs.removeLayer(gone.arc);
    });
    made.circles = circles;
    layer.visible = { singles: found.singles, clusters: Array.from(circles.values()) };
    if (made.refocus !== undefined) refocus(layer, found.level);
  }

  /* After Enter on a circle zoomed the map, the focus goes to what holds the first of its
   * partners now (its marker, or the circle it is part of), not back to the page's start. */
  function refocus(layer, level) {
    var made = layer.made, i = made.refocus, circle = made.circles.get(level + ":" + made.index.clusterOf(level, i));
    made.refocus = undefined;
    var marker = made.alone[i] ? layer.markerOf(i) : circle && circle.marker, node = marker && marker.getElement();
    if (node) node.focus({ preventScroll: true });
  }

  /* A circle as the index reads it now (`c`): made on its first showing, restyled or moved
   * only where its count, type, centre or language changed. */
  function restyle(layer, circle, c, lang) {
    var data = layer.data, home = data.home, made = layer.made, at = L.latLng(c.lat, c.lon);
    var color = c.type < 0 ? shapes.CLUSTER_FILL : data.types[c.type].color;
    var weight = Math.min(1 + Math.log2(c.count), 8);
    if (!circle.marker) {
      circle.marker = L.marker(at, { pane: "pm-clusters", keyboard: true, icon: icon(layer, c) });
      circle.marker.on({
        click: function () { onClick(layer, circle, false); },
        keypress: function (event) { if (event.originalEvent.key === "Enter") onClick(layer, circle, true); },
        add: function () { nameCircle(layer, circle); },
      });
      circle.marker.bindTooltip(function () {
        return NS.popups.clusterTooltip(data, members(layer, circle), layer.lang());
      }, { direction: "top", offset: [0, -shapes.clusterRadius(c.count)] });
      circle.arc = L.polyline(rules.greatCircle(home.lat, home.lon, at.lat, at.lng), {
        color: color, weight: weight, opacity: Math.max(made.looks.arcOpacity, 0.35), interactive: false,
        renderer: made.renderer,
      });
    } else {
      if (circle.count !== c.count || circle.type !== c.type || circle.lang !== lang) {
        circle.marker.setIcon(icon(layer, c));
        var tooltip = circle.marker.getTooltip();
        tooltip.options.offset = L.point(0, -shapes.clusterRadius(c.count));
        circle.arc.setStyle({ color: color, weight: weight });
        if (circle.marker.isTooltipOpen()) tooltip.update();  // open (hovered, focused): the new count now
      }
      if (!circle.at.equals(at)) {
        circle.marker.setLatLng(at);
        circle.arc.setLatLngs(rules.greatCircle(home.lat, home.lon, at.lat, at.lng));
      }
    }
    var named = circle.count === c.count && circle.lang === lang;
    circle.count = c.count;
    circle.type = c.type;
    circle.at = at;
    circle.lang = lang;
    if (!made.circleMarks.hasLayer(circle.marker)) {
      made.circleMarks.addLayer(circle.marker);
      layer.arcs.addLayer(circle.arc);
    } else if (!named) {
      nameCircle(layer, circle);
    }
  }

  function icon(layer, c) {
    var color = c.type < 0 ? "#ffffff" : layer.data.types[c.type].color;
    return shapes.clusterIcon(c.count, shapes.countLabel(c.count, layer.countFormat()), color);
  }

  /* A circle read out as what it is: "12 partnerships". */
  function nameCircle(layer, circle) {
    var node = circle.marker.getElement();
    if (node) node.setAttribute("aria-label", layer.data.labels[layer.lang()].cluster_count.replace("{n}", circle.count));
  }

  /* The partners of the view a circle stands for. */
  function members(layer, circle) {
    return layer.made.index.members(circle.level, circle.k, layer.made.onMap);
  }

  /* What a crowded layer put on the map off it again. */
  function remove(map, made) {
    map.removeLayer(made.points);
    if (made.circleMarks) map.removeLayer(made.circleMarks);
  }

  function add(map, made) {
    map.addLayer(made.points);
    if (made.circleMarks) map.addLayer(made.circleMarks);
  }

  /* What the layer drew (arcs, markers and circles of `made`) off the map, unless the layer
   * is back on it by then, with the same data. A rerun moves the layer from one of the page's
   * groups to the next: what it drew stays on the map for that task, so nothing is taken off
   * and put back. `now`: a new data file's. */
  function putAway(layer, made, now) {
    var map = layer.map, arcs = layer.arcs;
    layer.added = false;
    function away() {
      if (layer.added && layer.made === made) return;
      if (!now && !layer.added) map.removeLayer(arcs);  // a new data file keeps the (emptied) arcs
      if (made) remove(map, made);
    }
    if (now) away();
    else setTimeout(away, 0);
  }

  /* A click (or Enter: `keyed`) on a circle zooms to its partners, or, when they share one
   * place or the map is at its closest, lists them; a name in the list opens that partner.
   * From the keyboard the focus follows: to the list's first name, or after the zoom to what
   * holds the circle's first partner then. */
  function onClick(layer, circle, keyed) {
    var map = layer.map, zoom = map.getZoom(), deepest = map.getMaxZoom(), inside = members(layer, circle);
    var bounds = L.latLngBounds(inside.map(function (i) { return layer.positionOf(i); }));
    var onePlace = bounds.getNorthEast().equals(bounds.getSouthWest(), 1e-6);
    if (onePlace || zoom >= deepest) {
      var list = NS.popups.clusterList(layer.data, inside, layer.lang(), function (i) {
        layer.openPartner(i);
        layer.report(i);
      });
      L.popup(NS.camera.popupOptions(map, { maxWidth: 320 })).setLatLng(circle.at).setContent(list).openOn(map);
      var first = keyed && list.querySelector("button");
      if (first) first.focus({ preventScroll: true });
      return;
    }
    if (keyed) layer.made.refocus = inside[0];
    layer.unfit();
    map.flyTo(bounds.getCenter(), Math.min(Math.max(map.getBoundsZoom(bounds.pad(0.2)), zoom + 1), deepest),
      { duration: 0.6 });
  }

  /* The zoom, from `from` up, at which partner i stands alone: drawn as its own marker (a
   * crowded map: the index says), or no other partner in view within APART px of it or of home
   * (so the tour's stop in the Border Triangle is one marker, not a blob). Partners in one
   * place never part: for them the tour flies no closer than SEPARATE_LIMIT, and its popup
   * opens there. */
  function separateZoom(layer, i, shown, from) {
    var map = layer.map, p = layer.data.partners, crowded = layer.looks().cluster, home = layer.data.home;
    var together = shown.some(function (j) { return j !== i && p.lat[j] === p.lat[i] && p.lon[j] === p.lon[i]; });
    if (together) return Math.max(Math.round(from), SEPARATE_LIMIT);
    if (crowded) {
      var alone = indexFor(layer).aloneFrom(i, from, layer.made.onMap);
      return alone === null ? map.getMaxZoom() : Math.max(alone, Math.round(from));
    }
    var at = layer.positionOf(i);
    var others = shown.filter(function (j) { return j !== i; }).map(function (j) { return layer.positionOf(j); });
    others.push(L.latLng(home.lat, home.lon));
    for (var zoom = Math.round(from); zoom < SEPARATE_LIMIT; zoom++) {
      var q = map.project(at, zoom), z = zoom;
      if (!others.some(function (place) { return map.project(place, z).distanceTo(q) <= APART; })) return zoom;
    }
    return SEPARATE_LIMIT;
  }

  NS.clusters = { looks: looks, prepare: prepare, redraw: redraw, members: members, add: add,
                  putAway: putAway, separateZoom: separateZoom };
})();
