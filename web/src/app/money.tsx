/**
 * Money on screen. For a bolívar tenant every price and total shows in Bs and in USD side by
 * side, at the official rate of the amount's date (latest on or before it); other tenants see
 * their own currency only.
 */
import { useQuery } from '@tanstack/react-query';
import { rateOn, toForeign, type DatedRate } from '../../../src/shared/exchange';
import { api, type Page } from './api';
import { useFormat } from './format';
import { useTenant } from './session';

export interface ExchangeRate extends DatedRate {
  currency: string;
  source: string;
  created_by: string | null;
  created_at: string;
}

export const RATES_KEY = ['exchange-rates', 'USD'] as const;

/** The tenant's USD rates (newest first; enough for two years of daily rates). */
export function useUsdRates(enabled = true) {
  const t = useTenant();
  return useQuery({
    queryKey: RATES_KEY,
    enabled: enabled && t.currency === 'VES',
    staleTime: 5 * 60_000,
    queryFn: () => api<Page<ExchangeRate>>('/exchange-rates', { query: { currency: 'USD', limit: 500 } }).then((p) => p.items),
  });
}

/** Today's date in the tenant's time zone, YYYY-MM-DD. */
export function todayIn(timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** `convert(amount, date)` → the USD equivalent string, or null without a rate for that day. */
export function useUsdConverter(): (amount: string, date?: string) => string | null {
  const t = useTenant();
  const { data } = useUsdRates();
  return (amount, date) => {
    if (t.currency !== 'VES' || !data) return null;
    const r = rateOn(data, (date ?? todayIn(t.timezone)).slice(0, 10));
    return r ? toForeign(amount, r.rate) : null;
  };
}

export function Money({ amount, date, className }: { amount: string; date?: string; className?: string }) {
  const f = useFormat();
  const usd = useUsdConverter()(amount, date);
  return (
    <span className={`money ${className ?? ''}`}>
      <span>{f.money(amount)}</span>
      {usd !== null && <span className="money-alt">{f.money(usd, 'USD')}</span>}
    </span>
  );
}
