/**
 * Purchase orders: /orders (list), /orders/new (managers and owners), /orders/<id> (one order,
 * linkable). Sub-routes relative to the page's own path.
 */
import { Route, Routes } from 'react-router';
import { useT } from '../../app/i18n';
import { atLeast, useMe } from '../../app/session';
import { OrderDetail } from './OrderDetail';
import { OrderForm } from './OrderForm';
import { OrderList } from './OrderList';
import './orders.css';

function Forbidden() {
  const t = useT();
  return (
    <>
      <h1>{t('orders.form.title')}</h1>
      <p className="state state-empty">{t('orders.readOnly')}</p>
    </>
  );
}

export default function OrdersPage() {
  const me = useMe();
  return (
    <div className="orders-area">
      <Routes>
        <Route index element={<OrderList />} />
        <Route path="new" element={atLeast(me.role, 'manager') ? <OrderForm /> : <Forbidden />} />
        <Route path=":id" element={<OrderDetail />} />
      </Routes>
    </div>
  );
}
