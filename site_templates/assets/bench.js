/* bench site: sortable tables, Plotly charts from inline JSON, matrix tooltips, print.
 * No data is ever inserted as HTML: figures are parsed from <script type="application/json">
 * with JSON.parse and handed to Plotly; tooltips are set with textContent/title. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    return cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent.trim();
  }

  function compare(kind, a, b) {
    if (kind === "num") {
      var x = a === "" ? NaN : Number(a);
      var y = b === "" ? NaN : Number(b);
      if (isNaN(x) && isNaN(y)) return 0;
      if (isNaN(x)) return 1;   /* undefined values sort last either way */
      if (isNaN(y)) return -1;
      return x - y;
    }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function sortBy(header) {
    var table = header.closest("table");
    var body = table.tBodies[0];
    if (!body) return;
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var kind = header.getAttribute("data-sort") || "num";
    var descending = header.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(header.parentNode.children, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(kind, cellValue(r1, index), cellValue(r2, index));
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function colors() {
    var style = getComputedStyle(document.body);
    var fg = style.getPropertyValue("--md-default-fg-color").trim() || "#333";
    var grid = style.getPropertyValue("--md-default-fg-color--lightest").trim() || "#ddd";
    return {
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: { color: fg },
      "xaxis.gridcolor": grid,
      "yaxis.gridcolor": grid
    };
  }

  function renderFigures() {
    if (!window.Plotly) return;
    var scripts = document.querySelectorAll("script[data-figure]");
    Array.prototype.forEach.call(scripts, function (script) {
      var target = document.getElementById(script.getAttribute("data-figure"));
      if (!target) return;
      var spec = JSON.parse(script.textContent);
      var layout = Object.assign({}, spec.layout);
      var theme = colors();
      layout.paper_bgcolor = theme.paper_bgcolor;
      layout.plot_bgcolor = theme.plot_bgcolor;
      layout.font = theme.font;
      window.Plotly.newPlot(target, spec.data, layout, { displaylogo: false, responsive: true });
    });
  }

  function recolorFigures() {
    if (!window.Plotly) return;
    var theme = colors();
    Array.prototype.forEach.call(document.querySelectorAll(".bench-figure.js-plotly-plot"), function (el) {
      window.Plotly.relayout(el, theme);
    });
  }

  function matrixTitle(cell) {
    if (cell.title || cell.tagName !== "TD") return;
    var table = cell.closest("table.bench-matrix");
    var row = cell.parentNode;
    var index = Array.prototype.indexOf.call(row.children, cell);
    var head = table.tHead && table.tHead.rows[0].children[index];
    var task = row.children[0];
    var names = { p: "passed", f: "failed", t: "timeout", e: "error", i: "infrastructure error", n: "not attempted" };
    if (!head || !task || !names[cell.className]) return;
    cell.title = head.textContent.trim() + " · " + task.textContent.trim() + ": " + names[cell.className];
  }

  /* Tasks page: show only the rows whose data-tags (a JSON list) hold the chosen tag. */
  function filterByTag(button) {
    var tag = button.getAttribute("data-tag");
    var bar = button.closest("[data-tag-filter]");
    Array.prototype.forEach.call(bar.querySelectorAll("button[data-tag]"), function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
    Array.prototype.forEach.call(document.querySelectorAll("tr[data-tags]"), function (row) {
      row.hidden = tag !== "" && JSON.parse(row.getAttribute("data-tags")).indexOf(tag) < 0;
    });
  }

  function filterFromHash() {
    var match = /^#tag=(.+)$/.exec(window.location.hash);
    if (!match) return;
    var tag = decodeURIComponent(match[1]);
    var buttons = document.querySelectorAll("[data-tag-filter] button[data-tag]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (button.getAttribute("data-tag") === tag) filterByTag(button);
    });
  }

  function init() {
    document.addEventListener("click", function (event) {
      var header = event.target.closest("th[data-sort]");
      if (header) sortBy(header);
      if (event.target.closest("[data-bench-print]")) window.print();
      var tagButton = event.target.closest("[data-tag-filter] button[data-tag]");
      if (tagButton) filterByTag(tagButton);
    });
    document.addEventListener("mouseover", function (event) {
      var cell = event.target.closest("table.bench-matrix td");
      if (cell) matrixTitle(cell);
    });
    renderFigures();
    filterFromHash();
    window.addEventListener("hashchange", filterFromHash);
    new MutationObserver(recolorFigures).observe(document.body, {
      attributes: true,
      attributeFilter: ["data-md-color-scheme"]
    });
    if (window.location.hash === "#print" && document.querySelector(".bench-leaderboard")) {
      window.setTimeout(function () { window.print(); }, 300);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
