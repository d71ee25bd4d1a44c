/* How partners look: each type's shape in its colour (the legend, a popup, a marker) and the
 * numbered circle of a cluster, all as SVG built node by node, nothing parsed from text.
 *
 * Colour is never the only sign of a partnership type (WCAG 1.4.1): each type also has a
 * marker shape. The outlines come from Python (partnerships/style.py OUTLINES, sent with each
 * type as `outline`: points around (0, 0), y pointing down, scaled to the area of the unit
 * circle, and `reach`, the farthest point's distance); a type without one is a circle.
 *
 * Also the two DOM helpers every file uses: text from the data is only ever set with
 * textContent, or escaped where Leaflet wants HTML.
 */
(function () {
  "use strict";

  var NS = (L.PartnerMap = L.PartnerMap || {});
  var SVG_NS = "http://www.w3.org/2000/svg";
  var SHAPE_RADIUS = 7;  // legend and popup icons draw the shapes as a radius-7 marker
  var EDGE = "#1f1f1f";  // a dark edge keeps light colours visible on land and sea (WCAG 1.4.11)
  var CLUSTER_FILL = "#263238", CLUSTER_TEXT = "#ffffff";  // contrast 13.2:1

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(name, attributes) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, String(attributes[key])); });
    return node;
  }

  /* An <svg> of `half` units each way from its centre, `size` pixels wide. */
  function canvas(half, size, className) {
    return svg("svg", {
      "class": className, viewBox: -half + " " + -half + " " + 2 * half + " " + 2 * half,
      width: size, height: size, "aria-hidden": "true", focusable: "false",
    });
  }

  /* A type's figure of radius r around (0, 0), filled with its colour. */
  function figure(type, r) {
    var node = type.outline
      ? svg("polygon", { points: type.outline.points.map(function (q) {
        return (q[0] * r).toFixed(2) + "," + (q[1] * r).toFixed(2);
      }).join(" ") })
      : svg("circle", { r: r });
    node.style.fill = type.color;
    return node;
  }

  /* How far a type's figure reaches from its centre, per unit of radius. */
  function reach(type) {
    return type.outline ? Math.max(type.outline.reach, 1) : 1;
  }

  /* A type's shape in its colour, `size` pixels square, beside the type's name (legend,
   * popup, a cluster's list): decoration for screen readers, which read the name. */
  function shapeIcon(type, size) {
    var icon = canvas(12, size, "pm-shape");  // room for the farthest corner (triangle: 1.56 × 7)
    icon.setAttribute("data-shape", type.outline ? type.shape : "circle");
    icon.appendChild(figure(type, SHAPE_RADIUS));
    return icon;
  }

  /* The marker of a partner: its type's figure with a dark edge, centred on its place. One
   * icon serves every partner of a type; Leaflet asks it for a new element per marker. */
  var MarkerIcon = L.DivIcon.extend({
    options: { className: "pm-marker", html: "", type: null, radius: 7, weight: 1.5, hollow: false },

    /* Hollow (white inside, its type's colour as the edge) for what nobody confirms. */
    createIcon: function (oldIcon) {
      var div = L.DivIcon.prototype.createIcon.call(this, oldIcon), o = this.options;
      var icon = canvas(o.iconSize[0] / 2, o.iconSize[0], "pm-marker-shape"), shape = figure(o.type, o.radius);
      icon.setAttribute("data-shape", o.type.outline ? o.type.shape : "circle");
      if (o.hollow) icon.setAttribute("data-doubt", "true");
      shape.style.stroke = o.hollow ? o.type.color : EDGE;
      if (o.hollow) shape.style.fill = "#ffffff";
      shape.style.strokeWidth = String(o.hollow ? o.weight + 1 : o.weight);
      icon.appendChild(shape);
      div.appendChild(icon);
      return div;
    },
  });

  function markerIcon(type, radius, weight, hollow) {
    var size = 2 * Math.ceil(radius * reach(type) + weight + 1);
    return new MarkerIcon({ type: type, radius: radius, weight: weight, hollow: !!hollow, iconSize: [size, size] });
  }

  /* A cluster: a dark circle sized by how many partners it holds, with their number on it,
   * its edge in the partners' colour when they share one type. */
  var CLUSTER_EDGE = 2.5;  // px: the white (or type-coloured) edge around a cluster's circle

  function clusterRadius(count) {
    return 11 + 4 * Math.log10(count);  // 2 → 12, 100 → 19, 10,000 → 27
  }

  var ClusterIcon = L.DivIcon.extend({
    options: { className: "pm-cluster", html: "", count: 2, label: "2", edge: "#ffffff" },

    createIcon: function (oldIcon) {
      var div = L.DivIcon.prototype.createIcon.call(this, oldIcon), o = this.options;
      var r = clusterRadius(o.count), icon = canvas(o.iconSize[0] / 2, o.iconSize[0], "pm-cluster-circle");
      var circle = svg("circle", { r: r.toFixed(2) });
      circle.style.fill = CLUSTER_FILL;
      circle.style.fillOpacity = "0.92";
      circle.style.stroke = o.edge;
      circle.style.strokeWidth = String(CLUSTER_EDGE);
      var number = svg("text", { "text-anchor": "middle", "dominant-baseline": "central", y: "0.5" });
      number.style.fill = CLUSTER_TEXT;
      number.style.fontSize = Math.round(r * (o.label.length > 2 ? 0.72 : 0.9)) + "px";
      number.textContent = o.label;
      icon.appendChild(circle);
      icon.appendChild(number);
      div.appendChild(icon);
      return div;
    },
  });

  function clusterIcon(count, label, edge) {
    var size = 2 * Math.ceil(clusterRadius(count) + 2);
    return new ClusterIcon({ count: count, label: label, edge: edge, iconSize: [size, size] });
  }

  /* 950, 1.2k, 16k (Danish 1,2k): short enough for the circle in every browser. */
  function countLabel(count, format) {
    if (count < 1000) return String(count);
    return format.format(count < 10000 ? count / 1000 : Math.round(count / 1000)) + "k";
  }

  function countFormat(lang) {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  }

  /* "Show all": four corners drawn outwards, for a button (camera.js). */
  function fitIcon() {
    var icon = canvas(12, 18, "pm-fit-icon");
    icon.appendChild(svg("path", { d: "M-9-3v-6h6M3-9h6v6M9 3v6H3M-3 9h-6V3", fill: "none", stroke: "currentColor",
                                   "stroke-width": 2.4, "stroke-linecap": "round", "stroke-linejoin": "round" }));
    return icon;
  }

  /* Whether two boxes on screen (DOMRects) overlap: where controls must make room. */
  /* The one rule for boxes ({left, top, right, bottom}, as getBoundingClientRect gives them):
   * the area two of them share, and whether they meet at all. */
  function overlap(a, b) {
    var x = Math.min(a.right, b.right) - Math.max(a.left, b.left), y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return x > 0 && y > 0 ? x * y : 0;
  }

  function meet(a, b) {
    return overlap(a, b) > 0;
  }

  /* A box from its corner and size. */
  function box(left, top, width, height) {
    return { left: left, top: top, right: left + width, bottom: top + height, width: width, height: height };
  }

  NS.dom = { el: el, escapeHtml: escapeHtml, svg: svg, meet: meet, overlap: overlap, box: box };

  /* The map's own timings in the browser's timeline (benchmarks/bench_frames.py reads them),
   * the latest of each name only, so a long visit does not pile them up. */
  NS.timeline = {
    mark: function (name) {
      performance.clearMarks(name);
      performance.mark(name);
    },
    measure: function (name, from) {
      performance.clearMeasures(name);
      performance.measure(name, from);
    },
  };
  NS.shapes = {
    shapeIcon: shapeIcon, markerIcon: markerIcon, clusterIcon: clusterIcon, clusterRadius: clusterRadius,
    countLabel: countLabel, countFormat: countFormat, fitIcon: fitIcon, CLUSTER_FILL: CLUSTER_FILL,
    CLUSTER_EDGE: CLUSTER_EDGE,
  };
})();
