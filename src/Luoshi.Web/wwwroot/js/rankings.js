// 月度排名: one unit's trend over the year — its score per month as bars (the project's ECharts build, echarts.luoshi.min.js), its rank as each bar's label.
(function () {
  "use strict";
  var chart = document.getElementById("trend-chart");
  var data = document.getElementById("trend-data");
  if (!chart || !data || !window.echarts) return;
  var points = JSON.parse(data.textContent);
  window.echarts.init(chart, null, { renderer: "canvas" }).setOption({
    animation: false,
    tooltip: { trigger: "axis", renderMode: "richText" },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: points.map(function (p) { return p.period; }) },
    yAxis: { type: "value", min: 0, max: 100, name: "得分" },
    series: [{
      name: "得分", type: "bar", itemStyle: { color: "#3b82f6" },
      data: points.map(function (p) { return p.score; }),
      label: {
        show: true, position: "top",
        formatter: function (d) { var p = points[d.dataIndex]; return p.rank ? "第" + p.rank + "名" : "未排名"; }
      }
    }]
  });
})();
