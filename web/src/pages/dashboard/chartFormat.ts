/** Short labels for chart axes and tooltips: compact money ("Bs. 12,3 mil") and day labels. */
import { useMemo } from 'react';
import { useFormat } from '../../app/format';

const SYMBOLS: Record<string, string> = { VES: 'Bs.' };

export function useChartFormat() {
  const f = useFormat();
  return useMemo(() => {
    const compact = new Intl.NumberFormat(f.locale, { style: 'currency', currency: f.currency, currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 });
    const compactNumber = new Intl.NumberFormat(f.locale, { notation: 'compact', maximumFractionDigits: 1 });
    return {
      money: (n: number) => compact.formatToParts(n).map((p) => (p.type === 'currency' && SYMBOLS[f.currency] ? SYMBOLS[f.currency] : p.value)).join(''),
      number: (n: number) => compactNumber.format(n),
      day: f.day,
    };
  }, [f]);
}
