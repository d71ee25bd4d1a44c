/* The partnership map's own Leaflet code: the offline basemap, home, the legend, and every
 * partner with its arc drawn from one compact data object.
 *
 * Text from the data is only ever set with textContent (or escaped for Leaflet's tooltips),
 * and links are followed only when they are http(s).
 */
(function () {
  "use strict";

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeHref(url) {
    if (!url) return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  /* Countries drawn from GeoJSON: from a URL the browser caches, or from inlined data. */
  function basemap(map, source, style) {
    map.getContainer().style.background = style.ocean;
    // Below every overlay, so opaque land never hides an arc: tiles sit at 200, overlays at 400.
    var pane = map.createPane("pm-basemap");
    pane.style.zIndex = 250;
    var layer = L.geoJSON(null, {
      pane: "pm-basemap",
      renderer: L.canvas({ pane: "pm-basemap", padding: 0.5 }),
      interactive: false,
      style: function () {
        return { color: style.border, weight: 0.6, fillColor: style.land, fillOpacity: 1 };
      },
    }).addTo(map);
    if (typeof source === "string") {
      fetch(source)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + source);
          return response.json();
        })
        .then(function (data) { layer.addData(data); })
        .catch(function (err) { console.error("Basemap not loaded:", err); });
    } else if (source) {
      layer.addData(source);
    }
    if (style.attribution) map.attributionControl.addAttribution(escapeHtml(style.attribution));
    return layer;
  }

  /* Home is a ring under the partners (nearby partners stay clickable and the ring shows
   * around them) with its name to the west, over the sea, where it hides no neighbour. */
  function home(map, place, color) {
    var pane = map.createPane("pm-home");
    pane.style.zIndex = 390;
    var ring = L.circleMarker([place.lat, place.lon], {
      radius: 11, color: color, weight: 3, fillColor: "#ffffff", fillOpacity: 1, pane: "pm-home", interactive: false,
    });
    var label = L.marker([place.lat, place.lon], {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: "pm-home-label", html: "<span>" + escapeHtml(place.name) + "</span>", iconSize: [0, 0] }),
    });
    return L.layerGroup([ring, label]).addTo(map);
  }

  function legend(map, title, types) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("div", "pm-legend leaflet-control");
      box.setAttribute("role", "list");
      box.setAttribute("aria-label", title);
      box.appendChild(el("div", "pm-legend-title", title));
      types.forEach(function (type) {
        var row = el("div", "pm-legend-row");
        row.setAttribute("role", "listitem");
        var swatch = el("span", "pm-swatch");
        swatch.style.background = type.color;
        row.appendChild(swatch);
        row.appendChild(el("span", null, type.label));
        box.appendChild(row);
      });
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    return control.addTo(map);
  }

  /* Longitude `lon` moved by whole turns to lie within 180° of `near`, so an arc that
   * crosses the antimeridian ends at its marker instead of jumping across the map. */
  function nearLongitude(lon, near) {
    return lon + Math.round((near - lon) / 360) * 360;
  }

  function years(p, i, labels) {
    var start = p.start[i], end = p.end[i];
    if (end === null || end === undefined) return labels.since.replace("{start}", start);
    return start === end ? String(start) : start + "–" + end;
  }

  /* The popup is built when it opens, in the language the page has then. */
  function popupFor(data, i) {
    var p = data.partners, lang = state.lang, labels = data.labels[lang];
    var danish = lang === "da", type = data.types[p.type[i]];
    var box = el("div", "pm-popup");
    box.appendChild(el("div", "pm-popup-name", p.name[i]));
    var kind = el("div", "pm-popup-type");
    var dot = el("span", "pm-swatch");
    dot.style.background = type.color;
    kind.appendChild(dot);
    kind.appendChild(el("span", null, type.label[lang]));
    box.appendChild(kind);
    var country = (danish && p.country_da[i]) || p.country[i];
    box.appendChild(el("div", "pm-popup-place", p.city[i] + ", " + country));
    box.appendChild(el("div", "pm-popup-years", years(p, i, labels)));
    var description = (danish && p.desc_da[i]) || p.desc[i];
    if (description) box.appendChild(el("p", "pm-popup-desc", description));
    var href = safeHref(p.url[i]);
    if (href) {
      var link = el("a", "pm-popup-link", labels.website);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      box.appendChild(link);
    }
    return box;
  }

  /* What the current page has drawn, and the data files already fetched. The map's frame
   * lives across reruns, so a filter change reuses both. */
  var state = { group: null, lang: "en", typesKey: null, fitted: null, watchingSize: false };
  var fetched = {};

  function load(source) {
    if (typeof source !== "string") return Promise.resolve(source);
    if (!fetched[source]) {
      fetched[source] = fetch(source).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + source);
        return response.json();
      });
      fetched[source].catch(function () { delete fetched[source]; });
    }
    return fetched[source];
  }

  /* The indices of the partners in a view: the same rule as partnerships/filtering.py. */
  function inView(p, view) {
    var wanted = {}, out = [];
    view.types.forEach(function (t) { wanted[t] = true; });
    for (var i = 0; i < p.start.length; i++) {
      var ended = view.mode === "active" && p.end[i] !== null && p.end[i] < view.year;
      if (wanted[p.type[i]] && p.start[i] <= view.year && !ended) out.push(i);
    }
    return out;
  }

  /* One arc and one marker for partner i, made once per data file and reused. */
  function layersOf(data, i) {
    var made = data.made || (data.made = { arcs: [], markers: [], renderer: L.canvas({ padding: 0.3 }) });
    if (made.markers[i]) return [made.arcs[i], made.markers[i]];
    var p = data.partners, color = data.types[p.type[i]].color;
    var path = [[data.home.lat, data.home.lon]], inner = p.arc[i];
    for (var k = 0; k < inner.length; k += 2) path.push([inner[k], inner[k + 1]]);
    var at = L.latLng(p.lat[i], nearLongitude(p.lon[i], path[path.length - 1][1]));
    path.push(at);
    made.arcs[i] = L.polyline(path, {
      color: color, weight: 2, opacity: 0.75, interactive: false, renderer: made.renderer,
    });
    var marker = L.circleMarker(at, {
      radius: 7, color: "#ffffff", weight: 2, fillColor: color, fillOpacity: 1, renderer: made.renderer,
    });
    marker.bindTooltip(escapeHtml(p.name[i]), { direction: "top", offset: [0, -6] });
    marker.bindPopup(function () { return popupFor(data, i); }, { maxWidth: 320 });
    marker.partnerIndex = i;
    made.markers[i] = marker;
    return [made.arcs[i], marker];
  }

  /* Fit the partners in view; again when the frame is resized (the page sizes it to the
   * window after the first draw), unless the visitor has moved the map since. */
  function fit(map, bounds) {
    state.fitted = bounds;
    map.fitBounds(bounds.pad(0.08), { maxZoom: 6, animate: false });
    if (!state.watchingSize) {
      state.watchingSize = true;
      map.on("dragstart", function () { state.fitted = null; });
      map.getContainer().addEventListener("wheel", function () { state.fitted = null; }, { passive: true });
      map.on("resize", function () { if (state.fitted) map.fitBounds(state.fitted.pad(0.08), { maxZoom: 6, animate: false }); });
    }
  }

  function draw(map, group, data, view) {
    var shown = inView(data.partners, view), arcs = [], markers = [];
    var bounds = L.latLngBounds([[data.home.lat, data.home.lon], [data.home.lat, data.home.lon]]);
    shown.forEach(function (i) {
      var pair = layersOf(data, i);
      arcs.push(pair[0]);
      markers.push(pair[1]);
      bounds.extend(pair[1].getLatLng());
    });
    // Arcs first, so every marker is drawn over every arc.
    arcs.concat(markers).forEach(function (layer) { group.addLayer(layer); });
    var typesKey = view.types.join(",");
    if (shown.length && (typesKey !== state.typesKey || !map.getBounds().contains(bounds))) fit(map, bounds);
    state.typesKey = typesKey;
    return shown.length;
  }

  /* The partners in a view, drawn into `group`. `source` is the URL of the data file (or the
   * data itself); `view` holds the type indices, year, mode and language. */
  function partners(map, group, source, view) {
    // streamlit-folium takes the old group off the map but keeps it; let its layers go.
    if (state.group && state.group !== group) state.group.clearLayers();
    state.group = group;
    state.lang = view.lang;
    return load(source)
      .then(function (data) { return state.group === group ? draw(map, group, data, view) : 0; })
      .catch(function (err) { console.error("Partners not loaded:", err); });
  }

  window.PartnerMap = { basemap: basemap, home: home, legend: legend, partners: partners, inView: inView };
})();
