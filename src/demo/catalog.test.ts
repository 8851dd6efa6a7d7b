import { describe, expect, it } from 'vitest';
import { ean13, gs1CheckDigit, upcA, validGs1 } from './barcodes.js';
import { civil, epochDayOf, localEpochDay, utcOffsetSeconds } from './calendar.js';
import { GRANJA_STORES, GRANJA_SUPPLIERS, granjaSpec } from './catalog-granja.js';
import { CLIENTE2_SUPPLIERS, cliente2Spec } from './catalog-cliente2.js';
import { bcvSeries, rateText } from './exchange.js';
import { demoSequentialUuid, demoUuid } from './ids.js';
import { DEFAULT_DEMO_SEED, demoSpecs } from './index.js';
import { Rng } from './random.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('GS1 barcodes', () => {
  it('computes the check digit of known codes', () => {
    expect(validGs1('4006381333931')).toBe(true); // EAN-13 from the GS1 examples
    expect(validGs1('036000291452')).toBe(true); // UPC-A
    expect(validGs1('4006381333932')).toBe(false);
    expect(validGs1('75910010000')).toBe(false); // wrong length
    expect(gs1CheckDigit('759100100001')).toBe(2);
    expect(ean13('759', 1001, 1)).toBe('7591001000012');
    expect(upcA(11001, 1)).toMatch(/^\d{12}$/);
    expect(validGs1(upcA(11001, 1))).toBe(true);
  });
});

describe('granja catalogue (full scale, no database)', () => {
  const spec = granjaSpec(DEFAULT_DEMO_SEED);
  const products = spec.products;

  it('has at least 800 grocery products in the nine real categories', () => {
    expect(products.length).toBeGreaterThanOrEqual(800);
    const categories = new Set(products.map((p) => p.category));
    expect([...categories].sort()).toEqual(
      ['bebidas', 'carnes', 'charcutería', 'cuidado personal', 'frutas y verduras', 'limpieza', 'lácteos', 'panadería', 'víveres'].sort(),
    );
    for (const c of categories) expect(products.filter((p) => p.category === c).length).toBeGreaterThanOrEqual(40);
  });

  it('gives every product a unique SKU, name and valid Venezuelan EAN-13', () => {
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.name)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.barcode)).size).toBe(products.length);
    for (const p of products) {
      expect(p.barcode, p.name).toMatch(/^759\d{10}$/);
      expect(validGs1(p.barcode), p.barcode).toBe(true);
    }
  });

  it('uses real brands, the three IVA categories, and exempts basic foods', () => {
    const names = products.map((p) => p.name).join('\n');
    for (const brand of ['Harina de maíz precocida P.A.N.', 'Polar Pilsen', 'Mavesa', 'Diablitos Underwood']) expect(names).toContain(brand);
    expect(new Set(products.map((p) => p.tax))).toEqual(new Set(['general', 'reduced', 'exempt']));
    const basic = products.filter((p) => /^(Harina de maíz|Arroz|Pasta|Leche en polvo)/.test(p.name));
    expect(basic.length).toBeGreaterThan(10);
    for (const p of basic) expect(p.tax, p.name).toBe('exempt');
    expect(products.find((p) => p.name.startsWith('Cerveza'))?.tax).toBe('general');
  });

  it('prices above cost with a 15–40 % markup, and pack sizes and units set', () => {
    for (const p of products) {
      const markup = p.priceUsdCents / p.costUsdCents - 1;
      expect(markup, p.name).toBeGreaterThanOrEqual(0.13);
      expect(markup, p.name).toBeLessThanOrEqual(0.42);
      expect(p.packSize).toBeGreaterThanOrEqual(1);
      expect(['unit', 'kg']).toContain(p.unit);
    }
  });

  it('has six stores in Venezuelan cities and ~15 distributors, each product with one of them', () => {
    expect(GRANJA_STORES.map((s) => s.city)).toEqual(['Caracas', 'Caracas', 'Valencia', 'Maracaibo', 'Barquisimeto', 'Puerto La Cruz']);
    expect(new Set(GRANJA_STORES.map((s) => s.code)).size).toBe(6);
    expect(GRANJA_SUPPLIERS.length).toBeGreaterThanOrEqual(13);
    for (const s of GRANJA_SUPPLIERS) {
      expect(s.leadTimeDays).toBeGreaterThanOrEqual(2);
      expect(s.leadTimeDays).toBeLessThanOrEqual(14);
    }
    const codes = new Set(GRANJA_SUPPLIERS.map((s) => s.code));
    for (const p of products) expect(codes.has(p.supplier), p.name).toBe(true);
  });

  it('carries the tenant settings the brief asks for', () => {
    expect(spec).toMatchObject({ id: 'granja', name: 'La Granja Mercado', plan: 'premium', historyDays: 730 });
    expect(spec.settings).toMatchObject({
      currency: 'VES',
      timezone: 'America/Caracas',
      locale: 'es-VE',
      primaryColor: '#10b981',
      secondaryColor: '#059669',
      features: ['inventory', 'sales', 'ai-insights', 'forecasting'],
      showVenezuelanTaxes: true,
      logoUrl: null,
    });
  });

  it('is the same catalogue for every seed; only prices and demand move', () => {
    const other = granjaSpec(7).products;
    expect(other.map((p) => [p.sku, p.barcode, p.name])).toEqual(products.map((p) => [p.sku, p.barcode, p.name]));
    expect(other.map((p) => p.priceUsdCents)).not.toEqual(products.map((p) => p.priceUsdCents));
    expect(granjaSpec(DEFAULT_DEMO_SEED).products).toEqual(products);
  });
});

describe('cliente2 catalogue', () => {
  const spec = cliente2Spec(DEFAULT_DEMO_SEED);

  it('is ~200 hardware products with English names and valid UPC-A codes', () => {
    expect(spec.products.length).toBeGreaterThanOrEqual(180);
    expect(spec.products.length).toBeLessThanOrEqual(240);
    expect(new Set(spec.products.map((p) => p.category))).toContain('power tools');
    for (const p of spec.products) {
      expect(p.barcode).toMatch(/^\d{12}$/);
      expect(validGs1(p.barcode)).toBe(true);
      expect(p.name).toMatch(/^[\x20-\x7E]+$/);
    }
    expect(new Set(spec.products.map((p) => p.name)).size).toBe(spec.products.length);
    const codes = new Set(CLIENTE2_SUPPLIERS.map((s) => s.code));
    for (const p of spec.products) expect(codes.has(p.supplier)).toBe(true);
  });

  it('is a USD, standard-plan tenant with two US stores and the blue brand', () => {
    expect(spec).toMatchObject({ id: 'cliente2', name: 'Cliente 2 S.A.', plan: 'standard', historyDays: 365, bolivares: false });
    expect(spec.settings).toMatchObject({ currency: 'USD', timezone: 'America/New_York', locale: 'en-US', primaryColor: '#3b82f6', secondaryColor: '#2563eb', features: ['inventory', 'sales'] });
    expect(spec.stores).toHaveLength(2);
  });
});

describe('scales', () => {
  it('samples a small catalogue spread over the categories', () => {
    const [g, c] = demoSpecs('small');
    expect(g!.spec.stores).toHaveLength(2);
    expect(g!.spec.products).toHaveLength(60);
    expect(g!.spec.historyDays).toBe(60);
    expect(new Set(g!.spec.products.map((p) => p.category)).size).toBe(9);
    expect(c!.spec.stores).toHaveLength(1);
    expect(c!.spec.products).toHaveLength(20);
    expect(c!.spec.historyDays).toBe(30);
    // Small keeps each product's own demand: the calibration comes from the full catalogue.
    const [gf] = demoSpecs('full');
    expect(g!.demandScale).toBe(gf!.demandScale);
  });
});

describe('seeded randomness', () => {
  it('repeats a stream from the same seed and label, and differs otherwise', () => {
    const draw = (seed: number, label: string) => {
      const r = Rng.of(seed, label);
      return Array.from({ length: 5 }, () => r.uint32());
    };
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
  });

  it('draws Poisson counts with the right mean', () => {
    const r = new Rng(42);
    for (const lambda of [0.2, 3, 45]) {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += r.poisson(lambda);
      expect(sum / 20_000).toBeCloseTo(lambda, lambda < 1 ? 1 : 0);
    }
  });
});

describe('deterministic ids', () => {
  it('are v4-shaped, stable, and distinct per tenant and kind', () => {
    const id = demoUuid('granja', 'store', 'CCS1');
    expect(id).toMatch(UUID_V4);
    expect(demoUuid('granja', 'store', 'CCS1')).toBe(id);
    expect(demoUuid('cliente2', 'store', 'CCS1')).not.toBe(id);
    expect(demoUuid('granja', 'supplier', 'CCS1')).not.toBe(id);
    const seq = demoSequentialUuid('granja', 'movement', 255);
    expect(seq).toMatch(UUID_V4);
    expect(seq.startsWith('000000ff-')).toBe(true);
  });
});

describe('calendar and exchange rates', () => {
  it('knows the local date and the UTC offset of each tenant', () => {
    expect(utcOffsetSeconds(epochDayOf(2026, 1, 10), 'America/Caracas')).toBe(4 * 3600);
    expect(utcOffsetSeconds(epochDayOf(2026, 1, 10), 'America/New_York')).toBe(5 * 3600);
    expect(utcOffsetSeconds(epochDayOf(2026, 7, 10), 'America/New_York')).toBe(4 * 3600);
    // 02:00 UTC on the 27th is still the 26th in Caracas.
    expect(localEpochDay(new Date('2026-11-27T02:00:00Z'), 'America/Caracas')).toBe(epochDayOf(2026, 11, 26));
  });

  it('carries Friday\'s BCV rate over the weekend and depreciates the bolívar over two years', () => {
    const first = epochDayOf(2024, 11, 27);
    const last = epochDayOf(2026, 11, 27);
    const rates = bcvSeries(first, last, DEFAULT_DEMO_SEED);
    expect(rates).toHaveLength(last - first + 1);
    for (let d = first; d <= last; d++) {
      const wd = civil(d).weekday;
      if (wd === 6 && d - 1 >= first) expect(rates[d - first]).toBe(rates[d - 1 - first]);
      if (wd === 0 && d - 2 >= first) expect(rates[d - first]).toBe(rates[d - 2 - first]);
    }
    expect(rates[0]! / 10_000).toBeGreaterThan(30);
    expect(rates[0]! / 10_000).toBeLessThan(60);
    expect(rates.at(-1)! / rates[0]!).toBeGreaterThan(3);
    expect(bcvSeries(first, last, DEFAULT_DEMO_SEED)).toEqual(rates);
    expect(rateText(2431234)).toBe('243.123400');
    expect(rateText(360005)).toBe('36.000500');
  });
});
