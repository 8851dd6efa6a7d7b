/**
 * An insight worded as a sentence in the user's language, from its kind and numbers (the numbers
 * GET /api/v1/insights sends for each kind; see ./insights.ts). A figure the server did not send
 * drops the part of the sentence that needs it.
 */
import { useCallback } from 'react';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import type { Insight } from './insights';

/** A number of the insight, or null when absent or not numeric. */
export function num(numbers: Insight['numbers'], key: string): number | null {
  const v = numbers[key];
  return v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
}

/** A YYYY-MM-DD date of the insight, or null. */
export function day(numbers: Insight['numbers'], key: string): string | null {
  const v = numbers[key];
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}

export function useInsightText(): (insight: Insight) => string {
  const t = useT();
  const f = useFormat();
  return useCallback(
    (i: Insight) => {
      const n = i.numbers;
      const vars = { product: i.name, store: i.store_name, impact: f.money(i.impact) };
      const show = (v: number, digits = 0) => f.number(v, digits);
      switch (i.kind) {
        case 'out_of_stock': {
          const days = num(n, 'days_out');
          const perDay = num(n, 'avg_daily_units');
          const lost = num(n, 'lost_units');
          if (days === null || perDay === null || lost === null) return t('analytics.say.outOfStock', vars);
          return t(days === 1 ? 'analytics.say.outOfStock.oneDay' : 'analytics.say.outOfStock.full', {
            ...vars,
            days: show(days),
            perDay: show(perDay, 1),
            lost: show(lost, 1),
          });
        }
        case 'will_run_out': {
          const cover = num(n, 'days_of_cover');
          const date = day(n, 'stockout_date');
          const stock = num(n, 'stock');
          if (cover === null || date === null || stock === null) return t('analytics.say.willRunOut', vars);
          return t('analytics.say.willRunOut.full', { ...vars, date: f.date(date), stock: show(stock), days: show(cover, 1) });
        }
        case 'dead_stock': {
          const days = num(n, 'days_without_sales');
          const stock = num(n, 'stock');
          if (days === null || stock === null) return t('analytics.say.deadStock', vars);
          return t('analytics.say.deadStock.full', { ...vars, days: show(days), qty: show(stock) });
        }
        case 'overstock': {
          const cover = num(n, 'days_of_cover');
          const excess = num(n, 'excess_units');
          if (cover === null || excess === null) return t('analytics.say.overstock', vars);
          return t('analytics.say.overstock.full', { ...vars, days: show(cover), excess: show(excess) });
        }
        default:
          return `${i.name} · ${i.store_name}`;
      }
    },
    [t, f],
  );
}
