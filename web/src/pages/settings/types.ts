/** What the settings pages read and write, as the API shows it (src/server/features/{users,apikeys,settings}). */
import type { Role } from '../../app/session';

export const ROLE_OPTIONS: readonly Role[] = ['owner', 'manager', 'staff', 'viewer'];

export interface User {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  status: 'active' | 'disabled';
  created_at: string;
  last_login_at: string | null;
}

export interface Invite {
  id: string;
  email: string;
  role: Role;
  invited_by: string;
  created_at: string;
  expires_at: string;
}

export interface CreatedInvite {
  id: string;
  email: string;
  role: Role;
  expires_at: string;
  invite_url: string;
}

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface TenantSettings {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  locale: string;
  features: string[];
  primaryColor: string;
  secondaryColor: string;
  logoUrl: string | null;
  showVenezuelanTaxes: boolean;
  allowImpersonation: boolean;
}

export type SettingsPatch = Partial<Pick<TenantSettings, 'name' | 'primaryColor' | 'secondaryColor' | 'locale' | 'timezone' | 'showVenezuelanTaxes' | 'allowImpersonation'>>;
