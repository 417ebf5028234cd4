import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Clock } from '../core/clock';
import { FaxError } from '../core/errors';
import type { Executor } from '../db/connection';
import { findApiKeyByPrefix, findApiKeys, insertApiKey, revokeApiKey, touchApiKey } from '../db/repositories/api-keys';
import { deleteSession, extendSession, findLiveSession, insertSession } from '../db/repositories/sessions';
import { findStaff, findStaffByEmail } from '../db/repositories/staff';
import { findClinic } from '../db/repositories/clinics';
import { requirePermission } from './authorize';
import type { Principal } from './principal';

/** Sessions end after this much inactivity. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

export interface AuthDeps {
  db: Executor;
  clock: Clock;
}

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
const randomToken = (bytes: number) => crypto.randomBytes(bytes).toString('base64url');

// Verifying against a fixed hash when the email is unknown keeps both paths equally slow, so response
// times do not reveal which emails have accounts.
let decoyHash: Promise<string> | null = null;
function getDecoyHash(): Promise<string> {
  decoyHash ??= argon2.hash('chartfax-decoy-password');
  return decoyHash;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export interface SignInResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  principal: Principal;
}

export async function signIn(deps: AuthDeps, email: string, password: string): Promise<SignInResult> {
  const staff = await findStaffByEmail(deps.db, email);
  const hash = staff?.password_hash ?? (await getDecoyHash());
  const ok = await argon2.verify(hash, password).catch(() => false);
  if (!staff || !staff.password_hash || !ok) {
    throw new FaxError('unauthenticated', 'The email or password is not right. Check both and try again.');
  }
  if (staff.role === 'no-access') {
    throw new FaxError('forbidden', 'Your account has no access to Chartfax. Ask the clinic’s owner or an admin to give you a role.');
  }
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(deps.clock.now().getTime() + SESSION_IDLE_MS);
  await insertSession(deps.db, { tokenHash: sha256(token), staffId: staff.id, clinicId: staff.clinic_id, csrfToken, expiresAt });
  return {
    token,
    csrfToken,
    expiresAt,
    principal: {
      kind: 'staff',
      clinicId: staff.clinic_id,
      staffId: staff.id,
      apiKeyId: null,
      role: staff.role,
      displayName: `${staff.first_name} ${staff.last_name}`,
    },
  };
}

export interface SessionPrincipal {
  principal: Principal;
  csrfToken: string;
}

/** The principal behind a session cookie, or null when it is unknown or expired. Slides the expiry. */
export async function authenticateSession(deps: AuthDeps, token: string): Promise<SessionPrincipal | null> {
  const now = deps.clock.now();
  const tokenHash = sha256(token);
  const row = await findLiveSession(deps.db, tokenHash, now);
  if (!row || row.role === 'no-access') return null;
  // Extend only when a good part of the window has passed, to avoid a write on every request.
  if (row.expires_at.getTime() - now.getTime() < SESSION_IDLE_MS - 5 * 60 * 1000) {
    await extendSession(deps.db, tokenHash, new Date(now.getTime() + SESSION_IDLE_MS));
  }
  return {
    csrfToken: row.csrf_token,
    principal: {
      kind: 'staff',
      clinicId: row.clinic_id,
      staffId: row.staff_id,
      apiKeyId: null,
      role: row.role,
      displayName: `${row.first_name} ${row.last_name}`,
    },
  };
}

export async function signOut(deps: AuthDeps, token: string): Promise<void> {
  await deleteSession(deps.db, sha256(token));
}

/** The principal behind `Authorization: Bearer cfk_…`, or null. */
export async function authenticateApiKey(deps: AuthDeps, key: string): Promise<Principal | null> {
  // cfk_<prefix>_<secret>: the prefix never holds "_", the secret may.
  const match = /^cfk_([A-Za-z0-9-]{8})_(.+)$/.exec(key);
  if (!match) return null;
  const row = await findApiKeyByPrefix(deps.db, match[1]!);
  if (!row || row.revoked_at) return null;
  const expected = Buffer.from(row.key_hash, 'hex');
  const actual = Buffer.from(sha256(key), 'hex');
  if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) return null;
  const now = deps.clock.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) await touchApiKey(deps.db, row.id, now);
  return {
    kind: 'api-key',
    clinicId: row.clinic_id,
    staffId: null,
    apiKeyId: row.id,
    role: 'api-key',
    displayName: `API key “${row.name}”`,
  };
}

export async function createApiKey(deps: AuthDeps, principal: Principal, name: string) {
  requirePermission(principal, 'api-keys:manage');
  const prefix = randomToken(6).replace(/[-_]/g, 'x');
  const key = `cfk_${prefix}_${randomToken(32)}`;
  const row = await insertApiKey(deps.db, {
    clinicId: principal.clinicId,
    name,
    prefix,
    keyHash: sha256(key),
    createdBy: principal.staffId,
  });
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, key };
}

export async function listApiKeys(deps: AuthDeps, principal: Principal) {
  requirePermission(principal, 'api-keys:manage');
  return findApiKeys(deps.db, principal.clinicId);
}

export async function revokeApiKeyOrThrow(deps: AuthDeps, principal: Principal, id: string): Promise<void> {
  requirePermission(principal, 'api-keys:manage');
  const ok = await revokeApiKey(deps.db, principal.clinicId, id, deps.clock.now());
  if (!ok) throw new FaxError('not-found', 'No active API key with this id.');
}

export async function getMe(deps: AuthDeps, principal: Principal) {
  const clinicRow = await findClinic(deps.db, principal.clinicId);
  if (!clinicRow) throw new FaxError('unauthenticated', 'Your clinic no longer exists. Sign in again.');
  const clinic = { id: clinicRow.id, name: clinicRow.name, timeZone: clinicRow.time_zone, country: clinicRow.country };
  if (principal.kind === 'api-key') {
    return {
      kind: principal.kind,
      clinicId: principal.clinicId,
      clinic,
      role: principal.role,
      displayName: principal.displayName,
      staff: null,
    };
  }
  const staff = await findStaff(deps.db, principal.clinicId, principal.staffId ?? '');
  if (!staff) throw new FaxError('unauthenticated', 'Your account no longer exists. Sign in again.');
  return {
    kind: principal.kind,
    clinicId: principal.clinicId,
    clinic,
    role: principal.role,
    displayName: principal.displayName,
    staff: {
      id: staff.id,
      email: staff.email,
      firstName: staff.first_name,
      lastName: staff.last_name,
      practitionerTitle: staff.practitioner_title,
      credentials: staff.credentials,
    },
  };
}
