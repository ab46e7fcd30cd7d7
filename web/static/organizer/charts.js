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

  // Labels are measured in the charts' own font, so that Hangul and Latin text wrap alike.
  var ruler = document.createElement("canvas").getContext("2d");
  ruler.font = "12px " + Chart.defaults.font.family;
  function fits(text, room) { return ruler.measureText(text).width <= room; }

  // A label cut into lines at most `room` pixels wide (after spaces or hyphens where it can), at most `most`
  // lines, the last ending in "…" when the label is longer; the bar's tooltip shows the whole label.
  function wrapped(text, room, most) {
    var lines = [], line = "";
    String(text).split(/(?<=[\s-])/).forEach(function (piece) {
      while (piece) {
        if (fits(line + piece, room)) { line += piece; piece = ""; }
        else if (line) { lines.push(line.trim()); line = ""; }
        else {  // one piece wider than the room: cut it where it fills a line
          var cut = 1;
          while (cut < piece.length && fits(piece.slice(0, cut + 1), room)) { cut += 1; }
          lines.push(piece.slice(0, cut)); piece = piece.slice(cut);
        }
      }
    });
    if (line.trim()) { lines.push(line.trim()); }
    if (lines.length > most) {
      var last = lines[most - 1];
      while (last && !fits(last + "…", room)) { last = last.slice(0, -1); }
      lines = lines.slice(0, most - 1).concat([last.trim() + "…"]);
    }
    return lines;
  }

  // Every bar keeps its label (none skipped): the category axis writes each one, wrapped to `share` of the
  // chart's width (a horizontal chart) or to a bar's width (a vertical one).
  function everyLabel(canvas, share, most) {
    return {
      autoSkip: false,
      maxRotation: 0,
      callback: function (value) {
        var room = Math.max(60, canvas.parentNode.clientWidth * share);
        return wrapped(this.getLabelForValue(value), room, most);
      }
    };
  }

  // A chart with a bar per row grows with its rows, so that no label has to be dropped for room.
  function fitRows(canvas, count, lines) {
    var figure = canvas.closest("figure");
    if (figure) { figure.style.height = Math.max(14, 4 + count * (0.8 + 0.85 * lines)) + "rem"; }
  }

  function bars(id, series, options, lines) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    if (options.indexAxis === "y") { fitRows(canvas, series.labels.length, lines); }
    new Chart(canvas, {
      type: "bar",
      data: { labels: series.labels, datasets: [{ label: series.name, data: series.values, backgroundColor: accent, borderRadius: 3 }] },
      options: Object.assign({ plugins: { legend: { display: false } } }, options)
    });
  }

  function canvasOf(id) { return document.getElementById(id) || document.createElement("canvas"); }

  bars("chart-countries", data.countries, {
    scales: {
      x: { ticks: everyLabel(canvasOf("chart-countries"), 0.9 / Math.max(1, data.countries.labels.length), 2) },
      y: { beginAtZero: true, ticks: { precision: 0 } }
    }
  });
  bars("chart-sectors", data.sectors, {
    indexAxis: "y",
    scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: everyLabel(canvasOf("chart-sectors"), 0.35, 2) } }
  }, 2);
  bars("chart-tables", data.tables, {
    indexAxis: "y",
    scales: {
      x: { beginAtZero: true, max: 1, ticks: { callback: function (v) { return Math.round(v * 100) + "%"; } } },
      y: { ticks: everyLabel(canvasOf("chart-tables"), 0.35, 3) }
    },
    plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return Math.round(c.parsed.x * 100) + "%"; } } } }
  }, 3);
  var must = document.getElementById("chart-must");
  if (must) {
    new Chart(must, {
      type: "doughnut",
      data: { labels: data.must.labels, datasets: [{ data: data.must.values, backgroundColor: [accent, warn] }] },
      options: { plugins: { legend: { position: "bottom" } } }
    });
  }
}());
