// A <select data-navigate> whose options are addresses: choosing one opens it.
(function () {
  "use strict";
  document.querySelectorAll("select[data-navigate]").forEach(function (select) {
    select.addEventListener("change", function () { window.location.assign(select.value); });
  });
}());
