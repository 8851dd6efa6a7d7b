/** Ten stock rows at or below their minimum, emptiest first (the store filter applies), with a link to all. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type Page } from '../../app/api';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { QueryView } from '../../components/State';

interface LowStockItem {
  id: string;
  store: { id: string; code: string; name: string };
  product: { id: string; sku: string; name: string; category: string; unit: string };
  quantity: number;
  min_stock: number;
}

export function LowStockList({ storeId }: { storeId: string }) {
  const t = useT();
  const f = useFormat();
  const query = useQuery({
    queryKey: ['inventory', 'low-stock', storeId],
    queryFn: () =>
      api<Page<LowStockItem>>('/inventory', { query: { low_stock: true, sort: 'quantity', order: 'asc', limit: 10, store_id: storeId || undefined } }),
  });
  const link = storeId ? `/inventory?low_stock=true&sort=quantity&store_id=${encodeURIComponent(storeId)}` : '/inventory?low_stock=true&sort=quantity';
  return (
    <section className="card" aria-labelledby="low-heading" data-testid="low-stock-list">
      <div className="card-head">
        <h2 id="low-heading">{t('dashboard.lowStock')}</h2>
        <Link to={link}>{t('dashboard.lowStock.all')}</Link>
      </div>
      <QueryView query={query} isEmpty={(p) => p.items.length === 0} empty={t('dashboard.lowStock.none')}>
        {(page) => (
          <>
            <ul className="plain-list">
              {page.items.map((item) => (
                <li key={item.id} className="low-item" data-testid="low-stock-item">
                  <span className="low-name">
                    <span className="cell-main">{item.product.name}</span>
                    <span className="cell-sub">
                      {item.product.sku} · {item.store.name}
                    </span>
                  </span>
                  <span className={`badge ${item.quantity === 0 ? 'badge-danger' : 'badge-warn'}`}>
                    {item.quantity === 0 ? t('dashboard.lowStock.out') : t('dashboard.lowStock.qty', { qty: f.number(item.quantity), min: f.number(item.min_stock) })}
                  </span>
                </li>
              ))}
            </ul>
            {page.total > page.items.length && <p className="hint">{t('dashboard.lowStock.more', { count: f.number(page.total - page.items.length) })}</p>}
          </>
        )}
      </QueryView>
    </section>
  );
}
