/** Small in-house charts drawn with Views: identical in weapp and H5, no canvas, no dependency. */
export { ColumnChart, type ColumnChartProps } from './column-chart';
export { DayColumns, type DaySeries } from './day-columns';
export { Funnel } from './funnel';
export { funnelShape, type FunnelStage } from './funnel-shape';
export { Legend, type SeriesDef } from './legend';
export { Waterfall, type WaterfallProps } from './waterfall';
export type { WaterfallStep } from './waterfall-rows';
