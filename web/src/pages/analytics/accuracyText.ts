/**
 * Forecast models and accuracy figures in the user's words:
 * - against the naive benchmark, r = MASE ÷ naive MASE and g = round((1 − r) × 100):
 *   g > 0 "g % better than last week's same day", g < 0 "|g| % worse", g = 0 "as good as";
 * - bias b = Σ(forecast − actual) ÷ Σ actual: "+10 % (too high)", "−5 % (too low)";
 * - interval coverage c against its nominal level p: "78 % of days (target 80 %)";
 * - models by their human names ("Holt-Winters (weekly)"), parameters by their Greek letters;
 * - MASE values always with two decimals ("1,00", not "1"), so a column of them lines up.
 */
import type { Formatters } from '../../app/format';
import type { Translate } from '../../app/i18n';
import { MODEL_NAMES, type ModelName } from './forecast';

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

/** A model's human name; null is "one per store" (all stores together); an unknown name is shown as it is. */
export function modelLabel(t: Translate, model: string | null): string {
  if (model === null) return t('analytics.model.perStore');
  return isModelName(model) ? t(`analytics.model.${model}`) : model;
}

/** Percentage points better (> 0) or worse (< 0) than the naive benchmark, rounded; null when unknown. */
export function gainOverNaive(ratio: number | null): number | null {
  return ratio === null ? null : Math.round((1 - ratio) * 100);
}

/** The sentence ("23 % better than last week's same day"), or with `short` its first words for a table ("23 % better"). */
export function vsNaiveText(t: Translate, f: Formatters, ratio: number | null, short = false): string {
  const gain = gainOverNaive(ratio);
  if (gain === null) return short ? '—' : t('analytics.vsNaive.unknown');
  if (gain === 0) return t(short ? 'analytics.vsNaive.sameShort' : 'analytics.vsNaive.same');
  const pct = f.percent(Math.abs(gain), 0);
  if (short) return t(gain > 0 ? 'analytics.vsNaive.betterShort' : 'analytics.vsNaive.worseShort', { pct });
  return t(gain > 0 ? 'analytics.vsNaive.better' : 'analytics.vsNaive.worse', { pct });
}

const fixedFormats = new Map<string, Intl.NumberFormat>();

/** A number with exactly `digits` decimals in the tenant's locale; '—' for null. */
export function fixed(f: Formatters, n: number | null, digits = 2): string {
  if (n === null) return '—';
  const key = `${f.locale}|${digits}`;
  let fmt = fixedFormats.get(key);
  if (!fmt) fixedFormats.set(key, (fmt = new Intl.NumberFormat(f.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return fmt.format(n);
}

export function biasText(t: Translate, f: Formatters, bias: number | null): string {
  if (bias === null) return '—';
  const points = Math.round(bias * 100);
  if (points === 0) return t('analytics.bias.none');
  const pct = f.percent(Math.abs(points), 0);
  return points > 0 ? t('analytics.bias.high', { pct }) : t('analytics.bias.low', { pct });
}

/** `coverage` a share (0.78), `nominal` a percentage (80). */
export function coverageText(t: Translate, f: Formatters, coverage: number | null, nominal: number): string {
  if (coverage === null) return '—';
  return t('analytics.coverage.value', { pct: f.percent(coverage * 100, 0), nominal: f.percent(nominal, 0) });
}

const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ', phi: 'φ' };

/** "α 0.21 · γ 0.05": the fitted parameters, in the order given. */
export function paramsText(f: Formatters, params: Record<string, number> | null): string {
  if (!params) return '';
  return Object.entries(params)
    .map(([k, v]) => `${GREEK[k] ?? k} ${f.number(v, 2)}`)
    .join(' · ');
}
