/* The partnership map's own Leaflet code: the offline basemap, home, the legend, and every
 * partner with its arc drawn from one compact data object.
 *
 * Colour is never the only sign of a partnership type (WCAG 1.4.1): each type also has a
 * marker shape (geo/style.py SHAPES), drawn on the map and shown again in the legend and
 * the popup.
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

  /* The outline of each marker shape but the circle, as points around (0, 0) with y pointing
   * down, scaled so that every shape covers the area of a circle of radius 1: no type looks
   * weightier than another. `reach` is the farthest point's distance from the centre. */
  var OUTLINES = (function () {
    function regular(corners, startDegrees) {
      var points = [];
      for (var k = 0; k < corners; k++) {
        var a = (startDegrees + (360 * k) / corners) * Math.PI / 180;
        points.push([Math.cos(a), Math.sin(a)]);
      }
      return points;
    }
    function star(tips, inner) {
      var points = [];
      for (var k = 0; k < 2 * tips; k++) {
        var a = -Math.PI / 2 + (Math.PI * k) / tips, d = k % 2 ? inner : 1;
        points.push([d * Math.cos(a), d * Math.sin(a)]);
      }
      return points;
    }
    function toCircleArea(points) {
      var area = 0;
      for (var k = 0; k < points.length; k++) {
        var q = points[k], n = points[(k + 1) % points.length];
        area += q[0] * n[1] - n[0] * q[1];
      }
      var scale = Math.sqrt(Math.PI / Math.abs(area / 2)), reach = 0;
      points = points.map(function (q) {
        reach = Math.max(reach, Math.sqrt(q[0] * q[0] + q[1] * q[1]) * scale);
        return [q[0] * scale, q[1] * scale];
      });
      return { points: points, reach: reach };
    }
    var shapes = {
      square: regular(4, 45),
      triangle: regular(3, -90),
      diamond: [[0, -1], [0.8, 0], [0, 1], [-0.8, 0]],
      pentagon: regular(5, -90),
      star: star(5, 0.5),
      hexagon: regular(6, 0),
      "triangle-down": regular(3, 90),
    };
    var outlines = {};
    Object.keys(shapes).forEach(function (name) { outlines[name] = toCircleArea(shapes[name]); });
    return outlines;
  })();

  function outlineOf(shape) {
    return Object.prototype.hasOwnProperty.call(OUTLINES, shape) ? OUTLINES[shape] : null;
  }

  /* A circle marker drawn as its type's shape on a canvas renderer: Leaflet's own
   * Canvas._updateCircle with the arc replaced by the outline. The pixel bounds grow to the
   * shape's reach, so redraws and culling take in its corners; clicks still hit the circle. */
  var ShapeMarker = L.CircleMarker.extend({
    options: { shape: "circle" },

    _updateBounds: function () {
      var outline = outlineOf(this.options.shape);
      var r = this._radius * (outline ? Math.max(outline.reach, 1) : 1), w = this._clickTolerance();
      this._pxBounds = new L.Bounds(this._point.subtract([r + w, r + w]), this._point.add([r + w, r + w]));
    },

    _updatePath: function () {
      var renderer = this._renderer, outline = outlineOf(this.options.shape);
      if (!outline || !renderer._ctx) {
        renderer._updateCircle(this);
        return;
      }
      if (!renderer._drawing || this._empty()) return;
      var ctx = renderer._ctx, p = this._point, r = Math.max(Math.round(this._radius), 1);
      ctx.beginPath();
      outline.points.forEach(function (q, k) { ctx[k ? "lineTo" : "moveTo"](p.x + q[0] * r, p.y + q[1] * r); });
      ctx.closePath();
      renderer._fillStroke(ctx, this);
    },
  });

  /* A type's shape in its colour as a small inline SVG, beside the type's name: decoration
   * for screen readers, which read the name. Built node by node; nothing in it is parsed. */
  var SVG_NS = "http://www.w3.org/2000/svg";
  var SHAPE_RADIUS = 7;  // as on the map, where partner markers have radius 7

  function shapeIcon(type, size) {
    var svg = document.createElementNS(SVG_NS, "svg"), outline = outlineOf(type.shape), figure;
    var half = 12;  // room for the farthest corner (triangle: 1.56 × 7) and the outline
    svg.setAttribute("class", "pm-shape");
    svg.setAttribute("viewBox", -half + " " + -half + " " + 2 * half + " " + 2 * half);
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("data-shape", outline ? type.shape : "circle");
    if (outline) {
      figure = document.createElementNS(SVG_NS, "polygon");
      figure.setAttribute("points", outline.points.map(function (q) {
        return (q[0] * SHAPE_RADIUS).toFixed(2) + "," + (q[1] * SHAPE_RADIUS).toFixed(2);
      }).join(" "));
    } else {
      figure = document.createElementNS(SVG_NS, "circle");
      figure.setAttribute("r", String(SHAPE_RADIUS));
    }
    figure.style.fill = type.color;
    svg.appendChild(figure);
    return svg;
  }

  /* Countries drawn from GeoJSON: from a URL the browser caches, or from inlined data.
   * `label` names the map for assistive technology: the container becomes a named region. */
  function basemap(map, source, style, label) {
    var container = map.getContainer();
    container.style.background = style.ocean;
    // The page sizes the map's frame after Leaflet measured it, and stylesheets may arrive
    // late: follow the container's real size, not only the window's.
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize({ debounceMoveend: true }); }).observe(container);
    }
    if (label) {
      container.setAttribute("role", "region");
      container.setAttribute("aria-label", String(label));
    }
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

  /* Each type's shape in its colour and its name: a list named by the legend's title. */
  function legend(map, title, types) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("div", "pm-legend leaflet-control");
      var heading = el("div", "pm-legend-title", title);
      heading.id = "pm-legend-title-" + L.stamp(control);
      box.appendChild(heading);
      var list = el("div", "pm-legend-list");
      list.setAttribute("role", "list");
      list.setAttribute("aria-labelledby", heading.id);
      types.forEach(function (type) {
        var row = el("div", "pm-legend-row");
        row.setAttribute("role", "listitem");
        row.appendChild(shapeIcon(type, 24));
        row.appendChild(el("span", null, type.label));
        list.appendChild(row);
      });
      box.appendChild(list);
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
    kind.appendChild(shapeIcon(type, 20));
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
  var state = { group: null, lang: "en", typesKey: null, fitted: null, watchingSize: false, shown: [] };
  var OUTLINE = "#1f1f1f";  // a dark edge keeps light colours visible on land and sea (WCAG 1.4.11)
  var ARC_OPACITY = 0.75;
  // Thousands of arcs drawn at full strength are a solid smear: past CROWD partners, arcs
  // thin and fade so their density reads, and markers shrink (see `looks`).
  var CROWD = 500;
  var FADE_MS = 450;
  var FADE_LIMIT = 3000;  // beyond this many partners, appear and vanish without a fade
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

  /* How strongly to draw: by the number of partners in the data, so a view never restyles. */
  function looks(data) {
    var n = data.partners.id.length;
    if (n <= CROWD) return { arcWeight: 2, arcOpacity: ARC_OPACITY, radius: 7, outline: 1.5 };
    var thin = Math.max(0.08, ARC_OPACITY * Math.sqrt(CROWD / n));
    return { arcWeight: 1, arcOpacity: thin, radius: n > 5000 ? 4 : 5, outline: 1 };
  }

  /* One arc and one marker for partner i, made once per data file and reused. */
  function layersOf(data, i) {
    var made = data.made || (data.made = { arcs: [], markers: [], renderer: L.canvas({ padding: 0.3 }), looks: looks(data) });
    if (made.markers[i]) return [made.arcs[i], made.markers[i]];
    var p = data.partners, type = data.types[p.type[i]], color = type.color;
    var path = [[data.home.lat, data.home.lon]], inner = p.arc[i];
    for (var k = 0; k < inner.length; k += 2) path.push([inner[k], inner[k + 1]]);
    var at = L.latLng(p.lat[i], nearLongitude(p.lon[i], path[path.length - 1][1]));
    path.push(at);
    made.arcs[i] = L.polyline(path, {
      color: color, weight: made.looks.arcWeight, opacity: made.looks.arcOpacity, fullOpacity: made.looks.arcOpacity,
      interactive: false, renderer: made.renderer,
    });
    var marker = new ShapeMarker(at, {
      radius: made.looks.radius, shape: type.shape, color: OUTLINE, weight: made.looks.outline, fillColor: color,
      fillOpacity: 1, renderer: made.renderer,
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

  /* Opacity of a partner's arc and marker, 0 (gone) to 1, for fading in and out. */
  function setOpacity(pair, k) {
    pair[0].setStyle({ opacity: pair[0].options.fullOpacity * k });
    pair[1].setStyle({ opacity: k, fillOpacity: k });
  }

  function fade(pairs, from, to, done) {
    if (!pairs.length || pairs.length > FADE_LIMIT || !window.requestAnimationFrame) {
      pairs.forEach(function (pair) { setOpacity(pair, to); });
      if (done) done();
      return;
    }
    var started = null;
    function step(now) {
      started = started === null ? now : started;
      var k = Math.min(1, (now - started) / FADE_MS);
      pairs.forEach(function (pair) { setOpacity(pair, from + (to - from) * k); });
      if (k < 1) window.requestAnimationFrame(step);
      else if (done) done();
    }
    window.requestAnimationFrame(step);
  }

  function boundsOf(data, shown) {
    var bounds = L.latLngBounds([[data.home.lat, data.home.lon], [data.home.lat, data.home.lon]]);
    shown.forEach(function (i) { bounds.extend(layersOf(data, i)[1].getLatLng()); });
    return bounds;
  }

  function openSelected(data, view) {
    var i = view.selected ? data.partners.id.indexOf(view.selected) : -1;
    if (i >= 0 && state.shown.indexOf(i) >= 0) layersOf(data, i)[1].openPopup();
  }

  function draw(map, group, data, view) {
    var shown = inView(data.partners, view), arcs = [], markers = [];
    shown.forEach(function (i) {
      var pair = layersOf(data, i);
      setOpacity(pair, 1);
      arcs.push(pair[0]);
      markers.push(pair[1]);
    });
    // Arcs first, so every marker is drawn over every arc.
    arcs.concat(markers).forEach(function (layer) { group.addLayer(layer); });
    Object.assign(state, { map: map, data: data, view: view, shown: shown });
    var bounds = boundsOf(data, shown), typesKey = view.types.join(",");
    if (shown.length && (typesKey !== state.typesKey || !map.getBounds().contains(bounds))) fit(map, bounds);
    state.typesKey = typesKey;
    openSelected(data, view);
    return shown.length;
  }

  /* Show another view of the same data in place, fading partners in as they begin and out
   * as they end: the timeline player and the tour step with this, in the browser alone. */
  function redraw(view) {
    if (!state.data) return;
    var data = state.data, group = state.group, next = inView(data.partners, view);
    var before = {}, after = {};
    state.shown.forEach(function (i) { before[i] = true; });
    next.forEach(function (i) { after[i] = true; });
    var entering = next.filter(function (i) { return !before[i]; }).map(function (i) { return layersOf(data, i); });
    var leaving = state.shown.filter(function (i) { return !after[i]; });
    entering.forEach(function (pair) { setOpacity(pair, 0); group.addLayer(pair[0]); });
    entering.forEach(function (pair) { group.addLayer(pair[1]); });
    state.view = view;
    state.lang = view.lang;
    state.shown = next;
    fade(entering, 0, 1);
    fade(leaving.map(function (i) { return layersOf(data, i); }), 1, 0, function () {
      leaving.forEach(function (i) {
        if (state.shown.indexOf(i) >= 0) return;  // back in view while it faded
        var pair = layersOf(data, i);
        group.removeLayer(pair[0]);
        group.removeLayer(pair[1]);
      });
    });
  }

  /* The partners in a view, drawn into `group`. `source` is the URL of the data file (or the
   * data itself); `view` holds the type indices, year, mode, language and the open partner. */
  function partners(map, group, source, view) {
    // streamlit-folium takes the old group off the map but keeps it; let its layers go.
    if (state.group && state.group !== group) state.group.clearLayers();
    state.group = group;
    state.lang = view.lang;
    return load(source)
      .then(function (data) { return state.group === group ? draw(map, group, data, view) : 0; })
      .catch(function (err) { console.error("Partners not loaded:", err); });
  }

  /* What the map shows now, for the story controls (story.js). */
  function current() {
    return { map: state.map, data: state.data, view: state.view, shown: state.shown };
  }

  window.PartnerMap = {
    basemap: basemap, home: home, legend: legend, partners: partners, inView: inView,
    redraw: redraw, current: current, layersOf: layersOf, el: el,
  };
})();
