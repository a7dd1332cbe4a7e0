// ECharts with only what the plan board draws: a stacked horizontal bar chart with a grid, a tooltip and a (scrolling) legend,
// on canvas. The full build is 1 MB; this one is what the page needs. Add a chart kind here (and run build.sh) before using it.
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent, LegendComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
window.echarts = echarts;
