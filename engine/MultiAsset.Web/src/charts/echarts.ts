// Apache ECharts, tree-shaken: only the charts and components the UI uses are registered.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, HeatmapChart, CustomChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, DataZoomComponent, MarkLineComponent,
  MarkAreaComponent, TitleComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, HeatmapChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent,
  DataZoomComponent, MarkLineComponent, MarkAreaComponent, TitleComponent, CanvasRenderer,
]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
