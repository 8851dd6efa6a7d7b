/**
 * Downloadable templates and the kinds' documentation, both derived from the kind definitions.
 * Templates use ';' and decimal commas, as spreadsheets in Spanish-speaking locales save CSV.
 */
import type { KindSpec } from './kinds/columns.js';
import { KINDS } from './kinds/index.js';

/** The template of a kind for a tenant whose currency is `baseCurrency` (a rate's example currency is never its own). */
export function templateCsv(spec: KindSpec, baseCurrency: string): string {
  const cell = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const example = (i: 0 | 1) => spec.columns.map((c) => (c.type === 'currency' && c.examples[i] === baseCurrency ? (baseCurrency === 'USD' ? 'EUR' : 'USD') : c.examples[i]));
  const lines = [spec.columns.map((c) => c.name), example(0), example(1)];
  return '\uFEFF' + lines.map((l) => l.map(cell).join(';')).join('\r\n') + '\r\n';
}

export function kindsDoc() {
  return {
    kinds: Object.values(KINDS).map((k) => ({
      kind: k.kind,
      natural_key: [...k.naturalKey],
      columns: k.columns.map((c) => ({ name: c.name, required: c.required === true, type: c.type, aliases: [...c.aliases], description: c.description })),
    })),
  };
}
