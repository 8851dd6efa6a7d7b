import { defineMessages } from '../../i18n/define';

export const auditMessages = defineMessages({
  es: {
    'audit.title': 'Auditoría',
  },
  en: {
    'audit.title': 'Audit log',
  },
});
