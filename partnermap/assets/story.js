/* Telling the story at a conference: a timeline player and a scripted tour, as a control.
 *
 * Every step happens here, in the browser, with no request to the server, so it plays in a
 * hall without network and from the single exported file alike. Space plays and pauses;
 * the arrow keys step through the years, or through the tour while it runs; PageDown and
 * PageUp (what a presentation clicker sends) always drive the tour; ⏮ ⏭ (Home, End) go to the
 * first and the last year; in the app, Exit (and Esc with nothing running) leaves presenting.
 * Text from the data is
 * set with textContent only. It draws through the map's partner layer (`map.partnerLayer`),
 * which the first view creates; it keeps its own state (`state()` tells it).
 */
(function () {
  "use strict";

  var NS = L.PartnerMap, el = NS.dom.el;
  var SPEEDS = [0.5, 1, 2, 4];
  var CAMERA_PADDING = [60, 60], CAMERA_MAX_ZOOM = 8;  // the player's camera (`follow`)
  var TOUR_MAX_ZOOM = 7;  // a stop shows its region: a town's streets tell a hall nothing
  var FOLD_BELOW = 1100;  // px of map height: the tour folds the legend on smaller maps (`makeRoom`)
  /* Icons drawn as SVG: symbol fonts are missing on many presentation laptops. */
  var ICONS = {
    back: "M6 5h2v14H6zM20 5v14L9 12z",
    play: "M7 5v14l12-7z",
    pause: "M6 5h4v14H6zM14 5h4v14h-4z",
    next: "M16 5h2v14h-2zM4 5v14l11-7z",
  };

  function setIcon(button, name) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    button.replaceChildren(svg);
  }

  var Story = L.Control.extend({
    options: { position: "topright" },

    initialize: function (settings) {
      L.setOptions(this, { settings: settings });
      this.year = settings.last;
      this.playing = null;
      this.speed = 1;
      this.stop = -1;
    },

    onAdd: function (map) {
      var self = this, settings = this.options.settings, labels = settings.labels, container = map.getContainer();
      this.map = map;
      if (settings.present) container.classList.add("pm-present");
      var box = el("div", "pm-story leaflet-control");
      this.yearLabel = el("div", "pm-story-year", this.year);
      this.yearLabel.setAttribute("aria-live", "polite");
      var buttons = el("div", "pm-story-buttons");
      function button(icon, title, onClick) {
        var b = el("button", "pm-story-button");
        setIcon(b, icon);
        b.type = "button";
        b.title = title;
        b.setAttribute("aria-label", title);
        b.addEventListener("click", function (event) { event.preventDefault(); onClick(); });
        buttons.appendChild(b);
        return b;
      }
      button("back", labels.first, function () { self.jump(settings.first); });
      this.playButton = button("play", labels.play, function () { self.toggle(); });
      button("next", labels.last, function () { self.jump(settings.last); });
      var speed = el("select", "pm-story-speed");
      speed.title = labels.speed;
      speed.setAttribute("aria-label", labels.speed);
      SPEEDS.forEach(function (x) {
        var option = el("option", null, x + "×");
        option.value = String(x);
        option.selected = x === 1;
        speed.appendChild(option);
      });
      speed.addEventListener("change", function () {
        self.speed = Number(speed.value);
        if (self.playing) { self.pause(); self.start(); }
      });
      // The tour's own button, its keys in its title; in presentation mode the keys also show.
      this.tourButton = el("button", "pm-story-tour", labels.tour);
      this.tourButton.type = "button";
      this.tourButton.title = labels.tour_help;
      this.tourButton.setAttribute("aria-keyshortcuts", "PageDown PageUp Escape");
      this.tourButton.addEventListener("click", function (event) {
        event.preventDefault();
        if (self.stop >= 0) self.overview();
        else self.tourStep(1);
      });
      var row = el("div", "pm-story-row");
      row.appendChild(this.tourButton);
      row.appendChild(speed);
      if (settings.exit) {  // presentation mode in the app: back to the page's view
        var exit = el("button", "pm-story-exit", labels.exit);
        exit.type = "button";
        exit.setAttribute("aria-keyshortcuts", "Escape");
        exit.addEventListener("click", function (event) { event.preventDefault(); self.exit(); });
        row.appendChild(exit);
      }
      box.appendChild(this.yearLabel);
      this.sources = box.appendChild(el("div", "pm-story-sources"));  // "sources as of 2014", when known
      this.sources.hidden = true;
      box.appendChild(buttons);
      box.appendChild(row);
      if (settings.present && labels.keys) box.appendChild(el("div", "pm-story-keys", labels.keys));
      L.DomEvent.disableClickPropagation(box);

      this.caption = el("div", "pm-caption");
      this.caption.setAttribute("aria-live", "polite");
      this.caption.hidden = true;
      container.appendChild(this.caption);
      if (settings.title) this.titleBox = container.appendChild(el("div", "pm-present-title", settings.title));
      map.on("resize pmlayout", this.layout, this);
      map.on("pmdraw", this.onDraw, this);
      L.Util.requestAnimFrame(this.layout, this);  // once the control is in the page
      if (window.ResizeObserver && this.titleBox) {  // the title wraps anew as fonts arrive
        new ResizeObserver(this.layout.bind(this)).observe(this.titleBox);
      }

      this.onKey = this.onKey.bind(this);
      document.addEventListener("keydown", this.onKey);
      try {
        if (settings.present && window.parent !== window) window.parent.document.addEventListener("keydown", this.onKey);
      } catch (e) {
        // Another origin around the map: keys work once the map has the focus.
      }
      return box;
    },

    onRemove: function (map) {
      map.off("resize pmlayout", this.layout, this);
      map.off("pmdraw", this.onDraw, this);
      this.pause();
      document.removeEventListener("keydown", this.onKey);
      try {
        if (window.parent !== window) window.parent.document.removeEventListener("keydown", this.onKey);
      } catch (e) {
        // Another origin: nothing was added there.
      }
    },

    /* Leave presentation mode: the page around the map holds the link back to its view (a map in
     * a sandboxed frame may not move the page itself, but the page's own link may). */
    exit: function () {
      var selector = this.options.settings.exit, link = null;
      if (!selector) return;
      try { link = window.parent.document.querySelector(selector); } catch (e) { link = null; }
      if (link) link.click();
    },

    /* The year shown is the page's (a view the page sends) until the player or the tour moves it.
     * The first view also fetches the details of the tour's stops, so each stop's popup opens
     * filled. */
    onDraw: function (event) {
      if (event.reason !== "view") return;
      this.syncYear(event.view);
      var layer = event.layer, sources = NS.popups.sourcesAsOf(layer.data, layer.lang());
      this.sources.textContent = sources;
      this.sources.hidden = !sources;
      if (this.fetched === layer.data) return;
      this.fetched = layer.data;
      this.stops(layer.data).forEach(function (stop) {
        layer.details(layer.data.partners.id.indexOf(stop.id)).catch(function () { /* opens with "…" */ });
      });
    },

    syncYear: function (view) {
      this.pageView = view;  // what the tour's end returns to, whatever the player showed since
      if (this.playing || this.stop >= 0) return;
      var settings = this.options.settings;
      this.year = view.year === null || view.year === undefined ? settings.last : view.year;
      this.yearLabel.textContent = this.year;
    },

    /* Nothing on top of anything: the player below the title where they would meet (on a
     * phone), the caption above the legend and the inset. */
    layout: function () {
      var box = this.getContainer();
      if (this.titleBox && box) {
        box.style.marginTop = "";
        var t = this.titleBox.getBoundingClientRect(), b = box.getBoundingClientRect();
        if (NS.dom.meet(t, b)) {
          var margin = parseFloat(window.getComputedStyle(box).marginTop) || 0;
          box.style.marginTop = Math.ceil(margin + t.bottom - b.top + 8) + "px";
        }
      }
      this.caption.style.bottom = NS.camera.coveredBelow(this.map) + 16 + "px";
    },

    /* The partners drawn by the map, once its first view is there. */
    partners: function () {
      var layer = this.map && this.map.partnerLayer;
      return layer && layer.view ? layer : null;
    },

    state: function () {
      return { year: this.year, playing: !!this.playing, speed: this.speed, stop: this.stop, framed: this.stopFramed };
    },

    /* --- the timeline ------------------------------------------------------------------------ */
    /* The year `year`; with `follow`, the camera first takes in its partners (`follow`). */
    showYear: function (year, follow) {
      var layer = this.partners(), settings = this.options.settings;
      if (!layer) return;
      this.year = Math.max(settings.first, Math.min(settings.last, year));
      this.yearLabel.textContent = this.year;
      var step = { year: this.year, mode: "active", selected: null, playing: true };  // playing: years known only
      var view = Object.assign({}, layer.view, step);
      if (follow) this.follow(layer, view);
      layer.draw(view, "step");
    },

    /* The first or the last year (⏮ ⏭, Home, End): out of the tour and the playback, to that year. */
    jump: function (year) {
      if (this.stop >= 0) this.overview();
      this.pause();
      this.showYear(year, true);
    },

    /* The player's camera: it opens on the partners of the first year (a cut), then only ever
     * widens, eased, when a partner begins outside what it has taken in; never back in. */
    follow: function (layer, view) {
      var shown = window.PartnerRules.inView(layer.data.partners, view), map = this.map;
      if (!shown.length) return;
      var bounds = layer.boundsOf(shown), frame = this.framed;
      if (!frame) {
        this.framed = bounds;
        map.fitBounds(bounds.pad(0.1), { padding: CAMERA_PADDING, maxZoom: CAMERA_MAX_ZOOM, animate: false });
        return;
      }
      if (frame.contains(bounds)) return;
      this.framed = L.latLngBounds(frame.getSouthWest(), frame.getNorthEast()).extend(bounds);
      if (map.getBounds().contains(this.framed)) return;  // already in view: no move inwards
      map.flyToBounds(this.framed.pad(0.1), { padding: CAMERA_PADDING, maxZoom: CAMERA_MAX_ZOOM, duration: 0.9 / this.speed });
    },

    start: function () {
      var self = this, settings = this.options.settings;
      var opening = this.year >= settings.last || !this.played;  // the first play tells it all
      this.played = true;
      this.framed = opening ? null : this.map.getBounds();
      if (opening) this.showYear(settings.first, true);
      this.label(this.playButton, "pause");
      this.playing = window.setInterval(function () {
        if (self.year >= settings.last) self.pause();
        else self.showYear(self.year + 1, true);
      }, 1000 / this.speed);
    },

    pause: function () {
      window.clearInterval(this.playing);
      this.playing = null;
      if (this.playButton) this.label(this.playButton, "play");
    },

    label: function (button, name) {
      setIcon(button, name);
      button.title = this.options.settings.labels[name];
      button.setAttribute("aria-label", button.title);
    },

    toggle: function () {
      this.endTour();
      if (this.playing) this.pause();
      else this.start();
    },

    /* --- the tour ---------------------------------------------------------------------------- */
    stops: function (data) {
      var settings = this.options.settings, p = data.partners;
      // A scripted stop whose partner is not in the data (a row removed since) is passed over.
      if (settings.stops && settings.stops.length) {
        return settings.stops.filter(function (stop) { return p.id.indexOf(stop.id) >= 0; });
      }
      return p.id.map(function (id, i) { return { id: id, year: p.start[i], caption: null }; })
        .filter(function (stop) { return stop.year !== null; })  // a tour tells the years it knows
        .sort(function (a, b) { return a.year - b.year; });
    },

    tourStep: function (delta) {
      var layer = this.partners(), settings = this.options.settings, map = this.map, self = this;
      if (!layer) return;
      this.pause();
      var data = layer.data, list = this.stops(data);
      if (!list.length) return;
      if (this.stop >= 0 && this.stop + delta >= list.length) return this.overview();  // past the last stop
      if (this.stop < 0) this.before = this.pageView || layer.view;  // what the overview shows again
      this.stop = Math.max(0, Math.min(list.length - 1, this.stop + delta));
      var stop = list[this.stop], p = data.partners, i = p.id.indexOf(stop.id);
      if (i < 0) return;
      this.showYear(Math.max(stop.year || p.start[i], p.start[i]));
      // Close enough to stand apart from its neighbours, never so close that only sea is left.
      var zoom = Math.min(layer.separateZoom(i, settings.tourZoom), TOUR_MAX_ZOOM);
      this.stopFramed = -1;
      map.flyTo(layer.positionOf(i), zoom, { duration: 1.2 });
      // The popup opens once the flight has ended and the stop's details are here: filled.
      var landed = new Promise(function (done) { map.once("moveend", done); });
      Promise.all([landed, layer.details(i).catch(function () { return null; })]).then(function () {
        if (list[self.stop] !== stop) return;
        // Out, if need be, until a place the hall knows shows; no further than one step out from
        // where it stands well apart (half as far apart: its marker still its own).
        NS.camera.frameStop(map, layer.positionOf(i), Math.min(layer.separateZoom(i, 1) - 1, zoom),
                            function () { layer.openPartner(i); }, function () { return list[self.stop] === stop; },
                            function () { self.stopFramed = self.stop; });
      });
      var scripted = stop.caption && (stop.caption[settings.lang] || stop.caption.en);
      var name = NS.popups.nameOf(data, i, settings.lang);
      this.caption.textContent = scripted || name + " · " + p.start[i];
      this.caption.hidden = false;
      this.makeRoom(true);
      this.layout();
      this.tourButton.textContent = settings.labels.tour_end;
      if (!scripted) {
        layer.details(i).then(function (d) {
          var city = NS.popups.local(d, "city", settings.lang);
          if (list[self.stop] === stop) self.caption.textContent = name + " · " + city + " · " + p.start[i];
        }).catch(function () { /* the name and year stay */ });
      }
    },

    /* On a map of less than FOLD_BELOW px the legend folds while the tour runs (each stop's
     * popup and caption say what it shows) and opens again after, as it was. */
    makeRoom: function (touring) {
      var legend = this.map.legendControl;
      if (!legend) return;
      if (touring && this.legendWasOpen === undefined && this.map.getSize().y < FOLD_BELOW) {
        this.legendWasOpen = legend.isOpen();
        legend.open(false);
      } else if (!touring && this.legendWasOpen !== undefined) {
        legend.open(this.legendWasOpen);
        this.legendWasOpen = undefined;
      }
    },

    endTour: function () {
      this.stop = -1;
      this.makeRoom(false);
      this.caption.hidden = true;
      this.tourButton.textContent = this.options.settings.labels.tour;
    },

    /* The tour's end (after its last stop, or Esc): the whole story, every partner in view,
     * no popup, no caption, the view the tour began from. */
    overview: function () {
      var layer = this.partners(), map = this.map, before = this.before, settings = this.options.settings;
      this.endTour();
      this.pause();
      this.before = null;
      if (!layer) return;
      map.closePopup();
      if (before) {
        this.year = before.year === null || before.year === undefined ? settings.last : before.year;
        this.yearLabel.textContent = this.year;
        layer.draw(before, "step");
      }
      // Every partner of the view, clear of the story above and the legend and inset below.
      map.flyToBounds(layer.boundsOf(layer.shown).pad(0.08), NS.camera.fitOptions(map, { animate: true, duration: 1.2 }));
    },

    /* --- the keyboard, also from the page around the map when it may be reached -------------- */
    onKey: function (event) {
      var target = event.target, tag = target && target.tagName, self = this;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
      var touring = this.stop >= 0, settings = this.options.settings;
      var actions = {
        " ": function () { self.toggle(); },
        PageDown: function () { self.tourStep(1); },
        PageUp: function () { self.tourStep(-1); },
        ArrowRight: function () { if (touring) self.tourStep(1); else { self.pause(); self.showYear(self.year + 1); } },
        ArrowLeft: function () { if (touring) self.tourStep(-1); else { self.pause(); self.showYear(self.year - 1); } },
        Home: function () { self.jump(settings.first); },
        End: function () { self.jump(settings.last); },
        Escape: function () { if (touring) self.overview(); else if (self.playing) self.pause(); else self.exit(); },
      };
      var action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    },
  });

  NS.Story = Story;

  /* The player and the tour on `map`, with `settings` from partnermap/mapbuilder.py story_options. */
  window.PartnerMap.story = function (map, settings) {
    map.storyControl = new Story(settings).addTo(map);
    return map.storyControl;
  };
})();
