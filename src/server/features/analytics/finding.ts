/**
 * A finding: one insight about a stock row before it is shown, as both insight sources (the
 * forecast rules and the run-rate rules) produce it: its kind, numbers, impact in cents (the
 * ranking key, src/analytics/insights/rank.ts), date, and the facts its sentence is made of.
 * `toItem` turns it into the API item: money from cents, numbers rounded to 2 decimals, the
 * sentence in the tenant's language, and the product's ABC–XYZ classes.
 */
import { fromCents } from '../../../shared/money.js';
import type { InsightKind, InsightNumbers } from '../../../analytics/insights/index.js';
import type { Insight } from './schema.js';
import { sentence, type SentenceFacts, type SentenceLocale } from './sentences.js';

export interface Finding {
  kind: InsightKind;
  product_id: string;
  sku: string;
  name: string;
  store_id: string;
  store_name: string;
  numbers: InsightNumbers;
  impact_cents: bigint;
  /** 'YYYY-MM-DD' the insight is about, when there is one. */
  date?: string;
  facts: SentenceFacts;
}

const round2 = (v: number | string | null) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v);

export function toItem(f: Finding, classes: { abc: Insight['abc']; xyz: Insight['xyz'] }, where: SentenceLocale): Insight {
  return {
    kind: f.kind,
    product_id: f.product_id,
    sku: f.sku,
    name: f.name,
    store_id: f.store_id,
    store_name: f.store_name,
    numbers: Object.fromEntries(Object.entries(f.numbers).map(([k, v]) => [k, round2(v)])),
    impact: fromCents(f.impact_cents),
    text: sentence(f.facts, where),
    date: f.date ?? null,
    abc: classes.abc,
    xyz: classes.xyz,
  };
}
