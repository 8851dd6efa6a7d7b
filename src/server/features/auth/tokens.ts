/**
 * Opaque secrets: 256 random bits, base64url. Only SHA-256 of a token is stored (a high-entropy
 * token needs no slow hash). Session tokens and API keys name their tenant in clear, so a token
 * presented on another tenant's host is recognised as foreign without any cross-tenant lookup.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SECRET = '[A-Za-z0-9_-]{43}';
const TENANT = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const SESSION_TOKEN = new RegExp(`^(${TENANT})\\.(${SECRET})$`);
const API_KEY = new RegExp(`^flx\\.(${TENANT})\\.(${SECRET})$`);

/** `<tenant>.<secret>`: a tenant user's session. */
export function newSessionToken(tenantId: string): { token: string; hash: string } {
  const token = `${tenantId}.${randomSecret()}`;
  return { token, hash: sha256(token) };
}

/** `flx.<tenant>.<secret>`: an API key, shown once. */
export function newApiKey(tenantId: string): { key: string; hash: string; prefix: string } {
  const key = `flx.${tenantId}.${randomSecret()}`;
  return { key, hash: sha256(key), prefix: key.slice(0, key.length - 36) };
}

export function sessionTokenTenant(token: string): string | null {
  return SESSION_TOKEN.exec(token)?.[1] ?? null;
}

export function apiKeyTenant(key: string): string | null {
  return API_KEY.exec(key)?.[1] ?? null;
}

/** A token that names no tenant: platform sessions, invitations, impersonation grants. */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomSecret();
  return { token, hash: sha256(token) };
}

export function isOpaqueToken(token: string): boolean {
  return new RegExp(`^${SECRET}$`).test(token);
}
