/**
 * What the screens should show, read straight from the test database (not through the API the UI
 * uses), so a wrong filter or a missing row in the UI shows up as a difference.
 */
import { sql } from 'kysely';
import type { TestDatabase } from '../support/database';

export interface DemoPatient {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  chartNumber: string;
}

export interface DemoEntry {
  id: string;
  occurredAt: Date;
  /** YYYY-MM-DD on the clinic's wall clock. */
  localDate: string;
  templateName: string;
  sections: { title: string; text: string }[];
  signed: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Mar 2025" from "2025-03-03". */
export function spellDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export async function clinicTimeZone(database: TestDatabase): Promise<string> {
  const row = await database.db.selectFrom('clinics').select('time_zone').executeTakeFirstOrThrow();
  return row.time_zone;
}

function toPatient(row: { id: string; first_name: string; last_name: string; date_of_birth: unknown; identifiers: unknown }): DemoPatient {
  const identifiers = (typeof row.identifiers === 'string' ? JSON.parse(row.identifiers) : row.identifiers) as {
    system: string;
    value: string;
  }[];
  const dob = row.date_of_birth instanceof Date ? row.date_of_birth.toISOString().slice(0, 10) : String(row.date_of_birth);
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: dob,
    chartNumber: identifiers.find((i) => i.system === 'chart-number')?.value ?? '',
  };
}

/** A patient with a long chart and a treatment plan that has entries: the richest screens to test. */
export async function findPatientWithPlan(
  database: TestDatabase,
): Promise<DemoPatient & { planId: string; planTitle: string; planEntryCount: number }> {
  const row = await sql<{
    id: string;
    first_name: string;
    last_name: string;
    date_of_birth: unknown;
    identifiers: unknown;
    plan_id: string;
    plan_title: string;
    plan_entries: number;
  }>`
    SELECT p.id, p.first_name, p.last_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.identifiers,
           tp.id AS plan_id, tp.title AS plan_title,
           (SELECT count(*)::int FROM chart_entries e WHERE e.treatment_plan_id = tp.id AND e.deleted_at IS NULL) AS plan_entries
    FROM patients p
    JOIN treatment_plans tp ON tp.patient_id = p.id
    WHERE (SELECT count(*) FROM chart_entries e WHERE e.patient_id = p.id AND e.deleted_at IS NULL) BETWEEN 12 AND 45
      AND (SELECT count(*) FROM chart_entries e WHERE e.treatment_plan_id = tp.id AND e.deleted_at IS NULL) >= 3
      AND (SELECT count(*) FROM patients q WHERE q.first_name = p.first_name AND q.last_name = p.last_name) = 1
    ORDER BY p.last_name, p.first_name, tp.start_date
    LIMIT 1`.execute(database.db);
  const found = row.rows[0];
  if (!found) throw new Error('The demo clinic has no patient with a long chart and a treatment plan with entries.');
  return { ...toPatient(found), planId: found.plan_id, planTitle: found.plan_title, planEntryCount: found.plan_entries };
}

export async function findEntries(database: TestDatabase, patientId: string, timeZone: string): Promise<DemoEntry[]> {
  const rows = await database.db
    .selectFrom('chart_entries')
    .select(['id', 'occurred_at', 'template_name', 'sections', 'signed'])
    .where('patient_id', '=', patientId)
    .where('deleted_at', 'is', null)
    .orderBy('occurred_at', 'desc')
    .execute();
  return rows.map((r) => {
    const occurredAt = new Date(r.occurred_at as unknown as string);
    const sections = (typeof r.sections === 'string' ? JSON.parse(r.sections) : r.sections) as DemoEntry['sections'];
    return { id: r.id, occurredAt, localDate: localDate(occurredAt, timeZone), templateName: r.template_name, sections, signed: r.signed };
  });
}

/** Patients the limited practitioner treats, and one they do not. */
export async function findLimitedPractitionerPatients(
  database: TestDatabase,
): Promise<{ treated: DemoPatient[]; notTreated: DemoPatient }> {
  const treated = await sql<{ id: string; first_name: string; last_name: string; date_of_birth: unknown; identifiers: unknown }>`
    SELECT p.id, p.first_name, p.last_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.identifiers
    FROM patients p
    JOIN patient_practitioners pp ON pp.patient_id = p.id
    JOIN staff s ON s.id = pp.staff_id
    WHERE s.email = 'limited@demo.chartfax.test'
    ORDER BY p.last_name, p.first_name`.execute(database.db);
  // Someone with a name no treated patient shares, so searching for it must find nobody.
  const notTreated = await sql<{ id: string; first_name: string; last_name: string; date_of_birth: unknown; identifiers: unknown }>`
    SELECT p.id, p.first_name, p.last_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.identifiers
    FROM patients p
    WHERE NOT EXISTS (
      SELECT 1 FROM patient_practitioners pp JOIN staff s ON s.id = pp.staff_id
      WHERE pp.patient_id = p.id AND s.email = 'limited@demo.chartfax.test')
    AND NOT EXISTS (
      SELECT 1 FROM patients q JOIN patient_practitioners pp ON pp.patient_id = q.id JOIN staff s ON s.id = pp.staff_id
      WHERE s.email = 'limited@demo.chartfax.test' AND (q.last_name = p.last_name OR q.first_name = p.first_name))
    ORDER BY p.last_name, p.first_name
    LIMIT 1`.execute(database.db);
  if (treated.rows.length === 0 || !notTreated.rows[0])
    throw new Error('The demo clinic needs patients both treated and not treated by limited@.');
  return { treated: treated.rows.map(toPatient), notTreated: toPatient(notTreated.rows[0]) };
}
