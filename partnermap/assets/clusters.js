/* A crowded map: past CROWD partners in the data, partners close together on the screen are
 * drawn as one numbered circle by Leaflet.markercluster, with one arc from home as wide as the
 * logarithm of their number; single partners shrink and their arcs thin and fade, so their
 * density reads. The arcs follow what the library shows whenever it changes (zoom, move, a
 * view): the clusters and single markers on the map, heard from their `add` and `remove`
 * events. (Asking `getVisibleParent` for every partner in view gives the same set, but costs
 * a tenth of a second at 50,000: benchmarks/README.md.)
 */
(function () {
  "use strict";

  var NS = L.PartnerMap, shapes = NS.shapes, rules = window.PartnerRules;
  var CROWD = 500;
  var ARC_OPACITY = 0.75;
  var RADIUS = 80;  // px: markercluster's reach, partners within it of a cluster's centre join it
  var SEPARATE_LIMIT = 10;  // the tour flies no closer to partners that share one place
  var APART = 30;  // px between a single partner and its neighbours at a tour stop
  var SLICE_MS = 50, SLICED = 10000;  // past SLICED partners, markercluster takes them in slices of SLICE_MS

  /* How strongly to draw, by the number of partners in the data, so a view never restyles. */
  function looks(n) {
    if (n <= CROWD) return { arcWeight: 2, arcOpacity: ARC_OPACITY, radius: 7, outline: 1.5, cluster: false };
    var thin = Math.max(0.08, ARC_OPACITY * Math.sqrt(CROWD / n));
    return { arcWeight: 1, arcOpacity: thin, radius: n > 5000 ? 4 : 5, outline: 1, cluster: true };
  }

  /* The type the partners of these markers share, or null. */
  function sharedType(data, markers) {
    var types = data.partners.type, type = types[markers[0].options.partner];
    for (var k = 1; k < markers.length; k++) if (types[markers[k].options.partner] !== type) return null;
    return type;
  }

  /* The cluster group of a partner layer: markercluster's, with our numbered circles (above
   * single partners, in a pane of their own) and our clicks (zoom in, or list). */
  function group(layer) {
    var map = layer.map, made = layer.made;
    // Above single partners (600), under home's name (630), tooltips (650) and popups (700).
    if (!map.getPane("pm-clusters")) map.createPane("pm-clusters").style.zIndex = 620;
    var clusters = L.markerClusterGroup({
      maxClusterRadius: RADIUS, clusterPane: "pm-clusters", animate: false, showCoverageOnHover: false,
      zoomToBoundsOnClick: false, spiderfyOnMaxZoom: false, removeOutsideVisibleBounds: true,
      chunkedLoading: layer.data.partners.id.length > SLICED, chunkInterval: SLICE_MS, chunkDelay: 0,
      chunkProgress: function (done, total) { if (made.loading && total > 0 && done >= total) allIn(made); },
      iconCreateFunction: function (cluster) {
        var made = layer.made, count = cluster.getChildCount(), radius = shapes.clusterRadius(count);
        var type = sharedType(layer.data, cluster.getAllChildMarkers());
        if (!made.kinds.has(cluster)) {  // the first time it is shown: hear when it is on the map
          cluster.on({ add: function () { layer.onScreen(cluster, true); },
            remove: function () { layer.onScreen(cluster, false); } });
        }
        made.kinds.set(cluster, type);  // fresh whenever its partners change: the icon is made again
        cluster.unbindTooltip().bindTooltip(function () {
          return NS.popups.clusterTooltip(layer.data, layer.indices(cluster.getAllChildMarkers()), layer.lang());
        }, { direction: "top", offset: [0, -radius] });
        return shapes.clusterIcon(count, shapes.countLabel(count, layer.countFormat()),
          type === null ? "#ffffff" : layer.data.types[type].color);
      },
    });
    clusters.on("clusterclick", function (event) { onClick(layer, event.layer); });
    return clusters;
  }

  /* A crowded map: the cluster group takes the partners that enter and leaves those that go. */
  function update(layer, shown) {
    var made = layer.made, before = made.onMap, now = new Uint8Array(before.length);
    shown.forEach(function (i) { now[i] = 1; });
    var entering = shown.filter(function (i) { return !before[i]; }).map(function (i) { return layer.markerOf(i); });
    var leaving = layer.shown.filter(function (i) { return !now[i]; }).map(function (i) { return layer.markerOf(i); });
    made.onMap = now;
    if (layer.format.lang !== layer.lang() && layer.format.lang !== null) made.points.refreshClusters();
    if (leaving.length) made.points.removeLayers(leaving);
    if (entering.length) add(made, entering);
  }

  /* What the layer drew (arcs, and the markers and clusters of `made`) off the map, unless the
   * layer is back on it by then, with the same data. A rerun moves the layer from one of the
   * page's groups to the next: what it drew stays on the map for that task, and markercluster
   * keeps its clusters rather than take all off and put them back. Never while partners go
   * into the clusters (markercluster's slices need the map). `now`: a new data file's. */
  function putAway(layer, made, now) {
    var map = layer.map, arcs = layer.arcs;
    layer.added = false;
    function away() {
      if (layer.added && layer.made === made) return;
      if (!now && !layer.added) map.removeLayer(arcs);  // a new data file keeps the (emptied) arcs
      if (made) whenIn(made, function () { if (!layer.added || layer.made !== made) map.removeLayer(made.points); });
    }
    if (now) away();
    else setTimeout(away, 0);
  }

  /* Many partners (past SLICED) go into the cluster group in slices of about SLICE_MS, one task
   * each, so the page stays responsive (markercluster's chunkedLoading); what waits for them
   * (`whenIn`) runs once they are all in: at once when they fit in one slice. */
  function add(made, markers) {
    made.loading = [];
    made.adding = true;
    made.points.addLayers(markers);
    made.adding = false;
    if (made.allIn) settled(made);
  }

  /* markercluster reports the last slice before it puts the clusters on the map, in the same
   * task: what waits runs in a task of its own after that one (or after `add`, when all went
   * in at once), so neither task is long. */
  function allIn(made) {
    made.allIn = true;
    if (!made.adding) setTimeout(function () { settled(made); }, 0);
  }

  function settled(made) {
    var waiting = made.loading || [];
    made.loading = null;
    made.allIn = false;
    waiting.forEach(function (then) { then(); });
  }

  function whenIn(made, then) {
    if (made.loading) made.loading.push(then);
    else then();
  }

  /* A click on a cluster zooms to its partners, or, when they share one place or the map is
   * at its closest, lists them; a name in the list opens that partner. */
  function onClick(layer, cluster) {
    var map = layer.map, zoom = map.getZoom(), deepest = map.getMaxZoom(), bounds = cluster.getBounds();
    var onePlace = bounds.getNorthEast().equals(bounds.getSouthWest(), 1e-6);
    if (onePlace || zoom >= deepest) {
      var members = layer.indices(cluster.getAllChildMarkers());
      var list = NS.popups.clusterList(layer.data, members, layer.lang(), function (i) {
        layer.openPartner(i);
        layer.report(i);
      });
      L.popup(NS.camera.popupOptions(map, { maxWidth: 320 })).setLatLng(cluster.getLatLng()).setContent(list).openOn(map);
      return;
    }
    layer.unfit();
    map.flyTo(bounds.getCenter(), Math.min(Math.max(map.getBoundsZoom(bounds.pad(0.2)), zoom + 1), deepest),
      { duration: 0.6 });
  }

  /* The arcs of what the cluster group shows now (the clusters and single partners on the
   * map, as the layer heard of them): one per cluster from home to its circle, as wide as the
   * logarithm of its size, in its partners' colour when they share one type; the single
   * partners' own arcs. Partners off the map's neighbourhood are not drawn, nor their arcs. */
  function arcs(layer) {
    var made = layer.made, data = layer.data, home = data.home, looks = made.looks, singles = [], found = [];
    Object.keys(made.shownAs).forEach(function (id) {
      var shown = made.shownAs[id];
      if (made.kinds.has(shown)) found.push({ cluster: shown, at: shown.getLatLng(), type: made.kinds.get(shown) });
      else singles.push(shown.options.partner);
    });
    var paths = singles.map(function (i) { return layer.arcOf(i); });
    found.forEach(function (entry) {
      var at = entry.at, count = entry.cluster.getChildCount();
      paths.push(L.polyline(rules.greatCircle(home.lat, home.lon, at.lat, at.lng), {
        color: entry.type === null ? shapes.CLUSTER_FILL : data.types[entry.type].color,
        weight: Math.min(1 + Math.log2(count), 8), opacity: Math.max(looks.arcOpacity, 0.35), interactive: false,
        renderer: made.renderer,
      }));
    });
    return { paths: paths, singles: singles, clusters: found };
  }

  /* The zoom, from `from` up, at which partner i stands alone: no other partner in view within
   * the cluster group's reach (a crowded map), or within APART px of it or of home (so the
   * tour's stop in the Border Triangle is one marker, not a blob). Partners in one place never
   * part: for them the tour flies no closer than SEPARATE_LIMIT, and its popup opens there. */
  function separateZoom(layer, i, shown, from) {
    var map = layer.map, at = layer.positionOf(i), crowded = layer.looks().cluster, home = layer.data.home;
    var deepest = crowded ? map.getMaxZoom() : SEPARATE_LIMIT, reach = crowded ? RADIUS : APART;
    var others = shown.filter(function (j) { return j !== i; }).map(function (j) { return layer.positionOf(j); });
    if (!crowded) others.push(L.latLng(home.lat, home.lon));
    if (others.some(function (place) { return place.equals(at); })) return Math.max(Math.round(from), SEPARATE_LIMIT);
    for (var zoom = Math.round(from); zoom < deepest; zoom++) {
      var p = map.project(at, zoom), z = zoom;
      if (!others.some(function (place) { return map.project(place, z).distanceTo(p) <= reach; })) return zoom;
    }
    return deepest;
  }

  NS.clusters = { looks: looks, group: group, update: update, putAway: putAway, whenIn: whenIn, arcs: arcs, separateZoom: separateZoom };
})();
