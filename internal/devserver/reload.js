// maki serve: reload the page when the site has been rebuilt.
// The server added ?v=<version of the build this page came from> to this
// script's address; every "reload" event carries the current version, a
// "building" event says a rebuild has started.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource) {
    return;
  }
  var v = new URL(me.src).searchParams.get("v");
  var es = new EventSource(new URL("/_maki/events", me.src));
  // While the site is rebuilt, the tab's title says so.
  es.addEventListener("building", function () {
    if (document.title.indexOf("\u27f3 ") !== 0) {
      document.title = "\u27f3 " + document.title;
    }
  });
  es.addEventListener("reload", function (e) {
    if (e.data !== v) {
      es.close();
      window.location.reload();
    }
  });
})();
