/** One item's movement history (GET /api/v1/inventory/movements?store_id&product_id), newest first. */
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { Dialog } from '../../components/Dialog';
import { QueryView } from '../../components/State';
import { useMovements } from './queries';
import type { InventoryItem } from './types';
import { useRestoreFocus } from './useRestoreFocus';

export function MovementHistory({ item, onClose }: { item: InventoryItem; onClose: () => void }) {
  useRestoreFocus();
  const t = useT();
  const f = useFormat();
  const query = useMovements(item.store.id, item.product.id);
  const signed = (n: number) => (n > 0 ? `+${f.number(n)}` : f.number(n));
  return (
    <Dialog title={t('inventory.history.title')} open onClose={onClose}>
      <div className="movement-history" data-testid="movement-history">
        <p>
          <strong>{t('inventory.history.item', { product: item.product.name, sku: item.product.sku, store: item.store.name })}</strong>
        </p>
        <QueryView query={query} isEmpty={(d) => d.pages[0]?.total === 0} empty={t('inventory.history.empty')}>
          {(data) => {
            const rows = data.pages.flatMap((p) => p.items);
            const total = data.pages[0]?.total ?? 0;
            return (
              <>
                <div className="table-wrap history-wrap" tabIndex={0} role="region" aria-label={t('inventory.history.caption')}>
                  <table className="cards-on-phone">
                    <caption className="sr-only">{t('inventory.history.caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('inventory.history.when')}</th>
                        <th scope="col" className="num">
                          {t('inventory.history.delta')}
                        </th>
                        <th scope="col" className="num">
                          {t('inventory.history.after')}
                        </th>
                        <th scope="col">{t('inventory.history.reason')}</th>
                        <th scope="col">{t('inventory.history.actor')}</th>
                        <th scope="col">{t('inventory.history.note')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((m) => (
                        <tr key={m.id} data-testid="movement-row" data-reason={m.reason} data-delta={m.delta} data-quantity-after={m.quantity_after}>
                          <td data-label={t('inventory.history.when')}>
                            <time dateTime={m.created_at}>{f.dateTime(m.created_at)}</time>
                          </td>
                          <td className={`num delta ${m.delta < 0 ? 'delta-out' : 'delta-in'}`} data-label={t('inventory.history.delta')}>
                            {signed(m.delta)}
                          </td>
                          <td className="num" data-label={t('inventory.history.after')}>
                            {f.number(m.quantity_after)}
                          </td>
                          <td data-label={t('inventory.history.reason')}>{t(`inventory.reason.${m.reason}`)}</td>
                          <td data-label={t('inventory.history.actor')}>{m.actor}</td>
                          <td className="note" data-label={t('inventory.history.note')}>
                            {m.note ?? ''}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <div className="btn-row history-foot">
                  <span className="hint">{t('inventory.history.count', { shown: f.number(rows.length), total: f.number(total) })}</span>
                  {query.hasNextPage && (
                    <button type="button" className="btn" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                      {query.isFetchingNextPage ? t('state.loading') : t('action.more')}
                    </button>
                  )}
                </div>
              </>
            );
          }}
        </QueryView>
      </div>
    </Dialog>
  );
}
