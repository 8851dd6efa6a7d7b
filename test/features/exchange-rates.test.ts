import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';

/** Friday 27 November 2026, 08:00 in Caracas. */
const NOW = Date.parse('2026-11-27T12:00:00Z');

type Host = 'granja' | 'cliente2';

describe('exchange rates', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterEach(() => t.close());

  const put = (host: Host, payload: Record<string, unknown>, as: As = 'manager') => t.on(host, { method: 'PUT', url: '/api/v1/exchange-rates', payload, as });

  async function audits(tenant: string) {
    const rows = await t.store.platform.all(
      `SELECT actor, target_type, target_id, details FROM audit_log WHERE tenant_id = $1 AND action = 'exchange_rate.set' ORDER BY occurred_at`,
      [tenant],
    );
    return rows.map((r) => ({ ...r, details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details }));
  }

  async function rows(tenant: string) {
    return t.store.platform.all('SELECT currency, rate_date, rate, source FROM exchange_rates WHERE tenant_id = $1 ORDER BY currency, rate_date', [tenant]);
  }

  it('a manager enters the BCV rate of a day; it is listed newest first with 6 decimals', async () => {
    const created = await put('granja', { currency: 'USD', date: '2026-11-27', rate: '36.5123' });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({
      currency: 'USD',
      rate_date: '2026-11-27',
      rate: '36.512300',
      source: 'BCV',
      created_by: 'apikey:test manager',
      created_at: new Date(NOW).toISOString(),
      outcome: 'created',
      previous_rate: null,
    });
    // A number is accepted too, and another source.
    expect((await put('granja', { currency: 'USD', date: '2026-11-26', rate: 36.1, source: 'Monitor' })).json()).toMatchObject({ rate: '36.100000', source: 'Monitor', outcome: 'created' });
    expect((await put('granja', { currency: 'EUR', date: '2026-11-26', rate: '39.9' })).statusCode).toBe(200);

    const list = await t.on('granja', { url: '/api/v1/exchange-rates', as: 'viewer' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(list.json().items.map((r: { currency: string; rate_date: string; rate: string }) => [r.rate_date, r.currency, r.rate])).toEqual([
      ['2026-11-27', 'USD', '36.512300'],
      ['2026-11-26', 'EUR', '39.900000'],
      ['2026-11-26', 'USD', '36.100000'],
    ]);
    const usd = await t.on('granja', '/api/v1/exchange-rates?currency=USD&from=2026-11-27');
    expect(usd.json().items).toHaveLength(1);
    const paged = await t.on('granja', '/api/v1/exchange-rates?limit=1&offset=1');
    expect(paged.json()).toMatchObject({ total: 3, items: [{ currency: 'EUR' }] });
    // One tenant's rates are not another's.
    expect((await t.on('cliente2', '/api/v1/exchange-rates')).json()).toMatchObject({ total: 0, items: [] });
  });

  it('replacing a day\'s rate is an upsert, audited with the old and new rate; the same rate again changes nothing', async () => {
    await put('granja', { currency: 'USD', date: '2026-11-25', rate: '36.40' });
    t.clock.advance(1000);
    const replaced = await put('granja', { currency: 'USD', date: '2026-11-25', rate: '36.45' }, 'owner');
    expect(replaced.json()).toMatchObject({ rate: '36.450000', outcome: 'replaced', previous_rate: '36.400000', created_by: 'apikey:test owner' });
    const same = await put('granja', { currency: 'USD', date: '2026-11-25', rate: '36.450000' });
    expect(same.json()).toMatchObject({ rate: '36.450000', outcome: 'unchanged', previous_rate: '36.450000', created_by: 'apikey:test owner' });
    expect(await rows('granja')).toEqual([{ currency: 'USD', rate_date: '2026-11-25', rate: '36.450000', source: 'BCV' }]);
    expect(await audits('granja')).toEqual([
      {
        actor: 'apikey:test manager',
        target_type: 'exchange_rate',
        target_id: 'USD:2026-11-25',
        details: { currency: 'USD', date: '2026-11-25', from: null, to: { rate: '36.400000', source: 'BCV' } },
      },
      {
        actor: 'apikey:test owner',
        target_type: 'exchange_rate',
        target_id: 'USD:2026-11-25',
        details: { currency: 'USD', date: '2026-11-25', from: { rate: '36.400000', source: 'BCV' }, to: { rate: '36.450000', source: 'BCV' } },
      },
    ]);
  });

  it('the rate of a day is the latest on or before it: weekends use Friday\'s', async () => {
    // Thursday 19 and Friday 20 November 2026; nothing on the weekend.
    await put('granja', { currency: 'USD', date: '2026-11-19', rate: '35.90' });
    await put('granja', { currency: 'USD', date: '2026-11-20', rate: '36.00' });
    const on = async (date: string | null) => t.on('granja', { url: `/api/v1/exchange-rates/current?currency=USD${date ? `&on=${date}` : ''}`, as: 'staff' });
    expect((await on('2026-11-19')).json()).toEqual({ currency: 'USD', on: '2026-11-19', rate_date: '2026-11-19', rate: '35.900000', source: 'BCV' });
    expect((await on('2026-11-22')).json()).toEqual({ currency: 'USD', on: '2026-11-22', rate_date: '2026-11-20', rate: '36.000000', source: 'BCV' });
    // Without a date: today in Caracas (27 November) → still Friday 20's.
    expect((await on(null)).json()).toMatchObject({ on: '2026-11-27', rate_date: '2026-11-20' });
    // Before the first rate there is none: 404 with what to do.
    const none = await on('2026-11-18');
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ error: 'not_found', details: { currency: 'USD', on: '2026-11-18' } });
    expect(none.json().message).toMatch(/No USD exchange rate on or before 2026-11-18/);
    // The tenant's own currency has no rate to look up.
    expect((await t.on('granja', '/api/v1/exchange-rates/current?currency=VES')).statusCode).toBe(400);
    expect((await t.on('granja', '/api/v1/exchange-rates/current')).statusCode).toBe(400);
    // cliente2's answer is about cliente2's rates only.
    expect((await t.on('cliente2', '/api/v1/exchange-rates/current?currency=EUR&on=2026-11-22')).statusCode).toBe(404);
  });

  it('the rate a sale uses is the one entered here', async () => {
    await put('granja', { currency: 'USD', date: '2026-11-20', rate: '36.00' });
    const sale = await t.on('granja', {
      method: 'POST',
      url: '/api/v1/sales',
      as: 'staff',
      payload: { store_id: '00000000-0000-4000-8110-000000000001', currency: 'USD', fecha_venta: '2026-11-22T15:00:00Z', lines: [{ product_id: '00000000-0000-4000-8130-000000000001', quantity: 1, unit_price: '1.25' }] },
    });
    expect(sale.statusCode, sale.body).toBe(201);
    expect(sale.json()).toMatchObject({ fx_rate: '36.000000', totals: { total: '1.25', total_base: '45.00' } });
  });

  it('refuses bad rates, dates and currencies with 400, writing nothing', async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ currency: 'VES', date: '2026-11-27', rate: '36.5' }, /own currency/],
      [{ currency: 'USD', date: '2026-11-29', rate: '36.5' }, /tomorrow \(2026-11-28\)/],
      [{ currency: 'USD', date: '1999-12-31', rate: '36.5' }, /2000-01-01/],
      [{ currency: 'USD', date: '2026-11-27', rate: '0' }, /greater than 0/],
      [{ currency: 'USD', date: '2026-11-27', rate: '-36.5' }, /positive decimal/],
      [{ currency: 'USD', date: '2026-11-27', rate: '36.1234567' }, /6 decimals/],
      [{ currency: 'USD', date: '2026-11-27', rate: 1e-7 }, /positive decimal/],
      [{ currency: 'USD', date: '2026-11-27', rate: '1,5' }, /positive decimal/],
      [{ currency: 'USD', date: '2026-11-27', rate: '36.5', source: '   ' }, /source/],
      [{ currency: 'usd', date: '2026-11-27', rate: '36.5' }, /currency/],
      [{ currency: 'USD', date: '2026-02-30', rate: '36.5' }, /date/],
      [{ currency: 'USD', rate: '36.5' }, /date/],
      [{ currency: 'USD', date: '2026-11-27', rate: '36.5', extra: 1 }, /extra/],
    ];
    for (const [payload, message] of bad) {
      const r = await put('granja', payload);
      expect({ payload, status: r.statusCode, error: r.json().error }).toEqual({ payload, status: 400, error: 'validation_error' });
      expect(r.json().message).toMatch(message);
    }
    // Tomorrow itself is fine (the BCV publishes the next business day's rate).
    expect((await put('granja', { currency: 'USD', date: '2026-11-28', rate: '36.7' })).statusCode).toBe(200);
    // cliente2's currency is USD: a USD rate is its own currency there.
    expect((await put('cliente2', { currency: 'USD', date: '2026-11-27', rate: '1' })).statusCode).toBe(400);
    expect(await rows('granja')).toEqual([{ currency: 'USD', rate_date: '2026-11-28', rate: '36.700000', source: 'BCV' }]);
    expect(await rows('cliente2')).toEqual([]);
  });

  it('every signed-in role reads rates; only managers and owners enter them; other tenants get 404', async () => {
    for (const as of ['viewer', 'staff', 'manager', 'owner'] as As[]) {
      expect((await t.on('granja', { url: '/api/v1/exchange-rates', as })).statusCode).toBe(200);
    }
    expect((await t.on('granja', { url: '/api/v1/exchange-rates', as: 'anonymous' })).statusCode).toBe(401);
    for (const as of ['viewer', 'staff'] as As[]) {
      const r = await put('granja', { currency: 'USD', date: '2026-11-27', rate: '36.5' }, as);
      expect({ as, status: r.statusCode, error: r.json().error }).toEqual({ as, status: 403, error: 'forbidden' });
    }
    expect((await put('granja', { currency: 'USD', date: '2026-11-27', rate: '36.5' }, 'anonymous')).statusCode).toBe(401);
    // A granja manager's key on cliente2.
    const cross = await t.on('cliente2', {
      method: 'PUT',
      url: '/api/v1/exchange-rates',
      headers: { authorization: `Bearer ${t.keys.granja!.manager}` },
      payload: { currency: 'EUR', date: '2026-11-27', rate: '0.95' },
    });
    expect(cross.statusCode).toBe(404);
    expect(await rows('granja')).toEqual([]);
    expect(await rows('cliente2')).toEqual([]);
    expect(await audits('granja')).toEqual([]);
  });
});
