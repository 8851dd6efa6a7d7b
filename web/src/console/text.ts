/** Text helpers of the console: accent-free matching, and a tenant id suggested from a name. */

/** Lower-case, accents dropped: "Café" is found by "cafe". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** "Café Ñandú, C.A." → "cafe-nandu-c-a": a DNS label made from a company name (may still be reserved). */
export function suggestId(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}
