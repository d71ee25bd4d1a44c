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

  function popupFor(data, i, color) {
    var p = data.partners, labels = data.labels, type = data.types[p.type[i]];
    var box = el("div", "pm-popup");
    box.appendChild(el("div", "pm-popup-name", p.name[i]));
    var kind = el("div", "pm-popup-type");
    var dot = el("span", "pm-swatch");
    dot.style.background = color;
    kind.appendChild(dot);
    kind.appendChild(el("span", null, type.label));
    box.appendChild(kind);
    box.appendChild(el("div", "pm-popup-place", p.city[i] + ", " + p.country[i]));
    box.appendChild(el("div", "pm-popup-years", years(p, i, labels)));
    if (p.desc[i]) box.appendChild(el("p", "pm-popup-desc", p.desc[i]));
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

  /* All partners in view: one arc and one marker each, drawn on a shared canvas. */
  function partners(map, group, data) {
    var p = data.partners, renderer = L.canvas({ padding: 0.3 });
    var origin = [data.home.lat, data.home.lon];
    var arcs = L.layerGroup(), markers = L.featureGroup();
    var bounds = L.latLngBounds([origin, origin]);
    for (var i = 0; i < p.name.length; i++) {
      var color = data.types[p.type[i]].color;
      var inner = p.arc[i], path = [origin];
      for (var k = 0; k < inner.length; k += 2) path.push([inner[k], inner[k + 1]]);
      var at = L.latLng(p.lat[i], nearLongitude(p.lon[i], path[path.length - 1][1]));
      path.push(at);
      arcs.addLayer(L.polyline(path, {
        color: color, weight: 2, opacity: 0.75, interactive: false, renderer: renderer,
      }));
      var marker = L.circleMarker(at, {
        radius: 7, color: "#ffffff", weight: 2, fillColor: color, fillOpacity: 1, renderer: renderer,
      });
      marker.bindTooltip(escapeHtml(p.name[i]), { direction: "top", offset: [0, -6] });
      marker.bindPopup(popupFor.bind(null, data, i, color), { maxWidth: 320 });
      marker.partnerIndex = i;
      markers.addLayer(marker);
      bounds.extend(at);
    }
    group.addLayer(arcs);
    group.addLayer(markers);
    if (p.name.length) map.fitBounds(bounds.pad(0.08), { maxZoom: 6, animate: false });
    return markers;
  }

  window.PartnerMap = { basemap: basemap, home: home, legend: legend, partners: partners, escapeHtml: escapeHtml };
})();
