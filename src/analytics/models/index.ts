/**
 * The forecasting models by name. Every one is a `Fitter`: fitted to one daily series (NaN =
 * unknown day), it returns non-negative point forecasts, its parameters and its one-step error
 * scale sigma.
 */
import { croston, sba, tsb } from './croston.js';
import { holtWinters, holtWintersDamped } from './holt-winters.js';
import { seasonalNaive } from './seasonal-naive.js';
import { ses } from './ses.js';
import type { Fitter, ModelName } from './types.js';

export const MODELS: Record<ModelName, Fitter> = {
  seasonal_naive: seasonalNaive,
  ses,
  holt_winters: holtWinters,
  holt_winters_damped: holtWintersDamped,
  croston,
  sba,
  tsb,
};

export { croston, crostonWith, sba, sbaWith, tsb, tsbWith, type CrostonRun, type TsbRun } from './croston.js';
export { holtWinters, holtWintersDamped, holtWintersForecast, holtWintersInit, holtWintersWith, type HoltWintersParams, type HoltWintersRun, type HoltWintersState } from './holt-winters.js';
export { seasonalNaive } from './seasonal-naive.js';
export { ses, sesInitialLevel, sesWith, type SesRun } from './ses.js';
export type { Fit, FitOptions, Fitter, ModelName } from './types.js';
