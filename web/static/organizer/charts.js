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

  // A label cut into lines of at most `width` characters (at spaces or hyphens where it can), at most `most`
  // lines, the last ending in "…" when the label is longer; the bar's tooltip shows the whole label.
  function wrapped(text, width, most) {
    var lines = [], rest = String(text);
    while (rest.length > width && lines.length < most) {
      var cut = Math.max(rest.lastIndexOf(" ", width), rest.lastIndexOf("-", width - 1) + 1);
      if (cut <= 0) { cut = width; }
      lines.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut).trim();
    }
    if (lines.length === most) {
      lines[most - 1] = lines[most - 1].slice(0, width - 1) + "…";
    } else if (rest) {
      lines.push(rest);
    }
    return lines;
  }

  // Every bar keeps its label (none skipped): the category axis writes each one, wrapped.
  function everyLabel(width, most) {
    return { autoSkip: false, maxRotation: 0, callback: function (value) { return wrapped(this.getLabelForValue(value), width, most); } };
  }

  // A chart with a bar per row grows with its rows, so that no label has to be dropped for room.
  function fitRows(canvas, count) {
    var figure = canvas.closest("figure");
    if (figure) { figure.style.height = Math.max(14, 4 + count * 2.4) + "rem"; }
  }

  function bars(id, series, options) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    if (options && options.indexAxis === "y") { fitRows(canvas, series.labels.length); }
    new Chart(canvas, {
      type: "bar",
      data: { labels: series.labels, datasets: [{ label: series.name, data: series.values, backgroundColor: accent, borderRadius: 3 }] },
      options: Object.assign({ plugins: { legend: { display: false } } }, options || {})
    });
  }

  bars("chart-countries", data.countries, {
    scales: { x: { ticks: everyLabel(14, 2) }, y: { beginAtZero: true, ticks: { precision: 0 } } }
  });
  bars("chart-sectors", data.sectors, {
    indexAxis: "y",
    scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: everyLabel(26, 2) } }
  });
  bars("chart-tables", data.tables, {
    indexAxis: "y",
    scales: {
      x: { beginAtZero: true, max: 1, ticks: { callback: function (v) { return Math.round(v * 100) + "%"; } } },
      y: { ticks: everyLabel(26, 2) }
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
