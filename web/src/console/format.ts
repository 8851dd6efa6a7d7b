/**
 * Numbers, sizes, rates and times as the platform console shows them: in the operator's language
 * (es/en) and in the browser's own time zone (the operator's, not any tenant's).
 */
import { useMemo } from 'react';
import { useI18n } from '../app/i18n';

export interface ConsoleFormat {
  locale: string;
  timeZone: string;
  number: (n: number, digits?: number) => string;
  /** A share 0..1 as a percentage; tiny non-zero shares read "< 0.1 %", null "—". */
  share: (ratio: number | null) => string;
  /** Bytes in decimal units (1 kB = 1000 B): "310 B", "1.4 MB" (unit names as Intl gives them). */
  bytes: (n: number) => string;
  ms: (n: number | null) => string;
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
  /** hh:mm:ss, for "updated at". */
  clock: (epochMs: number) => string;
  /** The hour an hourly bucket starts, "14:00". */
  hour: (iso: string) => string;
  /** "3 minutes ago", relative to `now`. */
  relative: (iso: string, now: number) => string;
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function consoleFormat(lang: string): ConsoleFormat {
  const locale = lang === 'es' ? 'es' : 'en';
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const nums = new Map<number, Intl.NumberFormat>();
  const num = (digits: number) => {
    let f = nums.get(digits);
    if (!f) nums.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
    return f;
  };
  const pct = (digits: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 });
  const pct1 = pct(1);
  const pct2 = pct(2);
  const units = UNITS.map((unit) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }));
  const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const d = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone });
  const hour = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    timeZone,
    number: (n, digits = 0) => num(digits).format(n),
    share: (r) => {
      if (r === null) return '—';
      if (r > 0 && r < 0.001) return `< ${pct1.format(0.001)}`;
      return (r < 0.01 ? pct2 : pct1).format(r);
    },
    bytes: (n) => {
      if (n < 1000) return `${num(0).format(n)} B`;
      let i = 0;
      let v = n;
      while (v >= 1000 && i < UNITS.length - 1) {
        v /= 1000;
        i++;
      }
      return units[i]!.format(v);
    },
    ms: (n) => (n === null ? '—' : `${num(n < 10 ? 1 : 0).format(n)} ms`),
    dateTime: (iso) => dt.format(new Date(iso)),
    date: (iso) => d.format(new Date(iso)),
    clock: (ms) => clock.format(new Date(ms)),
    hour: (iso) => hour.format(new Date(iso)),
    relative: (iso, now) => {
      const s = (Date.parse(iso) - now) / 1000;
      const a = Math.abs(s);
      if (a < 60) return rtf.format(Math.round(s), 'second');
      if (a < 3600) return rtf.format(Math.round(s / 60), 'minute');
      if (a < 86_400) return rtf.format(Math.round(s / 3600), 'hour');
      if (a < 86_400 * 45) return rtf.format(Math.round(s / 86_400), 'day');
      if (a < 86_400 * 365) return rtf.format(Math.round(s / (86_400 * 30)), 'month');
      return rtf.format(Math.round(s / (86_400 * 365)), 'year');
    },
  };
}

export function useConsoleFormat(): ConsoleFormat {
  const { lang } = useI18n();
  return useMemo(() => consoleFormat(lang), [lang]);
}
