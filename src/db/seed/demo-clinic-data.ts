/**
 * The synthetic demo clinic: staff for every role, a few hundred patients, two years of chart entries,
 * treatment plans and an address book. Pure and deterministic (same options, same data): the seed
 * script inserts it, tests and benchmarks rely on its shape, screenshots on its exact content.
 * Everyone in it is invented; every fax number is in the fictional NXX-555-01XX range.
 */
import {
  CLINIC_PROFILES,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  NEUTRAL_FIRST_NAMES,
  ACCENTED_PATIENTS,
  ORG_PLACE_WORDS,
  PATIENT_EMAIL_DOMAINS,
  STREET_KINDS,
  STREET_NAMES,
} from './demo-names';
import type { ClinicProfile } from './demo-names';
import { conditionsFor } from './demo-conditions';
import type { DemoCondition, DemoDiscipline, Funder } from './demo-conditions';
import { createDemoRandom, hashLabel } from './demo-random';
import type { DemoRandom } from './demo-random';
import { createDemoCase, describePlan, templateFor, writeEntrySections } from './demo-text';
import type { DemoCase, DemoCasePatient, VisitKind } from './demo-text';
import { addIsoDays, createZonedClock, daysBetween, isoWeekday } from './demo-time';
import type { ZonedClock } from './demo-time';

export type DemoStaffRole = 'owner' | 'admin' | 'front-desk' | 'practitioner' | 'practitioner-limited' | 'no-access';
export type DemoSex = 'female' | 'male' | 'other' | 'unknown';
export type DemoPlanStatus = 'active' | 'completed' | 'cancelled' | 'draft';

export interface DemoClinicData {
  clinic: {
    name: string;
    addressLine1: string;
    city: string;
    region: string;
    postalCode: string;
    country: 'CA' | 'US';
    /** E.164. */
    phone: string;
    /** E.164. */
    faxNumber: string;
    timeZone: string;
    slug: string;
  };
  locations: {
    key: string;
    name: string;
    addressLine1: string;
    city: string;
    region: string;
    postalCode: string;
    phone: string;
    faxNumber: string;
  }[];
  staff: {
    key: string;
    firstName: string;
    lastName: string;
    email: string;
    role: DemoStaffRole;
    locationKey: string;
    practitioner: null | { title: string; credentials: string; licenseNumber: string; discipline: string };
  }[];
  patients: {
    key: string;
    firstName: string;
    lastName: string;
    /** YYYY-MM-DD. */
    dateOfBirth: string;
    sex: DemoSex;
    email: string | null;
    phone: string | null;
    addressLine1: string | null;
    city: string | null;
    region: string | null;
    postalCode: string | null;
    identifiers: { system: string; value: string }[];
    /** Current practitioners who treat this patient (a former employee's old notes are not listed here). */
    practitionerKeys: string[];
    locationKey: string;
  }[];
  treatmentPlans: {
    key: string;
    patientKey: string;
    practitionerKey: string;
    title: string;
    condition: string;
    goals: string[];
    startDate: string;
    endDate: string | null;
    status: DemoPlanStatus;
  }[];
  chartEntries: {
    key: string;
    patientKey: string;
    authorKey: string;
    /** ISO 8601 instant in UTC ('Z'), during the clinic's opening hours in its own zone. */
    occurredAt: string;
    templateName: string;
    sections: { title: string; text: string }[];
    signed: boolean;
    treatmentPlanKey: string | null;
  }[];
  contacts: {
    key: string;
    kind: 'person' | 'organization';
    firstName: string | null;
    lastName: string | null;
    organization: string | null;
    faxNumber: string | null;
    phone: string | null;
    email: string | null;
  }[];
}

export interface DemoClinicOptions {
  /** Changes every random choice; the default gives the documented demo clinic. */
  seed?: number;
  /** Number of patients (default 220). */
  patients?: number;
  /** 0 is the demo clinic; 1, 2… are extra clinics for load tests, with their own names and e-mail domains. */
  clinicIndex?: number;
  /** YYYY-MM-DD; chart entries fall in the two years before this day (default '2026-11-01'). */
  referenceDate?: string;
}

export const DEFAULT_DEMO_SEED = 20261101;
export const DEFAULT_DEMO_PATIENTS = 220;
export const DEFAULT_DEMO_REFERENCE_DATE = '2026-11-01';

/** Identifier systems used on demo patients. */
export const DEMO_IDENTIFIER_SYSTEMS = {
  chartNumber: 'chart-number',
  /** Canadian clinics; values start with "DEMO-" so nobody mistakes them for real health numbers. */
  provincialHealthNumber: 'provincial-health-number',
  /** US clinics; same "DEMO-" prefix. */
  insuranceMemberId: 'insurance-member-id',
  /** Marks patients that tests and benchmarks look up, e.g. value 'benchmark-patient'. */
  demoRole: 'demo-role',
} as const;

export const BENCHMARK_PATIENT_ROLE = 'benchmark-patient';

/** E-mail domain of a demo clinic's staff: demo.chartfax.test, then clinic-2.demo.chartfax.test, … */
export function demoEmailDomain(clinicIndex: number): string {
  return clinicIndex === 0 ? 'demo.chartfax.test' : `clinic-${clinicIndex + 1}.demo.chartfax.test`;
}

// ---------------------------------------------------------------------------------------------------
// Staff

interface StaffSpec {
  key: string;
  /** Fixed local part for the documented sign-ins; null → first.last. */
  emailLocal: string | null;
  role: DemoStaffRole;
  location: 0 | 1;
  discipline: DemoDiscipline | null;
  /** Writes long notes more often. */
  verbose: boolean;
  /** Relative share of new patients. */
  caseload: number;
}

const STAFF_SPECS: readonly StaffSpec[] = [
  { key: 'owner', emailLocal: 'owner', role: 'owner', location: 0, discipline: null, verbose: false, caseload: 0 },
  { key: 'admin', emailLocal: 'admin', role: 'admin', location: 0, discipline: null, verbose: false, caseload: 0 },
  { key: 'front-desk', emailLocal: 'frontdesk', role: 'front-desk', location: 0, discipline: null, verbose: false, caseload: 0 },
  {
    key: 'physio',
    emailLocal: 'practitioner',
    role: 'practitioner',
    location: 0,
    discipline: 'physiotherapy',
    verbose: true,
    caseload: 10,
  },
  {
    key: 'massage-limited',
    emailLocal: 'limited',
    role: 'practitioner-limited',
    location: 1,
    discipline: 'massage-therapy',
    verbose: false,
    caseload: 0,
  },
  { key: 'physio-2', emailLocal: null, role: 'practitioner', location: 1, discipline: 'physiotherapy', verbose: false, caseload: 7 },
  { key: 'chiro', emailLocal: null, role: 'practitioner', location: 0, discipline: 'chiropractic', verbose: false, caseload: 6 },
  { key: 'counsellor', emailLocal: null, role: 'practitioner', location: 1, discipline: 'counselling', verbose: true, caseload: 5 },
  { key: 'naturopath', emailLocal: null, role: 'practitioner', location: 0, discipline: 'naturopathy', verbose: false, caseload: 3 },
  { key: 'kinesiologist', emailLocal: null, role: 'practitioner', location: 0, discipline: 'kinesiology', verbose: false, caseload: 4 },
  { key: 'front-desk-2', emailLocal: null, role: 'front-desk', location: 1, discipline: null, verbose: false, caseload: 0 },
  { key: 'former-physio', emailLocal: null, role: 'no-access', location: 1, discipline: 'physiotherapy', verbose: false, caseload: 0 },
];

/** Days after the start of the two-year window on which the former employee left. */
const FORMER_EMPLOYEE_LEFT_AFTER_DAYS = 280;

const PROFESSIONS: Record<DemoDiscipline, { CA: [string, string]; US: [string, string]; code: string }> = {
  physiotherapy: { CA: ['Physiotherapist', 'PT, MScPT'], US: ['Physical Therapist', 'PT, DPT'], code: 'PT' },
  chiropractic: { CA: ['Chiropractor', 'DC'], US: ['Chiropractor', 'DC'], code: 'DC' },
  'massage-therapy': { CA: ['Registered Massage Therapist', 'RMT'], US: ['Licensed Massage Therapist', 'LMT'], code: 'MT' },
  kinesiology: { CA: ['Kinesiologist', 'BKin, CEP'], US: ['Exercise Physiologist', 'MS, CEP'], code: 'KIN' },
  counselling: { CA: ['Registered Clinical Counsellor', 'MA, RCC'], US: ['Licensed Professional Counselor', 'MA, LPC'], code: 'CC' },
  naturopathy: { CA: ['Naturopathic Doctor', 'ND'], US: ['Naturopathic Doctor', 'ND'], code: 'ND' },
};

// ---------------------------------------------------------------------------------------------------
// Small helpers

/** Lower-case ASCII for e-mail local parts ("Zoë Müller" → "zoe.muller"). */
function asciiSlug(text: string): string {
  return text
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** A fictional NANP number, +1 NPA 555 01XX. */
function fictionalNumber(areaCode: string, lastTwo: number): string {
  return `+1${areaCode}55501${twoDigits(lastTwo)}`;
}

function postalCode(rng: DemoRandom, profile: ClinicProfile): string {
  const prefix = rng.pick(profile.postalPrefixes);
  if (profile.country === 'US') return `${prefix}${twoDigits(rng.int(1, 99))}`;
  const letters = 'ABCEGHJKLMNPRSTVWXYZ';
  return `${prefix} ${rng.int(0, 9)}${letters.charAt(rng.int(0, letters.length - 1))}${rng.int(0, 9)}`;
}

function streetAddress(rng: DemoRandom): string {
  const unit = rng.chance(0.25) ? `${rng.int(101, 2408)}-` : '';
  return `${unit}${rng.int(100, 9999)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_KINDS)}`;
}

function twoYearsBefore(referenceDate: string): string {
  const [y, m, d] = referenceDate.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - 2).padStart(4, '0')}-${twoDigits(m)}-${twoDigits(day)}`;
}

function ageOn(dateOfBirth: string, isoDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function isRealDate(isoDate: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return false;
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2200;
}

function validateOptions(options: DemoClinicOptions): Required<DemoClinicOptions> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const patients = options.patients ?? DEFAULT_DEMO_PATIENTS;
  const clinicIndex = options.clinicIndex ?? 0;
  const referenceDate = options.referenceDate ?? DEFAULT_DEMO_REFERENCE_DATE;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`Demo seed must be an integer, got ${seed}.`);
  if (!Number.isInteger(patients) || patients < 1 || patients > 100_000) {
    throw new RangeError(`Demo patient count must be an integer from 1 to 100000, got ${patients}.`);
  }
  if (!Number.isInteger(clinicIndex) || clinicIndex < 0 || clinicIndex > 9_999) {
    throw new RangeError(`Demo clinic index must be an integer from 0 to 9999, got ${clinicIndex}.`);
  }
  if (!isRealDate(referenceDate))
    throw new RangeError(`Demo reference date must be a real date written YYYY-MM-DD, got "${referenceDate}".`);
  return { seed, patients, clinicIndex, referenceDate };
}

// ---------------------------------------------------------------------------------------------------
// Episodes of care

interface PendingEntry {
  patientKey: string;
  authorKey: string;
  occurredAt: string;
  templateName: string;
  sections: { title: string; text: string }[];
  treatmentPlanKey: string | null;
}

interface EpisodeRequest {
  patientKey: string;
  patient: DemoCasePatient;
  staff: StaffRuntime;
  condition: DemoCondition;
  startDate: string;
  visits: number;
  /** Days between visits, early in the episode and late in it. */
  spacing: readonly [number, number];
  /** Last day on which this author may chart (exclusive), e.g. the day a former employee left. */
  lastDay: string;
  referrer: string | null;
  funderNames: Record<Funder, string>;
  forcePlan: boolean;
  /** Chance that a finished episode ends with a discharge summary. */
  dischargeChance: number;
}

interface StaffRuntime {
  spec: StaffSpec;
  name: string;
  title: string;
  credentials: string;
}

interface GeneratorState {
  rng: DemoRandom;
  textRng: DemoRandom;
  clock: ZonedClock;
  referenceDate: string;
  entries: PendingEntry[];
  plans: DemoClinicData['treatmentPlans'];
}

/** Moves visits off Sundays (and most Saturdays) to the next Monday. */
function clinicDay(rng: DemoRandom, isoDate: string): string {
  const weekday = isoWeekday(isoDate);
  if (weekday === 0) return addIsoDays(isoDate, 1);
  if (weekday === 6 && rng.chance(0.7)) return addIsoDays(isoDate, 2);
  return isoDate;
}

function appointmentTime(rng: DemoRandom, isoDate: string): [number, number] {
  const saturday = isoWeekday(isoDate) === 6;
  const hour = saturday
    ? rng.int(9, 13)
    : rng.weighted([
        [8, 2],
        [9, 3],
        [10, 3],
        [11, 3],
        [12, 2],
        [13, 3],
        [14, 3],
        [15, 3],
        [16, 3],
        [17, 3],
        [18, 2],
      ]);
  return [hour, rng.pick([0, 15, 30, 45])];
}

function visitMinutes(rng: DemoRandom, discipline: DemoDiscipline, kind: VisitKind): number {
  if (discipline === 'counselling') return kind === 'initial' ? 60 : 50;
  if (discipline === 'massage-therapy') return rng.pick([45, 60, 60, 75, 90]);
  if (discipline === 'chiropractic') return kind === 'initial' ? 45 : 15;
  if (discipline === 'naturopathy') return kind === 'initial' ? 75 : 30;
  return kind === 'initial' ? 60 : rng.pick([30, 45]);
}

/** Generates the visits, notes and (maybe) the treatment plan for one episode of care. */
function runEpisode(state: GeneratorState, request: EpisodeRequest): number {
  const { rng, textRng, clock } = state;
  const discipline = request.staff.spec.discipline;
  if (!discipline) return 0;
  const demoCase: DemoCase = createDemoCase(textRng, {
    discipline,
    condition: request.condition,
    patient: request.patient,
    startDate: request.startDate,
    referrer: request.referrer,
    funderNames: request.funderNames,
    verbose: request.staff.spec.verbose ? rng.chance(0.6) : rng.chance(0.12),
  });

  const dates: string[] = [];
  let day = clinicDay(rng, request.startDate);
  for (let i = 0; i < request.visits; i++) {
    if (day >= request.lastDay || day >= state.referenceDate) break;
    dates.push(day);
    const t = request.visits > 1 ? i / (request.visits - 1) : 1;
    const gap = Math.max(1, Math.round(request.spacing[0] + (request.spacing[1] - request.spacing[0]) * t + rng.int(-1, 2)));
    let next = clinicDay(rng, addIsoDays(day, gap));
    if (next <= day) next = addIsoDays(day, 1);
    day = next;
  }
  if (dates.length === 0) return 0;
  const finished = dates.length === request.visits;
  const discharged = finished && dates.length >= 3 && rng.chance(request.dischargeChance);
  const lastDate = dates[dates.length - 1] as string;

  let planKey: string | null = null;
  const wantsPlan =
    request.forcePlan ||
    request.visits >= 10 ||
    demoCase.funder === 'motor-vehicle' ||
    demoCase.funder === 'workers-compensation' ||
    rng.chance(0.3);
  if (wantsPlan && dates.length >= 2) {
    planKey = `plan-${String(state.plans.length + 1).padStart(3, '0')}`;
    const plan = describePlan(demoCase);
    const recentlySeen = daysBetween(lastDate, state.referenceDate) <= 45 && request.lastDay >= state.referenceDate;
    const status: DemoPlanStatus = discharged
      ? 'completed'
      : !finished && recentlySeen
        ? 'active'
        : finished && rng.chance(0.5)
          ? 'completed'
          : 'cancelled';
    const plannedEnd = addIsoDays(dates[0] as string, Math.round(request.visits * ((request.spacing[0] + request.spacing[1]) / 2)));
    state.plans.push({
      key: planKey,
      patientKey: request.patientKey,
      practitionerKey: request.staff.spec.key,
      title: plan.title,
      condition: plan.condition,
      goals: plan.goals,
      startDate: dates[0] as string,
      endDate: status === 'active' ? (rng.chance(0.7) ? plannedEnd : null) : lastDate,
      status,
    });
  }

  const reportAt =
    dates.length >= 8 &&
    discipline !== 'naturopathy' &&
    (demoCase.funder === 'motor-vehicle' || demoCase.funder === 'workers-compensation' || rng.chance(0.12))
      ? Math.floor(dates.length * 0.6)
      : -1;
  const progressEvery = discipline === 'counselling' ? 8 : discipline === 'massage-therapy' ? 10 : 6;
  let written = 0;
  dates.forEach((date, index) => {
    const kind: VisitKind =
      index === 0
        ? 'initial'
        : discharged && index === dates.length - 1
          ? 'discharge'
          : index % progressEvery === 0
            ? 'progress'
            : 'follow-up';
    const visit = {
      kind,
      number: index + 1,
      progress: request.visits > 1 ? index / (request.visits - 1) : 1,
      date,
      priorDates: dates.slice(0, index + 1),
      author: { name: request.staff.name, title: request.staff.title, credentials: request.staff.credentials },
      minutes: visitMinutes(rng, discipline, kind),
    };
    const [hour, minute] = appointmentTime(rng, date);
    state.entries.push({
      patientKey: request.patientKey,
      authorKey: request.staff.spec.key,
      occurredAt: clock.toUtcIso(date, hour, minute),
      templateName: templateFor(discipline, kind),
      sections: writeEntrySections(textRng, demoCase, visit),
      treatmentPlanKey: planKey,
    });
    written++;
    if (index === reportAt) {
      // Reports are written after the visit, at the desk, within a few days.
      const reportDate = clinicDay(rng, addIsoDays(date, rng.int(1, 4)));
      if (reportDate < state.referenceDate && reportDate < request.lastDay) {
        state.entries.push({
          patientKey: request.patientKey,
          authorKey: request.staff.spec.key,
          occurredAt: clock.toUtcIso(reportDate, rng.pick([12, 17]), rng.pick([0, 15, 30, 45])),
          templateName: templateFor(discipline, 'report'),
          sections: writeEntrySections(textRng, demoCase, { ...visit, kind: 'report', date: reportDate }),
          treatmentPlanKey: planKey,
        });
        written++;
      }
    }
  });
  return written;
}

function spacingFor(discipline: DemoDiscipline): [number, number] {
  switch (discipline) {
    case 'counselling':
      return [7, 14];
    case 'naturopathy':
      return [21, 42];
    case 'massage-therapy':
      return [10, 28];
    case 'chiropractic':
      return [4, 14];
    default:
      return [5, 16];
  }
}

function pickCondition(rng: DemoRandom, discipline: DemoDiscipline, patient: DemoCasePatient): DemoCondition | null {
  const fitting = conditionsFor(discipline).filter(
    (c) => patient.age >= c.minAge && (c.kind !== 'naturopathy' || c.sexes === null || c.sexes.includes(patient.sex)),
  );
  return fitting.length > 0 ? rng.pick(fitting) : null;
}

// ---------------------------------------------------------------------------------------------------
// The generator

/**
 * Builds the demo clinic. With no options this is the documented "Harbourview Health Collective" in
 * Vancouver; `clinicIndex` > 0 gives other clinics (other names, slugs, zones and e-mail domains) for
 * multi-clinic load tests. Throws RangeError for options out of range.
 */
export function generateDemoClinic(options: DemoClinicOptions = {}): DemoClinicData {
  const { seed, patients: patientCount, clinicIndex, referenceDate } = validateOptions(options);
  const root = createDemoRandom(hashLabel(`chartfax-demo:${seed}:${clinicIndex}`));
  const profileBase = CLINIC_PROFILES[clinicIndex % CLINIC_PROFILES.length] as ClinicProfile;
  const lap = Math.floor(clinicIndex / CLINIC_PROFILES.length);
  const profile: ClinicProfile = lap === 0 ? profileBase : { ...profileBase, name: `${profileBase.name} ${lap + 1}` };
  const slug = clinicIndex === 0 ? profile.slug : `${profile.slug}-${clinicIndex + 1}`;
  const emailDomain = demoEmailDomain(clinicIndex);
  const areaCode = profile.areaCodes[0] as string;
  const windowStart = twoYearsBefore(referenceDate);
  const windowDays = daysBetween(windowStart, referenceDate);

  // Clinic and locations use 555-0170…0175 so they never collide with address-book fax numbers.
  const addressRng = root.fork('addresses');
  const clinic: DemoClinicData['clinic'] = {
    name: profile.name,
    addressLine1: profile.addressLine1,
    city: profile.city,
    region: profile.region,
    postalCode: postalCode(addressRng, profile),
    country: profile.country,
    phone: fictionalNumber(areaCode, 70),
    faxNumber: fictionalNumber(areaCode, 71),
    timeZone: profile.timeZone,
    slug,
  };
  const locations: DemoClinicData['locations'] = profile.locationNames.map((name, index) => ({
    key: index === 0 ? 'main' : 'second',
    name,
    addressLine1: profile.locationStreets[index] as string,
    city: profile.city,
    region: profile.region,
    postalCode: index === 0 ? clinic.postalCode : postalCode(addressRng, profile),
    phone: fictionalNumber(areaCode, 72 + index * 2),
    faxNumber: fictionalNumber(areaCode, 73 + index * 2),
  }));
  const locationKey = (index: 0 | 1): string => (locations[index] as { key: string }).key;

  // Staff
  const staffRng = root.fork('staff');
  const usedEmails = new Set<string>();
  const staffRuntime: StaffRuntime[] = [];
  const staff: DemoClinicData['staff'] = STAFF_SPECS.map((spec) => {
    const sexPick = staffRng.chance(0.6) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
    const firstName = staffRng.pick(sexPick);
    const lastName = staffRng.pick(LAST_NAMES);
    let local = spec.emailLocal ?? `${asciiSlug(firstName)}.${asciiSlug(lastName)}`;
    for (let n = 2; usedEmails.has(local) || (!spec.emailLocal && STAFF_SPECS.some((s) => s.emailLocal === local)); n++) {
      local = `${asciiSlug(firstName)}.${asciiSlug(lastName)}${n}`;
    }
    usedEmails.add(local);
    const profession = spec.discipline ? PROFESSIONS[spec.discipline] : null;
    const [title, credentials] = profession ? profession[profile.country] : ['', ''];
    staffRuntime.push({ spec, name: `${firstName} ${lastName}`, title, credentials });
    return {
      key: spec.key,
      firstName,
      lastName,
      email: `${local}@${emailDomain}`,
      role: spec.role,
      locationKey: locationKey(spec.location),
      practitioner:
        profession && spec.discipline
          ? {
              title,
              credentials,
              licenseNumber: `DEMO-${profession.code}-${staffRng.int(10000, 99999)}`,
              discipline: spec.discipline,
            }
          : null,
    };
  });
  const staffByKey = new Map(staffRuntime.map((s) => [s.spec.key, s]));
  const getStaff = (key: string): StaffRuntime => staffByKey.get(key) as StaffRuntime;

  // Address book
  const contacts = buildContacts(root.fork('contacts'), profile, areaCode);
  const physicians = contacts.filter((c) => c.role === 'family-physician');
  const specialists = contacts.filter((c) => c.role === 'specialist');
  const benefitInsurers = contacts.filter((c) => c.role === 'insurer');
  const motorInsurer = contacts.find((c) => c.role === 'motor-insurer');
  const board = contacts.find((c) => c.role === 'board');
  const lawFirms = contacts.filter((c) => c.role === 'lawyer');

  // Patients
  const patientRng = root.fork('patients');
  const benchmarkIndex = patientRng.int(0, patientCount - 1);
  const otherIndexes = Array.from({ length: patientCount }, (_, i) => i).filter((i) => i !== benchmarkIndex);
  const accentedIndexes = patientRng.sample(otherIndexes, Math.min(ACCENTED_PATIENTS.length, otherIndexes.length));
  // About 8.5% of patients, 15–25 in a clinic of the default size, proportionally fewer in small ones.
  const limitedCount = Math.min(
    otherIndexes.length,
    Math.max(Math.min(15, Math.ceil(patientCount / 10)), Math.min(25, Math.round(patientCount * 0.085))),
  );
  const limitedIndexes = new Set(patientRng.sample(otherIndexes, limitedCount));
  const usedPatientEmails = new Set<string>();
  const chartPrefix = profile.name
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w.charAt(0))
    .join('')
    .slice(0, 3);
  const caseloadStaff = staffRuntime.filter((s) => s.spec.caseload > 0);

  const patients: DemoClinicData['patients'] = [];
  const patientCases: {
    key: string;
    patient: DemoCasePatient;
    practitionerKeys: string[];
    referrer: string | null;
    funderNames: Record<Funder, string>;
    role: 'benchmark' | 'normal';
  }[] = [];
  for (let i = 0; i < patientCount; i++) {
    const accentedAt = accentedIndexes.indexOf(i);
    const accented = accentedAt >= 0 ? ACCENTED_PATIENTS[accentedAt] : undefined;
    const sex: DemoSex =
      accented?.sex ??
      patientRng.weighted<DemoSex>([
        ['female', 52],
        ['male', 44],
        ['other', 2],
        ['unknown', 2],
      ]);
    const firstName =
      accented?.firstName ??
      patientRng.pick(sex === 'female' ? FEMALE_FIRST_NAMES : sex === 'male' ? MALE_FIRST_NAMES : NEUTRAL_FIRST_NAMES);
    const lastName = accented?.lastName ?? patientRng.pick(LAST_NAMES);
    const isBenchmark = i === benchmarkIndex;
    const age = isBenchmark
      ? 41
      : patientRng.weighted<[number, number]>([
          [[5, 17], 8],
          [[18, 39], 35],
          [[40, 64], 40],
          [[65, 92], 17],
        ]);
    const years = typeof age === 'number' ? age : patientRng.int(age[0], age[1]);
    const dateOfBirth = addIsoDays(referenceDate, -(Math.floor(years * 365.25) + patientRng.int(1, 364)));
    const key = `patient-${String(i + 1).padStart(4, '0')}`;

    let email: string | null = null;
    if (patientRng.chance(0.88)) {
      const base = `${asciiSlug(firstName)}.${asciiSlug(lastName)}`;
      let candidate = `${base}${patientRng.chance(0.5) ? patientRng.int(1, 99) : ''}@${patientRng.pick(PATIENT_EMAIL_DOMAINS)}`;
      for (let n = 2; usedPatientEmails.has(candidate); n++) candidate = candidate.replace('@', `.${n}@`);
      usedPatientEmails.add(candidate);
      email = candidate;
    }
    const hasAddress = patientRng.chance(0.9);
    const identifiers: { system: string; value: string }[] = [
      { system: DEMO_IDENTIFIER_SYSTEMS.chartNumber, value: `${chartPrefix}-${String(i + 1).padStart(5, '0')}` },
    ];
    if (profile.country === 'CA' && patientRng.chance(0.85)) {
      identifiers.push({
        system: DEMO_IDENTIFIER_SYSTEMS.provincialHealthNumber,
        value: `DEMO-9${String(patientRng.int(0, 999_999_999)).padStart(9, '0')}`,
      });
    } else if (profile.country === 'US' && patientRng.chance(0.8)) {
      identifiers.push({
        system: DEMO_IDENTIFIER_SYSTEMS.insuranceMemberId,
        value: `DEMO-${String(patientRng.int(0, 99_999_999)).padStart(8, '0')}`,
      });
    }
    if (isBenchmark) identifiers.push({ system: DEMO_IDENTIFIER_SYSTEMS.demoRole, value: BENCHMARK_PATIENT_ROLE });

    const home: 0 | 1 = patientRng.chance(0.6) ? 0 : 1;
    let practitionerKeys: string[];
    if (isBenchmark) {
      practitionerKeys = ['physio', 'kinesiologist', 'counsellor'];
    } else {
      const count = patientRng.weighted([
        [0, 8],
        [1, 58],
        [2, 26],
        [3, 8],
      ]);
      const chosen: string[] = [];
      for (let n = 0; n < count; n++) {
        const options = caseloadStaff.filter((s) => !chosen.includes(s.spec.key));
        if (options.length === 0) break;
        chosen.push(patientRng.weighted(options.map((s) => [s.spec.key, s.spec.caseload * (s.spec.location === home ? 2 : 1)] as const)));
      }
      practitionerKeys = chosen;
      if (limitedIndexes.has(i)) practitionerKeys = [...chosen.slice(0, 1), 'massage-limited'];
    }
    // Keep the demo practitioner's list in a stable order (as staff are listed) for readable fixtures.
    practitionerKeys.sort((a, b) => STAFF_SPECS.findIndex((s) => s.key === a) - STAFF_SPECS.findIndex((s) => s.key === b));

    const physician = physicians.length > 0 && patientRng.chance(0.75) ? patientRng.pick(physicians) : null;
    const lawFirm = lawFirms.length > 0 ? patientRng.pick(lawFirms) : null;
    const funderNames: Record<Funder, string> = {
      private: lawFirm?.displayName ?? 'the requesting party',
      'extended-health': benefitInsurers.length > 0 ? patientRng.pick(benefitInsurers).displayName : 'the benefits insurer',
      'motor-vehicle': motorInsurer?.displayName ?? 'the motor vehicle insurer',
      'workers-compensation': board?.displayName ?? 'the workers’ compensation board',
    };
    patients.push({
      key,
      firstName,
      lastName,
      dateOfBirth,
      sex,
      email,
      phone: patientRng.chance(0.95) ? fictionalNumber(patientRng.pick(profile.areaCodes), patientRng.int(0, 99)) : null,
      addressLine1: hasAddress ? streetAddress(patientRng) : null,
      city: hasAddress ? patientRng.pick(profile.patientCities) : null,
      region: hasAddress ? profile.region : null,
      postalCode: hasAddress ? postalCode(patientRng, profile) : null,
      identifiers,
      practitionerKeys,
      locationKey: locationKey(home),
    });
    patientCases.push({
      key,
      patient: { firstName, lastName, sex, age: years, dateOfBirth },
      practitionerKeys,
      referrer: physician ? `Dr. ${physician.displayName} (family physician)` : null,
      funderNames,
      role: isBenchmark ? 'benchmark' : 'normal',
    });
  }

  // Chart entries, episode by episode
  const state: GeneratorState = {
    rng: root.fork('episodes'),
    textRng: root.fork('text'),
    clock: createZonedClock(profile.timeZone),
    referenceDate,
    entries: [],
    plans: [],
  };
  const rng = state.rng;
  const formerLeft = addIsoDays(windowStart, FORMER_EMPLOYEE_LEFT_AFTER_DAYS);
  const specialistReferrer = specialists.length > 0 ? rng.pick(specialists) : null;

  for (const pc of patientCases) {
    const casePatient = (startDate: string): DemoCasePatient => ({ ...pc.patient, age: ageOn(pc.patient.dateOfBirth, startDate) });
    if (pc.role === 'benchmark') {
      runBenchmarkEpisodes(state, pc, casePatient, getStaff, windowStart, windowDays, specialistReferrer?.displayName ?? null);
      continue;
    }
    // Some patients were first seen by the physiotherapist who has since left.
    if (rng.chance(0.08)) {
      const start = addIsoDays(windowStart, rng.int(0, FORMER_EMPLOYEE_LEFT_AFTER_DAYS - 20));
      const patient = casePatient(start);
      const condition = pickCondition(rng, 'physiotherapy', patient);
      if (condition) {
        runEpisode(state, {
          patientKey: pc.key,
          patient,
          staff: getStaff('former-physio'),
          condition,
          startDate: start,
          visits: rng.int(condition.visits[0], condition.visits[1]),
          spacing: spacingFor('physiotherapy'),
          lastDay: formerLeft,
          referrer: pc.referrer,
          funderNames: pc.funderNames,
          forcePlan: false,
          dischargeChance: 0.5,
        });
      }
    }
    const heavy = rng.chance(0.025);
    for (const staffKey of pc.practitionerKeys) {
      const member = getStaff(staffKey);
      const discipline = member.spec.discipline;
      if (!discipline) continue;
      // A few patients have only just been booked: a practitioner but no notes yet.
      if (rng.chance(0.04)) continue;
      const episodes = heavy ? rng.int(3, 5) : rng.chance(0.15) ? 2 : 1;
      let earliest = 0;
      for (let e = 0; e < episodes; e++) {
        const offset = rng.int(earliest, Math.max(earliest, windowDays - 3));
        const start = addIsoDays(windowStart, offset);
        const patient = casePatient(start);
        const condition = pickCondition(rng, discipline, patient);
        if (!condition) break;
        const visits = rng.int(condition.visits[0], condition.visits[1]) * (heavy ? 2 : 1);
        runEpisode(state, {
          patientKey: pc.key,
          patient,
          staff: member,
          condition,
          startDate: start,
          visits,
          spacing: spacingFor(discipline),
          lastDay: referenceDate,
          referrer:
            condition.kind === 'msk' && condition.label.startsWith('ACL') && specialistReferrer
              ? `Dr. ${specialistReferrer.displayName} (orthopaedic surgeon)`
              : pc.referrer,
          funderNames: pc.funderNames,
          forcePlan: heavy,
          dischargeChance: 0.7,
        });
        earliest = Math.min(windowDays - 3, offset + visits * 12);
        if (earliest >= windowDays - 3) break;
      }
    }
  }

  // Draft plans written in the last fortnight, before the first visit under them.
  const draftCandidates = patientCases.filter((pc) => pc.role === 'normal' && pc.practitionerKeys.length > 0);
  for (const pc of rng.sample(draftCandidates, Math.min(4, draftCandidates.length))) {
    const member = getStaff(pc.practitionerKeys[0] as string);
    const discipline = member.spec.discipline as DemoDiscipline;
    const startDate = addIsoDays(referenceDate, -rng.int(1, 14));
    const patient = { ...pc.patient, age: ageOn(pc.patient.dateOfBirth, startDate) };
    const condition = pickCondition(rng, discipline, patient);
    if (!condition) continue;
    const draftCase = createDemoCase(state.textRng, {
      discipline,
      condition,
      patient,
      startDate,
      referrer: pc.referrer,
      funderNames: pc.funderNames,
      verbose: false,
    });
    const plan = describePlan(draftCase);
    state.plans.push({
      key: `plan-${String(state.plans.length + 1).padStart(3, '0')}`,
      patientKey: pc.key,
      practitionerKey: member.spec.key,
      ...plan,
      startDate,
      endDate: null,
      status: 'draft',
    });
  }

  // Order by time; the most recent notes are the ones still waiting for a signature.
  const ordered = state.entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.occurredAt < b.entry.occurredAt ? -1 : a.entry.occurredAt > b.entry.occurredAt ? 1 : a.index - b.index));
  const signRng = root.fork('signatures');
  const recentCutoff = Math.floor(ordered.length * 0.95);
  const chartEntries: DemoClinicData['chartEntries'] = ordered.map(({ entry }, index) => ({
    key: `entry-${String(index + 1).padStart(6, '0')}`,
    ...entry,
    signed: !((index >= recentCutoff && signRng.chance(0.85)) || signRng.chance(0.006)),
  }));

  return {
    clinic,
    locations,
    staff,
    patients,
    treatmentPlans: state.plans,
    chartEntries,
    contacts: contacts.map(({ role: _role, displayName: _displayName, ...contact }) => contact),
  };
}

/**
 * The benchmark patient: three current practitioners and more than 500 notes over two years, so
 * listing, searching and faxing a long chart can be measured.
 */
function runBenchmarkEpisodes(
  state: GeneratorState,
  pc: { key: string; referrer: string | null; funderNames: Record<Funder, string>; patient: DemoCasePatient },
  casePatient: (startDate: string) => DemoCasePatient,
  getStaff: (key: string) => StaffRuntime,
  windowStart: string,
  windowDays: number,
  surgeon: string | null,
): void {
  const series: { staff: string; discipline: DemoDiscipline; labels: string[]; visits: number; spacing: [number, number] }[] = [
    {
      staff: 'physio',
      discipline: 'physiotherapy',
      labels: ['ACL reconstruction (post-operative rehabilitation)', 'patellofemoral pain', 'mechanical low back pain'],
      visits: 96,
      spacing: [2, 2],
    },
    {
      staff: 'kinesiologist',
      discipline: 'kinesiology',
      labels: ['ACL reconstruction (post-operative rehabilitation)', 'mechanical low back pain'],
      visits: 100,
      spacing: [2, 3],
    },
    { staff: 'counsellor', discipline: 'counselling', labels: ['work-related stress'], visits: 92, spacing: [7, 8] },
  ];
  for (const item of series) {
    const member = getStaff(item.staff);
    const span = Math.floor(windowDays / item.labels.length);
    item.labels.forEach((label, index) => {
      const start = addIsoDays(windowStart, index * span + 1);
      const patient = casePatient(start);
      const condition = conditionsFor(item.discipline).find((c) => c.label === label);
      if (!condition) return;
      // Gaps get a day of jitter and weekend visits move to Monday; plan for that so the episode ends with a discharge.
      const visitsThatFit = Math.floor((span - 6) / ((item.spacing[0] + item.spacing[1]) / 2 + 1.1));
      runEpisode(state, {
        patientKey: pc.key,
        patient,
        staff: member,
        condition,
        startDate: start,
        visits: Math.min(item.visits, visitsThatFit),
        spacing: item.spacing,
        lastDay: addIsoDays(start, span),
        referrer: label.startsWith('ACL') && surgeon ? `Dr. ${surgeon} (orthopaedic surgeon)` : pc.referrer,
        funderNames: pc.funderNames,
        forcePlan: true,
        dischargeChance: 1,
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Address book

type ContactRole = 'family-physician' | 'specialist' | 'insurer' | 'motor-insurer' | 'board' | 'lawyer' | 'other';

type BuiltContact = DemoClinicData['contacts'][number] & { role: ContactRole; displayName: string };

const SPECIALTIES = [
  ['Orthopaedic Surgery', 'Orthopaedic Associates'],
  ['Sports Medicine', 'Sports Medicine Centre'],
  ['Physical Medicine and Rehabilitation', 'Rehabilitation Medicine'],
  ['Rheumatology', 'Rheumatology Clinic'],
  ['Neurology', 'Neurology Group'],
  ['Psychiatry', 'Psychiatry Associates'],
] as const;

const BENEFIT_INSURERS = [
  'Northern Maple Life — Group Benefits Claims',
  'Evergreen Mutual Benefits',
  'Trillium Guard Assurance — Health Claims',
  'Blue Heron Health Benefits',
] as const;

/**
 * About thirty invented contacts: family physicians, specialists, insurers, a compensation board,
 * lawyers and others. Fax numbers are distinct NPA-555-0100…0149 (the test line delivers these); one
 * contact has 555-0150 (the test line answers busy) and one has no fax number at all.
 */
function buildContacts(rng: DemoRandom, profile: ClinicProfile, areaCode: string): BuiltContact[] {
  const built: Omit<BuiltContact, 'key' | 'faxNumber'>[] = [];
  const person = (role: ContactRole, organization: string | null, firstName?: string, lastName?: string) => {
    const first = firstName ?? rng.pick(rng.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    const last = lastName ?? rng.pick(LAST_NAMES);
    built.push({
      kind: 'person',
      role,
      firstName: first,
      lastName: last,
      organization,
      phone: fictionalNumber(rng.pick(profile.areaCodes), rng.int(0, 99)),
      email: rng.chance(0.6) ? `${asciiSlug(first)}.${asciiSlug(last)}@example.org` : null,
      displayName: `${first} ${last}`,
    });
  };
  const organization = (role: ContactRole, name: string) => {
    built.push({
      kind: 'organization',
      role,
      firstName: null,
      lastName: null,
      organization: name,
      phone: fictionalNumber(rng.pick(profile.areaCodes), rng.int(0, 99)),
      email: rng.chance(0.5) ? `${asciiSlug(name.split('—')[0] ?? name).slice(0, 20)}@example.org` : null,
      displayName: name,
    });
  };
  const places = rng.shuffle(ORG_PLACE_WORDS);
  const place = (i: number) => places[i % places.length] as string;

  for (let i = 0; i < 10; i++)
    person('family-physician', `${place(i)} ${rng.pick(['Family Medicine', 'Medical Clinic', 'Family Practice'])}`);
  SPECIALTIES.forEach(([, clinicName], i) => {
    // One specialist with an accented name, so cover sheets and the address book meet one.
    if (i === 4) person('specialist', `${place(i + 3)} ${clinicName}`, 'Hélène', 'Lefèvre');
    else person('specialist', `${place(i + 3)} ${clinicName}`);
  });
  for (const name of BENEFIT_INSURERS) organization('insurer', name);
  organization('motor-insurer', 'Pacific Shield Auto Insurance — Injury Claims');
  organization('board', `${profile.compensationBoard} — Claims Intake`);
  organization('board', `${profile.compensationBoard} — Health Care Services`);
  for (let i = 0; i < 3; i++) {
    const firm = `${rng.pick(LAST_NAMES)} & ${rng.pick(LAST_NAMES)} LLP`;
    person('lawyer', firm);
  }
  organization('lawyer', `${rng.pick(LAST_NAMES)} Injury Law Group`);
  organization('other', `${place(10)} General Hospital — Outpatient Rehabilitation`);
  organization('other', `${place(11)} Medical Imaging`);
  organization('other', `${place(12)} Pharmacy`);

  // Fax numbers: everyone gets a distinct delivering number except one busy line and one without fax.
  const noFaxIndex = built.findIndex((c) => c.role === 'lawyer');
  const busyIndex = built.findIndex((c) => c.role === 'family-physician');
  const lastTwoDigits = rng.shuffle(Array.from({ length: 50 }, (_, i) => i));
  let next = 0;
  return built.map((contact, index) => ({
    key: `contact-${twoDigits(index + 1)}`,
    ...contact,
    faxNumber:
      index === noFaxIndex
        ? null
        : index === busyIndex
          ? fictionalNumber(areaCode, 50)
          : fictionalNumber(areaCode, lastTwoDigits[next++] as number),
  }));
}
