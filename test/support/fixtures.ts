import argon2 from 'argon2';
import type { Kysely } from 'kysely';
import type { StaffRole } from '../../src/core/permissions';
import type { Database } from '../../src/db/schema';

export const FIXTURE_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

export interface ClinicFixture {
  clinicId: string;
  slug: string;
  staff: Record<StaffRole, { id: string; email: string }>;
  /** Patients: [0] is treated by the limited practitioner, [1] is not. */
  patients: { id: string; firstName: string; lastName: string }[];
  entries: { id: string; patientId: string; occurredAt: string }[];
  planId: string;
  emptyPlanId: string;
}

/**
 * A small clinic with one staff member per role, two patients, a handful of chart entries around a
 * daylight-saving change, and a treatment plan. Deterministic apart from generated ids.
 */
export async function createClinicFixture(db: Kysely<Database>, slug: string, timeZone = 'America/Vancouver'): Promise<ClinicFixture> {
  passwordHash ??= argon2.hash(FIXTURE_PASSWORD);
  const hash = await passwordHash;
  const clinic = await db
    .insertInto('clinics')
    .values({ slug, name: `Clinic ${slug}`, country: 'CA', time_zone: timeZone, phone: '+16045550100', fax_number: '+16045550101' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const roles: StaffRole[] = ['owner', 'admin', 'front-desk', 'practitioner', 'practitioner-limited', 'no-access'];
  const staff = {} as ClinicFixture['staff'];
  for (const role of roles) {
    const email = `${role}@${slug}.test`;
    const row = await db
      .insertInto('staff')
      .values({
        clinic_id: clinic.id,
        email,
        first_name: role,
        last_name: slug,
        role,
        password_hash: hash,
        credentials: role.startsWith('practitioner') ? 'PT' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    staff[role] = { id: row.id, email };
  }
  const patients = [];
  for (const [firstName, lastName, dob] of [
    ['Avery', `Quill-${slug}`, '1980-04-12'],
    ['Jordan', `Marsh-${slug}`, '1975-11-30'],
  ] as const) {
    const row = await db
      .insertInto('patients')
      .values({
        clinic_id: clinic.id,
        first_name: firstName,
        last_name: lastName,
        date_of_birth: dob,
        identifiers: JSON.stringify([{ system: 'chart', value: `${slug}-${firstName}` }]),
        location_id: null,
        email: null,
        phone: null,
        address_line1: null,
        city: null,
        region: null,
        postal_code: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    patients.push({ id: row.id, firstName, lastName });
  }
  await db
    .insertInto('patient_practitioners')
    .values({ clinic_id: clinic.id, patient_id: patients[0]!.id, staff_id: staff['practitioner-limited'].id })
    .execute();
  await db
    .insertInto('patient_practitioners')
    .values({ clinic_id: clinic.id, patient_id: patients[0]!.id, staff_id: staff.practitioner.id })
    .execute();

  const plan = await db
    .insertInto('treatment_plans')
    .values({
      clinic_id: clinic.id,
      patient_id: patients[0]!.id,
      practitioner_id: staff.practitioner.id,
      title: 'Lumbar strain rehabilitation',
      condition: 'Low back pain',
      goals: JSON.stringify(['Return to work', 'Walk 5 km']),
      start_date: '2025-03-01',
      end_date: null,
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const emptyPlan = await db
    .insertInto('treatment_plans')
    .values({
      clinic_id: clinic.id,
      patient_id: patients[0]!.id,
      practitioner_id: staff.practitioner.id,
      title: 'Maintenance care',
      condition: 'Posture',
      goals: JSON.stringify([]),
      start_date: '2025-06-01',
      end_date: null,
      status: 'draft',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Vancouver moves to daylight time on 9 Mar 2025: these instants straddle day boundaries in local time.
  const instants = [
    '2025-03-03T17:30:00Z', // 3 Mar 09:30 PST
    '2025-03-04T07:30:00Z', // 3 Mar 23:30 PST (still the 3rd locally)
    '2025-03-10T06:30:00Z', // 9 Mar 23:30 PDT
    '2025-03-10T07:30:00Z', // 10 Mar 00:30 PDT
    '2025-04-02T16:00:00Z', // 2 Apr 09:00 PDT
  ];
  const entries = [];
  for (const [i, occurredAt] of instants.entries()) {
    const row = await db
      .insertInto('chart_entries')
      .values({
        clinic_id: clinic.id,
        patient_id: patients[0]!.id,
        author_id: staff.practitioner.id,
        occurred_at: occurredAt,
        template_name: i === 0 ? 'Initial Assessment' : 'SOAP Note',
        sections: JSON.stringify([
          { title: 'Subjective', text: `Visit ${i + 1}: patient reports lower back stiffness after lifting.` },
          { title: 'Plan', text: 'Continue home exercises twice daily.' },
        ]),
        signed: i !== instants.length - 1,
        treatment_plan_id: i < 3 ? plan.id : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    entries.push({ id: row.id, patientId: patients[0]!.id, occurredAt });
  }
  return { clinicId: clinic.id, slug, staff, patients, entries, planId: plan.id, emptyPlanId: emptyPlan.id };
}
