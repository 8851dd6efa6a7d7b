/**
 * Colours of the forecast chart's series, shared by the chart (ForecastPlot.tsx, a lazy chunk)
 * and its legend (ForecastChart.tsx), so the legend never pulls the charting library in. The
 * intervals are translucent slate: the 95 % band lighter than the 80 % band drawn over it.
 */
export const SERIES_COLORS = {
  actual: 'var(--brand-ink)',
  forecast: '#b45309',
  band80: 'rgba(100, 116, 139, 0.4)',
  band95: 'rgba(100, 116, 139, 0.18)',
  stockout: '#b91c1c',
} as const;

export type SeriesKey = keyof typeof SERIES_COLORS;
