/**
 * The reporting period and store of the dashboard and the sales report, kept in the URL search
 * params (?period=7d|30d|90d|month|custom&from=&to=&store_id=) so a view can be shared or bookmarked.
 * "Last N days" ends today in the tenant's time zone, as the API's default does.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { addDays, daysBetween, isIsoDate, todayIn } from '../../../../src/shared/dates';
import { useTenant } from '../../app/session';

export const PRESETS = ['7d', '30d', '90d', 'month', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET = '30d' satisfies Preset;
/** The longest range the API reports on: 3 years (daysBetween(from, to) ≤ 1096). */
export const MAX_RANGE_DAYS = 3 * 365 + 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Period {
  preset: Preset;
  from: string;
  to: string;
  /** '' = all stores. */
  storeId: string;
}

/** The dates a preset covers, ending `today`. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    default:
      return { from: addDays(today, -29), to: today };
  }
}

/** Read the period from search params; bad or missing values fall back to the last 30 days. */
export function readPeriod(params: URLSearchParams, today: string): Period {
  const raw = params.get('period');
  const preset: Preset = (PRESETS as readonly string[]).includes(raw ?? '') ? (raw as Preset) : DEFAULT_PRESET;
  const rawStore = params.get('store_id') ?? '';
  const storeId = UUID.test(rawStore) ? rawStore : '';
  if (preset === 'custom') {
    const fallback = presetRange('30d', today);
    let from = params.get('from') ?? '';
    let to = params.get('to') ?? '';
    if (!isIsoDate(from)) from = fallback.from;
    if (!isIsoDate(to)) to = fallback.to;
    // A reversed range is read the way it was meant.
    if (from > to) [from, to] = [to, from];
    return { preset, from, to, storeId };
  }
  return { preset, ...presetRange(preset, today), storeId };
}

/** Whether the API would refuse the range as longer than 3 years. */
export function tooLong(p: Pick<Period, 'from' | 'to'>): boolean {
  return daysBetween(p.from, p.to) > MAX_RANGE_DAYS;
}

export interface PeriodControl extends Period {
  /** The range is longer than the API allows: show the reason instead of asking. */
  tooLong: boolean;
  setPreset: (p: Preset) => void;
  setDates: (from: string, to: string) => void;
  setStore: (id: string) => void;
  /** Query parameters for /stats and /sales. */
  query: { from: string; to: string; store_id?: string };
}

/** The period in the URL, and setters that keep other search params (e.g. the sales page offset is reset). */
export function usePeriod(): PeriodControl {
  const tenant = useTenant();
  const [params, setParams] = useSearchParams();
  const today = todayIn(tenant.timezone);
  const period = useMemo(() => readPeriod(params, today), [params, today]);

  const update = useCallback(
    (change: (p: URLSearchParams) => void) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          change(next);
          next.delete('offset');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setPreset = useCallback(
    (p: Preset) =>
      update((next) => {
        if (p === 'custom') {
          // Start the custom range from what is on screen.
          next.set('from', period.from);
          next.set('to', period.to);
        } else {
          next.delete('from');
          next.delete('to');
        }
        if (p === DEFAULT_PRESET) next.delete('period');
        else next.set('period', p);
      }),
    [update, period.from, period.to],
  );

  const setDates = useCallback(
    (from: string, to: string) =>
      update((next) => {
        next.set('period', 'custom');
        if (isIsoDate(from)) next.set('from', from);
        if (isIsoDate(to)) next.set('to', to);
      }),
    [update],
  );

  const setStore = useCallback(
    (id: string) =>
      update((next) => {
        if (id) next.set('store_id', id);
        else next.delete('store_id');
      }),
    [update],
  );

  const query = useMemo(
    () => ({ from: period.from, to: period.to, ...(period.storeId ? { store_id: period.storeId } : {}) }),
    [period.from, period.to, period.storeId],
  );
  return { ...period, tooLong: tooLong(period), setPreset, setDates, setStore, query };
}
