import { defineMessages } from '../../i18n/define';

export const inventoryMessages = defineMessages({
  es: {
    'inventory.title': 'Inventario',
  },
  en: {
    'inventory.title': 'Inventory',
  },
});
