/* What the map shows whatever the filters: home and the legend (the basemap is basemap.js). */
(function () {
  "use strict";

  var NS = L.PartnerMap, el = NS.dom.el;

  /* Home is a ring under the partners (nearby partners stay clickable and the ring shows
   * around them) with its name to the west, over the sea, where it hides no neighbour. */
  function home(map, place, color) {
    map.createPane("pm-home").style.zIndex = 390;
    map.createPane("pm-home-label").style.zIndex = 630;  // over partners and clusters, under tooltips
    var ring = L.circleMarker([place.lat, place.lon], {
      radius: 11, color: color, weight: 3, fillColor: "#ffffff", fillOpacity: 1, pane: "pm-home", interactive: false,
    });
    var name = el("span", null, place.name);
    var label = L.marker([place.lat, place.lon], {
      interactive: false,
      keyboard: false,
      pane: "pm-home-label",
      icon: L.divIcon({ className: "pm-home-label", html: name, iconSize: [0, 0] }),
    });
    return L.layerGroup([ring, label]).addTo(map);
  }

  /* Each type's shape in its colour and its name: a list named by the legend's title; under it
   * the `note` on what a hollow marker and a dashed arc mean. Once the partners are there, only
   * the types their data uses keep a row (`fitData`); the types file still orders and colours. */
  var Legend = L.Control.extend({
    options: { position: "bottomleft", title: "", types: [], note: "" },

    onAdd: function (map) {
      var self = this, box = el("div", "pm-legend leaflet-control"), rows = (this.rows = {});
      // The partner layer (layer.js) joins the map once its data is there, and on every rerun.
      map.on("layeradd", function (event) {
        var layer = event.layer;
        if (layer !== map.partnerLayer || layer.pmLegend) return;
        layer.pmLegend = true;
        layer.on("draw", function () { self.fitData(layer.data); });
        self.fitData(layer.data);
      });
      var heading = el("div", "pm-legend-title", this.options.title);
      heading.id = "pm-legend-title-" + L.stamp(this);
      box.appendChild(heading);
      var list = el("div", "pm-legend-list");
      list.setAttribute("role", "list");
      list.setAttribute("aria-labelledby", heading.id);
      this.options.types.forEach(function (type) {
        var row = el("div", "pm-legend-row");
        row.setAttribute("role", "listitem");
        row.appendChild(NS.shapes.shapeIcon(type, 24));
        row.appendChild(el("span", null, type.label));
        row.setAttribute("data-type", type.name);
        rows[type.name] = row;
        list.appendChild(row);
      });
      box.appendChild(list);
      if (this.options.note) box.appendChild(el("div", "pm-legend-note", this.options.note));
      L.DomEvent.disableClickPropagation(box);
      return box;
    },

    /* Hide the rows of types that no partner in `data` has (all stay when none has any). */
    fitData: function (data) {
      if (!data || data === this.fitted) return;
      this.fitted = data;
      var used = {}, rows = this.rows, any = false;
      data.partners.type.forEach(function (k) { used[data.types[k].name] = any = true; });
      Object.keys(rows).forEach(function (name) { rows[name].hidden = any && !used[name]; });
    },
  });

  function legend(map, title, types, note) {
    return new Legend({ title: title, types: types, note: note || "" }).addTo(map);
  }

  NS.controls = { basemap: NS.basemap, home: home, legend: legend, Legend: Legend };
})();
