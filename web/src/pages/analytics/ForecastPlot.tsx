/**
 * The forecast chart itself, on Recharts; only ever loaded lazily (ForecastChart.tsx), so the
 * charting library stays out of the first page's JavaScript. Drawn back to front: the 95 %
 * interval [low95, high95] (light), the 80 % interval [low, high] (darker), the units sold, the
 * point forecast (dashed), a vertical line on the run's day, and a red dot on every stock-out day
 * (its sales are censored demand: the shelf was empty).
 */
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartRow } from './forecast';
import { SERIES_COLORS as C } from './plotColors';

export interface ForecastPlotProps {
  rows: ChartRow[];
  asOf: string;
  labels: { actual: string; forecast: string; band80: string; band95: string; stockout: string };
  formatX: (date: string) => string;
  formatY: (n: number) => string;
}

const range = (lo: keyof ChartRow, hi: keyof ChartRow) => (d: ChartRow) => (d[lo] === null || d[hi] === null ? null : [d[lo], d[hi]]);

export default function ForecastPlot({ rows, asOf, labels, formatX, formatY }: ForecastPlotProps) {
  const tick = { fontSize: 12, fill: '#374151' };
  const one = (v: unknown) => formatY(Number(v));
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="date" tick={tick} tickFormatter={(v: unknown) => formatX(String(v))} minTickGap={16} />
        <YAxis tick={tick} tickFormatter={(v: unknown) => formatY(Number(v))} width={56} />
        <Tooltip formatter={(v) => (Array.isArray(v) ? v.map(one).join(' – ') : one(v))} labelFormatter={(l) => formatX(String(l))} />
        <Area type="monotone" dataKey={range('low95', 'high95')} name={labels.band95} stroke="none" fill={C.band95} fillOpacity={1} isAnimationActive={false} />
        <Area type="monotone" dataKey={range('low', 'high')} name={labels.band80} stroke="none" fill={C.band80} fillOpacity={1} isAnimationActive={false} />
        <Line type="monotone" dataKey="actual" name={labels.actual} stroke={C.actual} dot={false} strokeWidth={2} isAnimationActive={false} />
        <Line type="monotone" dataKey="forecast" name={labels.forecast} stroke={C.forecast} strokeDasharray="6 4" dot={false} strokeWidth={2} isAnimationActive={false} />
        <Line
          dataKey="stockout"
          name={labels.stockout}
          stroke="none"
          dot={{ r: 4, fill: C.stockout, stroke: C.stockout }}
          activeDot={{ r: 5, fill: C.stockout }}
          isAnimationActive={false}
        />
        <ReferenceLine x={asOf} stroke="#6b7280" strokeDasharray="2 3" />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
