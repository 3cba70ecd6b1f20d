/* maki tables: a table wrapper (div.table-wrap) is a tab stop only while its
   table is wider than the wrapper, so keyboard users can scroll it and nobody
   meets a tab stop that does nothing. Checked on load, on resize and zoom
   (ResizeObserver) and when a page script changes a table (event
   "maki:tables" on document). Without JavaScript the template decides. */
(function () {
  "use strict";

  var wraps = document.querySelectorAll(".table-wrap");
  if (!wraps.length) return;

  function check() {
    for (var i = 0; i < wraps.length; i++) {
      var w = wraps[i];
      if (w.scrollWidth > w.clientWidth + 1) {
        if (w.getAttribute("tabindex") !== "0") w.setAttribute("tabindex", "0");
      } else if (w.hasAttribute("tabindex") && document.activeElement !== w) {
        w.removeAttribute("tabindex");
      }
    }
  }

  var pending = 0;
  function later() {
    if (!pending) pending = window.requestAnimationFrame(function () { pending = 0; check(); });
  }

  check();
  if (window.ResizeObserver) {
    var ro = new ResizeObserver(later);
    for (var i = 0; i < wraps.length; i++) {
      ro.observe(wraps[i]);
      if (wraps[i].firstElementChild) ro.observe(wraps[i].firstElementChild);
    }
  } else {
    window.addEventListener("resize", later);
  }
  document.addEventListener("maki:tables", later);
  document.addEventListener("focusout", later);
})();
