/**
 * Step 2's preview: what the server detected in the file's first 256 KB (format, encoding,
 * delimiter, decimal mark, date order — the last two can be corrected) and its first rows, with
 * a column chooser in every header cell showing the detected mapping. Required columns that no
 * header maps to, and columns two headers claim, are called out above the table.
 */
import { useT, type Translate } from '../../app/i18n';
import type { DateOrder, DecimalMark, KindSpec, Mapping, Preview } from './types';

const DATE_ORDERS: DateOrder[] = ['dmy', 'mdy', 'ymd'];
const DECIMALS: DecimalMark[] = ['comma', 'dot'];

function delimiterText(t: Translate, d: string | null): string {
  switch (d) {
    case ',':
      return t('imports.delimiter.comma');
    case ';':
      return t('imports.delimiter.semicolon');
    case '\t':
      return t('imports.delimiter.tab');
    case '|':
      return t('imports.delimiter.pipe');
    default:
      return d ?? '—';
  }
}

export interface PreviewChoices {
  mapping: Mapping;
  dateOrder: DateOrder;
  decimal: DecimalMark;
}

export function PreviewTable({
  preview,
  spec,
  fileName,
  choices,
  onChange,
  missing,
  duplicates,
}: {
  preview: Preview;
  spec: KindSpec;
  fileName: string;
  choices: PreviewChoices;
  onChange: (choices: PreviewChoices) => void;
  missing: string[];
  duplicates: string[];
}) {
  const t = useT();
  const csv = preview.format === 'csv';
  const setColumn = (header: string, column: string) => onChange({ ...choices, mapping: { ...choices.mapping, [header]: column || null } });
  return (
    <div className="imports-preview" data-testid="preview">
      <dl className="imports-detected" data-testid="detected">
        <div>
          <dt>{t('imports.detected.format')}</dt>
          <dd data-testid="detected-format">{preview.format === 'csv' ? 'CSV' : 'Parquet'}</dd>
        </div>
        {csv && (
          <>
            <div>
              <dt>{t('imports.detected.encoding')}</dt>
              <dd data-testid="detected-encoding">{preview.encoding.toUpperCase()}</dd>
            </div>
            <div>
              <dt>{t('imports.detected.delimiter')}</dt>
              <dd data-testid="detected-delimiter">{delimiterText(t, preview.delimiter)}</dd>
            </div>
            <div>
              <dt>
                <label htmlFor="import-decimal">{t('imports.detected.decimal')}</label>
              </dt>
              <dd>
                <select id="import-decimal" value={choices.decimal} onChange={(e) => onChange({ ...choices, decimal: e.target.value as DecimalMark })}>
                  {DECIMALS.map((d) => (
                    <option key={d} value={d}>
                      {t(`imports.decimal.${d}`)}
                    </option>
                  ))}
                </select>
              </dd>
            </div>
            <div>
              <dt>
                <label htmlFor="import-date-order">{t('imports.detected.dateOrder')}</label>
              </dt>
              <dd>
                <select id="import-date-order" value={choices.dateOrder} onChange={(e) => onChange({ ...choices, dateOrder: e.target.value as DateOrder })}>
                  {DATE_ORDERS.map((d) => (
                    <option key={d} value={d}>
                      {t(`imports.dateOrder.${d}`)}
                    </option>
                  ))}
                </select>
              </dd>
            </div>
          </>
        )}
      </dl>

      {missing.length > 0 && (
        <p className="imports-warning" role="alert" data-testid="missing-columns">
          {t('imports.preview.missing', { columns: missing.join(', ') })}
        </p>
      )}
      {duplicates.length > 0 && (
        <p className="imports-warning" role="alert" data-testid="duplicate-columns">
          {t('imports.preview.duplicates', { columns: duplicates.join(', ') })}
        </p>
      )}
      <p className="hint">{t('imports.preview.mappingHint')}</p>

      <div className="table-wrap" role="region" aria-labelledby="imports-preview-caption" tabIndex={0}>
        <table className="imports-preview-table" data-testid="preview-table">
          <caption id="imports-preview-caption" className="imports-caption">
            {t('imports.preview.caption', { count: preview.rows.length, name: fileName })}
          </caption>
          <thead>
            <tr>
              {preview.headers.map((h, i) => {
                const column = choices.mapping[h] ?? '';
                return (
                  <th key={`${i}-${h}`} scope="col" className={column ? '' : 'ignored'} data-header={h}>
                    <span className="imports-header-name">{h}</span>
                    <select
                      aria-label={t('imports.preview.columnFor', { header: h })}
                      value={column}
                      data-testid="mapping-select"
                      className={duplicates.includes(column) ? 'invalid' : ''}
                      onChange={(e) => setColumn(h, e.target.value)}
                    >
                      <option value="">{t('imports.preview.ignore')}</option>
                      {spec.columns.map((c) => (
                        <option key={c.name} value={c.name}>
                          {c.required ? `${c.name} *` : c.name}
                        </option>
                      ))}
                    </select>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                {preview.headers.map((h, i) => (
                  <td key={i} className={choices.mapping[h] ? '' : 'ignored'}>
                    {row[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('imports.preview.requiredMark')}</p>
    </div>
  );
}
