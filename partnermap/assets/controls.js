/* What the map shows whatever the filters: the legend (the basemap is basemap.js, home home.js). */
(function () {
  "use strict";

  var NS = L.PartnerMap, el = NS.dom.el;

  /* Each type's shape in its colour and its name: a list named by the legend's title; under it
   * the `note` on what a hollow marker and a dashed arc mean. Once the partners are there, only
   * the types their data uses keep a row (`fitData`); the types file still orders and colours.
   * The title is a button that folds the legend away; on a narrow map (a phone) it is folded,
   * so the legend never takes more than a corner of the map, until the visitor chooses. */
  var NARROW = 560;  // px of map width below which the legend starts folded

  var Legend = L.Control.extend({
    options: { position: "bottomleft", title: "", types: [], note: "" },

    onAdd: function (map) {
      // Rows by type name, in a map with no prototype: a type may be called "constructor" or "__proto__".
      var self = this, box = el("div", "pm-legend leaflet-control"), rows = (this.rows = Object.create(null));
      this.map = map;
      map.on("pmdraw", function (event) {  // layer.js
        self.fitData(event.layer.data);
        self.showYear(event.layer);
      });
      var heading = el("div", "pm-legend-title"), id = "pm-legend-" + L.stamp(this);
      heading.id = id + "-title";
      this.toggle = el("button", "pm-legend-toggle", this.options.title);
      this.toggle.type = "button";
      this.toggle.setAttribute("aria-controls", id + "-body");
      this.toggle.appendChild(el("span", "pm-legend-chevron"));
      heading.appendChild(this.toggle);
      box.appendChild(heading);
      // The year the map shows and how recent its sources are, folded or not ("2014 · sources as of 2014").
      this.yearLine = box.appendChild(el("div", "pm-legend-year"));
      this.yearLine.hidden = true;
      this.body = el("div", "pm-legend-body");
      this.body.id = id + "-body";
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
      this.body.appendChild(list);
      if (this.options.note) this.body.appendChild(el("div", "pm-legend-note", this.options.note));
      box.appendChild(this.body);
      this.box = box;
      this.toggle.addEventListener("click", function () {
        self.chosen = true;  // the visitor's choice holds from now on
        self.open(!self.isOpen());
      });
      this.open(map.getSize().x >= NARROW);
      map.on("resize", function () { if (!self.chosen) self.open(map.getSize().x >= NARROW); });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },

    /* Folded to make room (the inset needs the corner), unless the visitor opened it. */
    yieldRoom: function () {
      if (this.chosen || !this.isOpen()) return false;
      this.open(false);
      return true;
    },

    isOpen: function () {
      return !this.body.hidden;
    },

    open: function (yes) {
      this.body.hidden = !yes;
      this.toggle.setAttribute("aria-expanded", String(!!yes));
      this.box.classList.toggle("pm-legend-folded", !yes);
      if (this.map) this.map.fire("pmlayout");  // what shares the corners makes room (inset.js, story.js)
    },

    showYear: function (layer) {
      var year = layer.view.year, sources = NS.popups.sourcesAsOf(layer.data, layer.lang());
      var text = [year === null || year === undefined ? "" : String(year), sources].filter(Boolean).join(" · ");
      if (this.yearLine.textContent !== text) this.yearLine.textContent = text;
      if (this.yearLine.hidden !== !text) {
        this.yearLine.hidden = !text;
        this.map.fire("pmlayout");
      }
    },

    /* Hide the rows of types that no partner in `data` has (all stay when none has any). */
    fitData: function (data) {
      if (!data || data === this.fitted) return;
      this.fitted = data;
      var used = Object.create(null), rows = this.rows, any = false;
      data.partners.type.forEach(function (k) { used[data.types[k].name] = any = true; });
      Object.keys(rows).forEach(function (name) { rows[name].hidden = any && !used[name]; });
    },
  });

  function legend(map, title, types, note) {
    map.legendControl = new Legend({ title: title, types: types, note: note || "" }).addTo(map);
    return map.legendControl;
  }

  /* "No partnership matches this view", on the map itself while a view shows nothing (the page
   * keeps the map as it was: choosing nothing and back never moves it). Its words come with the
   * data, in the view's language (partnermap/mapbuilder.py MAP_LABELS). */
  var EmptyNotice = L.Layer.extend({
    onAdd: function (map) {
      this.box = el("div", "pm-empty");
      this.box.setAttribute("role", "status");
      this.box.hidden = true;
      map.getContainer().appendChild(this.box);
      map.on("pmdraw", this.update, this);
    },

    onRemove: function (map) {
      map.off("pmdraw", this.update, this);
      this.box.remove();
    },

    update: function (event) {
      var layer = event.layer, empty = !layer.shown.length;
      this.box.textContent = empty ? layer.data.labels[layer.lang()].map_empty : "";
      this.box.hidden = !empty;
    },
  });

  function emptyNotice(map) {
    return new EmptyNotice().addTo(map);
  }

  NS.controls = { legend: legend, Legend: Legend, emptyNotice: emptyNotice };
})();
