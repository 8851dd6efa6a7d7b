/** Days of history a forecasting run reads: a year for the models plus the 8-week backtest. */
export const HISTORY_DAYS = 364 + 56;
