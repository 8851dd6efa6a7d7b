/** Insight rules: one pure function per kind of insight, the ABC–XYZ classes, and the ranking. */
export { classifyAbcXyz, coefficientOfVariation, type AbcClass, type AbcXyzInput, type AbcXyzResult, type XyzClass } from './abc-xyz.js';
export { detectAnomaly, robustScale, type AnomalyInput, type AnomalyInsight, type AnomalyNumbers } from './anomalies.js';
export { DEAD_STOCK_DAYS, deadStock, type DeadStockInput, type DeadStockInsight, type DeadStockNumbers } from './dead-stock.js';
export { marginErosion, type DatedValue, type MarginErosionInput, type MarginErosionInsight, type MarginErosionNumbers } from './margin-erosion.js';
export { unitsTimesCents, unitsTimesPrice } from './money.js';
export { outOfStock, type OutOfStockInput, type OutOfStockInsight, type OutOfStockNumbers } from './out-of-stock.js';
export { overstock, type OverstockInput, type OverstockInsight, type OverstockNumbers } from './overstock.js';
export { rankInsights } from './rank.js';
export { willRunOut, type RunOutInput, type RunOutInsight, type RunOutNumbers } from './run-out.js';
export type { Insight, InsightKind, InsightNumbers } from './types.js';
