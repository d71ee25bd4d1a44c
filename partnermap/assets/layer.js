/* The partners as one Leaflet layer: it owns what it draws (the data file, the view, the
 * markers, arcs and clusters) and draws the partners of a view with their great-circle arcs.
 *
 * One layer per map (`map.partnerLayer`, as Leaflet keeps `map.zoomControl`). The page gives
 * it a new view on every rerun: streamlit-folium evals a new feature group calling
 * `PartnerMap.partners(map, group, source, view)`; the layer then moves into that group, so
 * that a click on a partner reaches the page through it (`last_object_clicked_tooltip`), and
 * draws the view in place, reusing its markers. While streamlit-folium swaps the groups the
 * layer is off the map: no listener of the page is ever attached to a marker or cluster.
 *
 * It fires `draw` ({view, reason}), and the map `pmdraw` ({layer, view, reason}), after each drawing (a view from the page: "view", a step of
 * the player or tour: "step", a zoom or move of a crowded map: "move") and counts them in
 * `draws`, which tests and benchmarks wait for. What nobody confirms (rules.doubt) is hollow.
 */
(function () {
  "use strict";

  var NS = L.PartnerMap, rules = window.PartnerRules, popups = NS.popups, clusters = NS.clusters;
  var flags = window.PartnerClusterIndex.flags;
  var FADE_MS = 450, DASHES = "5 6";  // the dashes of an arc nobody confirms (doubt)

  /* A partner's marker. Its tooltip (the name, escaped: what the page reads back on a click)
   * and popup are bound the first time it is shown: on a crowded map most never are. */
  var PartnerMarker = L.Marker.extend({
    onAdd: function (map) {
      this.options.owner.dress(this);
      L.Marker.prototype.onAdd.call(this, map);
      this.options.owner.nameMarker(this);
    },
  });

  var Layer = L.Layer.extend({
    initialize: function () {
      this.files = new popups.Files();  // the data file and details slices, fetched once
      this.map = null;
      this.group = null;  // the page's feature group that holds the layer now
      this.data = null;
      this.made = null;  // what is drawn with: per data file, made once and reused
      this.view = null;
      this.shown = [];
      this.visible = { singles: [], clusters: [] };  // what a crowded map shows as markers now
      this.draws = 0;
      this.viewKey = null;
      this.fitted = null;  // the bounds last fitted, refitted on resize until the visitor moves
      this.framed = false;  // whether a view with partners was fitted, or the visitor moved the map
      this.opened = null;  // a popup opened on a partner's place (inside a cluster)
      this.busy = false;
      this.format = { lang: null };
      this.arcs = L.featureGroup();
      this.on("keypress", this.onMarkerKey, this);  // a marker's, passed up through its group (reach.js)
    },

    onAdd: function (map) {
      this.map = map;
      this.added = true;
      map.addLayer(this.arcs);
      if (this.made) clusters.add(map, this.made);
      // A control that comes, goes or folds (the inset, the legend) changes the room: refit.
      map.on({ moveend: this.onMoveEnd, resize: this.onResize, pmlayout: this.onResize, dragstart: this.unfit,
               zoomstart: this.onZoomStart }, this);
      L.DomEvent.on(map.getContainer(), "wheel keydown", this.unfit, this);
      L.DomEvent.on(map.getContainer(), "pointerdown", this.makeRoom, this);  // before a click opens a popup
      this.reachEvents(true);
    },

    onRemove: function (map) {
      map.off({ moveend: this.onMoveEnd, resize: this.onResize, pmlayout: this.onResize, dragstart: this.unfit,
               zoomstart: this.onZoomStart }, this);
      L.DomEvent.off(map.getContainer(), "wheel keydown", this.unfit, this);
      L.DomEvent.off(map.getContainer(), "pointerdown", this.makeRoom, this);
      this.reachEvents(false);
      clusters.putAway(this, this.made);
    },

    /* A rerun's view: into `group` once `source` (the data file's URL, or the data) is there. */
    show: function (map, group, source, view) {
      var self = this;
      if (this.group && this.group !== group) this.group.removeLayer(this);
      this.group = group;
      this.map = map;
      return this.files.get(source).then(function (data) {
        if (self.group !== group) return 0;  // a newer view came meanwhile
        // Details slices are named relative to the data file.
        if (typeof source === "string" && !data.url) data.url = new URL(source, window.location.href).href;
        self.use(data);
        if (!group.hasLayer(self)) group.addLayer(self);
        self.draw(view, "view");
        return self.shown.length;
      }).catch(function (err) { console.error("Partners not loaded:", err); });
    },

    /* Everything drawn from one data file; a new file starts afresh. */
    use: function (data) {
      if (this.made && this.made.data === data) return;
      if (this.made && this.map) clusters.putAway(this, this.made, true);
      this.added = !!this.map && this.map.hasLayer(this);
      this.arcs.clearLayers();
      if (this.made && this.map) this.map.removeLayer(this.made.renderer);  // its canvas, empty now
      var looks = clusters.looks(data.partners.id.length);
      this.data = data;
      this.shown = [];
      this.made = {
        data: data, looks: looks, markers: [], arcs: [], at: [], onMap: new Uint8Array(data.partners.id.length),
        renderer: L.canvas({ padding: 0.3 }),
        icons: data.types.map(function (type) { return NS.shapes.markerIcon(type, looks.radius, looks.outline); }),
        hollow: data.types.map(function (type) { return NS.shapes.markerIcon(type, looks.radius, looks.outline, true); }),
        doubt: [],
      };
      this.made.points = L.featureGroup();
      this.made.points.addEventParent(this);  // a click on a partner reaches the page's group
      if (looks.cluster) clusters.prepare(this, this.made);
      this.visible = { singles: [], clusters: [] };
      if (this.map.hasLayer(this)) clusters.add(this.map, this.made);
    },

    /* Draw a view: from the page ("view": no fading; the camera fits it if need be) or
     * a step of the player or tour ("step": partners fade in as they begin and out as they end;
     * on a crowded map the clusters take in and give up the partners that enter and leave). */
    draw: function (view, reason) {
      var made = this.made;
      NS.timeline.mark("pm-draw-start");
      var shown = rules.inView(this.data.partners, view);
      this.view = view;
      this.doubt(shown, view.year);
      this.renameMarkers();
      this.busy = true;
      if (reason === "view") this.fitTo(shown, view);
      var before = made.onMap;
      made.onMap = flags(shown, before.length);
      if (made.looks.cluster) clusters.redraw(this);
      else this.place(shown, before, reason === "step");
      this.shown = shown;
      if (!made.looks.cluster) this.visible = { singles: shown, clusters: [] };
      this.busy = false;
      if (reason === "view") this.openSelected(view.selected);
      this.drew(reason);
    },

    /* Heard on the layer (tests, benchmarks) and on the map as `pmdraw` (the legend, home's name,
     * the inset, the story and the country names), whichever group holds the layer now. */
    drew: function (reason) {
      this.draws += 1;
      NS.timeline.measure("pm-draw " + reason, "pm-draw-start");  // in the browser's timeline (bench_frames.py)
      this.fire("draw", { view: this.view, reason: reason });
      if (this.map) this.map.fire("pmdraw", { layer: this, view: this.view, reason: reason });
    },

    /* Single partners: arcs under markers; partners leave and enter (flagged `before`, now
     * in made.onMap), faded on a step. */
    place: function (shown, before, fade) {
      var made = this.made, now = made.onMap, self = this;
      var entering = shown.filter(function (i) { return !before[i]; });
      var leaving = this.shown.filter(function (i) { return !now[i]; });
      if (!fade) {
        leaving.forEach(function (i) { self.take(i); });
        shown.forEach(function (i) { self.setOpacity(i, 1); });
        entering.forEach(function (i) { self.put(i); });
        return;
      }
      entering.forEach(function (i) { self.setOpacity(i, 0); self.put(i); });
      this.fade(entering, 0, 1);
      this.fade(leaving, 1, 0, function () {
        leaving.forEach(function (i) { if (!made.onMap[i] && self.made === made) self.take(i); });
      });
    },

    put: function (i) {
      this.arcs.addLayer(this.arcOf(i));
      this.made.points.addLayer(this.markerOf(i));
    },

    take: function (i) {
      this.arcs.removeLayer(this.arcOf(i));
      this.made.points.removeLayer(this.markerOf(i));
    },

    /* Opacity of a partner's arc and marker, 0 (gone) to 1, for fading in and out. */
    setOpacity: function (i, k) {
      var arc = this.arcOf(i);
      arc.setStyle({ opacity: arc.options.fullOpacity * k });
      this.markerOf(i).setOpacity(k);
    },

    fade: function (indices, from, to, done) {
      var self = this, started = null;
      if (!indices.length || !window.requestAnimationFrame) {
        indices.forEach(function (i) { self.setOpacity(i, to); });
        if (done) done();
        return;
      }
      function step(now) {
        started = started === null ? now : started;
        var k = Math.min(1, (now - started) / FADE_MS);
        indices.forEach(function (i) { self.setOpacity(i, from + (to - from) * k); });
        if (k < 1) window.requestAnimationFrame(step);
        else if (done) done();
      }
      window.requestAnimationFrame(step);
    },

    /* A crowded map zoomed or moved: the circles and singles for where it looks now. */
    onMoveEnd: function () {
      if (this.busy || !this.made || !this.made.looks.cluster || !this.view) return;
      NS.timeline.mark("pm-draw-start");
      clusters.redraw(this);
      this.drew("move");
    },

    /* Where partner i's marker sits: its longitude within 180° of home, where its arc ends. */
    positionOf: function (i) {
      var made = this.made, p = this.data.partners;
      return made.at[i] || (made.at[i] = L.latLng(p.lat[i], rules.nearLongitude(p.lon[i], this.data.home.lon)));
    },

    markerOf: function (i) {
      var made = this.made, type = this.data.partners.type[i];
      return made.markers[i] || (made.markers[i] = new PartnerMarker(this.positionOf(i), {
        icon: (made.doubt[i] ? made.hollow : made.icons)[type], keyboard: true, partner: i, owner: this,
      }));
    },

    doubt: function (shown, year) {  // hollow markers and dashed arcs for what nobody confirms in `year`
      var made = this.made, p = this.data.partners;
      shown.forEach(function (i) {
        var doubt = rules.doubt(p, i, year);
        if ((made.doubt[i] || "") === doubt) return;
        made.doubt[i] = doubt;
        if (made.markers[i]) made.markers[i].setIcon((doubt ? made.hollow : made.icons)[p.type[i]]);
        if (made.arcs[i]) made.arcs[i].setStyle({ dashArray: doubt ? DASHES : null });
      });
    },

    /* Partner i's arc from home, made once per data file. */
    arcOf: function (i) {
      var made = this.made, home = this.data.home, at = this.positionOf(i);
      return made.arcs[i] || (made.arcs[i] = L.polyline(rules.greatCircle(home.lat, home.lon, at.lat, at.lng), {
        color: this.data.types[this.data.partners.type[i]].color, weight: made.looks.arcWeight,
        dashArray: made.doubt[i] ? DASHES : null,
        opacity: made.looks.arcOpacity, fullOpacity: made.looks.arcOpacity, interactive: false, renderer: made.renderer,
      }));
    },

    /* The name as the tooltip and the popup, once per marker. */
    dress: function (marker) {
      if (marker.getTooltip()) return;
      var self = this, data = this.data, i = marker.options.partner, radius = this.made.looks.radius;
      marker.bindTooltip(this.tooltipOf(i), { direction: "top", offset: [0, -radius] });
      marker.bindPopup(popups.popupContent(function (ready) {
        return popups.popupFor(data, i, self.lang(), self.files, ready, self.view.year);
      }), NS.camera.popupOptions(this.map, { maxWidth: 320, offset: [0, 7 - radius] }));
    },

    /* The name in the page's language, escaped: what the page reads back on a click. */
    tooltipOf: function (i) {
      return NS.dom.escapeHtml(popups.nameOf(this.data, i, this.lang()));
    },

    /* After a change of language, the tooltips of the markers already shown. */
    renameMarkers: function () {
      var self = this, made = this.made;
      if (made.lang === this.lang()) return;
      if (made.lang !== undefined) {
        made.markers.forEach(function (marker, i) {
          if (marker.getTooltip()) marker.setTooltipContent(self.tooltipOf(i));
          self.nameMarker(marker);
        });
      }
      made.lang = this.lang();
    },

    /* Open partner i's popup: on its marker when that is drawn, else (inside a cluster) on
     * its place. */
    openPartner: function (i) {
      var marker = this.markerOf(i), open = this.opened;
      NS.camera.popupRoom(this.map);
      if (this.map.hasLayer(marker)) {
        this.dress(marker);  // its popup sized for the room there is now (a caption may take some)
        L.setOptions(marker.getPopup(), NS.camera.popupOptions(this.map, { maxWidth: 320 }));
        if (!marker.isPopupOpen()) marker.openPopup();
        return;
      }
      // Already open (the page reruns after a choice in a cluster's list and asks again).
      if (open && open.data === this.data && open.i === i && open.popup.isOpen()) return;
      var popup = L.popup(NS.camera.popupOptions(this.map, { maxWidth: 320, offset: [0, -4] }))
        .setLatLng(marker.getLatLng());
      popup.setContent(popups.popupFor(this.data, i, this.lang(), this.files, function () { popup.update(); },
                                       this.view.year))
        .openOn(this.map);
      this.opened = { data: this.data, i: i, popup: popup };
    },

    openSelected: function (id) {
      var i = id ? this.data.partners.id.indexOf(id) : -1;
      if (i >= 0 && this.made.onMap[i]) this.openPartner(i);
    },

    /* A partner chosen in a cluster's list is told to the page as a click on its marker would
     * be: the page then describes it beside the map and puts it in the link. */
    report: function (i) {
      var marker = this.markerOf(i);
      this.dress(marker);
      this.fire("click", { latlng: marker.getLatLng(), layer: marker, sourceTarget: marker }, true);
    },

    details: function (i) {
      return popups.details(this.data, i, this.files);
    },

    separateZoom: function (i, from) {
      return clusters.separateZoom(this, i, this.shown, from);
    },

    lang: function () {
      return this.view ? this.view.lang : "en";
    },

    countFormat: function () {
      if (this.format.lang !== this.lang()) this.format = { lang: this.lang(), value: NS.shapes.countFormat(this.lang()) };
      return this.format.value;
    },

    looks: function () {  // how markers and arcs look at this size of data; null before the first view
      return this.made ? this.made.looks : null;
    },

    isDoubtful: function (i) {  // drawn hollow and dashed: nobody confirms it in the view's year
      return !!this.made.doubt[i];
    },

    /* What the partners take up on the map now, as circles in container pixels: each partner
     * drawn as its own marker (`i`, its whole shape) and each cluster (`i` null, its circle).
     * Whatever must keep clear of them (country names, home's name, the inset) asks here. */
    occupies: function () {
      var map = this.map, found = [];
      if (!this.made || !map || !map.hasLayer(this)) return found;
      this.visible.singles.forEach(function (i) {
        var at = map.latLngToContainerPoint(this.positionOf(i));
        found.push({ i: i, x: at.x, y: at.y, r: this.markerOf(i).options.icon.options.iconSize[0] / 2 });
      }, this);
      this.visible.clusters.forEach(function (entry) {
        var at = map.latLngToContainerPoint(entry.at);
        found.push({ i: null, x: at.x, y: at.y, r: NS.shapes.clusterRadius(entry.count) + NS.shapes.CLUSTER_EDGE });
      });
      return found;
    },

    /* What the map shows now, for the story and for tests: the partners in view, those drawn
     * as their own marker and the clusters (each with its members). */
    snapshot: function () {
      var self = this;
      return {
        map: this.map, layer: this, data: this.data, view: this.view, shown: this.shown, draws: this.draws,
        singles: this.visible.singles, clusters: this.visible.clusters.length,
        members: this.visible.clusters.map(function (c) { return clusters.members(self, c); }),
        places: this.visible.clusters.map(function (c) { return [c.at.lat, c.at.lng]; }),
      };
    },
  });

  Layer.include(NS.camera);  // where the map looks (camera.js)
  Layer.include(NS.reach);  // the marker under the pointer, and the keyboard (reach.js)
  NS.Layer = Layer;
})();
