/** The period (presets or custom dates) and store filter shared by the dashboard and the sales report. */
import { useId } from 'react';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { PRESETS, type PeriodControl, type Preset } from './period';
import { useStores } from './stats';

export function PeriodFilter({ period }: { period: PeriodControl }) {
  const t = useT();
  const f = useFormat();
  const stores = useStores();
  const id = useId();
  return (
    <form className="toolbar period-filter" role="search" aria-label={t('dashboard.filters')} onSubmit={(e) => e.preventDefault()}>
      <label className="field" htmlFor={`${id}-preset`}>
        <span>{t('dashboard.period')}</span>
        <select id={`${id}-preset`} value={period.preset} onChange={(e) => period.setPreset(e.target.value as Preset)} data-testid="period-preset">
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`dashboard.preset.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {period.preset === 'custom' && (
        <>
          <label className="field" htmlFor={`${id}-from`}>
            <span>{t('dashboard.from')}</span>
            <input
              id={`${id}-from`}
              type="date"
              value={period.from}
              max={period.to}
              onChange={(e) => e.target.value && period.setDates(e.target.value, period.to)}
              data-testid="period-from"
            />
          </label>
          <label className="field" htmlFor={`${id}-to`}>
            <span>{t('dashboard.to')}</span>
            <input
              id={`${id}-to`}
              type="date"
              value={period.to}
              min={period.from}
              onChange={(e) => e.target.value && period.setDates(period.from, e.target.value)}
              data-testid="period-to"
            />
          </label>
        </>
      )}
      <label className="field" htmlFor={`${id}-store`}>
        <span>{t('dashboard.store')}</span>
        <select id={`${id}-store`} value={period.storeId} onChange={(e) => period.setStore(e.target.value)} data-testid="store-filter">
          <option value="">{t('dashboard.allStores')}</option>
          {(stores.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
          {/* A store id from a shared link, before the list has loaded. */}
          {period.storeId && !stores.data?.some((s) => s.id === period.storeId) && <option value={period.storeId}>{t('dashboard.oneStore')}</option>}
        </select>
      </label>
      {period.tooLong ? (
        <p className="form-error period-range" role="alert" data-testid="period-error">
          {t('dashboard.tooLong')}
        </p>
      ) : (
        <p className="hint period-range" aria-live="polite">
          {t('dashboard.range', { from: f.date(period.from), to: f.date(period.to) })}
        </p>
      )}
    </form>
  );
}
