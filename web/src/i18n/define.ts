/** Each area of the app keeps its own strings, in both languages, checked to have the same keys. */
export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Messages<K extends string> = { es: Record<K, string>; en: Record<K, string> };

export function defineMessages<K extends string>(m: Messages<K>): Messages<K> {
  return m;
}
