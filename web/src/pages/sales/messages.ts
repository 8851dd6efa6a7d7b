import { defineMessages } from '../../i18n/define';

export const salesMessages = defineMessages({
  es: {
    'sales.title': 'Ventas',
  },
  en: {
    'sales.title': 'Sales',
  },
});
