/* maki statistics filter: with JavaScript, the statistics page can be
   narrowed to a Land, level, status, topic or risk class. It reads
   statistik/filter.json (internal/export/charts.go: every system's row in
   every statistics group) and recounts every chart and table of the page;
   the status line (role="status") announces the filtered total. The choice
   is kept in the address (?state=BY&topic=…), so a filtered view can be
   linked and survives a reload. Without
   JavaScript the section stays hidden and the page shows the whole register.
   No dependencies, no eval, no innerHTML. */
(function () {
  "use strict";

  var form = document.getElementById("stat-filter");
  var section = form && form.closest("section");
  var status = document.getElementById("stat-filter-status");
  if (!form || !section || !status || !window.fetch) return;

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var ds = form.dataset;
  var nf = new Intl.NumberFormat(ds.lang === "en" ? "en-GB" : "de-DE");
  var groups = {};  // key → {multi, rows, v: rows of each system}
  var total = 0;

  function fmt(tpl) {
    var args = arguments, i = 1;
    return tpl.replace(/%s/g, function () { return String(args[i++]); });
  }

  function num(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) n = n * 64 + DIGITS.indexOf(s[i]);
    return n;
  }

  // decode turns filter.json into, per group, each system's list of rows.
  function decode(d) {
    total = d.total;
    d.groups.forEach(function (g) {
      var v = [], w = g.width, s = g.values;
      if (total > 0 && g.multi) {
        s.split(",").forEach(function (e) {
          var rows = [];
          for (var i = 0; i + w <= e.length; i += w) rows.push(num(e.substr(i, w)));
          if (!rows.length) rows.push(g.rows - 1);
          v.push(rows);
        });
      } else if (total > 0) {
        for (var i = 0; i + w <= s.length; i += w) v.push([num(s.substr(i, w))]);
      }
      if (v.length !== total) throw new Error("filter.json: group " + g.key + " has " + v.length + " systems, want " + total);
      groups[g.key] = { multi: g.multi, rows: g.rows, v: v };
    });
  }

  // chosen returns the active filters: [{key, row, label, value}].
  function chosen() {
    var out = [];
    var sels = form.querySelectorAll("select");
    for (var i = 0; i < sels.length; i++) {
      var s = sels[i];
      if (s.value === "" || !groups[s.name]) continue;
      var label = form.querySelector('label[for="' + s.id + '"]');
      var opt = s.options[s.selectedIndex];
      out.push({ key: s.name, row: +opt.getAttribute("data-row"), label: label ? label.textContent.trim() : s.name,
        value: opt.textContent.trim() });
    }
    return out;
  }

  // fromAddress selects what the address names (?state=BY), ignoring
  // values the page does not offer.
  function fromAddress() {
    var q = new URLSearchParams(window.location.search);
    var sels = form.querySelectorAll("select");
    for (var i = 0; i < sels.length; i++) {
      var v = q.get(sels[i].name);
      if (v === null) continue;
      for (var j = 0; j < sels[i].options.length; j++) {
        if (sels[i].options[j].value === v) sels[i].selectedIndex = j;
      }
    }
  }

  // toAddress writes the choice into the address without a new history entry.
  function toAddress() {
    if (!window.history || !history.replaceState) return;
    var q = new URLSearchParams(window.location.search);
    var sels = form.querySelectorAll("select");
    for (var i = 0; i < sels.length; i++) {
      if (sels[i].value) q.set(sels[i].name, sels[i].value);
      else q.delete(sels[i].name);
    }
    var s = q.toString();
    history.replaceState(history.state, "", window.location.pathname + (s ? "?" + s : "") + window.location.hash);
  }

  function update() {
    var fs = chosen();
    var match = [];
    for (var i = 0; i < total; i++) {
      var ok = true;
      for (var j = 0; j < fs.length && ok; j++) {
        ok = groups[fs[j].key].v[i].indexOf(fs[j].row) >= 0;
      }
      if (ok) match.push(i);
    }
    var desc = fs.map(function (f) { return f.label + ": " + f.value; }).join(", ");

    var secs = document.querySelectorAll("section[data-group]");
    for (var k = 0; k < secs.length; k++) {
      var sec = secs[k], g = groups[sec.dataset.group];
      if (!g) continue;
      var counts = [];
      for (var r = 0; r < g.rows; r++) counts.push(0);
      match.forEach(function (i) { g.v[i].forEach(function (r) { counts[r]++; }); });

      var bars = sec.querySelectorAll(".bar-chart__row");
      var cells = sec.querySelectorAll("tbody tr");
      var max = 1;
      for (r = 0; r < bars.length; r++) max = Math.max(max, counts[r] || 0);
      for (r = 0; r < bars.length; r++) {
        var n = counts[r] || 0;
        var svg = bars[r].querySelector("svg"), rect = bars[r].querySelector("rect");
        if (svg) svg.setAttribute("viewBox", "0 0 " + max + " 1");
        if (rect) rect.setAttribute("width", String(n));
        var numEl = bars[r].querySelector(".bar-chart__num");
        if (numEl) numEl.textContent = nf.format(n);
      }
      for (r = 0; r < cells.length; r++) {
        var td = cells[r].querySelector("td");
        if (td) td.textContent = nf.format(counts[r] || 0);
      }
      var note = sec.querySelector(".stat-table__filtered");
      if (note) note.textContent = fs.length ? " (" + fmt(ds.note, desc) + ")" : "";
    }

    var n = match.length;
    status.textContent = fs.length
      ? fmt(n === 1 ? ds.someOne : ds.someOther, nf.format(n), nf.format(total)) + ". " + desc
      : fmt(total === 1 ? ds.allOne : ds.allOther, nf.format(total));
    document.dispatchEvent(new Event("maki:tables"));
  }

  fetch(ds.src, { credentials: "same-origin" })
    .then(function (r) {
      if (!r.ok) throw new Error(ds.src + ": HTTP " + r.status);
      return r.json();
    })
    .then(function (d) {
      decode(d);
      fromAddress();
      update();
      section.hidden = false;
      form.addEventListener("change", function () { update(); toAddress(); });
      form.addEventListener("reset", function () { window.setTimeout(function () { update(); toAddress(); }, 0); });
      form.addEventListener("submit", function (e) { e.preventDefault(); update(); toAddress(); });
    })
    .catch(function (e) {
      // The page stays as it was: the whole register, no filter.
      if (window.console) console.warn("statistik.js:", e.message);
    });
})();
