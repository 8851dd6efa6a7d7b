/**
 * Venezuelan taxes of a ticket or a period: taxable bases and IVA by category (general, reduced,
 * exempt), IGTF on what was paid in foreign currency, and the total with taxes.
 */
import { useT } from '../../app/i18n';
import { Money } from '../../app/money';
import { ratePercent, type Taxes } from './taxes';
import { useFormat } from '../../app/format';
import { TableWrap } from '../dashboard/TableWrap';

export function TaxBreakdown({ taxes, date, caption }: { taxes: Taxes; date?: string; caption: string }) {
  const t = useT();
  const f = useFormat();
  const pct = (key: 'general' | 'reduced' | 'igtf') => f.percent(ratePercent(taxes, key), 2);
  const money = (amount: string) => <Money amount={amount} date={date} />;
  return (
    <TableWrap label={caption} flat>
      <table className="tax-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sales.tax.concept')}</th>
            <th scope="col" className="num">
              {t('sales.tax.base')}
            </th>
            <th scope="col" className="num">
              {t('sales.tax.tax')}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="tax-general">
            <th scope="row">{t('sales.tax.general', { rate: pct('general') })}</th>
            <td className="num">{money(taxes.bases.general)}</td>
            <td className="num">{money(taxes.iva.general)}</td>
          </tr>
          <tr data-testid="tax-reduced">
            <th scope="row">{t('sales.tax.reduced', { rate: pct('reduced') })}</th>
            <td className="num">{money(taxes.bases.reduced)}</td>
            <td className="num">{money(taxes.iva.reduced)}</td>
          </tr>
          <tr data-testid="tax-exempt">
            <th scope="row">{t('sales.tax.exempt')}</th>
            <td className="num">{money(taxes.bases.exempt)}</td>
            <td className="num">—</td>
          </tr>
          <tr className="row-sum">
            <th scope="row">{t('sales.tax.subtotalIva')}</th>
            <td className="num">{money(taxes.subtotal)}</td>
            <td className="num" data-testid="tax-iva-total">
              {money(taxes.iva_total)}
            </td>
          </tr>
          <tr data-testid="tax-igtf">
            <th scope="row">{t('sales.tax.igtf', { rate: pct('igtf') })}</th>
            <td className="num">{money(taxes.igtf_base)}</td>
            <td className="num">{money(taxes.igtf)}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr className="row-total">
            <th scope="row">{t('sales.tax.total')}</th>
            <td />
            <td className="num" data-testid="tax-total">
              {money(taxes.total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
