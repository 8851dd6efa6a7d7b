/**
 * Exchange rates: the official BCV rate (bolívars per US dollar) managers enter each business
 * day, and the list of rates entered. The rate of a day is the latest on or before it, so
 * weekends and holidays use the last business day's rate.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isValidRate } from '../../../../src/shared/exchange';
import { api, type Page } from '../../app/api';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { todayIn, type ExchangeRate } from '../../app/money';
import { useTenant } from '../../app/session';
import { QueryView } from '../../components/State';
import { ActionError, Notice } from './feedback';
import { Pager } from '../../components/Pager';

const LIMIT = 30;

/** "36,5123" or "1.036,51" (typed the Venezuelan way) → "36.5123" / "1036.51". */
export function normaliseRate(input: string): string {
  const s = input.trim().replace(/\s/g, '');
  return s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
}

interface PutRateResult extends ExchangeRate {
  outcome: 'created' | 'replaced' | 'unchanged';
  previous_rate: string | null;
}

function addDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** Rates with 4 to 6 decimals, so 344.842 never reads as a thousands figure. */
function useRateFormat(): (rate: string) => string {
  const { locale } = useFormat();
  const nf = new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 6 });
  return (rate) => nf.format(Number(rate));
}

function RateForm() {
  const t = useT();
  const f = useFormat();
  const rateText = useRateFormat();
  const tenant = useTenant();
  const qc = useQueryClient();
  const today = todayIn(tenant.timezone);
  const [date, setDate] = useState(today);
  const [rate, setRate] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: { currency: 'USD'; date: string; rate: string; source: 'BCV' }) => api<PutRateResult>('/exchange-rates', { method: 'PUT', body }),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['exchange-rates'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      setRate('');
      const vars = { date: f.date(saved.rate_date), rate: rateText(saved.rate), previous: saved.previous_rate ? rateText(saved.previous_rate) : '' };
      setNotice(t(`settings.rates.outcome.${saved.outcome}`, vars));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const value = normaliseRate(rate);
    if (!isValidRate(value) || !date) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    save.mutate({ currency: 'USD', date, rate: value, source: 'BCV' });
  };
  return (
    <form className="card settings-form" onSubmit={submit} data-testid="rate-form" noValidate>
      <h3>{t('settings.rates.formTitle')}</h3>
      <div className="settings-fields">
        <label className="field">
          <span>{t('settings.rates.date')}</span>
          <input type="date" required value={date} max={addDay(today)} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('settings.rates.rate', { currency: tenant.currency })}</span>
          <input
            type="text"
            inputMode="decimal"
            autoComplete="off"
            required
            value={rate}
            placeholder="36,5123"
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? 'rate-invalid' : 'rate-hint'}
            onChange={(e) => setRate(e.target.value)}
          />
        </label>
      </div>
      {invalid && (
        <p id="rate-invalid" className="form-error" role="alert">
          {t('settings.rates.invalid')}
        </p>
      )}
      <p id="rate-hint" className="hint">
        {t('settings.rates.hint')}
        {date && isWeekend(date) ? ` ${t('settings.rates.weekend')}` : ''}
      </p>
      <ActionError error={save.error} />
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? t('settings.saving') : t('settings.rates.submit')}
        </button>
      </div>
      <Notice message={notice} />
    </form>
  );
}

function RatesList() {
  const t = useT();
  const f = useFormat();
  const rateText = useRateFormat();
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    queryKey: ['exchange-rates', 'USD', 'list', offset],
    queryFn: () => api<Page<ExchangeRate>>('/exchange-rates', { query: { currency: 'USD', limit: LIMIT, offset } }),
    placeholderData: (previous) => previous,
  });
  return (
    <section aria-labelledby="rates-list-title">
      <h3 id="rates-list-title">{t('settings.rates.listTitle')}</h3>
      <QueryView query={query} isEmpty={(p) => p.items.length === 0} empty={t('settings.rates.empty')}>
        {(page) => (
          <>
            <div className="table-wrap">
              <table className="cards-on-phone" data-testid="rates-table">
                <caption className="sr-only">{t('settings.rates.listTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('settings.rates.date')}</th>
                    <th scope="col" className="num">
                      {t('settings.rates.rateShort')}
                    </th>
                    <th scope="col">{t('settings.rates.source')}</th>
                    <th scope="col">{t('settings.rates.createdBy')}</th>
                    <th scope="col">{t('settings.rates.createdAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((r) => (
                    <tr key={`${r.currency}-${r.rate_date}`} data-testid="rate-row">
                      <td data-label={t('settings.rates.date')}>{f.date(r.rate_date)}</td>
                      <td className="num" data-label={t('settings.rates.rateShort')}>
                        {rateText(r.rate)}
                      </td>
                      <td data-label={t('settings.rates.source')}>{r.source}</td>
                      <td data-label={t('settings.rates.createdBy')}>{r.created_by ?? '—'}</td>
                      <td data-label={t('settings.rates.createdAt')}>{r.created_at ? f.dateTime(r.created_at) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={setOffset} label={t('settings.rates.pager')} />
          </>
        )}
      </QueryView>
    </section>
  );
}

export default function RatesTab() {
  const t = useT();
  const tenant = useTenant();
  return (
    <section aria-labelledby="settings-tab-title">
      <h2 id="settings-tab-title">{t('settings.rates.title')}</h2>
      {tenant.currency === 'USD' ? (
        <p className="hint" data-testid="rates-usd-note">
          {t('settings.rates.usdNote')}
        </p>
      ) : (
        <>
          <p className="hint">{t('settings.rates.intro', { currency: tenant.currency })}</p>
          <RateForm />
          <RatesList />
        </>
      )}
    </section>
  );
}
