// Draws the leaders' dashboard charts (Pages/Shared/_Dashboard.cshtml) from its JSON with the ECharts build of
// tools/echarts-build: tasks by category and status (stacked bars), the share of each status (pie), each district's
// rank month by month (lines, first place on top).
(function () {
  var data = document.getElementById("dashboard-data");
  if (!data || !window.echarts) return;
  var d = JSON.parse(data.textContent);
  var colours = {
    notStarted: "#94a3b8", inProgress: "#3b82f6", warning: "#eab308", overdue: "#dc2626",
    completionRequested: "#86efac", done: "#16a34a"
  };
  var charts = [];
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
  }
  draw("dashboard-categories", {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, renderMode: "richText" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: d.categories.map(function (c) { return c.name; }) },
    series: d.statuses.map(function (s, i) {
      return {
        name: s.name, type: "bar", stack: "tasks", itemStyle: { color: colours[s.code] },
        data: d.categories.map(function (c) { return c.counts[i]; })
      };
    })
  });
  draw("dashboard-statuses", {
    tooltip: { trigger: "item", renderMode: "richText" },
    legend: { bottom: 0, type: "scroll" },
    series: [{
      type: "pie", radius: ["35%", "65%"], label: { formatter: "{b} {c}" },
      data: d.statuses.map(function (s, i) {
        return { name: s.name, value: d.totals[i], itemStyle: { color: colours[s.code] } };
      }).filter(function (p) { return p.value > 0; })
    }]
  });
  draw("dashboard-trend", {
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: d.months },
    yAxis: { type: "value", inverse: true, min: 1, minInterval: 1 },
    series: d.trend.map(function (t) { return { name: t.name, type: "line", connectNulls: false, data: t.ranks }; })
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
