// Draws the dashboard's charts from the JSON the page carries (no inline script: the CSP forbids it).
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var accent = "#2458a6", warn = "#d9822b";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function bars(id, series, options) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    new Chart(canvas, {
      type: "bar",
      data: { labels: series.labels, datasets: [{ label: series.name, data: series.values, backgroundColor: accent, borderRadius: 3 }] },
      options: Object.assign({ plugins: { legend: { display: false } } }, options || {})
    });
  }

  bars("chart-countries", data.countries, { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });
  bars("chart-sectors", data.sectors, { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } });
  bars("chart-tables", data.tables, {
    indexAxis: "y",
    scales: {
      x: { beginAtZero: true, max: 1, ticks: { callback: function (v) { return Math.round(v * 100) + "%"; } } },
      y: { ticks: { callback: function (value) { var t = this.getLabelForValue(value); return t.length > 32 ? t.slice(0, 31) + "…" : t; } } }
    },
    plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return Math.round(c.parsed.x * 100) + "%"; } } } }
  });
  var must = document.getElementById("chart-must");
  if (must) {
    new Chart(must, {
      type: "doughnut",
      data: { labels: data.must.labels, datasets: [{ data: data.must.values, backgroundColor: [accent, warn] }] },
      options: { plugins: { legend: { position: "bottom" } } }
    });
  }
}());
