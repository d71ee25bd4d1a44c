/* What a click or a hover shows: a partner's popup, with its details fetched per slice of
 * partners when it first opens, and a cluster's tooltip and list. Text from the data is set
 * with textContent; links are followed only when they pass the same rule as in Python
 * (PartnerRules.safeUrl). */
(function () {
  "use strict";

  var NS = L.PartnerMap, el = NS.dom.el, rules = window.PartnerRules;
  var LISTED = 12;  // partners named in a cluster's list

  /* JSON files fetched once per page: the data file, then the details slices beside it. */
  var Files = L.Class.extend({
    initialize: function () {
      this.promises = {};
      this.loaded = {};  // what has arrived, for a popup to show at once
    },

    get: function (source) {
      if (typeof source !== "string") return Promise.resolve(source);
      var promises = this.promises, loaded = this.loaded;
      if (!promises[source]) {
        promises[source] = fetch(source).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + source);
          return response.json();
        }).then(function (json) { return (loaded[source] = json); });
        promises[source].catch(function () { delete promises[source]; });
      }
      return promises[source];
    },
  });

  /* Partner i's details from the slice that holds them, `part`. */
  function pick(data, i, part) {
    var j = i - Math.floor(i / data.details.size) * data.details.size, out = {};
    Object.keys(part).forEach(function (name) { out[name] = part[name][j]; });
    return out;
  }

  function sliceOf(data, i) {
    var d = data.details, slice = d.slices[Math.floor(i / d.size)];
    return typeof slice === "string" ? { url: new URL(slice, data.url).href } : { inline: slice };
  }

  /* Partner i's place, descriptions and website: in a slice beside the data file (its name
   * relative to the data file's URL), or inline in a self-contained file. */
  function details(data, i, files) {
    var slice = sliceOf(data, i);
    var loaded = slice.url ? files.get(slice.url) : Promise.resolve(slice.inline);
    return loaded.then(function (part) { return pick(data, i, part); });
  }

  /* The same, when its slice is already here (fetched ahead: the tour's stops); else null. */
  function detailsNow(data, i, files) {
    var slice = sliceOf(data, i), part = slice.url ? files.loaded[slice.url] : slice.inline;
    return part ? pick(data, i, part) : null;
  }

  /* Partner i's name in `lang`: its `name_<lang>` where there is one (partnerships/wording.py
   * localised_value). */
  function nameOf(data, i, lang) {
    var p = data.partners, own = p["name_" + lang];
    return (own && String(own[i] || "").trim()) ? own[i] : p.name[i];
  }

  /* A detail (`city`, `country`, `desc`) in `lang`, the base one where it has none. */
  function local(d, column, lang) {
    return d[column + "_" + lang] || d[column];
  }

  /* "sources as of 2014": the latest year a source confirms anything in `data`, in `lang`;
   * "" when no partner has a confirmed year. */
  function sourcesAsOf(data, lang) {
    var confirmed = data.partners.confirmed || [], latest = null;
    confirmed.forEach(function (year) { if (year !== null && (latest === null || year > latest)) latest = year; });
    return latest === null ? "" : data.labels[lang].sources_as_of.replace("{year}", latest);
  }

  /* partnerships/wording.py `years_text`, and what nobody confirms in the view's `year`. */
  function years(p, i, labels, year) {
    var start = p.start[i], end = p.end[i], ended = end !== null && end !== undefined;
    if (start === null || start === undefined) return labels.year_unknown + (ended ? " (–" + end + ")" : "");
    var text = !ended ? labels.since.replace("{start}", start) : start === end ? String(start) : start + "–" + end;
    if (rules.doubt(p, i, year) !== "status") return text;
    return labels.since_confirmed.replace("{start}", start).replace("{confirmed}", p.confirmed[i]);
  }

  /* The popup, built when it opens in the language the page has then: what the data file
   * holds at once, the rest when its slice is there. `ready` runs when it has its final size. */
  function popupFor(data, i, lang, files, ready, year) {
    var p = data.partners, labels = data.labels[lang], type = data.types[p.type[i]];
    var box = el("div", "pm-popup");
    box.appendChild(el("div", "pm-popup-name", nameOf(data, i, lang)));
    var kind = el("div", "pm-popup-type");
    kind.appendChild(NS.shapes.shapeIcon(type, 20));
    kind.appendChild(el("span", null, type.label[lang]));
    box.appendChild(kind);
    var place = el("div", "pm-popup-place pm-loading", "…");
    box.appendChild(place);
    box.appendChild(el("div", "pm-popup-years", years(p, i, labels, year)));
    var now = detailsNow(data, i, files);
    if (now) {  // fetched ahead: the popup opens filled
      fill(now);
      return box;
    }
    details(data, i, files).then(fill).catch(function (err) {
      console.error("Partner details not loaded:", err);
      place.textContent = labels.details_unavailable;
    }).then(function () { if (ready) ready(); });
    return box;

    function fill(d) {
      place.classList.remove("pm-loading");
      place.textContent = local(d, "city", lang) + ", " + local(d, "country", lang);
      var description = local(d, "desc", lang);
      if (description) box.appendChild(el("p", "pm-popup-desc", description));
      var href = rules.safeUrl(d.url);
      if (href) {
        var link = el("a", "pm-popup-link", labels.website);
        link.href = href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        box.appendChild(link);
      }
    }
  }

  /* A marker's popup content, built when it opens. When the details arrive the popup takes
   * its new size with `update()`, which asks for the content again: then it gets the same box. */
  function popupContent(build) {
    var box = null, refreshing = false;
    return function (layer) {
      if (!box || !refreshing) {
        box = build(function () {
          refreshing = true;
          layer.getPopup().update();
          refreshing = false;
        });
      }
      return box;
    };
  }

  /* A cluster's tooltip: how many, and how many of each type, most first. */
  function clusterTooltip(data, members, lang) {
    var byType = {}, box = el("div", "pm-cluster-tooltip");
    members.forEach(function (i) { byType[data.partners.type[i]] = (byType[data.partners.type[i]] || 0) + 1; });
    box.appendChild(el("strong", null, data.labels[lang].cluster_count.replace("{n}", members.length)));
    Object.keys(byType).sort(function (a, b) { return byType[b] - byType[a]; }).forEach(function (t) {
      box.appendChild(el("div", null, byType[t] + " × " + data.types[t].label[lang]));
    });
    return box;
  }

  /* A cluster that zooming cannot split (one place, or the closest zoom) lists its partners
   * by name; a name is a button that calls `choose(i)`. */
  function clusterList(data, members, lang, choose) {
    var labels = data.labels[lang], p = data.partners;
    var box = el("div", "pm-popup pm-cluster-list");
    box.appendChild(el("div", "pm-popup-name", labels.cluster_count.replace("{n}", members.length)));
    var list = el("ul");
    var name = function (i) { return nameOf(data, i, lang); };
    members.slice().sort(function (a, b) { return name(a).localeCompare(name(b), lang); }).slice(0, LISTED)
      .forEach(function (i) {
        var item = el("li"), button = el("button", "pm-cluster-item");
        button.type = "button";
        button.appendChild(NS.shapes.shapeIcon(data.types[p.type[i]], 16));
        button.appendChild(el("span", null, name(i)));
        button.addEventListener("click", function () { choose(i); });
        item.appendChild(button);
        list.appendChild(item);
      });
    box.appendChild(list);
    if (members.length > LISTED) {
      box.appendChild(el("div", "pm-popup-years", labels.cluster_more.replace("{n}", members.length - LISTED)));
    }
    return box;
  }

  NS.popups = {
    Files: Files, details: details, detailsNow: detailsNow, sourcesAsOf: sourcesAsOf, nameOf: nameOf, local: local,
    popupFor: popupFor, popupContent: popupContent,
    clusterTooltip: clusterTooltip, clusterList: clusterList,
  };
})();
