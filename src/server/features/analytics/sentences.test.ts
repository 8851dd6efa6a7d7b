import { describe, expect, it } from 'vitest';
import { languageOf, sentence, type SentenceFacts } from './sentences.js';

const harina = { name: 'Harina P.A.N. 1 kg', store: 'Caracas Centro' };
const es = { locale: 'es-VE', currency: 'VES' };
const en = { locale: 'en-US', currency: 'USD' };
/** Intl puts a no-break space (U+00A0) between the currency symbol and the amount. */
const both = (facts: SentenceFacts) => [sentence(facts, es), sentence(facts, en)];

describe('sentences', () => {
  it('picks Spanish for every es locale, English for the rest', () => {
    expect(['es', 'es-VE', 'es-ES', 'en-US', 'pt-BR', 'en'].map(languageOf)).toEqual(['es', 'es', 'es', 'en', 'en', 'en']);
  });

  it('will_run_out: stock-out date, days before the delivery, units short and their value', () => {
    expect(both({ ...harina, kind: 'will_run_out', impact: '1080.00', date: '2026-12-02', days_early: 3, units_short: 24.4 })).toEqual([
      'Harina P.A.N. 1 kg se agotará en Caracas Centro el 2 dic., 3 días antes de la próxima entrega: faltarán unas 24 unidades (Bs.S\u00a01.080,00)',
      'Harina P.A.N. 1 kg will run out in Caracas Centro on Dec 2, 3 days before the next delivery: about 24 units short ($1,080.00)',
    ]);
    // One day early is singular; without a known delivery the day count is left out.
    expect(both({ ...harina, kind: 'will_run_out', impact: '90.00', date: '2026-12-03', days_early: 1, units_short: 2 })[0]).toContain('el 3 dic., 1 día antes');
    expect(both({ ...harina, kind: 'will_run_out', impact: '90.00', date: '2026-12-03', days_early: null, units_short: 2 })).toEqual([
      'Harina P.A.N. 1 kg se agotará en Caracas Centro el 3 dic., antes de la próxima entrega: faltarán unas 2 unidades (Bs.S\u00a090,00)',
      'Harina P.A.N. 1 kg will run out in Caracas Centro on Dec 3, before the next delivery: about 2 units short ($90.00)',
    ]);
  });

  it('out_of_stock: small unit counts keep two decimals so they do not read as 0', () => {
    expect(both({ ...harina, kind: 'out_of_stock', impact: '4.44', days_out: 1, lost_units: 0.037 })).toEqual([
      'Harina P.A.N. 1 kg lleva 1 día agotado en Caracas Centro: se han dejado de vender unas 0,04 unidades (Bs.S\u00a04,44)',
      'Harina P.A.N. 1 kg has been out of stock in Caracas Centro for 1 day: about 0.04 units of sales lost ($4.44)',
    ]);
    // 3 days at 1.08 a day = 3.24 units: one decimal between 1 and 10.
    expect(both({ ...harina, kind: 'out_of_stock', impact: '124.74', days_out: 3, lost_units: 3.24 })[1]).toBe(
      'Harina P.A.N. 1 kg has been out of stock in Caracas Centro for 3 days: about 3.2 units of sales lost ($124.74)',
    );
  });

  it('overstock: days of cover, or no forecast demand', () => {
    expect(both({ ...harina, kind: 'overstock', impact: '2700.00', days_of_cover: 933.33, excess_units: 90 })).toEqual([
      'Harina P.A.N. 1 kg tiene stock para 933 días en Caracas Centro: sobran unas 90 unidades (Bs.S\u00a02.700,00 inmovilizados)',
      'Harina P.A.N. 1 kg has stock for 933 days in Caracas Centro: about 90 units beyond need ($2,700.00 tied up)',
    ]);
    expect(both({ ...harina, kind: 'overstock', impact: '150.00', days_of_cover: null, excess_units: 5 })).toEqual([
      'Harina P.A.N. 1 kg tiene stock sin demanda prevista en Caracas Centro: sobran unas 5 unidades (Bs.S\u00a0150,00 inmovilizados)',
      'Harina P.A.N. 1 kg has stock with no forecast demand in Caracas Centro: about 5 units beyond need ($150.00 tied up)',
    ]);
  });

  it('dead_stock: since the last sale, or no sale in the window', () => {
    expect(both({ ...harina, kind: 'dead_stock', impact: '1200.00', on_hand: 40, last_sale: '2026-09-12', days: 76 })).toEqual([
      'Harina P.A.N. 1 kg no se vende desde el 12 sept. (76 días) en Caracas Centro: 40 unidades paradas (Bs.S\u00a01.200,00)',
      'Harina P.A.N. 1 kg has not sold since Sep 12 (76 days) in Caracas Centro: 40 units idle ($1,200.00)',
    ]);
    expect(both({ ...harina, kind: 'dead_stock', impact: '1200.00', on_hand: 40, last_sale: null, days: 60 })).toEqual([
      'Harina P.A.N. 1 kg no se ha vendido en los últimos 60 días en Caracas Centro: 40 unidades paradas (Bs.S\u00a01.200,00)',
      'Harina P.A.N. 1 kg has not sold in the last 60 days in Caracas Centro: 40 units idle ($1,200.00)',
    ]);
  });

  it('anomaly: a spike or a drop against the expected units', () => {
    expect(both({ ...harina, kind: 'anomaly', impact: '1800.00', date: '2026-11-24', direction: 'spike', actual: 48, expected: 8 })).toEqual([
      'Harina P.A.N. 1 kg vendió 48 unidades en Caracas Centro el 24 nov., frente a unas 8 esperadas: pico de Bs.S\u00a01.800,00',
      'Harina P.A.N. 1 kg sold 48 units in Caracas Centro on Nov 24, against about 8 expected: a spike of $1,800.00',
    ]);
    expect(both({ ...harina, kind: 'anomaly', impact: '270.00', date: '2026-11-24', direction: 'drop', actual: 2, expected: 8 })).toEqual([
      'Harina P.A.N. 1 kg vendió 2 unidades en Caracas Centro el 24 nov., frente a unas 8 esperadas: caída de Bs.S\u00a0270,00',
      'Harina P.A.N. 1 kg sold 2 units in Caracas Centro on Nov 24, against about 8 expected: a drop of $270.00',
    ]);
  });

  it('margin_erosion: cost and price change and the margin before and after, percentages for the locale', () => {
    // Cost 30 → 36 (+20 %), price 45 → 45: margin (45 − 30)/45 = 33.3 % → (45 − 36)/45 = 20 %.
    expect(
      both({ ...harina, kind: 'margin_erosion', impact: '42.00', cost_change_pct: 20, price_change_pct: 0, old_margin_pct: 100 / 3, new_margin_pct: 20, window_days: 90 }),
    ).toEqual([
      'El costo de Harina P.A.N. 1 kg en Caracas Centro subió un 20% en 90 días y su precio cambió un 0%: el margen pasó del 33,3% al 20% (Bs.S\u00a042,00 de margen perdido)',
      'The cost of Harina P.A.N. 1 kg in Caracas Centro rose 20% in 90 days and its price changed 0%: margin went from 33.3% to 20% ($42.00 of margin lost)',
    ]);
    expect(
      sentence({ ...harina, kind: 'margin_erosion', impact: '0.00', cost_change_pct: 10, price_change_pct: -100, old_margin_pct: 50, new_margin_pct: null, window_days: 90 }, en),
    ).toBe('The cost of Harina P.A.N. 1 kg in Caracas Centro rose 10% in 90 days and its price changed -100%: margin was 50% ($0.00 of margin lost)');
  });
});
