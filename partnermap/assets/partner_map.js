/* The partnership map's own Leaflet code: the offline basemap, home, the legend, and the
 * partners with their great-circle arcs, drawn from a compact data file (popup details come
 * later, in slices); past 500 partners, as clusters that split as the map zooms in.
 *
 * Colour is never the only sign of a partnership type (WCAG 1.4.1): each type also has a
 * marker shape (partnerships/style.py SHAPES), drawn on the map and shown again in the legend and
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

  /* The great circle from (lat1, lon1) to (lat2, lon2) as [lat, lon] points, as few as the
   * eye needs: the same rule and formula as geo/arcs.py (a straight segment for a hop
   * across the border, one point per 250 km, at most 64). The shortest way never turns
   * more than 180° of longitude, so the end is the partner within 180° of home. */
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

  function years(p, i, labels) {
    var start = p.start[i], end = p.end[i];
    if (end === null || end === undefined) return labels.since.replace("{start}", start);
    return start === end ? String(start) : start + "–" + end;
  }

  /* What only a popup shows (place, descriptions, website) travels in slices beside the
   * data file, fetched when a popup in the slice first opens; a self-contained file holds
   * them inline. Resolves to partner i's details. */
  function details(data, i) {
    var d = data.details, k = Math.floor(i / d.size), slice = d.slices[k];
    var loaded = typeof slice === "string" ? load(new URL(slice, data.url).href) : Promise.resolve(slice);
    return loaded.then(function (part) {
      var j = i - k * d.size, out = {};
      Object.keys(part).forEach(function (name) { out[name] = part[name][j]; });
      return out;
    });
  }

  /* The popup is built when it opens, in the language the page has then: what the data file
   * holds at once, the rest when its details slice is there. `ready` runs when the popup
   * has its final size. */
  function popupFor(data, i, ready) {
    var p = data.partners, lang = state.lang, labels = data.labels[lang];
    var danish = lang === "da", type = data.types[p.type[i]];
    var box = el("div", "pm-popup");
    box.appendChild(el("div", "pm-popup-name", p.name[i]));
    var kind = el("div", "pm-popup-type");
    kind.appendChild(shapeIcon(type, 20));
    kind.appendChild(el("span", null, type.label[lang]));
    box.appendChild(kind);
    var place = el("div", "pm-popup-place pm-loading", "…");
    box.appendChild(place);
    box.appendChild(el("div", "pm-popup-years", years(p, i, labels)));
    details(data, i).then(function (d) {
      place.classList.remove("pm-loading");
      place.textContent = d.city + ", " + ((danish && d.country_da) || d.country);
      var description = (danish && d.desc_da) || d.desc;
      if (description) box.appendChild(el("p", "pm-popup-desc", description));
      var href = safeHref(d.url);
      if (href) {
        var link = el("a", "pm-popup-link", labels.website);
        link.href = href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        box.appendChild(link);
      }
    }).catch(function (err) {
      console.error("Partner details not loaded:", err);
      place.textContent = labels.details_unavailable;
    }).then(function () { if (ready) ready(); });
    return box;
  }

  /* What the current page has drawn, and the data files already fetched. The map's frame
   * lives across reruns, so a filter change reuses both. */
  var state = { group: null, lang: "en", typesKey: null, fitted: null, watchingSize: false, shown: [] };
  var OUTLINE = "#1f1f1f";  // a dark edge keeps light colours visible on land and sea (WCAG 1.4.11)
  var ARC_OPACITY = 0.75;
  // Thousands of partners drawn one by one are a solid smear: past CROWD partners in the
  // data, partners close together on the screen are drawn as one numbered circle with one
  // arc whose width grows with their number, single partners shrink and their arcs thin and
  // fade so their density reads (see `looks` and `drawClusters`).
  var CROWD = 500;
  var CELL = 56;  // px: partners in one square of this size at the current zoom form a cluster
  var CLUSTER_FILL = "#263238", CLUSTER_TEXT = "#ffffff";  // contrast 13.2:1
  var FADE_MS = 450;
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
    if (n <= CROWD) return { arcWeight: 2, arcOpacity: ARC_OPACITY, radius: 7, outline: 1.5, cluster: false };
    var thin = Math.max(0.08, ARC_OPACITY * Math.sqrt(CROWD / n));
    return { arcWeight: 1, arcOpacity: thin, radius: n > 5000 ? 4 : 5, outline: 1, cluster: true };
  }

  function made(data) {
    return data.made || (data.made = {
      arcs: [], markers: [], at: [], renderer: L.canvas({ padding: 0.3 }), looks: looks(data),
    });
  }

  /* Where partner i's marker sits: its longitude within 180° of home, where its arc ends. */
  function positionOf(data, i) {
    var m = made(data);
    return m.at[i] || (m.at[i] = L.latLng(data.partners.lat[i], nearLongitude(data.partners.lon[i], data.home.lon)));
  }

  /* One arc and one marker for partner i, made once per data file and reused. */
  function layersOf(data, i) {
    var m = made(data);
    if (m.markers[i]) return [m.arcs[i], m.markers[i]];
    var p = data.partners, type = data.types[p.type[i]], color = type.color, at = positionOf(data, i);
    m.arcs[i] = L.polyline(greatCircle(data.home.lat, data.home.lon, at.lat, at.lng), {
      color: color, weight: m.looks.arcWeight, opacity: m.looks.arcOpacity, fullOpacity: m.looks.arcOpacity,
      interactive: false, renderer: m.renderer,
    });
    var marker = new ShapeMarker(at, {
      radius: m.looks.radius, shape: type.shape, color: OUTLINE, weight: m.looks.outline, fillColor: color,
      fillOpacity: 1, renderer: m.renderer,
    });
    marker.bindTooltip(escapeHtml(p.name[i]), { direction: "top", offset: [0, -6] });
    marker.bindPopup(popupContent(function (ready) { return popupFor(data, i, ready); }), { maxWidth: 320 });
    marker.partnerIndex = i;
    m.markers[i] = marker;
    return [m.arcs[i], marker];
  }

  /* A popup's content, built when it opens. When the details arrive the popup takes its new
   * size with `update()`, which asks for the content again: then it gets the same box. */
  function popupContent(build) {
    var box = null, refreshing = false;
    return function (layer) {
      if (!box || !refreshing) {
        box = build(function () {
          refreshing = true;
          layer.getPopup().update();
          refreshing = false;
        });
      }
      return box;
    };
  }

  /* The zoom, from `from` up, at which partner i stands alone: no other partner in view within
   * the diagonal of a cluster's square. Partners in one place never part: then the deepest
   * zoom up to SEPARATE_LIMIT. The tour flies there, so its popup is not under a cluster. */
  var SEPARATE_LIMIT = 10;

  function separateZoom(data, i, from) {
    var map = state.map, at = positionOf(data, i), reach = CELL * Math.SQRT2;
    if (!made(data).looks.cluster) return from;
    for (var zoom = from; zoom < SEPARATE_LIMIT; zoom++) {
      var p = map.project(at, zoom), crowded = false;
      for (var k = 0; k < state.shown.length && !crowded; k++) {
        var j = state.shown[k];
        crowded = j !== i && map.project(positionOf(data, j), zoom).distanceTo(p) < reach;
      }
      if (!crowded) return zoom;
    }
    return SEPARATE_LIMIT;
  }

  /* Open partner i's popup: on its marker when that is drawn, else (inside a cluster) on
   * its place. */
  function openPartner(data, i) {
    var marker = layersOf(data, i)[1], open = state.opened;
    if (marker._map && state.group && state.group.hasLayer(marker)) {
      if (!marker.isPopupOpen()) marker.openPopup();
      return;
    }
    // Already open (the page reruns after a choice in a cluster's list and asks again).
    if (open && open.data === data && open.i === i && open.popup.isOpen()) return;
    var popup = L.popup({ maxWidth: 320, offset: [0, -4] }).setLatLng(marker.getLatLng());
    popup.setContent(popupFor(data, i, function () { popup.update(); })).openOn(state.map);
    state.opened = { data: data, i: i, popup: popup };
  }

  /* A partner chosen from a cluster's list is told to the page as a click on its marker
   * would be (the group's click, with the marker as its source): the page then describes it
   * beside the map and puts it in the link. */
  function reportChoice(data, i) {
    var marker = layersOf(data, i)[1];
    if (state.group) state.group.fire("click", { latlng: marker.getLatLng(), layer: marker, sourceTarget: marker });
  }

  /* A cluster: a dark circle sized by how many partners it holds, the number on it. */
  var ClusterMarker = L.CircleMarker.extend({
    _updatePath: function () {
      var renderer = this._renderer;
      renderer._updateCircle(this);
      if (!renderer._drawing || this._empty() || !renderer._ctx) return;
      var ctx = renderer._ctx, p = this._point, label = this.options.label;
      ctx.save();
      ctx.globalAlpha = this.options.fillOpacity;
      ctx.fillStyle = this.options.textColor;
      ctx.font = "600 " + Math.round(this._radius * (label.length > 2 ? 0.72 : 0.9)) + "px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(label, p.x, p.y + 0.5);
      ctx.restore();
    },
  });

  function clusterRadius(count) {
    return 11 + 4 * Math.log10(count);  // 2 → 12, 100 → 19, 10,000 → 27
  }

  /* Squares are cut without regard to where partners lie: two crowds either side of a line
   * would be drawn overlapping. The larger absorbs a neighbour it would overlap, largest
   * first; one pass leaves few overlaps and keeps every partner in exactly one cell. */
  function mergeOverlapping(cells, order, singleRadius) {
    function reach(cell) {
      return cell.members.length > 1 ? clusterRadius(cell.members.length) : singleRadius;
    }
    var bySize = order.slice().sort(function (a, b) { return cells[b].members.length - cells[a].members.length; });
    var kept = [];
    bySize.forEach(function (key) {
      var cell = cells[key];
      if (cell.merged) return;
      cell.kept = true;
      var at = key.split(":").map(Number);
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var other = cells[(at[0] + dx) + ":" + (at[1] + dy)];
          if (!other || other.kept || other.merged) continue;  // each partner in one cell only
          var n = cell.members.length, k = other.members.length;
          var distance = Math.sqrt(Math.pow(cell.x / n - other.x / k, 2) + Math.pow(cell.y / n - other.y / k, 2));
          if (distance >= reach(cell) + reach(other)) continue;
          cell.members = cell.members.concat(other.members);
          cell.x += other.x;
          cell.y += other.y;
          other.merged = true;
        }
      }
      kept.push(cell);
    });
    return kept;
  }

  var thousands = {};

  /* 950, 1.2k, 16k (Danish 1,2k): short enough for the circle in every browser. */
  function countLabel(count, lang) {
    if (count < 1000) return String(count);
    var format = thousands[lang] || (thousands[lang] = new Intl.NumberFormat(lang === "da" ? "da-DK" : "en-GB",
      { maximumFractionDigits: 1 }));
    return format.format(count < 10000 ? count / 1000 : Math.round(count / 1000)) + "k";
  }

  /* The tooltip of a cluster: how many, and how many of each type. */
  function clusterTooltip(data, members) {
    var lang = state.lang, labels = data.labels[lang], byType = {};
    members.forEach(function (i) { byType[data.partners.type[i]] = (byType[data.partners.type[i]] || 0) + 1; });
    var lines = Object.keys(byType).sort(function (a, b) { return byType[b] - byType[a]; }).map(function (t) {
      return escapeHtml(byType[t] + " × " + data.types[t].label[lang]);
    });
    return "<strong>" + escapeHtml(labels.cluster_count.replace("{n}", members.length)) + "</strong><br>" + lines.join("<br>");
  }

  var LISTED = 12;  // partners named in a cluster's popup

  /* A cluster that zooming cannot split (one place, or the closest zoom) lists its partners;
   * each name opens that partner's popup. */
  function clusterList(data, members) {
    var lang = state.lang, labels = data.labels[lang], p = data.partners;
    var box = el("div", "pm-popup pm-cluster-list");
    box.appendChild(el("div", "pm-popup-name", labels.cluster_count.replace("{n}", members.length)));
    var list = el("ul");
    members.slice().sort(function (a, b) { return p.name[a].localeCompare(p.name[b], lang); }).slice(0, LISTED)
      .forEach(function (i) {
        var item = el("li"), choose = el("button", "pm-cluster-item");
        choose.type = "button";
        choose.appendChild(shapeIcon(data.types[p.type[i]], 16));
        choose.appendChild(el("span", null, p.name[i]));
        choose.addEventListener("click", function () {
          openPartner(data, i);
          reportChoice(data, i);
        });
        item.appendChild(choose);
        list.appendChild(item);
      });
    box.appendChild(list);
    if (members.length > LISTED) {
      box.appendChild(el("div", "pm-popup-years", labels.cluster_more.replace("{n}", members.length - LISTED)));
    }
    return box;
  }

  function onClusterClick(event, data, members, bounds, at) {
    L.DomEvent.stop(event);  // else the map, hearing the click too, closes the popup at once
    var map = state.map, zoom = map.getZoom(), deepest = map.getMaxZoom();
    var onePlace = bounds.getNorthEast().equals(bounds.getSouthWest(), 1e-6);
    if (onePlace || zoom >= deepest) {
      L.popup({ maxWidth: 320 }).setLatLng(at).setContent(clusterList(data, members)).openOn(map);
      return;
    }
    state.fitted = null;
    map.flyTo(bounds.getCenter(), Math.min(Math.max(map.getBoundsZoom(bounds.pad(0.2)), zoom + 1), deepest),
      { duration: 0.6 });
  }

  /* The partners in view with those close together on the screen drawn as clusters: one
   * square of CELL pixels at this zoom is one cluster, at its members' centre of gravity,
   * with one arc from home as wide as the logarithm of its size. Zoomed in closer than
   * AREA_ZOOM, only the partners in and around the visible part of the map are drawn (and
   * again when the map moves beyond it): at a town's zoom every partner is its own marker. */
  var AREA_ZOOM = 6;

  function drawClusters(group, data, shown) {
    var map = state.map, zoom = map.getZoom(), m = made(data), cells = {}, order = [];
    var area = zoom >= AREA_ZOOM ? map.getBounds().pad(1) : null;
    state.area = area;
    shown.forEach(function (i) {
      var at = positionOf(data, i);
      if (area && !area.contains(at)) return;
      var px = map.project(at, zoom);
      var key = Math.floor(px.x / CELL) + ":" + Math.floor(px.y / CELL), cell = cells[key];
      if (!cell) {
        cell = cells[key] = { members: [], x: 0, y: 0 };
        order.push(key);
      }
      cell.members.push(i);
      cell.x += px.x;
      cell.y += px.y;
    });
    var arcs = [], singles = [], clusters = [];
    mergeOverlapping(cells, order, m.looks.radius).forEach(function (cell) {
      var members = cell.members, count = members.length;
      if (count === 1) {
        var pair = layersOf(data, members[0]);
        setOpacity(pair, 1);
        arcs.push(pair[0]);
        singles.push(pair[1]);
        return;
      }
      var at = map.unproject(L.point(cell.x / count, cell.y / count), zoom);
      var bounds = L.latLngBounds(members.map(function (i) { return positionOf(data, i); }));
      var oneType = members.every(function (i) { return data.partners.type[i] === data.partners.type[members[0]]; });
      var color = oneType ? data.types[data.partners.type[members[0]]].color : CLUSTER_FILL;
      arcs.push(L.polyline(greatCircle(data.home.lat, data.home.lon, at.lat, at.lng), {
        color: color, weight: Math.min(1 + Math.log2(count), 8), opacity: Math.max(m.looks.arcOpacity, 0.35),
        interactive: false, renderer: m.renderer,
      }));
      var cluster = new ClusterMarker(at, {
        radius: clusterRadius(count), color: oneType ? color : "#ffffff", weight: 2.5, opacity: 1,
        fillColor: CLUSTER_FILL, fillOpacity: 0.92, textColor: CLUSTER_TEXT, label: countLabel(count, state.lang),
        renderer: m.renderer,
      });
      cluster.bindTooltip(clusterTooltip(data, members), { direction: "top", offset: [0, -clusterRadius(count)] });
      cluster.on("click", function (event) { onClusterClick(event, data, members, bounds, at); });
      cluster.clusterIndices = members;
      clusters.push(cluster);
    });
    group.clearLayers();
    // Arcs under single partners under clusters.
    arcs.concat(singles, clusters).forEach(function (layer) { group.addLayer(layer); });
    // A click on a cluster is the map's business (zoom, or a list): the page, which hears of
    // clicks on the group's layers, need not rerun for it.
    clusters.forEach(function (cluster) { cluster.removeEventParent(group); });
    state.clusters = clusters.length;
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
    if (!pairs.length || !window.requestAnimationFrame) {
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
    shown.forEach(function (i) { bounds.extend(positionOf(data, i)); });
    return bounds;
  }

  function openSelected(data, view) {
    var i = view.selected ? data.partners.id.indexOf(view.selected) : -1;
    if (i >= 0 && state.shown.indexOf(i) >= 0) openPartner(data, i);
  }

  /* Clusters depend on the zoom, and close up on where the map is: drawn again when these
   * change. */
  function watchZoom(map) {
    if (state.watchingZoom) return;
    state.watchingZoom = true;
    function again() {
      var ready = state.data && state.drawnInto === state.group;  // not while a new group waits for its data
      if (ready && made(state.data).looks.cluster && !state.fitting) drawClusters(state.group, state.data, state.shown);
    }
    map.on("zoomend", again);
    map.on("moveend", function () { if (state.area && !state.area.contains(map.getBounds())) again(); });
  }

  function draw(map, group, data, view) {
    var shown = inView(data.partners, view), clustered = made(data).looks.cluster;
    group.clearLayers();
    Object.assign(state, { map: map, data: data, view: view, shown: shown, drawnInto: group, clusters: 0 });
    var bounds = boundsOf(data, shown), typesKey = view.types.join(",");
    state.fitting = true;
    if (shown.length && (typesKey !== state.typesKey || !map.getBounds().contains(bounds))) fit(map, bounds);
    state.fitting = false;
    state.typesKey = typesKey;
    map.getContainer().classList.toggle("pm-crowded", clustered);
    if (clustered) {
      watchZoom(map);
      drawClusters(group, data, shown);
    } else {
      var arcs = [], markers = [];
      shown.forEach(function (i) {
        var pair = layersOf(data, i);
        setOpacity(pair, 1);
        arcs.push(pair[0]);
        markers.push(pair[1]);
      });
      // Arcs first, so every marker is drawn over every arc.
      arcs.concat(markers).forEach(function (layer) { group.addLayer(layer); });
    }
    openSelected(data, view);
    return shown.length;
  }

  /* Show another view of the same data in place, fading partners in as they begin and out
   * as they end: the timeline player and the tour step with this, in the browser alone.
   * Clusters are drawn again at once. */
  function redraw(view) {
    if (!state.data) return;
    var data = state.data, group = state.group, next = inView(data.partners, view);
    state.view = view;
    state.lang = view.lang;
    if (made(data).looks.cluster) {
      state.shown = next;
      drawClusters(group, data, next);
      return;
    }
    var before = {}, after = {};
    state.shown.forEach(function (i) { before[i] = true; });
    next.forEach(function (i) { after[i] = true; });
    var entering = next.filter(function (i) { return !before[i]; }).map(function (i) { return layersOf(data, i); });
    var leaving = state.shown.filter(function (i) { return !after[i]; });
    entering.forEach(function (pair) { setOpacity(pair, 0); group.addLayer(pair[0]); });
    entering.forEach(function (pair) { group.addLayer(pair[1]); });
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
      .then(function (data) {
        // Details slices are named relative to the data file.
        if (typeof source === "string" && !data.url) data.url = new URL(source, window.location.href).href;
        return state.group === group ? draw(map, group, data, view) : 0;
      })
      .catch(function (err) { console.error("Partners not loaded:", err); });
  }

  /* What the map shows now, for the story controls (story.js) and tests. */
  function current() {
    return { map: state.map, data: state.data, view: state.view, shown: state.shown, clusters: state.clusters || 0 };
  }

  window.PartnerMap = {
    basemap: basemap, home: home, legend: legend, partners: partners, redraw: redraw, current: current,
    openPartner: openPartner, details: details, positionOf: positionOf, separateZoom: separateZoom,
    greatCircle: greatCircle, el: el,
  };
})();
