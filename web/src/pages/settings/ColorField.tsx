/** A colour picker with its hex value beside it, for keyboard users and exact brand colours. */
import { useId } from 'react';
import { isHexColor } from '../../../../src/shared/colors';
import { useT } from '../../app/i18n';

export function ColorField({ label, value, fallback, onChange, name }: { label: string; value: string; fallback: string; onChange: (v: string) => void; name: string }) {
  const t = useT();
  const id = useId();
  const valid = isHexColor(value);
  return (
    <fieldset className="settings-color">
      <legend>{label}</legend>
      <div className="settings-color-row">
        <label className="sr-only" htmlFor={`${id}-picker`}>
          {t('settings.branding.picker', { label })}
        </label>
        <input id={`${id}-picker`} type="color" value={valid ? value.toLowerCase() : fallback} onChange={(e) => onChange(e.target.value)} data-testid={`${name}-picker`} />
        <label className="field">
          <span>{t('settings.branding.hex')}</span>
          <input
            type="text"
            value={value}
            maxLength={7}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!valid || undefined}
            aria-describedby={valid ? undefined : `${id}-error`}
            onChange={(e) => onChange(e.target.value.trim())}
            data-testid={`${name}-hex`}
          />
        </label>
      </div>
      {!valid && (
        <p id={`${id}-error`} className="form-error" role="alert">
          {t('settings.branding.hexInvalid')}
        </p>
      )}
    </fieldset>
  );
}
