/**
 * The one way the SPA talks to the API: same origin, cookies, JSON. Every failure becomes an
 * ApiError carrying the server's error code (translated for the user by `useT().error`).
 */
import { selection } from './tenant';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; query?: Query; raw?: boolean; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // On plain localhost (development) the tenant comes from ?tenant= and travels as a header.
  const sel = selection();
  if (sel.kind === 'tenant' && sel.via !== 'host') headers['x-tenant-id'] = sel.tenantId;
  let body: BodyInit | undefined;
  if (init.body instanceof FormData || init.body instanceof Blob) body = init.body;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, init.query), { method: init.method ?? 'GET', headers, body, credentials: 'same-origin', signal: init.signal });
  } catch (e) {
    // A query TanStack cancelled (superseded search, unmounted page) is not a network failure.
    if (init.signal?.aborted) throw e;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (res.ok) {
    if (init.raw) return res as unknown as T;
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }
  let code = 'http_' + res.status;
  let message = res.statusText;
  try {
    const e = (await res.json()) as { error?: string; message?: string };
    if (e.error) code = e.error;
    if (e.message) message = e.message;
  } catch {
    /* not JSON */
  }
  const retry = Number(res.headers.get('retry-after'));
  throw new ApiError(res.status, code, message, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
