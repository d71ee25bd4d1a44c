/* Country names on the basemap, in the page's language, as an atlas sets them: quiet, sized to
 * the zoom, never over a partner.
 *
 * Each name is real text (a <span> whose textContent is the name) in a pane of its own, above
 * the land and under the arcs, partners and home, so screen readers and tests read it. Python
 * sends every label once, in both languages, largest country first (partnermap/labels.py):
 * a name is a candidate from its zoom on (`zoom`, where its country is wide enough to hold
 * it); candidates are placed greedily in that order, on their point or a little off it inside
 * their country, and one whose box would touch a partner, a cluster, home or its name, a
 * control, another name or the map's edge everywhere is hidden. The layout runs after each
 * drawing of the partner layer, zoom, move and resize, and reads where things are from
 * Leaflet (`latLngToContainerPoint`), touching only what is on the screen: the partners drawn
 * as markers of their own and the clusters, a few hundred even at 50,000 partners, bucketed in
 * a grid so a name meets only its neighbours.
 */
(function () {
  "use strict";

  var NS = L.PartnerMap;
  var PANE = "pm-country-labels";
  var CELL = 64;  // px: the grid the occupied boxes are bucketed in
  var GAP = 6;  // px kept clear between a name and a partner, home or a control
  var SPACE = 10;  // px kept clear between two names, so that each reads as one
  var HOME_RING = 14;  // px: home's ring (controls.js, radius 11 and its 3 px edge)
  var OVER_THE_MAP = ".leaflet-control, .pm-caption, .pm-present-title, .pm-empty";

  /* The type size at a zoom: a little larger as the map comes closer. */
  function fontSize(zoom) {
    return Math.min(15, Math.max(11, Math.round(9.5 + 0.9 * zoom)));
  }

  /* Boxes ({left, top, right, bottom}, container pixels) bucketed by the grid cells they touch. */
  function Grid() {
    this.cells = {};
  }

  Grid.prototype.each = function (box, fn) {
    for (var x = Math.floor(box.left / CELL); x <= Math.floor(box.right / CELL); x++) {
      for (var y = Math.floor(box.top / CELL); y <= Math.floor(box.bottom / CELL); y++) {
        if (fn(x + ":" + y) === true) return true;
      }
    }
    return false;
  };

  Grid.prototype.add = function (box) {
    var cells = this.cells;
    this.each(box, function (key) { (cells[key] || (cells[key] = [])).push(box); });
  };

  Grid.prototype.hits = function (box) {
    var cells = this.cells;
    return this.each(box, function (key) {
      var boxes = cells[key] || [];
      for (var k = 0; k < boxes.length; k++) {
        var o = boxes[k];
        if (NS.dom.meet(o, box)) return true;
      }
      return false;
    });
  };

  function around(point, half) {
    return { left: point.x - half, top: point.y - half, right: point.x + half, bottom: point.y + half };
  }

  var CountryLabels = L.Layer.extend({
    /* `labels`: {lat, lon, zoom, radius, names: {lang: [...]}}, largest country first; `lang` the
     * language until the partner layer's view names one. */
    initialize: function (labels, lang) {
      this.labels = labels;
      this.lang = lang;
      this.spans = [];  // made the first time a name is a candidate
      this.shown = [];  // indices of the names on the map now
      this.layouts = 0;  // how many times the names were placed: what tests wait for
      this.pending = null;  // a layout asked for, at the next frame
    },

    onAdd: function (map) {
      this.map = map;
      var pane = map.getPane(PANE) || map.createPane(PANE);
      pane.style.zIndex = 300;  // over the basemap (250), under home (390), arcs (400) and partners
      pane.style.pointerEvents = "none";
      this.box = L.DomUtil.create("div", "pm-country-labels", pane);
      this.box.lang = this.lang;
      map.on({ pmdraw: this.onDraw, zoomstart: this.onZoomStart, zoomend: this.schedule,
        moveend: this.schedule, resize: this.schedule }, this);
      this.schedule();
    },

    onRemove: function (map) {
      map.off({ pmdraw: this.onDraw, zoomstart: this.onZoomStart, zoomend: this.schedule,
        moveend: this.schedule, resize: this.schedule }, this);
      this.map = null;
      if (this.pending) L.Util.cancelAnimFrame(this.pending);
      this.pending = null;
      L.DomUtil.remove(this.box);
      this.spans = [];
      this.shown = [];
    },

    /* After each drawing of the partners (layer.js): their language, and where they stand now. */
    onDraw: function (event) {
      var view = event.view;
      if (view && view.lang && view.lang !== this.lang && this.labels.names[view.lang]) this.rename(view.lang);
      this.schedule();
    },

    /* Lay out once the frame's events are done: a zoom ends in a move, a move of a crowded map
     * in a drawing, and controls (the inset) may show on the same drawing. */
    schedule: function () {
      if (this.pending) return;
      this.pending = L.Util.requestAnimFrame(function () {
        this.pending = null;
        this.layout();
      }, this);
    },

    /* Names placed for one zoom would stand in the wrong places while the map zooms. */
    onZoomStart: function () {
      L.DomUtil.addClass(this.box, "pm-labels-moving");
    },

    rename: function (lang) {
      var names = this.labels.names[lang];
      this.lang = lang;
      this.box.lang = lang;
      this.spans.forEach(function (span, k) {
        if (span) { span.textContent = names[k]; span.pmSize = null; }
      });
    },

    span: function (k) {
      var span = this.spans[k];
      if (!span) {
        span = this.spans[k] = L.DomUtil.create("span", "pm-country-label", this.box);
        span.textContent = this.labels.names[this.lang][k];
        span.hidden = true;
      }
      return span;
    },

    /* The names large enough for this zoom whose point is on the screen, or near enough to
     * move onto it (`spot`), with their point in container pixels. */
    candidates: function (map, size) {
      var labels = this.labels, zoom = map.getZoom(), found = [];
      for (var k = 0; k < labels.zoom.length; k++) {
        if (labels.zoom[k] > zoom + 1e-6) continue;
        var at = map.latLngToContainerPoint([labels.lat[k], labels.lon[k]]), reach = this.reach(k);
        if (at.x < -2 * reach || at.y < -2 * reach || at.x > size.x + 2 * reach || at.y > size.y + 2 * reach) continue;
        found.push({ k: k, at: at });
      }
      return found;
    },

    /* How far a name may move off its point and stay well inside its country: half the radius
     * of the circle inside it, which is `radius` pixels at the name's zoom and doubles with each
     * zoom. (`spot` goes as far as 1.8 times that.) */
    reach: function (k) {
      return this.labels.radius * Math.pow(2, this.map.getZoom() - this.labels.zoom[k]) / 2;
    },

    /* What names must not cover, as boxes in container pixels: the partners drawn as their
     * own marker, the clusters, home's ring and home's name, the controls. */
    occupied: function (map, size) {
      var grid = new Grid(), layer = map.partnerLayer, inside = function (p) {
        return p.x > -CELL && p.y > -CELL && p.x < size.x + CELL && p.y < size.y + CELL;
      };
      (layer ? layer.occupies() : []).forEach(function (o) {
        if (inside(o)) grid.add(around(L.point(o.x, o.y), o.r + GAP));
      });
      var container = map.getContainer(), origin = container.getBoundingClientRect();
      // The controls (zoom, legend, inset, scale…) and the presenter's title and caption: a name
      // half under one reads as clutter.
      container.querySelectorAll(OVER_THE_MAP).forEach(function (node) {
        var r = node.getBoundingClientRect();
        if (r.width && r.height) {
          grid.add({ left: r.left - origin.left - GAP, top: r.top - origin.top - GAP,
            right: r.right - origin.left + GAP, bottom: r.bottom - origin.top + GAP });
        }
      });
      var home = container.querySelector(".pm-home-label");
      if (home) {
        var at = home.getBoundingClientRect(), name = home.querySelector("span");
        grid.add(around(L.point(at.left - origin.left, at.top - origin.top), HOME_RING + GAP));
        if (name) {
          var r = name.getBoundingClientRect();
          grid.add({ left: r.left - origin.left - GAP, top: r.top - origin.top - GAP,
            right: r.right - origin.left + GAP, bottom: r.bottom - origin.top + GAP });
        }
      }
      return grid;
    },

    /* Measure the names not yet measured at this size and language: every write first, then
     * every read, so the page lays itself out once. */
    measure: function (candidates, px) {
      var self = this, fresh = candidates.filter(function (c) { return self.span(c.k).pmSize !== px; });
      fresh.forEach(function (c) {
        var span = self.spans[c.k];
        span.hidden = false;
        L.DomUtil.addClass(span, "pm-label-measuring");
      });
      fresh.forEach(function (c) {
        var span = self.spans[c.k];
        span.pmWidth = span.offsetWidth;
        span.pmHeight = span.offsetHeight;
        span.pmSize = px;
      });
      fresh.forEach(function (c) { L.DomUtil.removeClass(self.spans[c.k], "pm-label-measuring"); });
    },

    /* Where a name of w × h pixels can stand: on its point, or, when that is taken or off the
     * screen and its country is wide enough, above, below or beside it, its centre still well
     * inside the circle inside the country. */
    spot: function (c, w, h, grid, size) {
      var reach = this.reach(c.k);
      var tries = [[0, 0]];
      if (reach >= h) {
        [reach, 1.8 * reach].forEach(function (d) { tries.push([0, -d], [0, d], [-d, 0], [d, 0]); });
      }
      for (var t = 0; t < tries.length; t++) {
        var x = c.at.x + tries[t][0], y = c.at.y + tries[t][1];
        var box = { left: x - w / 2, top: y - h / 2, right: x + w / 2, bottom: y + h / 2 };
        var inside = box.left >= GAP && box.top >= GAP && box.right <= size.x - GAP && box.bottom <= size.y - GAP;
        if (inside && !grid.hits(box)) return box;
      }
      return null;
    },

    /* Place the names: the largest country first, each where it touches nothing placed. */
    layout: function () {
      var map = this.map;
      if (!map) return;
      var size = map.getSize(), px = fontSize(map.getZoom()), self = this;
      this.box.style.setProperty("--pm-label-px", px + "px");
      // What is occupied first: its reads lay out what the partner layer just changed, which
      // the page must do before it paints anyway; the names' own writes and reads follow.
      var grid = this.occupied(map, size), placed = [], keep = {}, candidates = this.candidates(map, size);
      this.measure(candidates, px);
      candidates.forEach(function (c) {
        var span = self.spans[c.k], box = self.spot(c, span.pmWidth, span.pmHeight, grid, size);
        if (!box) return;
        grid.add({ left: box.left - SPACE, top: box.top - SPACE, right: box.right + SPACE, bottom: box.bottom + SPACE });
        placed.push(c.k);
        keep[c.k] = true;
        L.DomUtil.setPosition(span, map.containerPointToLayerPoint([box.left, box.top]).round());
        span.hidden = false;
      });
      this.spans.forEach(function (span, k) { if (span && !keep[k]) span.hidden = true; });
      this.shown = placed;
      L.DomUtil.removeClass(this.box, "pm-labels-moving");
      this.layouts += 1;
      this.fire("layout", { shown: placed.length });
    },

    /* The names on the map now, for tests and benchmarks: index and text. */
    placed: function () {
      var self = this;
      return this.shown.map(function (k) { return { k: k, text: self.spans[k].textContent }; });
    },
  });

  /* The page's way in (partnermap/mapbuilder.py base_map): one label layer per map. */
  /* The names on `map`, from `labels`: the names themselves, or the URL of their file (the app
   * publishes them apart from the map's arguments, which every rerun sends again). */
  function countryLabels(map, labels, lang) {
    if (typeof labels === "string") {
      return fetch(labels)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + labels);
          return response.json();
        })
        .then(function (data) { return countryLabels(map, data, lang); })
        .catch(function (err) { console.error("Country names not loaded:", err); });
    }
    if (map.countryLabels) map.removeLayer(map.countryLabels);
    map.countryLabels = new CountryLabels(labels, lang).addTo(map);
    return map.countryLabels;
  }

  NS.labels = { CountryLabels: CountryLabels, countryLabels: countryLabels, fontSize: fontSize };
})();
