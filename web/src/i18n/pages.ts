/** Page areas' strings: one file per area (web/src/pages/<area>/messages.ts), listed here. */
import { dashboardMessages } from '../pages/dashboard/messages';
import { inventoryMessages } from '../pages/inventory/messages';
import { salesMessages } from '../pages/sales/messages';
import { ordersMessages } from '../pages/orders/messages';
import { settingsMessages } from '../pages/settings/messages';
import { auditMessages } from '../pages/audit/messages';
import { analyticsMessages } from '../pages/analytics/messages';

export const pages = [dashboardMessages, inventoryMessages, salesMessages, ordersMessages, settingsMessages, auditMessages, analyticsMessages] as const;
