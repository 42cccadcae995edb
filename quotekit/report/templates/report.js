/* quotekit report: sortable tables and cell quote lists (progressive enhancement; the page reads fine without this). */
(function () {
  "use strict";
  var root = document.documentElement;
  window.addEventListener("error", function (e) { root.setAttribute("data-js-error", String(e.message)); });
  function key(cell) {
    var v = cell.getAttribute("data-sort");
    if (v === null) { v = cell.textContent.trim(); }
    var n = parseFloat(v);
    return (v !== "" && isFinite(n) && /^[-+]?[\d.]/.test(v)) ? { n: n } : { s: v.toLowerCase() };
  }
  function compare(a, b) {
    if (a.n !== undefined && b.n !== undefined) { return a.n - b.n; }
    if (a.n !== undefined) { return -1; }
    if (b.n !== undefined) { return 1; }
    return a.s < b.s ? -1 : (a.s > b.s ? 1 : 0);
  }
  function sortBy(table, th, index) {
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows = rows.map(function (r, i) { return { r: r, i: i, k: key(r.cells[index] || r.cells[0]) }; });
    rows.sort(function (a, b) { return (asc ? compare(a.k, b.k) : compare(b.k, a.k)) || a.i - b.i; });
    rows.forEach(function (x) { body.appendChild(x.r); });
  }
  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      button.setAttribute("title", "Sort by this column");
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
  }
  // Speaker x target cells link to the list of quotes behind them (#cell-...): open that list and bring it into view.
  function openCell(id) {
    var target = id ? document.getElementById(id) : null;
    if (!target || target.tagName !== "DETAILS") { return false; }
    target.open = true;
    var shown = document.querySelectorAll("details.qk-drill.qk-current");
    Array.prototype.forEach.call(shown, function (d) { d.classList.remove("qk-current"); });
    target.classList.add("qk-current");
    return true;
  }
  function fromHash() { openCell(decodeURIComponent(window.location.hash.slice(1))); }
  function onClick(event) {
    var link = event.target.closest ? event.target.closest('a[href^="#cell-"]') : null;
    if (link) { openCell(link.getAttribute("href").slice(1)); }
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.qk-sortable"), enhance);
    document.addEventListener("click", onClick);
    window.addEventListener("hashchange", fromHash);
    fromHash();
    root.setAttribute("data-js", "ready");
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
