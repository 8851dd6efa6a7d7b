/**
 * All strings of the app. Each area adds its own file here; the compiler checks both languages
 * have the same keys, and `MessageKey` lets `t()` refuse a key that does not exist.
 */
import { common } from './common';
import { pages } from './pages';
import type { Language } from './define';

export { LANGUAGES, type Language } from './define';

const areas = [common, ...pages] as const;
type Area = (typeof areas)[number];
export type MessageKey = Area extends infer A ? (A extends { es: Record<infer K, string> } ? K : never) : never;

export const DICTIONARIES: Record<Language, Record<string, string>> = {
  es: Object.assign({}, ...areas.map((a) => a.es)),
  en: Object.assign({}, ...areas.map((a) => a.en)),
};
