/**
 * The shape every forecasting model shares. A model is fitted to one daily demand series and
 * returns point forecasts for any horizon. Pure: no I/O, no clocks, deterministic.
 *
 * A series is a plain array of daily values, oldest first. `NaN` marks a day whose demand is
 * unknown: a stock-out day (sales were capped by the stock, so they are censored, not zero) or a
 * day the store was closed. Models skip unknown days when they update their state (the state
 * carries its one-step forecast across them) and leave them out of their fitting error.
 */

export type ModelName = 'seasonal_naive' | 'ses' | 'holt_winters' | 'holt_winters_damped' | 'croston' | 'sba' | 'tsb';

export interface Fit {
  model: ModelName;
  /** The fitted parameters by name (alpha, beta, gamma, phi, …), for storage and display. */
  params: Record<string, number>;
  /** Point forecasts for the next `h` days after the series' last day, never negative. */
  forecast(h: number): number[];
  /** Standard deviation of the in-sample one-step errors over the known days (0 when fewer than 2). */
  sigma: number;
  /** How many in-sample one-step errors `sigma` was computed from. */
  n: number;
}

export interface FitOptions {
  /** Season length in days (default 7: the week). */
  season?: number;
}

/** Fits a model to a series (NaN = unknown day). Must cope with short, all-zero and all-NaN series. */
export type Fitter = (y: readonly number[], options?: FitOptions) => Fit;
