import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BENCHMARK_PATIENT_ROLE,
  DEMO_IDENTIFIER_SYSTEMS,
  generateDemoClinic,
  type DemoClinicData,
} from '../../src/db/seed/demo-clinic-data';

const E164 = /^\+[1-9]\d{6,14}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ROLES = ['owner', 'admin', 'front-desk', 'practitioner', 'practitioner-limited', 'no-access'] as const;

const demo = generateDemoClinic();

function localParts(instant: string, timeZone: string): { date: string; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')), minute: Number(get('minute')) };
}

function entryCounts(data: DemoClinicData, field: 'patientKey' | 'treatmentPlanKey' | 'authorKey'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of data.chartEntries) {
    const value = entry[field];
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

function benchmarkPatient(data: DemoClinicData) {
  return data.patients.filter((p) =>
    p.identifiers.some((i) => i.system === DEMO_IDENTIFIER_SYSTEMS.demoRole && i.value === BENCHMARK_PATIENT_ROLE),
  );
}

/** Every key is unique and every reference points at something that exists and belongs together. */
function assertConsistent(data: DemoClinicData): void {
  const unique = (keys: string[], what: string) => assert.equal(new Set(keys).size, keys.length, `${what} keys are unique`);
  unique(
    data.locations.map((l) => l.key),
    'location',
  );
  unique(
    data.staff.map((s) => s.key),
    'staff',
  );
  unique(
    data.staff.map((s) => s.email),
    'staff e-mail',
  );
  unique(
    data.patients.map((p) => p.key),
    'patient',
  );
  unique(
    data.treatmentPlans.map((p) => p.key),
    'plan',
  );
  unique(
    data.chartEntries.map((e) => e.key),
    'entry',
  );
  unique(
    data.contacts.map((c) => c.key),
    'contact',
  );

  const locations = new Set(data.locations.map((l) => l.key));
  const staff = new Map(data.staff.map((s) => [s.key, s]));
  const patients = new Map(data.patients.map((p) => [p.key, p]));
  const plans = new Map(data.treatmentPlans.map((p) => [p.key, p]));
  for (const member of data.staff) assert.ok(locations.has(member.locationKey));
  for (const patient of data.patients) {
    assert.ok(locations.has(patient.locationKey));
    for (const key of patient.practitionerKeys) {
      const member = staff.get(key);
      assert.ok(member?.practitioner, `${patient.key} is treated by a practitioner (${key})`);
      assert.notEqual(member.role, 'no-access', 'a former employee is not listed as treating anyone');
    }
  }
  for (const plan of data.treatmentPlans) {
    assert.ok(patients.has(plan.patientKey));
    assert.ok(staff.get(plan.practitionerKey)?.practitioner, 'plans belong to practitioners');
    assert.match(plan.startDate, ISO_DATE);
    if (plan.endDate) assert.ok(plan.endDate >= plan.startDate, `${plan.key} ends after it starts`);
    assert.ok(plan.goals.length > 0 && plan.title && plan.condition);
  }
  for (const entry of data.chartEntries) {
    const patient = patients.get(entry.patientKey);
    const author = staff.get(entry.authorKey);
    assert.ok(patient && author?.practitioner, `${entry.key} has a patient and a practitioner author`);
    if (author.role !== 'no-access') {
      assert.ok(patient.practitionerKeys.includes(entry.authorKey), `${entry.key}: author treats the patient`);
    }
    if (entry.treatmentPlanKey) {
      const plan = plans.get(entry.treatmentPlanKey);
      assert.equal(plan?.patientKey, entry.patientKey, `${entry.key} is linked to a plan of the same patient`);
      assert.notEqual(plan.status, 'draft', 'draft plans have no notes yet');
    }
    assert.ok(entry.sections.length >= 2);
    const titles = entry.sections.map((s) => s.title);
    assert.equal(new Set(titles).size, titles.length, `${entry.key} has no repeated section titles`);
    for (const section of entry.sections) assert.ok(section.title.trim() && section.text.trim(), `${entry.key} has no empty section`);
  }
}

describe('generateDemoClinic (default demo clinic)', () => {
  it('is deterministic: the same options give deep-equal data', () => {
    assert.deepEqual(generateDemoClinic(), demo);
    assert.deepEqual(generateDemoClinic({ seed: 7, patients: 40 }), generateDemoClinic({ seed: 7, patients: 40 }));
  });

  it('changes with the seed', () => {
    const other = generateDemoClinic({ seed: 12345 });
    assert.notDeepEqual(
      other.patients.map((p) => `${p.firstName} ${p.lastName}`),
      demo.patients.map((p) => `${p.firstName} ${p.lastName}`),
    );
    assert.equal(other.clinic.name, demo.clinic.name, 'the seed does not rename the clinic');
  });

  it('describes a fictional Vancouver clinic with two locations and E.164 numbers', () => {
    assert.equal(demo.clinic.name, 'Harbourview Health Collective');
    assert.equal(demo.clinic.city, 'Vancouver');
    assert.equal(demo.clinic.country, 'CA');
    assert.equal(demo.clinic.timeZone, 'America/Vancouver');
    assert.equal(demo.clinic.slug, 'harbourview');
    assert.equal(demo.locations.length, 2);
    for (const number of [demo.clinic.phone, demo.clinic.faxNumber, ...demo.locations.flatMap((l) => [l.phone, l.faxNumber])]) {
      assert.match(number, /^\+1604555017\d$/);
    }
  });

  it('has the five documented sign-ins and staff covering every role', () => {
    const byEmail = new Map(demo.staff.map((s) => [s.email, s]));
    assert.equal(byEmail.get('owner@demo.chartfax.test')?.role, 'owner');
    assert.equal(byEmail.get('admin@demo.chartfax.test')?.role, 'admin');
    assert.equal(byEmail.get('frontdesk@demo.chartfax.test')?.role, 'front-desk');
    const practitioner = byEmail.get('practitioner@demo.chartfax.test');
    assert.equal(practitioner?.role, 'practitioner');
    assert.equal(practitioner?.practitioner?.discipline, 'physiotherapy');
    assert.equal(practitioner?.practitioner?.title, 'Physiotherapist');
    assert.equal(byEmail.get('limited@demo.chartfax.test')?.role, 'practitioner-limited');
    assert.ok(byEmail.get('limited@demo.chartfax.test')?.practitioner);

    assert.ok(demo.staff.length >= 10 && demo.staff.length <= 15);
    for (const role of ROLES)
      assert.ok(
        demo.staff.some((s) => s.role === role),
        `some staff are ${role}`,
      );
    for (const member of demo.staff) assert.match(member.email, /^[a-z0-9.]+@demo\.chartfax\.test$/);
    const disciplines = new Set(demo.staff.flatMap((s) => (s.practitioner ? [s.practitioner.discipline] : [])));
    assert.ok(disciplines.size >= 5, `several disciplines (${[...disciplines].join(', ')})`);
    for (const member of demo.staff.filter((s) => s.practitioner)) {
      assert.match(member.practitioner?.licenseNumber ?? '', /^DEMO-/);
    }
  });

  it('has at least 200 patients, 3,000 chart entries, 40 plans and about 30 contacts', () => {
    assert.ok(demo.patients.length >= 200, `${demo.patients.length} patients`);
    assert.ok(demo.chartEntries.length >= 3000, `${demo.chartEntries.length} entries`);
    assert.ok(demo.treatmentPlans.length >= 40, `${demo.treatmentPlans.length} plans`);
    assert.ok(demo.contacts.length >= 25 && demo.contacts.length <= 35, `${demo.contacts.length} contacts`);
  });

  it('keeps every reference consistent', () => {
    assertConsistent(demo);
  });

  it('has one benchmark patient with at least 500 chart entries', () => {
    const marked = benchmarkPatient(demo);
    assert.equal(marked.length, 1);
    const count = entryCounts(demo, 'patientKey').get(marked[0]?.key ?? '') ?? 0;
    assert.ok(count >= 500, `benchmark patient has ${count} entries`);
  });

  it('gives the limited practitioner a small subset of patients, and notes only for them', () => {
    const limited = demo.staff.find((s) => s.role === 'practitioner-limited');
    assert.ok(limited);
    const theirs = new Set(demo.patients.filter((p) => p.practitionerKeys.includes(limited.key)).map((p) => p.key));
    assert.ok(theirs.size >= 15 && theirs.size <= 25, `${theirs.size} patients`);
    const authored = demo.chartEntries.filter((e) => e.authorKey === limited.key);
    assert.ok(authored.length > 0);
    for (const entry of authored) assert.ok(theirs.has(entry.patientKey));
    const treatedByAnyone = demo.patients.filter((p) => p.practitionerKeys.length > 0).length;
    assert.ok(theirs.size < treatedByAnyone / 5, 'far fewer than the clinic’s patients');
  });

  it('gives patients plausible, clearly fake demographics', () => {
    const ref = '2026-11-01';
    for (const patient of demo.patients) {
      assert.match(patient.dateOfBirth, ISO_DATE);
      assert.ok(patient.dateOfBirth < ref && patient.dateOfBirth > '1925-01-01');
      if (patient.email) assert.match(patient.email, /^[a-z0-9.]+@example\.(com|org|net)$/);
      if (patient.phone) assert.match(patient.phone, E164);
      assert.ok(patient.identifiers.some((i) => i.system === DEMO_IDENTIFIER_SYSTEMS.chartNumber));
      for (const identifier of patient.identifiers) {
        if (identifier.system === DEMO_IDENTIFIER_SYSTEMS.provincialHealthNumber) assert.match(identifier.value, /^DEMO-\d{10}$/);
      }
    }
    const emails = demo.patients.flatMap((p) => (p.email ? [p.email] : []));
    assert.equal(new Set(emails).size, emails.length, 'patient e-mails are unique');
    assert.ok(
      demo.patients.some((p) => p.email === null),
      'some patients have no e-mail',
    );
    assert.ok(
      demo.patients.some((p) => p.practitionerKeys.length === 0),
      'some patients have no practitioner',
    );
    assert.ok(
      demo.patients.some((p) => p.practitionerKeys.length >= 2),
      'some patients see several practitioners',
    );
    const names = demo.patients.map((p) => `${p.firstName} ${p.lastName}`);
    assert.ok(names.includes('Chloé Desrosiers') && names.includes('Zoë Müller'), 'accented names are present');
  });

  it('dates every chart entry as a UTC instant within the two years before the reference date', () => {
    const earliest = Date.parse('2024-11-01T00:00:00-07:00');
    const latest = Date.parse('2026-11-01T00:00:00-07:00');
    let previous = '';
    for (const entry of demo.chartEntries) {
      assert.match(entry.occurredAt, ISO_INSTANT_UTC);
      const ms = Date.parse(entry.occurredAt);
      assert.ok(Number.isFinite(ms));
      assert.equal(new Date(ms).toISOString(), entry.occurredAt, 'a real instant, written canonically');
      assert.ok(ms >= earliest && ms < latest, `${entry.occurredAt} within two years`);
      assert.ok(entry.occurredAt >= previous, 'entries are listed oldest first');
      previous = entry.occurredAt;
    }
    const first = Date.parse(demo.chartEntries[0]?.occurredAt ?? '');
    const last = Date.parse(demo.chartEntries.at(-1)?.occurredAt ?? '');
    assert.ok(last - first > 700 * 86_400_000, 'entries span nearly the whole two years');
  });

  it('places visits in clinic hours on the clinic’s wall clock, in summer and in winter', () => {
    const hours = new Set<number>();
    const months = new Set<string>();
    for (const entry of demo.chartEntries) {
      const local = localParts(entry.occurredAt, demo.clinic.timeZone);
      assert.ok(local.hour >= 8 && local.hour <= 18, `${entry.occurredAt} is ${local.hour}:${local.minute} in Vancouver`);
      assert.equal(local.minute % 15, 0, 'appointments start on the quarter hour');
      hours.add(local.hour);
      months.add(local.date.slice(5, 7));
    }
    // Both edges are used, so an hour's error in the DST offset would push some entries outside 8–18.
    assert.ok(hours.has(8) && hours.has(18));
    assert.ok(months.has('01') && months.has('07'));
  });

  it('uses several templates with ordered sections, and some entries long enough for several fax pages', () => {
    const templates = new Set(demo.chartEntries.map((e) => e.templateName));
    for (const name of [
      'SOAP Note',
      'Initial Assessment',
      'Progress Note',
      'Discharge Summary',
      'Treatment Note',
      'Counselling Session Note',
    ]) {
      assert.ok(templates.has(name), `template ${name} is used`);
    }
    const soap = demo.chartEntries.find((e) => e.templateName === 'SOAP Note');
    assert.deepEqual(
      soap?.sections.map((s) => s.title),
      ['Subjective', 'Objective', 'Assessment', 'Plan'],
    );
    const lengths = demo.chartEntries.map((e) => e.sections.reduce((n, s) => n + s.text.length, 0));
    assert.ok(lengths.filter((n) => n >= 6000).length >= 10, 'a few entries span two or three fax pages');
    assert.ok(lengths.filter((n) => n < 800).length > demo.chartEntries.length / 3, 'most follow-up notes are short');
    const text = demo.chartEntries.map((e) => e.sections.map((s) => s.text).join('\n')).join('\n');
    assert.ok(text.includes('São Paulo') && text.includes('Ångström'), 'accented text appears in notes');
  });

  it('leaves about 5% of entries unsigned, mostly the most recent ones', () => {
    const unsigned = demo.chartEntries.filter((e) => !e.signed);
    const share = unsigned.length / demo.chartEntries.length;
    assert.ok(share >= 0.03 && share <= 0.08, `${(share * 100).toFixed(1)}% unsigned`);
    const lastTenth = demo.chartEntries.slice(Math.floor(demo.chartEntries.length * 0.9));
    const recentUnsigned = lastTenth.filter((e) => !e.signed).length;
    assert.ok(recentUnsigned > unsigned.length * 0.7, 'unsigned notes are mostly recent');
  });

  it('links entries to treatment plans: one plan with at least 30 entries and one with none', () => {
    const perPlan = entryCounts(demo, 'treatmentPlanKey');
    assert.ok([...perPlan.values()].some((n) => n >= 30));
    assert.ok(demo.treatmentPlans.some((p) => !perPlan.has(p.key)));
    const statuses = new Set(demo.treatmentPlans.map((p) => p.status));
    for (const status of ['active', 'completed', 'cancelled', 'draft']) assert.ok(statuses.has(status as never), `a ${status} plan`);
    const linked = demo.chartEntries.filter((e) => e.treatmentPlanKey).length;
    assert.ok(linked > 0 && linked < demo.chartEntries.length, 'some entries belong to plans and some do not');
  });

  it('has an address book whose fax numbers are all in the fictional 555-01xx range', () => {
    const faxes = demo.contacts.map((c) => c.faxNumber);
    assert.equal(faxes.filter((f) => f === null).length, 1, 'one contact has no fax number');
    assert.deepEqual(
      faxes.filter((f) => f === '+16045550150'),
      ['+16045550150'],
      'one contact rings busy',
    );
    const delivering = faxes.filter((f): f is string => f !== null && f !== '+16045550150');
    for (const fax of delivering) assert.match(fax, /^\+160455501[0-4]\d$/);
    assert.equal(new Set(delivering).size, delivering.length, 'fax numbers are distinct');
    for (const contact of demo.contacts) {
      if (contact.phone) assert.match(contact.phone, /^\+1\d{3}55501\d\d$/);
      if (contact.email) assert.match(contact.email, /@example\.(com|org|net)$/);
      if (contact.kind === 'person') assert.ok(contact.firstName && contact.lastName);
      else assert.ok(contact.organization && contact.firstName === null);
    }
    const organizations = demo.contacts.map((c) => c.organization ?? '').join('\n');
    for (const word of ['Family', 'Insurance', 'Compensation', 'LLP']) assert.ok(organizations.includes(word), `a ${word} contact`);
  });
});

describe('generateDemoClinic options', () => {
  it('gives other clinics their own name, slug and e-mail domain so nothing collides', () => {
    const second = generateDemoClinic({ clinicIndex: 1, patients: 30 });
    const third = generateDemoClinic({ clinicIndex: 2, patients: 30 });
    assert.notEqual(second.clinic.name, demo.clinic.name);
    assert.notEqual(second.clinic.slug, demo.clinic.slug);
    assert.notEqual(third.clinic.slug, second.clinic.slug);
    assert.ok(second.staff.some((s) => s.email === 'owner@clinic-2.demo.chartfax.test'));
    assert.ok(third.staff.some((s) => s.email === 'owner@clinic-3.demo.chartfax.test'));
    const emails = new Set(demo.staff.map((s) => s.email));
    for (const member of [...second.staff, ...third.staff]) assert.ok(!emails.has(member.email));
    assertConsistent(second);
    for (const entry of second.chartEntries) {
      const local = localParts(entry.occurredAt, second.clinic.timeZone);
      assert.ok(local.hour >= 8 && local.hour <= 18, `clinic hours in ${second.clinic.timeZone}`);
    }
  });

  it('keeps slugs unique when clinic profiles wrap around', () => {
    const slugs = Array.from({ length: 14 }, (_, i) => generateDemoClinic({ clinicIndex: i, patients: 1 }).clinic);
    assert.equal(new Set(slugs.map((c) => c.slug)).size, 14);
    assert.equal(new Set(slugs.map((c) => c.name)).size, 14);
  });

  it('honours the patient count, keeping the benchmark patient', () => {
    const small = generateDemoClinic({ patients: 12 });
    assert.equal(small.patients.length, 12);
    assert.equal(benchmarkPatient(small).length, 1);
    const limitedPatients = small.patients.filter((p) => p.practitionerKeys.includes('massage-limited')).length;
    assert.ok(limitedPatients >= 1 && limitedPatients <= 3, `${limitedPatients} of 12 patients see the limited practitioner`);
    assertConsistent(small);
  });

  it('moves the two-year window with the reference date', () => {
    const earlier = generateDemoClinic({ referenceDate: '2025-03-15', patients: 40 });
    for (const entry of earlier.chartEntries) {
      const day = localParts(entry.occurredAt, earlier.clinic.timeZone).date;
      assert.ok(day >= '2023-03-15' && day < '2025-03-15', `${day} within the window`);
    }
    for (const plan of earlier.treatmentPlans) assert.ok(plan.startDate >= '2023-03-15' && plan.startDate < '2025-03-15');
  });

  it('rejects options it cannot honour', () => {
    assert.throws(() => generateDemoClinic({ patients: 0 }), RangeError);
    assert.throws(() => generateDemoClinic({ patients: 2.5 }), RangeError);
    assert.throws(() => generateDemoClinic({ clinicIndex: -1 }), RangeError);
    assert.throws(() => generateDemoClinic({ referenceDate: '2026-02-30' }), RangeError);
    assert.throws(() => generateDemoClinic({ referenceDate: '01/11/2026' }), RangeError);
  });
});
