/* Telling the story at a conference: a timeline player and a scripted tour.
 *
 * Every step happens here, in the browser, with no request to the server, so it plays in a
 * hall without network and from the single exported file alike. Space plays and pauses;
 * the arrow keys step through the years, or through the tour while it runs; PageDown and
 * PageUp (what a presentation clicker sends) always drive the tour. Text from the data is
 * set with textContent only.
 */
(function () {
  "use strict";

  var SPEEDS = [0.5, 1, 2, 4];

  function story(map, options) {
    var PM = window.PartnerMap, el = PM.el, labels = options.labels;
    var container = map.getContainer();
    if (options.present) container.classList.add("pm-present");
    var s = { year: options.last, playing: null, speed: 1, stop: -1 };

    /* --- the controls ---------------------------------------------------------------------- */
    var box = el("div", "pm-story leaflet-control");
    var yearLabel = el("div", "pm-story-year", s.year);
    yearLabel.setAttribute("aria-live", "polite");
    var buttons = el("div", "pm-story-buttons");
    /* Icons drawn as SVG: symbol fonts are missing on many presentation laptops. */
    var ICONS = {
      back: "M6 5h2v14H6zM20 5v14L9 12z",
      play: "M7 5v14l12-7z",
      pause: "M6 5h4v14H6zM14 5h4v14h-4z",
      next: "M16 5h2v14h-2zM4 5v14l11-7z",
    };
    function setIcon(b, name) {
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 24 24");
      svg.setAttribute("aria-hidden", "true");
      var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", ICONS[name]);
      svg.appendChild(path);
      b.replaceChildren(svg);
    }
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
    button("back", labels.back, function () { tourStep(-1); });
    var play = button("play", labels.play, toggle);
    button("next", labels.next, function () { tourStep(1); });
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
      s.speed = Number(speed.value);
      if (s.playing) { pause(); start(); }
    });
    box.appendChild(yearLabel);
    box.appendChild(buttons);
    box.appendChild(speed);
    L.DomEvent.disableClickPropagation(box);
    var control = L.control({ position: "topright" });
    control.onAdd = function () { return box; };
    control.addTo(map);

    var caption = el("div", "pm-caption");
    caption.setAttribute("aria-live", "polite");
    caption.hidden = true;
    container.appendChild(caption);
    if (options.title) container.appendChild(el("div", "pm-present-title", options.title));

    /* --- the timeline ---------------------------------------------------------------------- */
    function showYear(year) {
      var now = PM.current();
      if (!now.view) return;
      s.year = Math.max(options.first, Math.min(options.last, year));
      yearLabel.textContent = s.year;
      PM.redraw(Object.assign({}, now.view, { year: s.year, mode: "active", selected: null }));
    }
    function start() {
      if (s.year >= options.last) showYear(options.first);
      setIcon(play, "pause");
      play.title = labels.pause;
      play.setAttribute("aria-label", labels.pause);
      s.playing = window.setInterval(function () {
        if (s.year >= options.last) pause();
        else showYear(s.year + 1);
      }, 1000 / s.speed);
    }
    function pause() {
      window.clearInterval(s.playing);
      s.playing = null;
      setIcon(play, "play");
      play.title = labels.play;
      play.setAttribute("aria-label", labels.play);
    }
    function toggle() {
      endTour();
      if (s.playing) pause();
      else start();
    }

    /* --- the tour -------------------------------------------------------------------------- */
    function stops() {
      if (options.stops && options.stops.length) return options.stops;
      var p = PM.current().data.partners;
      return p.id.map(function (id, i) { return { id: id, year: p.start[i], caption: null }; })
        .sort(function (a, b) { return a.year - b.year; });
    }
    function tourStep(delta) {
      var now = PM.current();
      if (!now.data) return;
      pause();
      var list = stops();
      if (!list.length) return;
      s.stop = Math.max(0, Math.min(list.length - 1, s.stop + delta));
      var stop = list[s.stop], p = now.data.partners, i = p.id.indexOf(stop.id);
      if (i < 0) return;
      showYear(Math.max(stop.year || p.start[i], p.start[i]));
      var data = now.data, at = PM.positionOf(data, i);
      map.flyTo(at, PM.separateZoom(data, i, Math.max(map.getZoom(), options.tourZoom)), { duration: 1.2 });
      map.once("moveend", function () { PM.openPartner(data, i); });
      var scripted = stop.caption && (stop.caption[options.lang] || stop.caption.en);
      caption.textContent = scripted || p.name[i] + " · " + p.start[i];
      caption.hidden = false;
      if (!scripted) {
        PM.details(data, i).then(function (d) {
          if (list[s.stop] === stop) caption.textContent = p.name[i] + " · " + d.city + " · " + p.start[i];
        }).catch(function () { /* the name and year stay */ });
      }
    }
    function endTour() {
      s.stop = -1;
      caption.hidden = true;
    }

    /* --- the keyboard, also from the page around the map when it may be reached ------------ */
    function onKey(event) {
      var target = event.target, tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
      var touring = s.stop >= 0;
      var actions = {
        " ": toggle,
        PageDown: function () { tourStep(1); },
        PageUp: function () { tourStep(-1); },
        ArrowRight: function () { if (touring) tourStep(1); else { pause(); showYear(s.year + 1); } },
        ArrowLeft: function () { if (touring) tourStep(-1); else { pause(); showYear(s.year - 1); } },
        Escape: function () { endTour(); pause(); },
      };
      var action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    document.addEventListener("keydown", onKey);
    try {
      if (options.present && window.parent !== window) window.parent.document.addEventListener("keydown", onKey);
    } catch (e) {
      // Another origin around the map: keys work once the map has the focus.
    }
    return { showYear: showYear, toggle: toggle, tourStep: tourStep };
  }

  window.PartnerMap.story = story;
})();
