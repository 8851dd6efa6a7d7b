/**
 * Closed error codes, mapped to HTTP statuses in one place. Every error body is
 * `{ error, message, requestId }`; 5xx bodies never carry internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { constraintViolation, storageFull, type ConstraintKind } from '../store/errors.js';

export const ERROR_STATUS = {
  // 400
  bad_request: 400,
  validation_error: 400,
  invalid_json: 400,
  invalid_host: 400,
  invalid_tenant_id: 400,
  tenant_required: 400,
  tenant_conflict: 400,
  grant_invalid: 400,
  grant_used: 400,
  grant_expired: 400,
  /** A destructive request whose typed confirmation (the tenant id) does not match. */
  confirmation_mismatch: 400,
  /** An uploaded data file with no bytes or no rows. */
  empty_file: 400,
  /** A data file whose first row names none of the columns its kind needs. */
  no_header: 400,
  /** A data file whose header belongs to another import kind (details.looks_like says which). */
  wrong_kind: 400,
  // 401 / 403 / 404
  unauthenticated: 401,
  forbidden: 403,
  tenant_suspended: 403,
  tenant_inactive: 403,
  feature_disabled: 403,
  impersonation_refused: 403,
  not_found: 404,
  tenant_not_found: 404,
  method_not_allowed: 405,
  // 409 and friends
  conflict: 409,
  insufficient_stock: 409,
  invalid_state: 409,
  already_exists: 409,
  /** No forecasting run has finished for the tenant yet. */
  forecast_pending: 409,
  /** An invitation link that is unknown, used, revoked or expired (details.reason says which). */
  invite_invalid: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  // 5xx
  internal_error: 500,
  service_unavailable: 503,
  insufficient_storage: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string, id?: string) =>
  new AppError('not_found', id === undefined ? `${what} not found.` : `${what} '${id.slice(0, 80)}' not found.`);

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  requestId: string;
  details?: Record<string, unknown>;
}

/** Fastify's own error codes for bad requests, translated to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_MAX_PARAM_LENGTH: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

function validationMessage(err: FastifyError): string {
  const first = err.validation?.[0];
  if (!first) return err.message;
  const where = err.validationContext ?? 'request';
  const field = first.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'additionalProperties') {
    return `Unknown field '${String(params.additionalProperty)}' in ${where}.`;
  }
  if (first.keyword === 'required') {
    const missing = String(params.missingProperty);
    return `Missing required field '${field ? `${field}.` : ''}${missing}' in ${where}.`;
  }
  return `${where}${field ? `.${field}` : ''} ${first.message ?? 'is invalid'}.`;
}

const CONSTRAINT_ERRORS: Record<ConstraintKind, { code: ErrorCode; message: string }> = {
  unique: { code: 'conflict', message: 'A record with the same identifying value already exists; it may have been created at the same moment.' },
  foreign_key: { code: 'conflict', message: 'The change refers to a record that does not exist, or removes one that other records still refer to.' },
  check: { code: 'validation_error', message: 'A value is outside the range this field allows.' },
  not_null: { code: 'validation_error', message: 'A required value is missing.' },
};

export function toErrorBody(err: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: err.code, message: err.message, requestId };
    if (err.details) body.details = err.details;
    return { status: err.status, body };
  }
  const fe = err as FastifyError;
  if (fe && Array.isArray(fe.validation)) {
    return { status: 400, body: { error: 'validation_error', message: validationMessage(fe), requestId } };
  }
  const mapped = fe?.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) {
    const message =
      mapped === 'invalid_json'
        ? 'The request body is not valid JSON.'
        : mapped === 'payload_too_large'
          ? 'The request body is larger than the server accepts.'
          : mapped === 'unsupported_media_type'
            ? 'Unsupported Content-Type: send application/json.'
            : 'The request is malformed.';
    return { status: ERROR_STATUS[mapped], body: { error: mapped, message, requestId } };
  }
  const constraint = constraintViolation(err);
  if (constraint) {
    // The database's own message may quote another tenant's key values: never sent.
    const { code, message } = CONSTRAINT_ERRORS[constraint];
    return { status: ERROR_STATUS[code], body: { error: code, message, requestId } };
  }
  if (storageFull(err)) {
    const message = "The server's storage is full: nothing of this request was saved. Reading works; try the change again later.";
    return { status: ERROR_STATUS.insufficient_storage, body: { error: 'insufficient_storage', message, requestId } };
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { error: 'bad_request', message: 'The request is malformed.', requestId } };
  }
  return {
    status: 500,
    body: { error: 'internal_error', message: 'Something went wrong on our side. Quote the request id when reporting it.', requestId },
  };
}

export function sendError(reply: FastifyReply, request: FastifyRequest, err: unknown): FastifyReply {
  const { status, body } = toErrorBody(err, String(request.id));
  const retryAfter = err instanceof AppError ? err.details?.retryAfter : undefined;
  if (status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  if (status >= 500 && !(err instanceof AppError)) request.log.error({ err }, 'request failed');
  else if (status >= 500) request.log.warn({ code: body.error, status }, body.message);
  else if (constraintViolation(err)) request.log.warn({ err, code: body.error, status }, 'constraint violation reached the error handler');
  else request.log.info({ code: body.error, status }, body.message);
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => sendError(reply, request, err));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, request, new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}.`)),
  );
}
