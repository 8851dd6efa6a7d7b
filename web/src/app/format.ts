/**
 * Numbers, money and dates through Intl, in the tenant's locale, currency and time zone.
 * Amounts arrive as exact decimal strings ("1234.50"); they are only turned into numbers here,
 * for display.
 */
import { useMemo } from 'react';
import { useTenant } from './session';

export interface Formatters {
  locale: string;
  currency: string;
  timezone: string;
  number: (n: number | string, digits?: number) => string;
  percent: (n: number, digits?: number) => string;
  money: (amount: string | number, currency?: string) => string;
  /** A calendar date "2026-11-27" (no time zone shift). */
  date: (isoDate: string) => string;
  /** An instant, shown in the tenant's time zone. */
  dateTime: (iso: string) => string;
  /** Short day label for chart axes. */
  day: (isoDate: string) => string;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** Bolívars print as "Bs." (the ICU symbol lags behind the 2021 redenomination). */
const SYMBOLS: Record<string, string> = { VES: 'Bs.' };

export function formatters(locale: string, currency: string, timezone: string): Formatters {
  const num = (digits: number) => memo(`n|${locale}|${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }));
  const cur = (c: string) => memo(`c|${locale}|${c}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: c, currencyDisplay: 'narrowSymbol' }));
  const date = memo(`d|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
  const day = memo(`dd|${locale}`, () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }));
  const dt = memo(`dt|${locale}|${timezone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone }));
  return {
    locale,
    currency,
    timezone,
    number: (n, digits = 0) => num(digits).format(Number(n)),
    percent: (n, digits = 1) => `${num(digits).format(n)} %`,
    money: (amount, c = currency) => {
      const parts = cur(c).formatToParts(Number(amount));
      return parts.map((p) => (p.type === 'currency' && SYMBOLS[c] ? SYMBOLS[c] : p.value)).join('');
    },
    date: (d) => date.format(new Date(`${d.slice(0, 10)}T00:00:00Z`)),
    day: (d) => day.format(new Date(`${d.slice(0, 10)}T00:00:00Z`)),
    dateTime: (iso) => dt.format(new Date(iso)),
  };
}

export function useFormat(): Formatters {
  const t = useTenant();
  return useMemo(() => formatters(t.locale, t.currency, t.timezone), [t.locale, t.currency, t.timezone]);
}
