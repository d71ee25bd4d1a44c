/* Two scales at once. Where partners near home stand too close on the map to be told apart
 * (at the world view the Border Triangle is one blob around Sønderborg), an inset of the home
 * region, a locator map as newspapers draw them, shows them apart, each with its own marker.
 * It shows only while it is needed: zoom in until they stand apart and it goes.
 *
 * The inset is a small Leaflet map of its own, fixed (no panning, no zooming), drawn with the
 * main map's countries near home and the partner layer's own icons and colours. A click (or
 * Enter) on a partner there opens its popup on the main map and tells the page, as a click on
 * its marker does. A crowded map (clusters) splits its clusters as one zooms instead.
 */
(function () {
  "use strict";

  var NS = L.PartnerMap, el = NS.dom.el, rules = window.PartnerRules;
  var APART_PX = 18;  // markers nearer than this cannot be told apart, nor clicked one by one
  var NEAR_PX = 72;  // how far from home, on screen, the inset looks for partners too close
  var MOST = 40;  // more than this near home: zooming the map tells them apart better
  var MAX_ZOOM = 10;

  /* The partners drawn near home, when any two of them, or one and home, stand too close. */
  function crowdedNearHome(map, layer) {
    var home = layer.data.home, at = map.latLngToContainerPoint([home.lat, home.lon]), near = [], points = [at];
    if (!map.getBounds().contains([home.lat, home.lon])) return [];  // home is not in view: nothing to magnify
    layer.occupies().forEach(function (o) {
      var point = L.point(o.x, o.y);
      if (o.i !== null && point.distanceTo(at) <= NEAR_PX) {
        near.push(o.i);
        points.push(point);
      }
    });
    if (!near.length || near.length > MOST) return [];
    for (var a = 0; a < points.length; a++) {
      for (var b = a + 1; b < points.length; b++) if (points[a].distanceTo(points[b]) < APART_PX) return near;
    }
    return [];
  }

  /* Where each of `places` is drawn in the inset: at its place, or, where two of them (or one
   * and home) would stand closer than APART_PX, on a small circle around them (around home
   * when they are at home), each in the direction it lies in. */
  function spread(inset, home, places) {
    var centre = inset.latLngToContainerPoint([home.lat, home.lon]), parent = places.map(function (_, k) { return k; });
    var points = places.map(function (place) { return inset.latLngToContainerPoint(place); });
    function root(k) { return parent[k] === k ? k : (parent[k] = root(parent[k])); }
    points.forEach(function (a, k) {
      for (var j = k + 1; j < points.length; j++) if (a.distanceTo(points[j]) < APART_PX) parent[root(j)] = root(k);
    });
    var atHome = points.map(function (p, k) { return p.distanceTo(centre) < APART_PX ? k : -1; })
      .filter(function (k) { return k >= 0; });
    atHome.forEach(function (k) { parent[root(k)] = root(atHome[0]); });  // one circle around home
    var groups = {};
    points.forEach(function (_, k) { (groups[root(k)] = groups[root(k)] || []).push(k); });
    var shown = places.slice();
    Object.keys(groups).forEach(function (g) {
      var ks = groups[g], nearHome = ks.some(function (k) { return atHome.indexOf(k) >= 0; });
      if (ks.length === 1 && !nearHome) return;
      var middle = nearHome ? centre : ks.reduce(function (sum, k) { return sum.add(points[k]); }, L.point(0, 0))
        .divideBy(ks.length);
      // Each keeps its own direction from the middle where it can (Aabenraa stays north of
      // Flensburg), pushed out to the circle and turned just enough to stand apart.
      var n = ks.length, radius = Math.max(APART_PX, n > 1 ? APART_PX / (2 * Math.sin(Math.PI / n)) : 0) + 2;
      var gap = 2 * Math.asin(Math.min(1, APART_PX / (2 * radius))), even = (2 * Math.PI) / n;
      var turns = ks.map(function (k, m) {
        var d = points[k].subtract(middle);
        return { k: k, angle: d.x || d.y ? Math.atan2(d.y, d.x) : -Math.PI / 2 + m * even };
      }).sort(function (a, b) { return a.angle - b.angle; });
      for (var m = 1; m < n; m++) turns[m].angle = Math.max(turns[m].angle, turns[m - 1].angle + gap);
      if (n > 1 && turns[n - 1].angle - turns[0].angle > 2 * Math.PI - gap) {  // no room so: evenly
        turns.forEach(function (turn, m) { turn.angle = turns[0].angle + m * even; });
      }
      turns.forEach(function (turn) {
        var to = L.point(Math.cos(turn.angle), Math.sin(turn.angle)).multiplyBy(radius);
        shown[turn.k] = inset.containerPointToLatLng(middle.add(to));
      });
    });
    return shown;
  }

  function overlaps(a, b) {  // two L.Bounds that share more than an edge
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
  }

  var Inset = L.Control.extend({
    options: { position: "bottomright", title: "", home: null, color: "#000000", basemap: null },

    onAdd: function (map) {
      var box = el("div", "pm-inset leaflet-control"), title = el("div", "pm-inset-title", this.options.title);
      title.id = "pm-inset-title-" + L.stamp(this);
      box.setAttribute("role", "group");
      box.setAttribute("aria-labelledby", title.id);
      this.frame = el("div", "pm-inset-map");
      box.appendChild(title);
      box.appendChild(this.frame);
      box.hidden = true;
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      this.box = box;
      this.map = map;
      this.inset = null;
      this.key = "";
      this.members = [];
      // After each drawing of the partners (layer.js); a pan may bring home into view, or take it out.
      map.on("pmdraw zoomend moveend resize", this.update, this);
      map.on("pmlayout", this.clearLegend, this);  // the legend folded or unfolded, or the inset came
      return box;
    },

    onRemove: function (map) {
      map.off("pmdraw zoomend moveend resize", this.update, this);
      map.off("pmlayout", this.clearLegend, this);
      if (this.inset) this.inset.remove();
    },

    update: function () {
      var layer = this.map.partnerLayer;
      var looks = layer && layer.looks(), near = looks && !looks.cluster ? crowdedNearHome(this.map, layer) : [];
      var was = !this.box.hidden;
      this.members = near;
      this.box.hidden = !near.length;
      if (near.length) {
        this.draw(layer, near);
        this.clearLegend();
      } else {
        this.key = "";
      }
      if (was !== !this.box.hidden) this.map.fire("pmlayout");  // the corner's room changed
    },

    /* On a narrow map the inset stands above the legend rather than over it. */
    clearLegend: function () {
      var legend = this.map.getContainer().querySelector(".pm-legend"), box = this.box;
      box.style.marginBottom = "";
      if (!legend || box.hidden) return;
      if (!this.watched && window.ResizeObserver) {  // the legend's text settles as fonts arrive
        this.watched = new ResizeObserver(this.clearLegend.bind(this));
        this.watched.observe(legend);
      }
      var a = legend.getBoundingClientRect(), b = box.getBoundingClientRect();
      if (!NS.dom.meet(a, b)) return;
      // The legend folds if it may (its own pmlayout brings us back here); else the inset stands above it.
      if (this.map.legendControl && this.map.legendControl.yieldRoom()) return;
      var margin = parseFloat(window.getComputedStyle(box).marginBottom) || 0;
      box.style.marginBottom = Math.ceil(margin + b.bottom - a.top + 8) + "px";
    },

    /* The inset's map, made the first time it shows (it needs its size). */
    ensureMap: function () {
      if (this.inset) return this.inset;
      var inset = (this.inset = L.map(this.frame, {
        zoomControl: false, attributionControl: false, dragging: false, touchZoom: false, scrollWheelZoom: false,
        doubleClickZoom: false, boxZoom: false, keyboard: false, zoomSnap: 0.25, fadeAnimation: false,
        zoomAnimation: false, markerZoomAnimation: false, preferCanvas: true,
      }));
      var look = this.options.basemap || {};
      this.frame.style.background = look.ocean || "";
      // The land in a pane of its own under the arcs: it arrives after them (copyCountries).
      inset.createPane("pm-inset-land").style.zIndex = 250;
      this.countries = L.geoJSON(null, {
        interactive: false, pane: "pm-inset-land", renderer: L.canvas({ pane: "pm-inset-land" }),
        style: function () { return { color: look.border, weight: 0.8, fillColor: look.land, fillOpacity: 1 }; },
      }).addTo(inset);
      this.arcs = L.featureGroup().addTo(inset);
      var home = this.options.home;
      this.ring = L.circleMarker([home.lat, home.lon], {
        radius: 7, color: this.options.color, weight: 2.5, fillColor: "#ffffff", fillOpacity: 1, interactive: false,
      }).addTo(inset);
      this.points = L.featureGroup().addTo(inset);
      this.copyCountries();
      return inset;
    },

    /* The main map's countries near home, as its basemap layer draws them (and as it redraws them). */
    copyCountries: function () {
      var self = this, home = this.options.home, near = L.latLngBounds([home.lat - 12, home.lon - 20],
                                                                      [home.lat + 12, home.lon + 20]);
      var found = false;
      this.map.eachLayer(function (layer) {
        if (found || !(layer instanceof L.GeoJSON) || layer.options.pane !== "pm-basemap") return;
        found = true;
        var copy = function () {
          self.countries.clearLayers();
          layer.eachLayer(function (country) {
            if (country.getBounds && country.getBounds().intersects(near)) self.countries.addData(country.feature);
          });
        };
        if (layer.getLayers().length) copy();
        layer.on("loaded", copy);  // the world's shapes, then every point once the map zooms in (basemap.js)
      });
    },

    draw: function (layer, near) {
      var inset = this.ensureMap(), looks = layer.looks(), data = layer.data, home = data.home, self = this;
      inset.invalidateSize({ pan: false });
      // What it shows and its size: the same on most moves of the main map, then nothing to do.
      var doubts = near.map(function (i) { return layer.isDoubtful(i) ? 1 : 0; });
      var size = inset.getSize(), key = [near.join(","), layer.lang(), doubts.join(","), L.stamp(data),
                                         size.x, size.y].join("|");
      if (key === this.key) return;
      this.key = key;
      var bounds = L.latLngBounds([[home.lat, home.lon], [home.lat, home.lon]]);
      near.forEach(function (i) { bounds.extend(layer.positionOf(i)); });
      // Room for a marker at the edge: an eighth of the inset, 16 to 26 px.
      var room = Math.max(16, Math.min(26, Math.round(size.x / 8)));
      inset.fitBounds(bounds, { padding: [room, room], maxZoom: MAX_ZOOM, animate: false });
      this.points.clearLayers();
      this.arcs.clearLayers();
      var places = spread(inset, home, near.map(function (i) { return layer.positionOf(i); }));
      this.places = {};
      near.forEach(function (i, k) {
        var at = layer.positionOf(i), shown = places[k], doubt = doubts[k], type = data.types[data.partners.type[i]];
        self.arcs.addLayer(L.polyline(rules.greatCircle(home.lat, home.lon, at.lat, at.lng), {
          color: type.color, weight: 2, opacity: looks.arcOpacity, dashArray: doubt ? "4 5" : null,
          interactive: false,
        }));
        if (!shown.equals(at)) {  // moved apart from a neighbour: a leader line to its place
          self.arcs.addLayer(L.polyline([at, shown], { color: "#1b1b1b", weight: 1, opacity: 0.7, interactive: false }));
        }
        var marker = L.marker(shown, { icon: layer.markerOf(i).options.icon, partner: i });  // as on the map
        marker.bindTooltip(layer.tooltipOf(i), { direction: "top", offset: [0, -looks.radius] });
        marker.on("click", function () { self.choose(layer, i); });
        self.points.addLayer(marker);
        var node = marker.getElement();
        node.setAttribute("role", "button");
        node.setAttribute("aria-label", NS.popups.nameOf(data, i, layer.lang()));
        self.places[i] = shown;
      });
      this.ring.bringToFront();  // home over the arcs that leave it, as on the main map
      this.label(layer, near);
    },

    /* Each partner's name beside its marker where there is room: on the first side (east,
     * west, north, south, then above or below running east or west) clear of the inset's edge,
     * home, every marker and the names placed before; the others keep their tooltip only. */
    label: function (layer, near) {
      var inset = this.inset, size = inset.getSize(), taken = [], self = this, reach = layer.looks().radius + 3;
      var centre = inset.latLngToContainerPoint(this.options.home);
      this.labels = this.labels || L.layerGroup().addTo(inset);
      this.labels.clearLayers();
      this.named = [];
      taken.push(L.bounds(centre.subtract([9, 9]), centre.add([9, 9])));
      near.forEach(function (i) {
        var p = inset.latLngToContainerPoint(self.places[i]);
        taken.push(L.bounds(p.subtract([reach, reach]), p.add([reach, reach])));
      });
      near.forEach(function (i) {
        var text = el("span", null, NS.popups.nameOf(layer.data, i, layer.lang()));
        var mark = L.marker(self.places[i], { interactive: false, keyboard: false, zIndexOffset: -1000,
          icon: L.divIcon({ className: "pm-inset-label", html: text, iconSize: [0, 0] }) }).addTo(self.labels);
        var w = text.offsetWidth, h = text.offsetHeight, p = inset.latLngToContainerPoint(self.places[i]);
        var sides = [[reach, -h / 2], [-reach - w, -h / 2], [-w / 2, -reach - h], [-w / 2, reach],
                     [-reach, -reach - h], [-reach, reach], [reach - w, -reach - h], [reach - w, reach]];
        var free = sides.map(function (d) { return L.bounds(p.add(d), p.add(d).add([w, h])); }).filter(function (box) {
          return box.min.x >= 2 && box.min.y >= 2 && box.max.x <= size.x - 2 && box.max.y <= size.y - 2 &&
            !taken.some(function (other) { return overlaps(other, box); });
        })[0];
        if (!w || !free) return self.labels.removeLayer(mark);
        text.style.left = free.min.x - p.x + "px";
        text.style.top = free.min.y - p.y + "px";
        taken.push(free);
        self.named.push(i);
      });
    },

    /* A partner chosen in the inset: its popup on the main map, the page told as by a click. */
    choose: function (layer, i) {
      layer.openPartner(i);
      layer.report(i);
    },

    /* For the story and for tests: the inset's map and the partners it shows. */
    state: function () {
      var inset = this.inset, places = {}, self = this;
      if (inset && !this.box.hidden) {
        this.members.forEach(function (i) {
          var p = inset.latLngToContainerPoint(self.places[i]);
          places[i] = [p.x, p.y];
        });
      }
      return { shown: !this.box.hidden, members: this.members.slice(), map: inset, places: places,
               named: this.box.hidden ? [] : (this.named || []).slice() };
    },
  });

  NS.Inset = Inset;

  /* The inset of the home region on `map`: `options` are its title, home, home's colour and the
   * basemap's colours (partnermap/mapbuilder.py). */
  window.PartnerMap.inset = function (map, options) {
    map.insetControl = new Inset(options).addTo(map);
    return map.insetControl;
  };
})();
