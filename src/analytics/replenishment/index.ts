/** Replenishment: order-up-to suggestions per product × store and their grouping into draft purchase orders. */
export { daysOfCover } from './cover.js';
export { demandOver, forecastFrom, sigmaOver } from './horizon.js';
export { normalQuantile } from './normal.js';
export { groupIntoOrders, type DraftOrderGroup, type DraftOrderLine, type OrderableSuggestion } from './orders.js';
export { packQuantity, type PackRule } from './pack.js';
export { DEFAULT_REVIEW_PERIOD_DAYS, DEFAULT_SERVICE_LEVEL, suggestReplenishment, type ReplenishmentInput, type ReplenishmentSuggestion } from './suggest.js';
