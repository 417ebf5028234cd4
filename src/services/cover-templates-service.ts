/**
 * Cover page templates. A clinic without a template of its own (or without a default) uses
 * Chartfax's built-in one: the list shows it as a read-only entry with id null, and it is the default
 * whenever no template of the clinic's is. Nothing is inserted lazily, so updating Chartfax updates
 * the built-in cover for every clinic that has not replaced it.
 */
import { COVER_TEMPLATE_VARIABLES, DEFAULT_COVER_TEMPLATE } from '../core/cover-template';
import { FaxError, type FieldErrors } from '../core/errors';
import { grantFor } from '../core/permissions';
import {
  clearDefaultCoverTemplate,
  findCoverTemplate,
  findCoverTemplates,
  insertCoverTemplate,
  updateCoverTemplate,
  type CoverTemplate,
} from '../db/repositories/cover-templates';
import { ensureFaxSettings } from '../db/repositories/fax-settings';
import { validateCoverTemplate } from '../render';
import { requirePermission } from './authorize';
import type { Principal } from './principal';
import type { ServiceDeps } from './service-deps';

export type CoverTemplatesDeps = ServiceDeps;

export const BUILT_IN_TEMPLATE_NAME = 'Chartfax standard cover';
export const MAX_TEMPLATE_SOURCE_CHARS = 20_000;

export function toCoverTemplateDto(t: CoverTemplate) {
  return {
    id: t.id as string | null,
    name: t.name,
    source: t.source,
    isDefault: t.is_default,
    builtIn: false,
    updatedAt: t.updated_at.toISOString() as string | null,
  };
}

function builtInDto(isDefault: boolean) {
  return { id: null, name: BUILT_IN_TEMPLATE_NAME, source: DEFAULT_COVER_TEMPLATE, isDefault, builtIn: true, updatedAt: null };
}

function requireRead(principal: Principal): void {
  if (grantFor(principal.role, 'templates:manage') !== false) return;
  requirePermission(principal, 'faxes:send');
}

const notFound = () => new FaxError('not-found', 'No cover template with this id in your clinic.');

/** Problems with a template's text, as the sentence to show on `source`; null when it is usable. */
async function templateProblem(deps: CoverTemplatesDeps, clinicId: string, source: string): Promise<string | null> {
  if (source.trim() === '') return 'The template is empty.';
  if (source.length > MAX_TEMPLATE_SOURCE_CHARS) return `The template is longer than ${MAX_TEMPLATE_SOURCE_CHARS} characters.`;
  const settings = await ensureFaxSettings(deps.db, clinicId);
  try {
    await validateCoverTemplate(source, { allowPatientFields: settings.cover_patient_fields, paper: settings.paper_size });
    return null;
  } catch (error) {
    if (error instanceof FaxError) return error.userMessage;
    throw error;
  }
}

function checkName(name: string | undefined, fields: FieldErrors): string | undefined {
  if (name === undefined) return undefined;
  const tidy = name.replace(/\s+/g, ' ').trim();
  if (tidy === '') fields.name = 'Give the template a name.';
  else if (tidy.length > 100) fields.name = 'Must be at most 100 characters.';
  return tidy;
}

export async function listCoverTemplates(deps: CoverTemplatesDeps, principal: Principal) {
  requireRead(principal);
  const rows = await findCoverTemplates(deps.db, principal.clinicId);
  const hasDefault = rows.some((t) => t.is_default);
  return {
    templates: [builtInDto(!hasDefault), ...rows.map(toCoverTemplateDto)],
    variables: COVER_TEMPLATE_VARIABLES.map((v) => ({ ...v })),
  };
}

export async function getCoverTemplate(deps: CoverTemplatesDeps, principal: Principal, id: string) {
  requireRead(principal);
  const t = await findCoverTemplate(deps.db, principal.clinicId, id);
  if (!t) throw notFound();
  return toCoverTemplateDto(t);
}

export async function createCoverTemplate(
  deps: CoverTemplatesDeps,
  principal: Principal,
  input: { name: string; source: string; isDefault?: boolean },
) {
  requirePermission(principal, 'templates:manage');
  const fields: FieldErrors = {};
  const name = checkName(input.name, fields)!;
  const problem = await templateProblem(deps, principal.clinicId, input.source);
  if (problem) fields.source = problem;
  if (Object.keys(fields).length > 0)
    throw new FaxError('validation-failed', 'The cover template cannot be saved. Correct it and try again.', { fields });
  const now = deps.clock.now();
  const created = await deps.db.transaction().execute(async (trx) => {
    if (input.isDefault) await clearDefaultCoverTemplate(trx, principal.clinicId, now);
    return insertCoverTemplate(trx, {
      clinic_id: principal.clinicId,
      name,
      source: input.source,
      is_default: input.isDefault ?? false,
      created_at: now,
      updated_at: now,
    });
  });
  return toCoverTemplateDto(created);
}

export async function changeCoverTemplate(
  deps: CoverTemplatesDeps,
  principal: Principal,
  id: string,
  change: { name?: string; source?: string; isDefault?: boolean },
) {
  requirePermission(principal, 'templates:manage');
  const current = await findCoverTemplate(deps.db, principal.clinicId, id);
  if (!current) throw notFound();
  const fields: FieldErrors = {};
  const name = checkName(change.name, fields);
  if (change.source !== undefined) {
    const problem = await templateProblem(deps, principal.clinicId, change.source);
    if (problem) fields.source = problem;
  }
  if (Object.keys(fields).length > 0)
    throw new FaxError('validation-failed', 'The cover template cannot be saved. Correct it and try again.', { fields });
  const now = deps.clock.now();
  const updated = await deps.db.transaction().execute(async (trx) => {
    if (change.isDefault === true && !current.is_default) await clearDefaultCoverTemplate(trx, principal.clinicId, now);
    return updateCoverTemplate(
      trx,
      principal.clinicId,
      id,
      {
        ...(name !== undefined && { name }),
        ...(change.source !== undefined && { source: change.source }),
        ...(change.isDefault !== undefined && { is_default: change.isDefault }),
      },
      now,
    );
  });
  if (!updated) throw notFound();
  return toCoverTemplateDto(updated);
}

/** Archive a template; when it was the default, the built-in cover becomes the default again. */
export async function deleteCoverTemplate(deps: CoverTemplatesDeps, principal: Principal, id: string): Promise<void> {
  requirePermission(principal, 'templates:manage');
  const now = deps.clock.now();
  const updated = await updateCoverTemplate(deps.db, principal.clinicId, id, { archived_at: now, is_default: false }, now);
  if (!updated) throw notFound();
}

/** Check a template without saving it: the problems staff would see on save. */
export async function previewCoverTemplate(deps: CoverTemplatesDeps, principal: Principal, input: { source: string }) {
  requirePermission(principal, 'templates:manage');
  const problem = await templateProblem(deps, principal.clinicId, input.source);
  return { ok: problem === null, problems: problem ? [problem] : [] };
}
