// Follows a running solve: polls its JSON once a second, shows the best schedule's figures, the phase and the
// time left, reloads when done.
(function () {
  "use strict";
  var box = document.getElementById("run");
  if (!box) { return; }
  var url = box.getAttribute("data-progress");
  function show(id, value) {
    var node = document.getElementById(id);
    if (node) { node.textContent = value === null || value === undefined ? "–" : String(value); }
  }
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (run) {
        show("run-status", run.status_text);
        show("run-must", run.must);
        show("run-companies", run.companies);
        show("run-requests", run.requests);
        show("run-gaps", run.gaps);
        show("run-phase", run.phase);
        show("run-left", run.left);
        var bar = document.getElementById("run-elapsed");
        if (bar) { bar.value = run.seconds; }
        if (run.done) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
}());
