/* Where the map looks: the partner layer's fitting rule (layer.js includes `NS.camera`) and the
 * "show all" button.
 *
 * The first view is fitted to its partners, and fitted again as the frame or the controls in
 * its corners change size, until the visitor (or the story) moves or zooms the map. After
 * that a filter change leaves the map where the visitor put it, unless it takes every partner
 * the visitor saw off the screen: unticking a type or moving the year never makes the map jump. "Show all" fits every partner in view,
 * on request. A fit leaves room for what covers the map's lower corners (the legend, the
 * inset), so no partner lands under them.
 */
(function () {
  "use strict";

  var NS = L.PartnerMap, el = NS.dom.el;
  var PAD = 0.08, MAX_ZOOM = 6, GAP = 8, MARKER = 16;  // px: a marker's reach below its popup's tip
  var REACH = 0.4;  // of the map's height: what controls may take of it at the top, and at the bottom
  var CORNERS = { bottomleft: ".leaflet-bottom.leaflet-left", bottomright: ".leaflet-bottom.leaflet-right" };

  /* How far up from the map's bottom edge the controls of its two lower corners reach (the
   * legend, the inset, the scale), in pixels; at most REACH of the map, which must stay free. */
  function coveredBelow(map) {
    var container = map.getContainer(), bottom = container.getBoundingClientRect().bottom, reach = 0;
    Object.keys(CORNERS).forEach(function (corner) {
      var stack = container.querySelector(CORNERS[corner]);
      if (!stack) return;
      Array.prototype.forEach.call(stack.children, function (control) {
        var r = control.getBoundingClientRect();
        if (r.height) reach = Math.max(reach, bottom - r.top + GAP);
      });
    });
    return Math.min(reach, REACH * map.getSize().y);
  }

  /* How far down from the map's top edge the story (its title, year and player) reaches. */
  function coveredAbove(map) {
    var container = map.getContainer(), top = container.getBoundingClientRect().top, reach = 0;
    container.querySelectorAll(".leaflet-top.leaflet-right > .leaflet-control, .pm-present-title").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.height) reach = Math.max(reach, r.bottom - top + GAP);
    });
    return Math.min(reach, REACH * map.getSize().y);
  }

  /* Options for `fitBounds` and `flyToBounds` that keep partners clear of the controls above and
   * below them. */
  function fitOptions(map, extra) {
    return L.extend({ maxZoom: MAX_ZOOM, animate: false, paddingTopLeft: [GAP, GAP + coveredAbove(map)],
                      paddingBottomRight: [GAP, GAP + coveredBelow(map)] }, extra || {});
  }

  /* The room popups keep from the map's edges, so none opens under the zoom buttons, the story
   * (its title and player) or the legend and inset: one pair of points per map, which every
   * popup's autoPan padding refers to, updated before a popup may open. */
  function popupRoom(map) {
    var room = map.pmPopupRoom || (map.pmPopupRoom = { topLeft: L.point(GAP, GAP), bottomRight: L.point(GAP, GAP) });
    var container = map.getContainer(), frame = container.getBoundingClientRect(), size = map.getSize();
    var left = GAP;
    container.querySelectorAll(".leaflet-top.leaflet-left > .leaflet-control").forEach(function (control) {
      left = Math.max(left, control.getBoundingClientRect().right - frame.left + GAP);
    });
    var below = coveredBelow(map), caption = container.querySelector(".pm-caption");
    if (caption && !caption.hidden) below = Math.max(below, frame.bottom - caption.getBoundingClientRect().top);
    room.topLeft.x = left;
    room.topLeft.y = Math.max(GAP, coveredAbove(map));
    room.bottomRight.y = GAP + below + MARKER;  // the partner under the popup's tip stays clear too
    room.width = size.x - left - GAP;
    room.height = size.y - room.topLeft.y - room.bottomRight.y;
    return room;
  }

  /* Popup options that keep a popup in the room `popupRoom` leaves. */
  function popupOptions(map, options) {
    var room = popupRoom(map);
    // A popup's frame adds about 48 px to its content's width: on a phone it fits beside the buttons.
    // Its tip and frame take about 60 px of height: a taller one scrolls rather than hide under a control.
    return L.extend({}, options, { autoPanPaddingTopLeft: room.topLeft, autoPanPaddingBottomRight: room.bottomRight,
                                   maxWidth: Math.max(160, Math.min(options.maxWidth || 300, room.width - 48)),
                                   maxHeight: Math.max(140, room.height - 60) });
  }

  /* Whether home (the middle of its ring, or its name) or a country's name stands on the map,
   * clear of what covers the map. */
  function knownInView(map) {
    var container = map.getContainer(), frame = container.getBoundingClientRect(), layer = map.partnerLayer;
    var covers = Array.prototype.map.call(container.querySelectorAll(
      ".leaflet-popup-content-wrapper, .pm-caption, .pm-present-title, .leaflet-control"), function (n) {
      return n.getBoundingClientRect();
    });
    function clear(r) {
      return r.left >= frame.left && r.top >= frame.top && r.right <= frame.right && r.bottom <= frame.bottom &&
        !covers.some(function (c) { return c.width && NS.dom.meet(c, r); });
    }
    if (layer && layer.data) {
      var home = map.latLngToContainerPoint([layer.data.home.lat, layer.data.home.lon]);
      var x = frame.left + home.x, y = frame.top + home.y;
      if (clear({ left: x - 1, top: y - 1, right: x + 1, bottom: y + 1 })) return true;  // the ring's middle seen
    }
    var names = container.querySelectorAll(".pm-country-label, .pm-home-label span");
    return Array.prototype.some.call(names, function (n) {
      var r = n.getBoundingClientRect();
      return r.width > 0 && window.getComputedStyle(n).visibility !== "hidden" && clear(r);
    });
  }

  /* A tour stop shows a place the hall knows (home, or a country's name), never only sea.
   * `open` opens the stop's popup (which may pan the map); then, each time the country names are
   * laid out with the map at rest, the map steps out around the stop's place `at` until one
   * shows, no further than zoom `least`, and calls `done`. `current` says the stop is still on. */
  function frameStop(map, at, least, open, current, done) {
    var labels = map.countryLabels, moving = false;
    var events = { movestart: function () { moving = true; }, moveend: function () { moving = false; } };
    function stop() {
      map.off(events);
      if (labels) labels.off("layout", check);
    }
    function check() {
      if (moving) return;  // the names are laid out again once the map is at rest
      if (!current()) return stop();
      if (!labels || knownInView(map) || map.getZoom() <= least) {
        stop();
        return done();
      }
      map.setZoomAround(at, Math.max(least, map.getZoom() - 1));
    }
    map.on(events);
    if (labels) labels.on("layout", check);
    open();
    check();
  }

  NS.camera = {
    /* A view from the page: fit the first one with partners; later ones only when the change
     * takes every partner the visitor saw off the screen. A visitor who looks where none are
     * (zoomed into the sea) keeps that view, and so does one who chose nothing and back. */
    fitTo: function (shown, view) {
      var key = [view.types.join(","), view.year, view.mode].join("|"), same = key === this.viewKey;
      this.viewKey = key;
      if (same || !shown.length) return;  // a rerun for the same partners (a click) leaves the map be
      if (!this.framed || (this.anyOnScreen(this.shown) && !this.anyOnScreen(shown))) this.fitAll(shown);
    },

    /* Fit `shown` (by default the partners in view) and home; kept on resize until the visitor
     * moves the map. */
    fitAll: function (shown) {
      this.framed = true;
      this.fitted = this.boundsOf(shown || this.shown);
      this.fit();
    },

    fit: function () {
      this.fitting = true;
      this.map.fitBounds(this.fitted.pad(PAD), fitOptions(this.map));
      this.fitting = false;
    },

    anyOnScreen: function (shown) {
      var screen = this.map.getBounds();
      for (var k = 0; k < shown.length; k++) if (screen.contains(this.positionOf(shown[k]))) return true;
      return false;
    },

    onResize: function () {
      if (this.fitted) this.fit();
    },

    /* The visitor (or the story) moved the map: a resize no longer refits it. */
    unfit: function () {
      this.fitted = null;
      if (this.view) this.framed = true;  // moved by hand: where the visitor looks from now on
    },

    onZoomStart: function () {
      if (!this.fitting) this.unfit();
    },

    makeRoom: function () {
      popupRoom(this.map);
    },

    boundsOf: function (shown) {
      var home = this.data.home, bounds = L.latLngBounds([[home.lat, home.lon], [home.lat, home.lon]]), self = this;
      shown.forEach(function (i) { bounds.extend(self.positionOf(i)); });
      return bounds;
    },
  };

  /* A button under the zoom buttons that fits every partner in view. */
  var ShowAll = L.Control.extend({
    options: { position: "topleft", title: "" },

    onAdd: function (map) {
      var bar = el("div", "leaflet-bar leaflet-control pm-show-all");
      var button = el("a");
      button.href = "#";
      button.setAttribute("role", "button");
      button.title = this.options.title;
      button.setAttribute("aria-label", this.options.title);
      button.appendChild(NS.shapes.fitIcon());
      bar.appendChild(button);
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(button, "click", function (event) {
        L.DomEvent.preventDefault(event);
        var layer = map.partnerLayer;
        if (layer && layer.data) layer.fitAll();
      });
      return bar;
    },
  });

  NS.camera.fitOptions = fitOptions;
  NS.camera.frameStop = frameStop;
  NS.camera.coveredBelow = coveredBelow;
  NS.camera.popupRoom = popupRoom;
  NS.camera.popupOptions = popupOptions;
  NS.ShowAll = ShowAll;
})();
