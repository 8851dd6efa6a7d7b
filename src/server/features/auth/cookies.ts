/**
 * Session cookies: HttpOnly, SameSite=Lax, host-only (no Domain attribute, so a cookie set by
 * granja.<domain> is never sent to cliente2.<domain>), `Secure` and the `__Host-` prefix over HTTPS.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../../config.js';

export function sessionCookieName(config: Config): string {
  return config.publicProtocol === 'https' ? '__Host-fluxion_session' : 'fluxion_session';
}

export function adminCookieName(config: Config): string {
  return config.publicProtocol === 'https' ? '__Host-fluxion_admin' : 'fluxion_admin';
}

export function cookieOptions(config: Config, maxAgeSeconds: number): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: config.publicProtocol === 'https', maxAge: maxAgeSeconds };
}
