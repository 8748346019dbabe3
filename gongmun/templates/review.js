// gongmun review: links between boxes and fields, j/k through the boxes, and the index's
// sorting and filtering. No libraries, nothing fetched.
(function () {
  "use strict";

  // light an element and what it is linked to: a box's field, a field's boxes
  function light(el) {
    document.querySelectorAll(".lit").forEach(function (x) { x.classList.remove("lit"); });
    if (!el) { return; }
    el.classList.add("lit");
    var ids = (el.getAttribute("data-marks") || "").split(" ");
    ids.push(el.getAttribute("data-target") || "");
    ids.filter(Boolean).forEach(function (id) {
      var other = document.getElementById(id);
      if (other) { other.classList.add("lit"); }
    });
  }

  function show(id, focus) {
    var el = document.getElementById(id);
    if (!el) { return; }
    light(el);
    el.scrollIntoView({ block: "center", behavior: "auto" });
    if (focus) { el.focus({ preventScroll: true }); }
  }

  function setupDoc() {
    // a link to a box or to a field: scroll it to the middle and light it up
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[href^='#']");
      if (!a) { return; }
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      if (!document.getElementById(id)) { return; }
      ev.preventDefault();
      history.replaceState(null, "", "#" + id);
      show(id, true);
    });
    // hovering a field lights its boxes
    document.querySelectorAll(".item[data-marks]").forEach(function (item) {
      var ids = item.getAttribute("data-marks").split(" ").filter(Boolean);
      item.addEventListener("mouseenter", function () {
        ids.forEach(function (id) { var b = document.getElementById(id); if (b) { b.classList.add("lit"); } });
      });
      item.addEventListener("mouseleave", function () {
        ids.forEach(function (id) { var b = document.getElementById(id); if (b) { b.classList.remove("lit"); } });
      });
    });
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".source .box"));
    var at = -1;
    document.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || /INPUT|SELECT|TEXTAREA/.test(ev.target.tagName)) { return; }
      if ((ev.key === "j" || ev.key === "k") && boxes.length) {
        var current = boxes.indexOf(document.activeElement);
        if (current >= 0) { at = current; }
        at = ev.key === "j" ? Math.min(at + 1, boxes.length - 1) : Math.max(at - 1, 0);
        show(boxes[at].id, true);
        ev.preventDefault();
      }
    });
    if (location.hash.length > 1) { show(decodeURIComponent(location.hash.slice(1)), false); }
  }

  function setupIndex() {
    var table = document.getElementById("docs");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var text = document.getElementById("filter-text");
    var type = document.getElementById("filter-type");
    var status = document.getElementById("filter-status");
    var shown = document.getElementById("shown");

    function filter() {
      var q = text.value.trim().toLowerCase();
      var n = 0;
      rows.forEach(function (r) {
        var ok = (!q || r.dataset.title.toLowerCase().indexOf(q) >= 0)
          && (!type.value || r.dataset.type === type.value)
          && (!status.value || r.dataset.status === status.value);
        r.hidden = !ok;
        if (ok) { n += 1; }
      });
      shown.textContent = n + " / " + rows.length + " shown";
    }

    table.querySelectorAll("th button").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.parentElement;
        var key = button.dataset.key;
        var numeric = button.hasAttribute("data-num");
        var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
        table.querySelectorAll("th").forEach(function (x) { x.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", dir);
        var sign = dir === "ascending" ? 1 : -1;
        rows.sort(function (a, b) {
          var x = a.dataset[key], y = b.dataset[key];
          var c = numeric ? Number(x) - Number(y) : x.localeCompare(y, "ko");
          return c * sign || Number(a.dataset.order) - Number(b.dataset.order);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    [text, type, status].forEach(function (el) { el.addEventListener("input", filter); });
    filter();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.body.classList.contains("index")) { setupIndex(); } else { setupDoc(); }
  });
})();
