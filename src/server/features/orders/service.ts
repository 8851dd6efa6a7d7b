/**
 * Purchase orders: draft → submitted → received, or cancelled before receipt.
 *
 * Each transition is one transaction whose status check is the UPDATE's own condition, so two
 * concurrent receipts of one order cannot both add stock. Receipts change stock only through
 * applyStockChange, so every unit received is in the ledger with the order as its reference.
 */
import type { TenantDb } from '../../../store/types.js';
import { isUniqueViolation } from '../../../store/errors.js';
import { fromCents, lineTotalCents, money, toCents } from '../../../shared/money.js';
import { AppError, notFound } from '../../errors.js';
import type { PageOf } from '../../http/schemas.js';
import type { TenantContext } from '../tenants/schema.js';
import type { Auditor } from '../audit/writer.js';
import { applyStockChange } from '../inventory/ledger.js';
import { startOfDay } from '../../../shared/dates.js';
import * as repo from './repository.js';
import {
  MAX_RECEIPT_FACTOR,
  orderReference,
  type CreateOrderBody,
  type OrderDetail,
  type OrderListQuery,
  type OrderStatus,
  type OrderSummary,
  type ReceiveOrderBody,
} from './schema.js';

/** inventory.unit_cost is DECIMAL(10,2); a receipt copies the line's cost there. */
const MAX_UNIT_COST_CENTS = 9_999_999_999n;
/** orders.total is DECIMAL(18,2). */
const MAX_TOTAL_CENTS = 999_999_999_999_999_999n;
/** Dates a list filter accepts: wide enough for any real history, narrow enough to stay valid instants everywhere. */
const FIRST_DAY = '1900-01-01';
const LAST_DAY = '2999-12-31';
/** Attempts at a new order number when another process took the same one (PostgreSQL). */
const NUMBER_ATTEMPTS = 3;

export async function listOrders(tenant: TenantContext, db: TenantDb, q: OrderListQuery): Promise<PageOf<OrderSummary>> {
  return repo.listOrders(db, { ...orderFilter(tenant, q), limit: q.limit, offset: q.offset });
}

/** Every order the list shows for `q` (refused as the list refuses it), a page at a time: the export. */
export function orderPages(tenant: TenantContext, db: TenantDb, q: Omit<OrderListQuery, 'limit' | 'offset'>, pageSize: number): AsyncGenerator<OrderSummary[]> {
  return repo.orderPages(db, orderFilter(tenant, q), pageSize);
}

function orderFilter(tenant: TenantContext, q: Omit<OrderListQuery, 'limit' | 'offset'>): repo.OrderFilter {
  for (const [name, value] of [['from', q.from], ['to', q.to]] as const) {
    if (value !== undefined && (value < FIRST_DAY || value > LAST_DAY)) {
      throw new AppError('validation_error', `querystring.${name} must be a date between ${FIRST_DAY} and ${LAST_DAY}.`);
    }
  }
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    throw new AppError('validation_error', `querystring.from (${q.from}) is after querystring.to (${q.to}).`);
  }
  const zone = tenant.settings.timezone;
  return {
    status: q.status,
    supplierId: q.supplier_id,
    storeId: q.store_id,
    createdFrom: q.from === undefined ? undefined : startOfDay(q.from, zone),
    createdBefore: q.to === undefined ? undefined : startOfDay(q.to, zone, 1),
  };
}

export async function getOrder(db: TenantDb, id: string): Promise<OrderDetail> {
  const order = await repo.findOrder(db, id);
  if (!order) throw notFound('Order', id);
  return { ...order, lines: await repo.findOrderLines(db, id) };
}

export async function createOrder(tenant: TenantContext, db: TenantDb, body: CreateOrderBody, actor: string, record: Auditor): Promise<OrderDetail> {
  // UUIDs that differ only in case name the same product; compare them the way the database does.
  const productIds = body.lines.map((l) => l.product_id.toLowerCase());
  const seen = new Set<string>();
  productIds.forEach((pid, i) => {
    if (seen.has(pid)) {
      throw new AppError('validation_error', `body.lines[${i}]: product '${pid}' is already on another line; order each product once.`);
    }
    seen.add(pid);
  });

  for (let attempt = 1; ; attempt++) {
    try {
      return await db.tx(async (tx) => {
        if (!(await repo.supplierExists(tx, body.supplier_id))) throw notFound('Supplier', body.supplier_id);
        if (!(await repo.storeExists(tx, body.store_id))) throw notFound('Store', body.store_id);
        const costs = await repo.productCosts(tx, productIds);
        const missing = productIds.find((pid) => !costs.has(pid));
        if (missing !== undefined) throw notFound('Product', missing);

        let totalCents = 0n;
        const lines = body.lines.map((l, i) => {
          const productId = productIds[i]!;
          const unitCost = money(l.unit_cost ?? costs.get(productId));
          if (toCents(unitCost) > MAX_UNIT_COST_CENTS) {
            throw new AppError('unprocessable', `Product '${productId}' costs ${unitCost}, above the ${fromCents(MAX_UNIT_COST_CENTS)} a unit cost may be; give unit_cost for it.`);
          }
          totalCents += lineTotalCents(l.quantity, unitCost);
          return { line: i + 1, productId, quantity: l.quantity, unitCost };
        });
        if (totalCents > MAX_TOTAL_CENTS) {
          throw new AppError('unprocessable', `The order total ${fromCents(totalCents)} is larger than an order may be; split it into several orders.`);
        }

        // One number at a time per tenant, across processes too.
        await tx.lock('order-number');
        const id = await repo.insertOrder(tx, {
          number: await repo.nextOrderNumber(tx),
          supplierId: body.supplier_id,
          storeId: body.store_id,
          currency: tenant.settings.currency,
          total: fromCents(totalCents),
          expectedDate: body.expected_date ?? null,
          notes: body.notes ?? null,
          createdBy: actor,
          lines,
        });
        const order = await getOrder(tx, id);
        await record(tx, {
          action: 'order.created',
          targetType: 'order',
          targetId: id,
          details: { number: order.number, supplier_id: order.supplier.id, store_id: order.store.id, lines: lines.length, total: order.total, currency: order.currency },
        });
        return order;
      });
    } catch (err) {
      // Writes are serialised per process on DuckDB; on PostgreSQL two processes can read the same max(number).
      if (attempt < NUMBER_ATTEMPTS && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

type Action = 'submit' | 'receive' | 'cancel';

const AUDIT_ACTIONS: Record<Action, string> = { submit: 'order.submitted', receive: 'order.received', cancel: 'order.cancelled' };

const TRANSITIONS: Record<Action, { from: readonly [OrderStatus, ...OrderStatus[]]; to: OrderStatus; rule: string }> = {
  submit: { from: ['draft'], to: 'submitted', rule: 'only draft orders can be submitted' },
  receive: { from: ['submitted'], to: 'received', rule: 'only submitted orders can be received' },
  cancel: { from: ['draft', 'submitted'], to: 'cancelled', rule: 'only draft or submitted orders can be cancelled' },
};

/** Apply `action` inside `tx` and return the order as it now is, or explain why it cannot take it. */
async function transition(tx: TenantDb, id: string, action: Action, record: Auditor): Promise<repo.OrderState> {
  const t = TRANSITIONS[action];
  const before = await repo.orderState(tx, id);
  const moved = await repo.transitionOrder(tx, id, t.from, t.to);
  const current = await repo.orderState(tx, id);
  if (!current) throw notFound('Order', id);
  if (!moved) {
    throw new AppError('invalid_state', `Order ${orderReference(current.number)} is ${current.status}; ${t.rule}.`, { status: current.status });
  }
  await record(tx, { action: AUDIT_ACTIONS[action], targetType: 'order', targetId: current.id, details: { number: current.number, from: before?.status ?? null, to: t.to } });
  return current;
}

export async function submitOrder(db: TenantDb, id: string, record: Auditor): Promise<OrderDetail> {
  return db.tx(async (tx) => {
    await transition(tx, id, 'submit', record);
    return getOrder(tx, id);
  });
}

export async function cancelOrder(db: TenantDb, id: string, record: Auditor): Promise<OrderDetail> {
  return db.tx(async (tx) => {
    await transition(tx, id, 'cancel', record);
    return getOrder(tx, id);
  });
}

/**
 * Receive a submitted order: each line's arrived quantity (as ordered unless the body says
 * otherwise) is added to the store's stock with a 'receipt' movement, and the stock's unit cost
 * becomes the line's cost.
 */
export async function receiveOrder(db: TenantDb, id: string, body: ReceiveOrderBody | undefined, actor: string, record: Auditor): Promise<OrderDetail> {
  const reported = new Map<number, number>();
  for (const l of body?.lines ?? []) {
    if (reported.has(l.line)) throw new AppError('validation_error', `body.lines: line ${l.line} is listed twice.`);
    reported.set(l.line, l.quantity);
  }

  return db.tx(async (tx) => {
    const order = await transition(tx, id, 'receive', record);
    const reference = orderReference(order.number);
    const lines = await repo.receiptLines(tx, id);
    const known = new Set(lines.map((l) => l.line));
    for (const line of reported.keys()) {
      if (!known.has(line)) throw new AppError('validation_error', `Order ${reference} has no line ${line}.`);
    }
    for (const l of lines) {
      const arrived = reported.get(l.line) ?? l.quantity;
      if (arrived > l.quantity * MAX_RECEIPT_FACTOR) {
        throw new AppError(
          'validation_error',
          `Line ${l.line} of ${reference}: ${arrived} received, but at most ${l.quantity * MAX_RECEIPT_FACTOR} (${MAX_RECEIPT_FACTOR}× the ${l.quantity} ordered) can be recorded.`,
        );
      }
      await repo.setReceivedQuantity(tx, id, l.line, arrived);
      if (arrived === 0) continue;
      await applyStockChange(tx, {
        storeId: order.storeId,
        productId: l.productId,
        delta: arrived,
        reason: 'receipt',
        actor,
        refType: 'order',
        refId: order.id,
        note: `${reference} line ${l.line}`,
        createIfMissing: true,
      });
      await repo.setInventoryUnitCost(tx, order.storeId, l.productId, l.unitCost);
    }
    return getOrder(tx, id);
  });
}
