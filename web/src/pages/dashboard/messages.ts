import { defineMessages } from '../../i18n/define';

export const dashboardMessages = defineMessages({
  es: {
    'dashboard.title': 'Resumen',
  },
  en: {
    'dashboard.title': 'Dashboard',
  },
});
