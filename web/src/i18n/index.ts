/**
 * All strings of the app. Each area adds its own file here; the compiler checks both languages
 * have the same keys, and `MessageKey` lets `t()` refuse a key that does not exist.
 *
 * Areas in `pages` are in the first page's bundle. An area only one host uses (the platform
 * console, on the admin host) is listed in `LazyArea` for its keys' types and adds its strings
 * with `registerMessages` when its chunk loads, so tenants' users never download them.
 */
import { common } from './common';
import { pages } from './pages';
import type { Language } from './define';
import type { consoleMessages } from '../console/messages';
import type { importsMessages } from '../pages/imports/messages';

export { LANGUAGES, type Language } from './define';

const areas = [common, ...pages] as const;
// The import page (managers, now and then) brings its ~5 KB gzip of strings with its own chunk.
type LazyArea = typeof consoleMessages | typeof importsMessages;
type Area = (typeof areas)[number] | LazyArea;
export type MessageKey = Area extends infer A ? (A extends { es: Record<infer K, string> } ? K : never) : never;

export const DICTIONARIES: Record<Language, Record<string, string>> = {
  es: Object.assign({}, ...areas.map((a) => a.es)),
  en: Object.assign({}, ...areas.map((a) => a.en)),
};

/** Adds a lazily loaded area's strings (call it at the top of the area's chunk, before it renders). */
export function registerMessages(area: LazyArea): void {
  Object.assign(DICTIONARIES.es, area.es);
  Object.assign(DICTIONARIES.en, area.en);
}
