/* The page's way in: what the scripts folium renders call (partnermap/mapbuilder.py), and
 * what the page and the tests read of the map now (`current`). Loaded after the layer;
 * the inset and the story add themselves to it. */
(function () {
  "use strict";

  var NS = L.PartnerMap, popups = NS.popups;
  var live = [];  // the partner layers on this page, newest last: what current() reports
  window.PartnerMap = {
    basemap: NS.basemap,
    home: NS.home.home,
    legend: NS.controls.legend,
    emptyNotice: NS.controls.emptyNotice,
    countryLabels: function (map, labels, lang) { return NS.labels.countryLabels(map, labels, lang); },
    showAll: function (map, title) { return new NS.ShowAll({ title: title }).addTo(map); },
    partners: function (map, group, source, view) {
      if (!map.partnerLayer) live.push((map.partnerLayer = new NS.Layer()));
      return map.partnerLayer.show(map, group, source, view);
    },
    current: function () {
      var layer = live[live.length - 1];
      return layer ? layer.snapshot() : { shown: [], draws: 0, singles: [], clusters: 0, members: [], places: [] };
    },
    details: function (data, i) {
      return popups.details(data, i, live.length ? live[live.length - 1].files : new popups.Files());
    },
  };
})();
