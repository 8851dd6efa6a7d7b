/**
 * One sentence per insight, in the tenant's language: Spanish when its locale starts with 'es',
 * English otherwise. Numbers go through Intl with the tenant's locale: money with the tenant's
 * currency (2 decimals), approximate units as whole numbers from 10 up ("unas 24 unidades"), with
 * one decimal from 1 to 10 and two below 1 (so that 0.04 units do not read as 0), days as whole
 * numbers, percentages with one decimal at most, dates as day and short month ("2 dic.", "Dec 2").
 * Pure: the facts come in, a string goes out.
 */

export type SentenceFacts = { name: string; store: string; impact: string } & (
  | {
      kind: 'will_run_out';
      /** Stock-out date, 'YYYY-MM-DD'. */
      date: string;
      /** Days between the stock-out and the next delivery; null when the delivery is not known. */
      days_early: number | null;
      units_short: number;
    }
  | { kind: 'out_of_stock'; days_out: number; lost_units: number }
  | { kind: 'overstock'; days_of_cover: number | null; excess_units: number }
  | {
      kind: 'dead_stock';
      on_hand: number;
      /** Last sale, 'YYYY-MM-DD'; null when none is known within `days`. */
      last_sale: string | null;
      days: number;
    }
  | { kind: 'anomaly'; date: string; direction: 'spike' | 'drop'; actual: number; expected: number }
  | { kind: 'margin_erosion'; cost_change_pct: number; price_change_pct: number; old_margin_pct: number; new_margin_pct: number | null; window_days: number }
);

export interface SentenceLocale {
  locale: string;
  currency: string;
}

interface Format {
  money(amount: string): string;
  units(n: number): string;
  days(n: number): string;
  pct(n: number): string;
  date(iso: string): string;
}

function formatter({ locale, currency }: SentenceLocale): Format {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const units = [0, 1, 2].map((digits) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }));
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return {
    money: (amount) => money.format(Number(amount)),
    units: (n) => units[Math.abs(n) >= 10 ? 0 : Math.abs(n) >= 1 ? 1 : 2]!.format(n),
    days: (n) => whole.format(n),
    pct: (n) => pct.format(n / 100),
    date: (iso) => date.format(new Date(`${iso}T00:00:00Z`)),
  };
}

/** 'es' for a Spanish locale ('es', 'es-VE', …), 'en' for every other. */
export function languageOf(locale: string): 'es' | 'en' {
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** The sentence of one insight. */
export function sentence(facts: SentenceFacts, where: SentenceLocale): string {
  const f = formatter(where);
  return languageOf(where.locale) === 'es' ? spanish(facts, f) : english(facts, f);
}

const plural = (n: number, one: string, many: string) => (Math.round(n) === 1 ? one : many);

function spanish(s: SentenceFacts, f: Format): string {
  const impact = f.money(s.impact);
  switch (s.kind) {
    case 'will_run_out': {
      const before = s.days_early === null ? 'antes de la próxima entrega' : `${f.days(s.days_early)} ${plural(s.days_early, 'día', 'días')} antes de la próxima entrega`;
      return `${s.name} se agotará en ${s.store} el ${f.date(s.date)}, ${before}: faltarán unas ${f.units(s.units_short)} unidades (${impact})`;
    }
    case 'out_of_stock':
      return `${s.name} lleva ${f.days(s.days_out)} ${plural(s.days_out, 'día', 'días')} agotado en ${s.store}: se han dejado de vender unas ${f.units(s.lost_units)} unidades (${impact})`;
    case 'overstock': {
      const cover = s.days_of_cover === null ? 'sin demanda prevista' : `para ${f.days(s.days_of_cover)} días`;
      return `${s.name} tiene stock ${cover} en ${s.store}: sobran unas ${f.units(s.excess_units)} unidades (${impact} inmovilizados)`;
    }
    case 'dead_stock': {
      const since = s.last_sale === null ? `no se ha vendido en los últimos ${f.days(s.days)} días` : `no se vende desde el ${f.date(s.last_sale)} (${f.days(s.days)} días)`;
      return `${s.name} ${since} en ${s.store}: ${f.units(s.on_hand)} unidades paradas (${impact})`;
    }
    case 'anomaly': {
      const what = s.direction === 'spike' ? 'pico' : 'caída';
      return `${s.name} vendió ${f.units(s.actual)} unidades en ${s.store} el ${f.date(s.date)}, frente a unas ${f.units(s.expected)} esperadas: ${what} de ${impact}`;
    }
    case 'margin_erosion': {
      const margin = s.new_margin_pct === null ? `el margen era del ${f.pct(s.old_margin_pct)}` : `el margen pasó del ${f.pct(s.old_margin_pct)} al ${f.pct(s.new_margin_pct)}`;
      return `El costo de ${s.name} en ${s.store} subió un ${f.pct(s.cost_change_pct)} en ${f.days(s.window_days)} días y su precio cambió un ${f.pct(s.price_change_pct)}: ${margin} (${impact} de margen perdido)`;
    }
  }
}

function english(s: SentenceFacts, f: Format): string {
  const impact = f.money(s.impact);
  switch (s.kind) {
    case 'will_run_out': {
      const before = s.days_early === null ? 'before the next delivery' : `${f.days(s.days_early)} ${plural(s.days_early, 'day', 'days')} before the next delivery`;
      return `${s.name} will run out in ${s.store} on ${f.date(s.date)}, ${before}: about ${f.units(s.units_short)} units short (${impact})`;
    }
    case 'out_of_stock':
      return `${s.name} has been out of stock in ${s.store} for ${f.days(s.days_out)} ${plural(s.days_out, 'day', 'days')}: about ${f.units(s.lost_units)} units of sales lost (${impact})`;
    case 'overstock': {
      const cover = s.days_of_cover === null ? 'with no forecast demand' : `for ${f.days(s.days_of_cover)} days`;
      return `${s.name} has stock ${cover} in ${s.store}: about ${f.units(s.excess_units)} units beyond need (${impact} tied up)`;
    }
    case 'dead_stock': {
      const since = s.last_sale === null ? `has not sold in the last ${f.days(s.days)} days` : `has not sold since ${f.date(s.last_sale)} (${f.days(s.days)} days)`;
      return `${s.name} ${since} in ${s.store}: ${f.units(s.on_hand)} units idle (${impact})`;
    }
    case 'anomaly': {
      const what = s.direction === 'spike' ? 'a spike' : 'a drop';
      return `${s.name} sold ${f.units(s.actual)} units in ${s.store} on ${f.date(s.date)}, against about ${f.units(s.expected)} expected: ${what} of ${impact}`;
    }
    case 'margin_erosion': {
      const margin = s.new_margin_pct === null ? `margin was ${f.pct(s.old_margin_pct)}` : `margin went from ${f.pct(s.old_margin_pct)} to ${f.pct(s.new_margin_pct)}`;
      return `The cost of ${s.name} in ${s.store} rose ${f.pct(s.cost_change_pct)} in ${f.days(s.window_days)} days and its price changed ${f.pct(s.price_change_pct)}: ${margin} (${impact} of margin lost)`;
    }
  }
}
