/* Home: a ring under the partners (nearby partners stay clickable and the ring shows around
 * them) and its name, set on the free side of the ring.
 *
 * The name never covers a partner, a cluster or a control, nor stands under an open popup:
 * after every drawing, zoom, move, resize and popup it tries eight sides of the ring, west
 * first (over the sea at home in Sønderborg), and takes the first where its box is clear of
 * every marker and cluster on screen and inside the map. Where all eight are taken (partners
 * crowd home at the world view) it stands further out, with a leader line to the ring;
 * failing that, where it covers least, unless a popup is what covers it: then, as while home
 * is off the map, it hides, so that it never stands beside another place.
 */
(function () {
  "use strict";

  var NS = L.PartnerMap, el = NS.dom.el, svg = NS.dom.svg;
  var RING = 11, NEAR = 5, FAR = 40, MARGIN = 3, REACH = 260;  // px
  // Unit directions, in order of preference: west, east, north, south, then the diagonals.
  var SIDES = [[-1, 0], [1, 0], [0, -1], [0, 1], [-1, -1], [1, -1], [-1, 1], [1, 1]];

  /* The label's box (left, top, width, height) on side `d` at `gap` px beyond the ring. */
  function boxAt(d, gap, w, h) {
    var r = RING + gap, diagonal = d[0] && d[1] ? Math.SQRT1_2 : 1;
    var x = d[0] * r * diagonal, y = d[1] * r * diagonal;
    return NS.dom.box(d[0] < 0 ? x - w : d[0] > 0 ? x : x - w / 2, d[1] < 0 ? y - h : d[1] > 0 ? y : y - h / 2, w, h);
  }

  var HomeLabel = L.Marker.extend({
    initialize: function (place) {
      this.text = el("span", null, place.name);
      this.line = svg("svg", { "class": "pm-home-leader", "aria-hidden": "true" });
      this.line.appendChild(svg("line", {}));
      var html = el("div");
      html.appendChild(this.line);
      html.appendChild(this.text);
      L.Marker.prototype.initialize.call(this, [place.lat, place.lon], {
        interactive: false, keyboard: false, pane: "pm-home-label",
        icon: L.divIcon({ className: "pm-home-label", html: html, iconSize: [0, 0] }),
      });
    },

    onAdd: function (map) {
      this.map = map;
      L.Marker.prototype.onAdd.call(this, map);
      map.on("zoomend moveend resize popupopen popupclose pmdraw", this.place, this);
      this.place();
    },

    onRemove: function (map) {
      map.off("zoomend moveend resize popupopen popupclose pmdraw", this.place, this);
      L.Marker.prototype.onRemove.call(this, map);
      this.map = null;
    },

    /* What the name must not cover, as boxes around home (home at 0, 0). */
    obstacles: function () {
      var map = this.map, layer = map.partnerLayer, at = map.latLngToContainerPoint(this.getLatLng()), found = [];
      function add(point, r) {
        var x = point.x - at.x, y = point.y - at.y;
        if (Math.abs(x) < REACH && Math.abs(y) < REACH) found.push(NS.dom.box(x - r, y - r, 2 * r, 2 * r));
      }
      // A marker's whole shape (a star reaches further), a cluster's whole circle.
      (layer ? layer.occupies() : []).forEach(function (o) { add(L.point(o.x, o.y), o.r + MARGIN); });
      var frame = map.getContainer().getBoundingClientRect();
      var over = map.getContainer().querySelectorAll(".leaflet-control, .leaflet-popup, .pm-caption, .pm-empty");
      over.forEach(function (control) {
        var r = control.getBoundingClientRect();
        if (r.width && r.height) {
          var taken = NS.dom.box(r.left - frame.left - at.x, r.top - frame.top - at.y, r.width, r.height);
          taken.popup = control.classList.contains("leaflet-popup");
          found.push(taken);
        }
      });
      return { boxes: found, at: at, size: map.getSize() };
    },

    /* Put the name on the first free side; near the ring, else further out with a leader line.
     * Never away from home: while home is off the map, or a popup takes every side, it hides. */
    place: function () {
      if (!this.map || !this.getElement()) return;
      var w = this.text.offsetWidth, h = this.text.offsetHeight, seen = this.obstacles(), best = null;
      if (!w) return;  // not laid out yet (a hidden frame): placed on the next event
      var off = seen.at.x < 0 || seen.at.y < 0 || seen.at.x > seen.size.x || seen.at.y > seen.size.y, popup = false;
      [NEAR, FAR].some(function (gap) {
        return SIDES.some(function (d) {
          var box = boxAt(d, gap, w, h), x = seen.at.x + box.left, y = seen.at.y + box.top, covered = 0;
          if (x < MARGIN || y < MARGIN || x + w > seen.size.x - MARGIN || y + h > seen.size.y - MARGIN) covered = w * h;
          seen.boxes.forEach(function (b) {
            var o = NS.dom.overlap(box, b);
            covered += o;
            popup = popup || (o > 0 && b.popup);
          });
          if (!best || covered < best.covered) best = { box: box, side: d, gap: gap, covered: covered };
          return covered === 0;
        });
      });
      this.getElement().style.visibility = off || (best.covered > 0 && popup) ? "hidden" : "";
      this.show(best);
    },

    show: function (chosen) {
      var box = chosen.box, style = this.text.style, far = chosen.gap === FAR, end = this.line.firstChild;
      style.left = box.left + "px";
      style.top = box.top + "px";
      this.line.style.display = far ? "" : "none";
      if (far) {  // from the ring's edge to the middle of the box's near side
        var d = chosen.side, diagonal = d[0] && d[1] ? Math.SQRT1_2 : 1;
        end.setAttribute("x1", d[0] * RING * diagonal);
        end.setAttribute("y1", d[1] * RING * diagonal);
        end.setAttribute("x2", box.left + box.width / 2 - d[0] * box.width / 2);
        end.setAttribute("y2", box.top + box.height / 2 - d[1] * box.height / 2);
      }
      this.placed = { left: box.left, top: box.top, width: box.width, height: box.height, far: far,
                      covered: chosen.covered };
    },
  });

  /* Home on `map`: the ring under the partners, its name over them on a free side. */
  function home(map, place, color) {
    map.createPane("pm-home").style.zIndex = 390;
    map.createPane("pm-home-label").style.zIndex = 630;  // over partners and clusters, under tooltips
    var ring = L.circleMarker([place.lat, place.lon], {
      radius: RING, color: color, weight: 3, fillColor: "#ffffff", fillOpacity: 1, pane: "pm-home", interactive: false,
    });
    map.homeLabel = new HomeLabel(place);
    return L.layerGroup([ring, map.homeLabel]).addTo(map);
  }

  NS.home = { home: home, HomeLabel: HomeLabel };
})();
