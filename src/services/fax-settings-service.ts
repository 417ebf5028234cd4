/** Clinic-wide fax settings: paper, resolution, international gate, allowance, cover options, retries. */
import { parseCoverTemplate } from '../core/cover-template';
import { FaxError, type FieldErrors } from '../core/errors';
import { grantFor } from '../core/permissions';
import { displayFaxNumber, parseFaxNumber } from '../core/phone-numbers';
import { retryPolicyFromSettings } from '../core/retry-policy';
import { checkRetryPolicySettings, retrySettingsFromPolicy, type RetryPolicySettings } from '../core/retry-settings';
import { findClinic } from '../db/repositories/clinics';
import { findCoverTemplates } from '../db/repositories/cover-templates';
import { ensureFaxSettings, updateFaxSettings } from '../db/repositories/fax-settings';
import type { ClinicFaxSettings, ClinicFaxSettingsTable } from '../db/schema';
import { requirePermission } from './authorize';
import type { Principal } from './principal';
import type { ServiceDeps } from './service-deps';
import type { Updateable } from 'kysely';

export type FaxSettingsDeps = ServiceDeps;

export const MAX_MONTHLY_PAGE_ALLOWANCE = 1_000_000;
export const MAX_OVERAGE_CENTS_PER_PAGE = 10_000;

export interface FaxSettingsChange {
  paperSize?: 'letter' | 'a4';
  resolution?: 'fine' | 'standard';
  internationalEnabled?: boolean;
  monthlyPageAllowance?: number;
  overageCentsPerPage?: number;
  coverPatientFields?: boolean;
  callbackNumber?: string | null;
  /** null restores Chartfax's defaults. */
  retryPolicy?: RetryPolicySettings | null;
}

export function toFaxSettingsDto(s: ClinicFaxSettings) {
  return {
    paperSize: s.paper_size,
    resolution: s.resolution,
    internationalEnabled: s.international_enabled,
    monthlyPageAllowance: s.monthly_page_allowance,
    overageCentsPerPage: s.overage_cents_per_page,
    coverPatientFields: s.cover_patient_fields,
    callbackNumber: s.callback_number,
    callbackNumberDisplay: s.callback_number ? displayFaxNumber(s.callback_number) : null,
    /** The policy in force: the clinic's own, or the defaults. */
    retryPolicy: retrySettingsFromPolicy(retryPolicyFromSettings(s.retry_policy)),
    retryPolicyIsDefault: s.retry_policy === null,
    updatedAt: s.updated_at.toISOString(),
  };
}

/** Staff who send faxes read the settings (paper, allowance); only settings:manage changes them. */
function requireRead(principal: Principal): void {
  if (grantFor(principal.role, 'settings:manage') !== false) return;
  requirePermission(principal, 'faxes:send');
}

export async function getFaxSettings(deps: FaxSettingsDeps, principal: Principal) {
  requireRead(principal);
  return toFaxSettingsDto(await ensureFaxSettings(deps.db, principal.clinicId));
}

export async function changeFaxSettings(deps: FaxSettingsDeps, principal: Principal, change: FaxSettingsChange) {
  requirePermission(principal, 'settings:manage');
  const clinic = await findClinic(deps.db, principal.clinicId);
  if (!clinic) throw new FaxError('not-found', 'Your clinic no longer exists.');
  const fields: FieldErrors = {};
  const values: Updateable<ClinicFaxSettingsTable> = {};
  if (change.paperSize !== undefined) values.paper_size = change.paperSize;
  if (change.resolution !== undefined) values.resolution = change.resolution;
  if (change.internationalEnabled !== undefined) values.international_enabled = change.internationalEnabled;
  if (change.monthlyPageAllowance !== undefined) {
    const v = change.monthlyPageAllowance;
    if (!Number.isInteger(v) || v < 0 || v > MAX_MONTHLY_PAGE_ALLOWANCE)
      fields.monthlyPageAllowance = `Must be a whole number of pages from 0 to ${MAX_MONTHLY_PAGE_ALLOWANCE}.`;
    else values.monthly_page_allowance = v;
  }
  if (change.overageCentsPerPage !== undefined) {
    const v = change.overageCentsPerPage;
    if (!Number.isInteger(v) || v < 0 || v > MAX_OVERAGE_CENTS_PER_PAGE)
      fields.overageCentsPerPage = `Must be a whole number of cents from 0 to ${MAX_OVERAGE_CENTS_PER_PAGE}.`;
    else values.overage_cents_per_page = v;
  }
  if (change.callbackNumber !== undefined) {
    if (change.callbackNumber === null || change.callbackNumber.trim() === '') {
      values.callback_number = null;
    } else {
      const parsed = parseFaxNumber(change.callbackNumber, clinic.country);
      if (parsed.ok) values.callback_number = parsed.e164;
      else fields.callbackNumber = parsed.message.replace(/fax number/g, 'phone number');
    }
  }
  if (change.retryPolicy !== undefined) {
    if (change.retryPolicy === null) values.retry_policy = null;
    else {
      const problems = checkRetryPolicySettings(change.retryPolicy);
      if (Object.keys(problems).length > 0) Object.assign(fields, problems);
      else values.retry_policy = JSON.stringify(change.retryPolicy);
    }
  }
  if (change.coverPatientFields !== undefined) {
    values.cover_patient_fields = change.coverPatientFields;
    if (!change.coverPatientFields) {
      // A template that prints patient details would stop working: say which one to change first.
      const using = (await findCoverTemplates(deps.db, clinic.id)).filter((t) => {
        try {
          parseCoverTemplate(t.source, { allowPatientFields: false });
          return false;
        } catch {
          return true;
        }
      });
      if (using.length > 0) {
        fields.coverPatientFields = `The cover template${using.length > 1 ? 's' : ''} ${using.map((t) => `"${t.name}"`).join(', ')} print${using.length > 1 ? '' : 's'} patient details. Remove those fields from ${using.length > 1 ? 'them' : 'it'} first.`;
      }
    }
  }
  if (Object.keys(fields).length > 0)
    throw new FaxError('validation-failed', 'Some settings are not valid. Correct them and try again.', { fields });
  return toFaxSettingsDto(await updateFaxSettings(deps.db, clinic.id, values, deps.clock.now()));
}
