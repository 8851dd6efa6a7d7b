/**
 * The short crash trial of `npm test`: 20 SIGKILLs of a real server under concurrent writes, each
 * followed by the checks in crash.ts (acknowledged writes present, nothing half-written, stock =
 * ledger, order totals = lines, imports settled). `npm run test:crash` runs 200.
 */
import { describe, expect, it } from 'vitest';
import { renderCrashReport, runCrashTrial } from './crash.js';

describe('crash safety', () => {
  it('20 SIGKILLs under concurrent sales, adjustments, order receipts and imports lose nothing acknowledged and half-write nothing', { timeout: 600_000 }, async () => {
    const report = await runCrashTrial({ kills: 20 });
    console.log(renderCrashReport(report));
    expect(report.kills).toBe(20);
    expect(report.violations).toEqual([]);
    // The trial really wrote: acknowledged writes of every kind were checked after kills.
    expect(report.acknowledged.sale).toBeGreaterThan(0);
    expect(report.acknowledged.adjustment).toBeGreaterThan(0);
    expect(report.acknowledged.order).toBeGreaterThan(0);
  });
});
