/**
 * The charts, on Recharts. This module is only ever loaded lazily (see ./index.tsx), so the
 * charting library stays out of the first page's JavaScript.
 */
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Series {
  key: string;
  label: string;
  color?: string;
  /** In a 'composed' chart: how the series is drawn ('band' fills between `key` and `to`). */
  as?: 'line' | 'area' | 'band';
  to?: string;
  dashed?: boolean;
}

export interface ChartProps {
  data: Array<Record<string, string | number | null>>;
  x: string;
  series: Series[];
  formatX?: (v: string) => string;
  formatY?: (v: number) => string;
  height?: number;
  kind?: 'line' | 'area' | 'bar' | 'composed';
  /** Horizontal bars with category labels on the Y axis. */
  horizontal?: boolean;
}

const PALETTE = ['var(--brand-ink)', '#64748b', '#0f766e', '#b45309', '#7c3aed'];

export default function Chart({ data, x, series, formatX, formatY, height = 260, kind = 'line', horizontal }: ChartProps) {
  const color = (s: Series, i: number) => s.color ?? PALETTE[i % PALETTE.length];
  const tick = { fontSize: 12, fill: '#374151' };
  const fx = formatX ? (v: unknown) => formatX(String(v)) : undefined;
  const fy = formatY ? (v: unknown) => formatY(Number(v)) : undefined;
  const common = { data, margin: { top: 8, right: 12, bottom: 4, left: 4 } };
  const axes = horizontal ? (
    <>
      <XAxis type="number" tick={tick} tickFormatter={fy} />
      <YAxis type="category" dataKey={x} tick={tick} width={120} tickFormatter={fx} />
    </>
  ) : (
    <>
      <XAxis dataKey={x} tick={tick} tickFormatter={fx} minTickGap={16} />
      <YAxis tick={tick} tickFormatter={fy} width={72} />
    </>
  );
  const one = (v: unknown) => (fy ? fy(v) : String(v));
  const tooltip = (
    <Tooltip formatter={(v) => (Array.isArray(v) ? v.map(one).join(' – ') : one(v))} labelFormatter={(l) => (fx ? fx(l) : String(l))} />
  );
  const legend = series.length > 1 ? <Legend /> : null;
  return (
    <ResponsiveContainer width="100%" height={height}>
      {kind === 'composed' ? (
        <ComposedChart {...common}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          {axes}
          {tooltip}
          {legend}
          {series.map((s, i) =>
            s.as === 'band' ? (
              <Area
                key={s.key}
                type="monotone"
                dataKey={(d: Record<string, unknown>) => (d[s.key] == null || d[s.to ?? ''] == null ? null : [d[s.key], d[s.to ?? '']])}
                name={s.label}
                stroke="none"
                fill={color(s, i)}
                fillOpacity={0.2}
                isAnimationActive={false}
              />
            ) : s.as === 'area' ? (
              <Area key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={color(s, i)} fill={color(s, i)} fillOpacity={0.15} isAnimationActive={false} />
            ) : (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={color(s, i)} strokeDasharray={s.dashed ? '6 4' : undefined} dot={false} strokeWidth={2} isAnimationActive={false} />
            ),
          )}
        </ComposedChart>
      ) : kind === 'bar' ? (
        <BarChart {...common} layout={horizontal ? 'vertical' : 'horizontal'}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          {axes}
          {tooltip}
          {legend}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={color(s, i)} isAnimationActive={false} />
          ))}
        </BarChart>
      ) : kind === 'area' ? (
        <AreaChart {...common}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          {axes}
          {tooltip}
          {legend}
          {series.map((s, i) => (
            <Area key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={color(s, i)} fill={color(s, i)} fillOpacity={0.15} isAnimationActive={false} />
          ))}
        </AreaChart>
      ) : (
        <LineChart {...common}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          {axes}
          {tooltip}
          {legend}
          {series.map((s, i) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={color(s, i)} dot={false} strokeWidth={2} isAnimationActive={false} />
          ))}
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}
