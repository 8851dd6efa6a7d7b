/**
 * Colour contrast for tenant branding, shared by the server (first paint) and the SPA: whatever
 * colours a tenant picks, text on them stays readable (WCAG 2 relative luminance).
 */

const HEX = /^#[0-9a-fA-F]{6}$/;

export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

/** WCAG relative luminance of #rrggbb, 0 (black) … 1 (white). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio between two colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the colour. */
export function readableOn(hex: string): '#000000' | '#ffffff' {
  return contrastRatio(hex, '#000000') > contrastRatio(hex, '#ffffff') ? '#000000' : '#ffffff';
}

/**
 * The brand colour darkened (or lightened) just enough to reach `ratio` against `background`,
 * for links and outlines drawn in the brand colour on a white page.
 */
export function accessibleOn(hex: string, background = '#ffffff', ratio = 4.5): string {
  if (!isHexColor(hex)) return '#1f2937';
  const darken = luminance(background) > 0.5;
  let [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const toHex = () => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
  for (let step = 0; step < 40 && contrastRatio(toHex(), background) < ratio; step++) {
    const f = darken ? 0.92 : 1.08;
    [r, g, b] = [r, g, b].map((c) => (darken ? c * f : Math.min(255, c * f + 4))) as [number, number, number];
  }
  return toHex();
}

/** The page background the app draws text and links on (web/src/styles.css --bg). */
export const PAGE_BACKGROUND = '#f6f7f9';

/** The CSS custom properties of a tenant's branding. */
export function brandCssVariables(primary: string, secondary: string): Record<string, string> {
  const p = isHexColor(primary) ? primary.toLowerCase() : '#4f46e5';
  const s = isHexColor(secondary) ? secondary.toLowerCase() : p;
  return {
    '--brand': p,
    '--brand-text': readableOn(p),
    '--brand-2': s,
    '--brand-2-text': readableOn(s),
    // Readable on the page background, hence also on white cards (white is lighter still).
    '--brand-ink': accessibleOn(p, PAGE_BACKGROUND),
  };
}
