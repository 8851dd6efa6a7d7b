import { defineMessages } from '../../i18n/define';

export const analyticsMessages = defineMessages({
  es: {
    'analytics.title': 'Análisis',
  },
  en: {
    'analytics.title': 'Insights',
  },
});
