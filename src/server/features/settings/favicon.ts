/**
 * The favicon of a tenant without a logo: a rounded square in its primary colour with the first
 * letter of its name, in black or white, whichever reads better (src/shared/colors.ts). Pure.
 */
import { isHexColor, readableOn } from '../../../shared/colors.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** The first letter or digit of the name, in capitals ('?' when there is none). */
export function initialOf(name: string, locale?: string): string {
  const m = /[\p{L}\p{N}]/u.exec(name);
  if (!m) return '?';
  try {
    return m[0].toLocaleUpperCase(locale);
  } catch {
    return m[0].toUpperCase();
  }
}

export function faviconSvg(name: string, primaryColor: string, locale?: string): string {
  const fill = isHexColor(primaryColor) ? primaryColor.toLowerCase() : '#4f46e5';
  const ink = readableOn(fill);
  const letter = escapeXml(initialOf(name, locale));
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">' +
    `<rect width="64" height="64" rx="14" fill="${fill}"/>` +
    `<text x="32" y="44" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="36" font-weight="700" fill="${ink}">${letter}</text>` +
    '</svg>'
  );
}
