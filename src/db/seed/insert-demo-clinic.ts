import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { DemoClinicData } from './demo-clinic-data';

const BATCH = 500;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Write a generated demo clinic in one transaction: either the whole clinic exists or none of it.
 * `passwordHash` is the argon2 hash of the demo password, computed once by the caller.
 */
export async function insertDemoClinic(db: Kysely<Database>, data: DemoClinicData, passwordHash: string): Promise<{ clinicId: string }> {
  return db.transaction().execute(async (trx) => {
    const c = data.clinic;
    const clinic = await trx
      .insertInto('clinics')
      .values({
        slug: c.slug,
        name: c.name,
        address_line1: c.addressLine1,
        city: c.city,
        region: c.region,
        postal_code: c.postalCode,
        country: c.country,
        phone: c.phone,
        fax_number: c.faxNumber,
        time_zone: c.timeZone,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const clinicId = clinic.id;

    const locationIds = new Map<string, string>();
    for (const l of data.locations) {
      const row = await trx
        .insertInto('locations')
        .values({
          clinic_id: clinicId,
          name: l.name,
          address_line1: l.addressLine1,
          city: l.city,
          region: l.region,
          postal_code: l.postalCode,
          phone: l.phone,
          fax_number: l.faxNumber,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      locationIds.set(l.key, row.id);
    }

    const staffIds = new Map<string, string>();
    for (const s of data.staff) {
      const row = await trx
        .insertInto('staff')
        .values({
          clinic_id: clinicId,
          email: s.email,
          first_name: s.firstName,
          last_name: s.lastName,
          role: s.role,
          location_id: locationIds.get(s.locationKey) ?? null,
          password_hash: passwordHash,
          practitioner_title: s.practitioner?.title ?? null,
          credentials: s.practitioner?.credentials ?? null,
          license_number: s.practitioner?.licenseNumber ?? null,
          discipline: s.practitioner?.discipline ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      staffIds.set(s.key, row.id);
    }

    const patientIds = new Map<string, string>();
    await insertInBatches(data.patients, async (batch) => {
      const rows = await trx
        .insertInto('patients')
        .values(
          batch.map((p) => ({
            clinic_id: clinicId,
            first_name: p.firstName,
            last_name: p.lastName,
            date_of_birth: p.dateOfBirth,
            sex: p.sex,
            email: p.email,
            phone: p.phone,
            address_line1: p.addressLine1,
            city: p.city,
            region: p.region,
            postal_code: p.postalCode,
            identifiers: JSON.stringify(p.identifiers),
            location_id: locationIds.get(p.locationKey) ?? null,
          })),
        )
        .returning('id')
        .execute();
      batch.forEach((p, i) => patientIds.set(p.key, rows[i]!.id));
    });
    const links = data.patients.flatMap((p) =>
      p.practitionerKeys.map((k) => ({ clinic_id: clinicId, patient_id: patientIds.get(p.key)!, staff_id: staffIds.get(k)! })),
    );
    await insertInBatches(links, (batch) => trx.insertInto('patient_practitioners').values(batch).execute());

    const planIds = new Map<string, string>();
    await insertInBatches(data.treatmentPlans, async (batch) => {
      const rows = await trx
        .insertInto('treatment_plans')
        .values(
          batch.map((t) => ({
            clinic_id: clinicId,
            patient_id: patientIds.get(t.patientKey)!,
            practitioner_id: staffIds.get(t.practitionerKey)!,
            title: t.title,
            condition: t.condition,
            goals: JSON.stringify(t.goals),
            start_date: t.startDate,
            end_date: t.endDate,
            status: t.status,
          })),
        )
        .returning('id')
        .execute();
      batch.forEach((t, i) => planIds.set(t.key, rows[i]!.id));
    });

    await insertInBatches(data.chartEntries, (batch) =>
      trx
        .insertInto('chart_entries')
        .values(
          batch.map((e) => ({
            clinic_id: clinicId,
            patient_id: patientIds.get(e.patientKey)!,
            author_id: staffIds.get(e.authorKey)!,
            occurred_at: e.occurredAt,
            template_name: e.templateName,
            sections: JSON.stringify(e.sections),
            signed: e.signed,
            treatment_plan_id: e.treatmentPlanKey ? planIds.get(e.treatmentPlanKey)! : null,
          })),
        )
        .execute(),
    );
    await insertInBatches(data.contacts, (batch) =>
      trx
        .insertInto('contacts')
        .values(
          batch.map((c) => ({
            clinic_id: clinicId,
            kind: c.kind,
            first_name: c.firstName,
            last_name: c.lastName,
            organization: c.organization,
            fax_number: c.faxNumber,
            phone: c.phone,
            email: c.email,
          })),
        )
        .execute(),
    );
    return { clinicId };
  });
}
