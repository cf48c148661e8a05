/* Dashboard charts. Data comes from a <script type="application/json" id="dashboard-data">
   block (Django's json_script); nothing here is inline, so a strict Content-Security-Policy holds. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var charts = [];

  function empty(id) {
    var element = document.getElementById(id);
    if (element) {
      element.classList.add("chart-empty");
      element.textContent = data.labels.nothing;
    }
  }

  function mount(id, option) {
    var element = document.getElementById(id);
    if (!element) { return null; }
    var chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption(option);
    charts.push(chart);
    return chart;
  }

  var bars = data.bars;
  if (bars.names.length) {
    var barChart = mount("chart-bars", {
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: bars.names, inverse: true, axisLabel: { width: 140, overflow: "truncate" } },
      series: [{ type: "bar", data: bars.values, itemStyle: { color: "#206bc4" }, cursor: "pointer" }]
    });
    if (barChart) {
      barChart.on("click", function (params) { window.location.href = bars.urls[params.dataIndex]; });
    }
  } else { empty("chart-bars"); }

  var coverage = data.coverage;
  if (coverage.length) {
    var covChart = mount("chart-coverage", {
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      legend: { top: 0, data: [data.labels.covered, data.labels.not_yet] },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: coverage.map(function (c) { return c.name; }),
               axisLabel: { width: 140, overflow: "truncate" } },
      series: [
        { name: data.labels.covered, type: "bar", stack: "units", itemStyle: { color: "#2fb344" },
          data: coverage.map(function (c) { return c.covered; }), cursor: "pointer" },
        { name: data.labels.not_yet, type: "bar", stack: "units", itemStyle: { color: "#d63939" },
          data: coverage.map(function (c) { return c.in_scope - c.covered; }), cursor: "pointer" }
      ]
    });
    if (covChart) {
      covChart.on("click", function (params) { window.location.href = coverage[params.dataIndex].url; });
    }
  } else { empty("chart-coverage"); }

  var timeline = data.timeline;
  if (timeline.weeks.length) {
    mount("chart-timeline", {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: "scroll" },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: timeline.weeks },
      yAxis: { type: "value", minInterval: 1 },
      series: timeline.series.map(function (s) { return { name: s.name, type: "bar", stack: "all", data: s.values }; })
    });
  } else { empty("chart-timeline"); }

  var burndown = data.burndown;
  if (burndown.weeks.length) {
    mount("chart-burndown", {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: burndown.weeks },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: data.labels.open, type: "line", data: burndown.open, itemStyle: { color: "#f59f00" } },
        { name: data.labels.overdue, type: "line", data: burndown.overdue, itemStyle: { color: "#d63939" } },
        { name: data.labels.closed, type: "line", data: burndown.closed, itemStyle: { color: "#2fb344" } }
      ]
    });
  } else { empty("chart-burndown"); }

  if (data.directives.some(function (d) { return d.value > 0; })) {
    mount("chart-directives", {
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["40%", "70%"], data: data.directives.filter(function (d) { return d.value > 0; }) }]
    });
  } else { empty("chart-directives"); }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
}());
