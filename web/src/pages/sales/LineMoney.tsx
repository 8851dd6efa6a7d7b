/** An amount in a sale's own currency: the tenant's currency goes through <Money> (Bs + USD), another one as is. */
import { useFormat } from '../../app/format';
import { Money } from '../../app/money';
import { useTenant } from '../../app/session';

export function LineMoney({ amount, currency, date }: { amount: string; currency: string; date?: string }) {
  const tenant = useTenant();
  const f = useFormat();
  if (currency === tenant.currency) return <Money amount={amount} date={date} />;
  return <span className="money">{f.money(amount, currency)}</span>;
}
