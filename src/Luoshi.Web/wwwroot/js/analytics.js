// The indicator chart: each unit's year figure beside its target, as bars (the bar-only ECharts build).
(function () {
  "use strict";
  var box = document.getElementById("indicator-chart");
  var data = document.getElementById("indicator-data");
  if (!box || !data || !window.echarts) return;
  var d = JSON.parse(data.textContent);
  var chart = window.echarts.init(box, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, renderMode: "richText" },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: d.units, axisLabel: { interval: 0, rotate: d.units.length > 8 ? 30 : 0 } },
    yAxis: { type: "value" },
    series: [
      { name: box.dataset.valueName, type: "bar", data: d.values, itemStyle: { color: "#3b82f6" } },
      { name: box.dataset.targetName, type: "bar", data: d.targets, itemStyle: { color: "#94a3b8" } }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
