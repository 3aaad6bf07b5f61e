import {
  BarChart,
  type BarSeriesOption,
  LineChart,
  type LineSeriesOption,
  PieChart,
  type PieSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, format, init, use } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Only what the dashboard draws is registered, so the bundle carries only these parts of ECharts;
 * this module is reached from the lazy dashboard page alone.
 *
 * SVG, not canvas: a handful of bars and slices per chart, so SVG costs nothing in speed, stays
 * sharp at any zoom or pixel ratio, and its text is real text — a browser test can read the
 * labels and measure that they do not overlap.
 */
use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, LabelLayout, SVGRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

export { init };

/**
 * A text made safe to stand in a tooltip's HTML. ECharts inserts what a formatter function
 * returns as markup, and titles come from imported documents and from users: every text a
 * chart's formatter returns goes through this, one helper for every chart.
 */
export const escapeHtml: (text: string) => string = format.encodeHTML;
