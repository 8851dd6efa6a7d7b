import { defineMessages } from '../../i18n/define';

export const settingsMessages = defineMessages({
  es: {
    'settings.title': 'Configuración',
  },
  en: {
    'settings.title': 'Settings',
  },
});
