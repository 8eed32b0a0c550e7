// Draws the charts a page lists in <script id="charts-data" type="application/json">
// (Django's json_script: data, not code). No toolbar at all: nothing offers to
// send data outside (plotly's cloud/share), and a click on a bar follows the
// link the server put in its customdata (the drill-down).
(function () {
  "use strict";
  var CONFIG = {
    displayModeBar: false,
    displaylogo: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    showLink: false,
    responsive: true,
    scrollZoom: false
  };
  function draw() {
    var source = document.getElementById("charts-data");
    if (!source || !window.Plotly) return;
    JSON.parse(source.textContent).forEach(function (fig, i) {
      var el = document.getElementById("chart-" + i);
      if (!el) return;
      var layout = Object.assign({}, fig.layout);
      delete layout.title; // the figure's caption says it, wrapped on small screens
      el.style.height = (layout.height || 360) + "px";
      window.Plotly.newPlot(el, fig.data, layout, CONFIG);
      el.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var url = point && point.customdata;
        if (typeof url === "string" && url.charAt(0) === "/") window.location.assign(url);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
