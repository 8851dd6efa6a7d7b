import { describe, expect, it } from 'vitest';
import { accessibleOn, brandCssVariables, contrastRatio, readableOn } from './colors.js';

describe('brand colour contrast', () => {
  it('picks a readable text colour for any brand colour', () => {
    expect(readableOn('#ffffff')).toBe('#000000');
    expect(readableOn('#000000')).toBe('#ffffff');
    expect(readableOn('#10b981')).toBe('#000000');
    expect(readableOn('#1e3a8a')).toBe('#ffffff');
  });

  it('text on every brand colour reaches at least 4.5:1', () => {
    for (let v = 0; v < 0xffffff; v += 0x0f0f0f + 0x010203) {
      const hex = `#${v.toString(16).padStart(6, '0')}`;
      expect(contrastRatio(hex, readableOn(hex))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('darkens a light brand colour until it reads on white', () => {
    const ink = accessibleOn('#10b981');
    expect(contrastRatio(ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(accessibleOn('#1e3a8a')).toBe('#1e3a8a');
    expect(brandCssVariables('#10B981', 'bad')['--brand-2']).toBe('#10b981');
    const vars = brandCssVariables('#10b981', '#059669');
    expect(contrastRatio(vars['--brand-ink']!, '#f6f7f9')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(vars['--brand-ink']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
