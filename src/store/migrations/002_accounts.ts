/**
 * Accounts: tenant users and their sessions, API keys, invitations, login throttling and the
 * audit trail; platform admins and their sessions live apart from every tenant.
 * Secrets are never stored: tokens and keys are kept as SHA-256 hashes, passwords as argon2id.
 */
import type { Migration } from './index.js';

export const accounts: Migration = {
  version: 2,
  name: 'accounts',
  up: (d) => [
    `CREATE TABLE users (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      email VARCHAR(254) NOT NULL,
      name VARCHAR(200),
      role VARCHAR(16) NOT NULL CHECK (role IN (${d.list(ROLES)})),
      password_hash VARCHAR(200) NOT NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      last_login_at TIMESTAMPTZ,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, email)
    )`,

    // A session token is `<tenant>.<secret>`; only SHA-256(token) is stored.
    `CREATE TABLE sessions (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      token_hash VARCHAR(64) NOT NULL,
      user_id UUID NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      last_seen_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL,
      ip VARCHAR(64),
      user_agent VARCHAR(300),
      impersonator_id UUID,
      impersonator_email VARCHAR(254),
      impersonation_reason VARCHAR(500),
      PRIMARY KEY (tenant_id, token_hash),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
    )`,
    `CREATE INDEX idx_sessions_tenant_user ON sessions (tenant_id, user_id)`,

    `CREATE TABLE api_keys (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      name VARCHAR(100) NOT NULL,
      prefix VARCHAR(40) NOT NULL,
      key_hash VARCHAR(64) NOT NULL,
      role VARCHAR(16) NOT NULL CHECK (role IN (${d.list(ROLES)})),
      created_by VARCHAR(254) NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      last_used_at TIMESTAMPTZ,
      revoked_at TIMESTAMPTZ,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, key_hash)
    )`,

    `CREATE TABLE invites (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      email VARCHAR(254) NOT NULL,
      role VARCHAR(16) NOT NULL CHECK (role IN (${d.list(ROLES)})),
      token_hash VARCHAR(64) NOT NULL,
      invited_by VARCHAR(254) NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL,
      accepted_at TIMESTAMPTZ,
      revoked_at TIMESTAMPTZ,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, token_hash)
    )`,

    // Failed sign-ins per (tenant, email), whether or not the account exists, so lockout
    // behaves the same for unknown and real accounts.
    `CREATE TABLE login_throttle (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      email VARCHAR(254) NOT NULL,
      window_start TIMESTAMPTZ NOT NULL,
      failures INTEGER NOT NULL,
      locked_until TIMESTAMPTZ,
      PRIMARY KEY (tenant_id, email)
    )`,

    `CREATE TABLE audit_log (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      occurred_at TIMESTAMPTZ NOT NULL,
      actor_type VARCHAR(16) NOT NULL CHECK (actor_type IN ('user', 'apikey', 'admin', 'system', 'anonymous')),
      actor_id VARCHAR(64),
      actor VARCHAR(254) NOT NULL,
      action VARCHAR(64) NOT NULL,
      target_type VARCHAR(32),
      target_id VARCHAR(128),
      ip VARCHAR(64),
      user_agent VARCHAR(300),
      request_id VARCHAR(64),
      details ${d.json},
      PRIMARY KEY (tenant_id, id)
    )`,
    `CREATE INDEX idx_audit_tenant_at ON audit_log (tenant_id, occurred_at)`,

    // The platform: admins, their sessions and their own trail. No tenant_id: not tenant data.
    `CREATE TABLE platform_admins (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      email VARCHAR(254) NOT NULL UNIQUE,
      name VARCHAR(200),
      password_hash VARCHAR(200) NOT NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      last_login_at TIMESTAMPTZ
    )`,
    `CREATE TABLE platform_sessions (
      token_hash VARCHAR(64) PRIMARY KEY,
      admin_id UUID NOT NULL REFERENCES platform_admins (id),
      created_at TIMESTAMPTZ NOT NULL,
      last_seen_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL,
      ip VARCHAR(64),
      user_agent VARCHAR(300)
    )`,
    `CREATE TABLE platform_login_throttle (
      email VARCHAR(254) PRIMARY KEY,
      window_start TIMESTAMPTZ NOT NULL,
      failures INTEGER NOT NULL,
      locked_until TIMESTAMPTZ
    )`,
    // Single-use, short-lived tokens that turn an admin's impersonation request into a session
    // on the tenant's own host (cookies are host-only, so the admin host cannot set it).
    `CREATE TABLE impersonation_grants (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      token_hash VARCHAR(64) NOT NULL,
      user_id UUID NOT NULL,
      admin_id UUID NOT NULL REFERENCES platform_admins (id),
      admin_email VARCHAR(254) NOT NULL,
      reason VARCHAR(500) NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL,
      used_at TIMESTAMPTZ,
      PRIMARY KEY (tenant_id, token_hash)
    )`,
    `CREATE TABLE platform_audit_log (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      occurred_at TIMESTAMPTZ NOT NULL,
      actor_type VARCHAR(16) NOT NULL,
      actor_id VARCHAR(64),
      actor VARCHAR(254) NOT NULL,
      action VARCHAR(64) NOT NULL,
      subject_tenant VARCHAR(63),
      target_type VARCHAR(32),
      target_id VARCHAR(128),
      ip VARCHAR(64),
      user_agent VARCHAR(300),
      request_id VARCHAR(64),
      details ${d.json}
    )`,
    `CREATE INDEX idx_platform_audit_at ON platform_audit_log (occurred_at)`,
  ],
};

export const ROLES = ['owner', 'manager', 'staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
