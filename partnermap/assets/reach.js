/* Every partner reached and told apart: by the pointer where markers touch, and by the keyboard
 * (layer.js includes `NS.reach`).
 *
 * Where markers touch (at the world view the Border Triangle stands within a few pixels), the
 * marker drawn on top is not always the one under the pointer. As the pointer moves, and as a
 * finger or a button goes down, the marker whose centre is nearest the pointer comes to the
 * front, so that the click (or the tap, and its tooltip) reaches it. Markers take the focus
 * (Tab), read out their names, and Enter opens the popup and tells the page, as a click does.
 */
(function () {
  "use strict";

  var NS = L.PartnerMap;
  var FRONT = 10000;  // the zIndexOffset of the marker nearest the pointer

  NS.reach = {
    /* Heard on the map's container from the layer's onAdd; off again in onRemove. */
    reachEvents: function (on) {
      var container = this.map.getContainer(), method = on ? "addEventListener" : "removeEventListener";
      this.onPointer = this.onPointer || L.bind(this.bringNearest, this);
      // Capture: before Leaflet (and the browser's hit test for the click) act on the event.
      container[method]("pointermove", this.onPointer, true);
      container[method]("pointerdown", this.onPointer, true);
    },

    /* The partner drawn as its own marker whose centre is nearest `point` (container pixels),
     * within its marker's reach; -1 when there is none. Centres unrounded: where two markers
     * share a pixel, the side of it the pointer is on still tells them apart. */
    nearestAt: function (point) {
      if (!this.made || !this.map) return -1;
      var map = this.map, best = -1, bestDistance = Infinity, icons = this.made.icons, types = this.data.partners.type;
      var singles = this.visible.singles;
      for (var k = 0; k < singles.length; k++) {
        var i = singles[k], reach = icons[types[i]].options.iconSize[0] / 2;
        var at = map.layerPointToContainerPoint(map.project(this.positionOf(i)).subtract(map.getPixelOrigin()));
        var dx = at.x - point.x, dy = at.y - point.y;
        if (Math.abs(dx) > reach || Math.abs(dy) > reach) continue;
        var distance = dx * dx + dy * dy;
        if (distance < bestDistance) {
          best = i;
          bestDistance = distance;
        }
      }
      return best;
    },

    /* The marker nearest the pointer to the front (and the one before it back in its place). */
    bringNearest: function (event) {
      if (!this.map || !this.made) return;
      var i = this.nearestAt(this.map.mouseEventToContainerPoint(event)), front = this.front;
      if (i === front) return;
      if (front !== undefined && front >= 0 && this.made.markers[front]) this.made.markers[front].setZIndexOffset(0);
      this.front = i;
      if (i >= 0) this.markerOf(i).setZIndexOffset(FRONT);
    },

    /* A marker just put on the map: its name read out, and Enter tells the page as a click does. */
    nameMarker: function (marker) {
      var node = marker.getElement();
      if (node) node.setAttribute("aria-label", NS.popups.nameOf(this.data, marker.options.partner, this.lang()));
    },

    /* Heard on the layer, from whichever marker has the focus: one listener, not one a marker. */
    onMarkerKey: function (event) {
      var key = event.originalEvent && event.originalEvent.key, marker = event.propagatedFrom;
      if (key === "Enter" && marker && marker.options.partner !== undefined) this.report(marker.options.partner);
    },
  };
})();
