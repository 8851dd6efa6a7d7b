/**
 * The stock adjustment dialog: a count (the new quantity) or a change (+/- units), a reason from
 * the ones the API accepts, and a note. The quantity on hand is re-read when the dialog opens so
 * a count is turned into the right change.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/State';
import { INVENTORY_KEY, useAdjustStock } from './queries';
import { ADJUSTMENT_REASONS, MAX_ADJUSTMENT, REMOVAL_REASONS, type AdjustmentReason, type AdjustmentResult, type InventoryItem } from './types';
import type { MessageKey } from '../../i18n';
import { useRestoreFocus } from './useRestoreFocus';

type Mode = 'set' | 'delta';

/** The change an entry asks for, or the reason it cannot be made (a message key). */
export function plannedDelta(mode: Mode, entry: string, current: number, reason: AdjustmentReason): { delta: number } | { problem: MessageKey } {
  const text = entry.trim();
  if (!/^[+-]?\d+$/.test(text)) return { problem: 'inventory.adjust.error.number' };
  const n = Number(text);
  if (mode === 'set' && n < 0) return { problem: 'inventory.adjust.error.negative' };
  const delta = mode === 'set' ? n - current : n;
  if (delta === 0) return { problem: 'inventory.adjust.error.zero' };
  if (Math.abs(delta) > MAX_ADJUSTMENT) return { problem: 'inventory.adjust.error.tooLarge' };
  if (current + delta < 0) return { problem: 'inventory.adjust.error.negative' };
  if (delta > 0 && REMOVAL_REASONS.has(reason)) return { problem: 'inventory.adjust.error.removal' };
  return { delta };
}

export function AdjustDialog({ item, onClose, onDone }: { item: InventoryItem; onClose: () => void; onDone: (r: AdjustmentResult) => void }) {
  useRestoreFocus();
  const t = useT();
  const f = useFormat();
  const id = useId();
  // The freshest quantity on hand: the row may be a few seconds old.
  const fresh = useQuery({
    queryKey: [...INVENTORY_KEY, 'item', item.id],
    queryFn: () => api<InventoryItem>(`/inventory/${item.id}`),
    initialData: item,
    initialDataUpdatedAt: 0,
  });
  const current = fresh.data.quantity;
  const [mode, setMode] = useState<Mode>('set');
  const [entry, setEntry] = useState('');
  const [reason, setReason] = useState<AdjustmentReason>('count');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const adjust = useAdjustStock();
  // The dialog opens (showModal, in a child effect) first; then the quantity takes the focus.
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const plan = plannedDelta(mode, entry, current, reason);
  const showProblem = 'problem' in plan && (tried || entry.trim() !== '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!('delta' in plan) || adjust.isPending) return;
    adjust.mutate(
      { store_id: item.store.id, product_id: item.product.id, delta: plan.delta, reason, note: note.trim() || undefined },
      { onSuccess: (result) => onDone(result) },
    );
  };

  const signed = (n: number) => (n > 0 ? `+${f.number(n)}` : f.number(n));

  return (
    <Dialog title={t('inventory.adjust.title')} open onClose={onClose}>
      <form onSubmit={submit} data-testid="adjust-dialog" noValidate>
        <p className="adjust-item">
          <strong>{t('inventory.adjust.item', { product: item.product.name, sku: item.product.sku, store: item.store.name })}</strong>
          <br />
          <span data-testid="adjust-current">{t('inventory.adjust.current', { quantity: f.number(current) })}</span>
        </p>
        <fieldset className="field radio-group">
          <legend>{t('inventory.adjust.mode')}</legend>
          <label>
            <input type="radio" name={`${id}-mode`} value="set" checked={mode === 'set'} onChange={() => setMode('set')} data-testid="adjust-mode-set" />{' '}
            {t('inventory.adjust.mode.set')}
          </label>
          <label>
            <input type="radio" name={`${id}-mode`} value="delta" checked={mode === 'delta'} onChange={() => setMode('delta')} data-testid="adjust-mode-delta" />{' '}
            {t('inventory.adjust.mode.delta')}
          </label>
        </fieldset>
        <label className="field">
          <span>{mode === 'set' ? t('inventory.adjust.newQuantity') : t('inventory.adjust.delta')}</span>
          <input
            name="quantity"
            type="text"
            inputMode={mode === 'set' ? 'numeric' : 'text'}
            autoComplete="off"
            required
            ref={input}
            value={entry}
            onChange={(e) => setEntry(e.target.value)}
            aria-invalid={showProblem || undefined}
            aria-describedby={`${id}-preview`}
            data-testid="adjust-quantity"
          />
          {mode === 'delta' && <span className="hint">{t('inventory.adjust.deltaHint')}</span>}
        </label>
        <label className="field">
          <span>{t('inventory.adjust.reason')}</span>
          <select name="reason" value={reason} onChange={(e) => setReason(e.target.value as AdjustmentReason)} data-testid="adjust-reason">
            {ADJUSTMENT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`inventory.reason.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('inventory.adjust.note')}</span>
          <textarea name="note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="adjust-note" />
        </label>
        <p id={`${id}-preview`} className={showProblem ? 'form-error' : 'hint'} aria-live="polite">
          {'delta' in plan
            ? t('inventory.adjust.preview', { quantity: f.number(current + plan.delta), delta: signed(plan.delta) })
            : showProblem
              ? t(plan.problem, { max: f.number(MAX_ADJUSTMENT) })
              : ''}
        </p>
        <FormError error={adjust.error} />
        <div className="btn-row dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={adjust.isPending} data-testid="adjust-submit">
            {adjust.isPending ? t('inventory.adjust.busy') : t('inventory.adjust.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
