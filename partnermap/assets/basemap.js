/* The offline basemap: the countries under everything else, from TopoJSON or GeoJSON. */
(function () {
  "use strict";

  var NS = L.PartnerMap, escapeHtml = NS.dom.escapeHtml;

  /* TopoJSON (https://github.com/topojson/topojson-specification) as GeoJSON: the arcs are
   * quantized and delta-encoded, each ring a list of arc indexes (~i: arc i reversed), and the
   * arcs of a ring meet at their ends. Enough for geo/build_basemap.py's countries. */
  function topoFeatures(topology) {
    var t = topology.transform, sx = t.scale[0], sy = t.scale[1], tx = t.translate[0], ty = t.translate[1];
    var arcs = topology.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (d) { x += d[0]; y += d[1]; return [tx + sx * x, ty + sy * y]; });
    });
    function ring(indexes) {
      var points = [];
      indexes.forEach(function (i) {
        var arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
        points.push.apply(points, points.length ? arc.slice(1) : arc);
      });
      return points;
    }
    function polygon(rings) { return rings.map(ring); }
    var object = topology.objects[Object.keys(topology.objects)[0]];
    return {
      type: "FeatureCollection",
      features: object.geometries.map(function (g) {
        var coordinates = g.type === "Polygon" ? polygon(g.arcs) : g.arcs.map(polygon);
        var geometry = { type: g.type, coordinates: coordinates };
        return { type: "Feature", properties: g.properties || {}, geometry: geometry };
      }),
    };
  }

  function asGeoJSON(data) { return data && data.type === "Topology" ? topoFeatures(data) : data; }

  /* A URL's JSON (the page may have asked for it early: publish.py's preload), or inlined data. */
  function load(source, then) {
    if (source && typeof source !== "string") return then(asGeoJSON(source));
    fetch(source)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + source);
        return response.json();
      })
      .then(function (data) { then(asGeoJSON(data)); })
      .catch(function (err) { console.error("Basemap not loaded:", err); });
  }

  /* Countries under everything else. `source` is GeoJSON or TopoJSON, by URL or inlined, or
   * {world, detail, detailZoom}: the world as drawn at world zoom first, and, once the map is
   * zoomed in past `detailZoom`, every point of the borders (the layer fires "loaded" each time
   * it has countries). `label` names the map for assistive technology. */
  function basemap(map, source, style, label) {
    var container = map.getContainer();
    container.style.background = style.ocean;
    // The page sizes the map's frame after Leaflet measured it, and stylesheets may arrive
    // late: follow the container's real size, not only the window's.
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize({ debounceMoveend: true }); }).observe(container);
    }
    // Leaflet focuses the map on a press, for its keyboard controls. Where the map's frame
    // reaches below the window, the browser would then scroll the page, the map would move
    // under the pointer between press and release, and the click would miss its marker.
    var focus = container.focus;
    container.focus = function () { focus.call(container, { preventScroll: true }); };
    if (label) {
      container.setAttribute("role", "region");
      container.setAttribute("aria-label", String(label));
    }
    // Below every overlay, so opaque land never hides an arc: tiles sit at 200, overlays at 400.
    map.createPane("pm-basemap").style.zIndex = 250;
    var layer = L.geoJSON(null, {
      pane: "pm-basemap",
      renderer: L.canvas({ pane: "pm-basemap", padding: 0.5 }),
      interactive: false,
      style: function () {
        return { color: style.border, weight: 0.6, fillColor: style.land, fillOpacity: 1 };
      },
    }).addTo(map);
    var tiers = source && (typeof source === "string" || source.type) ? { world: source } : source || {};
    var detailed = false;
    function show(data, detail) {
      if (detailed) return;  // the detail came first: keep it
      detailed = detail;
      layer.clearLayers();
      layer.addData(data);
      layer.detail = detail;
      layer.fire("loaded");
    }
    if (tiers.world) load(tiers.world, function (data) { show(data, false); });
    if (tiers.detail) {
      var zoomed = function () {
        if (map.getZoom() <= tiers.detailZoom) return;
        map.off("zoomend", zoomed);
        load(tiers.detail, function (data) { show(data, true); });
      };
      map.on("zoomend", zoomed);
      map.whenReady(zoomed);
    }
    if (style.attribution) map.attributionControl.addAttribution(escapeHtml(style.attribution));
    return layer;
  }

  NS.basemap = basemap;
  NS.topoFeatures = topoFeatures;
})();
