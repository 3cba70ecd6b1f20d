// maki serve: reload the page when the site has been rebuilt.
// The server added ?v=<version of the build this page came from> to this
// script's address; every "reload" event carries the current version.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource) {
    return;
  }
  var v = new URL(me.src).searchParams.get("v");
  var es = new EventSource(new URL("/_maki/events", me.src));
  es.addEventListener("reload", function (e) {
    if (e.data !== v) {
      es.close();
      window.location.reload();
    }
  });
})();
