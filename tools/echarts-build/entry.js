// ECharts with only what the pages draw: bar charts (the plan board's stacked bars, the dashboard's progress by category),
// line charts (the dashboard's rank trend) and pie charts (the dashboard's status share), with a grid, a tooltip and a
// (scrolling) legend, on canvas. The full build is 1 MB; this one is what the pages need. Add a chart kind or a component
// here (and run build.sh) before using it.
import { use, init } from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, TooltipComponent, LegendComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
// Only init is exposed (charts are driven through their instances: setOption, resize, dispose): exposing the whole
// echarts/core namespace would keep every export of it (graphic, dataTool, maps, …) in the bundle.
window.echarts = { init: init };
