// Follows a running solve: polls its JSON once a second, shows best score, bound and time, reloads when done.
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
        show("run-best", run.best);
        show("run-bound", run.bound);
        show("run-seconds", run.seconds);
        show("run-phase", run.phase);
        var bar = document.getElementById("run-elapsed");
        if (bar) { bar.value = run.seconds; }
        if (run.done) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
}());
