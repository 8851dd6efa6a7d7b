import { defineMessages } from '../../i18n/define';

export const ordersMessages = defineMessages({
  es: {
    'orders.title': 'Pedidos',
  },
  en: {
    'orders.title': 'Orders',
  },
});
