/**
 * Synthetic clinical text for demo chart entries and treatment plans. Each episode of care is a
 * `DemoCase` whose measurements improve as visits go by, so a patient's notes read as one story:
 * pain falls, range of motion returns, questionnaire scores move towards their targets.
 */
import type { CounsellingCondition, DemoCondition, DemoDiscipline, Funder, MskCondition, NaturopathyCondition } from './demo-conditions';
import type { DemoRandom } from './demo-random';
import { formatLongDate } from './demo-time';

export type VisitKind = 'initial' | 'follow-up' | 'progress' | 'discharge' | 'report';

export const TEMPLATE_NAMES = {
  initial: 'Initial Assessment',
  soap: 'SOAP Note',
  treatment: 'Treatment Note',
  counselling: 'Counselling Session Note',
  progress: 'Progress Note',
  discharge: 'Discharge Summary',
  report: 'Narrative Report',
} as const;

export interface DemoSection {
  title: string;
  text: string;
}

export interface DemoCasePatient {
  firstName: string;
  lastName: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  age: number;
  dateOfBirth: string;
}

export interface DemoCase {
  discipline: DemoDiscipline;
  condition: DemoCondition;
  side: 'left' | 'right' | null;
  patient: DemoCasePatient;
  /** "Dr. Ellen Hargrove (family physician)", or null when self-referred. */
  referrer: string | null;
  funder: Funder;
  /** Who pays or asked for reports, named for the "Narrative Report" addressee. */
  funderName: string;
  claimNumber: string | null;
  occupation: string;
  mechanism: string;
  onsetWeeks: number;
  baselinePain: number;
  goalPain: number;
  outcomeStart: number;
  outcomeEnd: number;
  /** Per movement of the body region, the value measured at the first visit. */
  movementStart: number[];
  /** A line of personal background, sometimes with accented place names (exercises rendering). */
  background: string;
  /** This episode's notes are written at length (some clinicians write far more than others). */
  verbose: boolean;
  goals: string[];
  startDate: string;
}

export interface DemoVisit {
  kind: VisitKind;
  /** 1-based visit number within the episode. */
  number: number;
  /** 0 at the first visit, 1 at the last planned visit. */
  progress: number;
  date: string;
  /** Dates of earlier visits in this episode, oldest first. */
  priorDates: readonly string[];
  author: { name: string; title: string; credentials: string };
  /** Minutes booked for the visit. */
  minutes: number;
}

const OCCUPATIONS = [
  'office administrator',
  'software developer',
  'registered nurse',
  'elementary school teacher',
  'carpenter',
  'warehouse associate',
  'retail manager',
  'graphic designer',
  'bus driver',
  'retired accountant',
  'university student',
  'chef',
  'dental hygienist',
  'electrician',
  'stay-at-home parent',
  'care aide',
  'lab technician',
  'barista',
  'civil engineer',
  'real-estate agent',
];

const BACKGROUNDS = [
  'Lives with a partner and two children; enjoys hiking on weekends.',
  'Lives alone in a second-floor apartment with stairs; walks a dog twice daily.',
  'Lives with a roommate; plays recreational volleyball once a week.',
  'Married, one teenage child; gardens and cycles to work in summer.',
  'Lives with an elderly parent and helps with their care.',
  'Recently moved to the city; runs three times a week.',
  'Moved from São Paulo two years ago; speaks Portuguese and English; plays futsal on Sundays.',
  'Grew up in Montréal; returned recently from visiting family in Zürich, including a long-haul flight.',
  'Works part-time at the fictional Ångström Optics lab; cycles to work year-round.',
  'Sings in a community choir; recently travelled to Besançon and Genève for a festival.',
];

const DISCIPLINE_NOUN: Record<DemoDiscipline, string> = {
  physiotherapy: 'physiotherapy',
  chiropractic: 'chiropractic care',
  'massage-therapy': 'massage therapy',
  kinesiology: 'active rehabilitation',
  counselling: 'counselling',
  naturopathy: 'naturopathic care',
};

/** Lower-cases a leading capital for use mid-sentence, leaving acronyms ("ACL") alone. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a, b and c". */
/** "a; b; c" for items that contain commas themselves (exercise prescriptions). */
function joinItems(items: readonly string[]): string {
  return items.join('; ');
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function lerp(from: number, to: number, t: number): number {
  return from + (to - from) * t;
}

function possessive(sex: DemoCasePatient['sex']): string {
  return sex === 'female' ? 'her' : sex === 'male' ? 'his' : 'their';
}

function clientWord(c: DemoCase): string {
  return c.discipline === 'counselling' ? 'Client' : c.discipline === 'massage-therapy' ? 'Client' : 'Pt';
}

/** "right shoulder", "lower back". */
function areaName(c: DemoCase): string {
  if (c.condition.kind !== 'msk') return '';
  return c.side ? `${c.side} ${c.condition.region.name}` : c.condition.region.name;
}

/** The condition as written on a plan or a problem list. */
export function describeCondition(c: DemoCase): string {
  const label = capitalise(c.condition.label);
  return c.condition.kind === 'msk' && c.side ? `${label}, ${c.side} ${c.condition.region.name}` : label;
}

/** Pain on a 0–10 scale at a point in the episode, with a little visit-to-visit noise. */
function painAt(rng: DemoRandom, c: DemoCase, progress: number): number {
  const eased = 1 - (1 - progress) * (1 - progress);
  return clamp(Math.round(lerp(c.baselinePain, c.goalPain, eased) + rng.int(-1, 1) * 0.6), 0, 10);
}

function outcomeAt(c: DemoCase, progress: number): number {
  return Math.round(lerp(c.outcomeStart, c.outcomeEnd, clamp(progress * 1.05, 0, 1)));
}

function movementAt(c: DemoCase, index: number, progress: number): number {
  if (c.condition.kind !== 'msk') return 0;
  const movement = c.condition.region.movements[index];
  const start = c.movementStart[index] ?? 0;
  if (!movement) return start;
  return Math.round(lerp(start, movement.normal, clamp(progress * 1.1, 0, 1)) / 5) * 5;
}

function strengthGrade(progress: number): string {
  return progress < 0.3 ? '4-/5' : progress < 0.6 ? '4/5' : progress < 0.9 ? '4+/5' : '5/5';
}

/** Builds one episode of care for a patient and a discipline. */
export function createDemoCase(
  rng: DemoRandom,
  input: {
    discipline: DemoDiscipline;
    condition: DemoCondition;
    patient: DemoCasePatient;
    startDate: string;
    referrer: string | null;
    funderNames: Record<Funder, string>;
    verbose: boolean;
  },
): DemoCase {
  const { condition } = input;
  const conditionFunder = condition.kind === 'naturopathy' ? null : condition.funder;
  const funder: Funder =
    conditionFunder ??
    rng.weighted<Funder>([
      ['extended-health', 6],
      ['private', 4],
    ]);
  // Naturopathy tracks one symptom on a 0–10 scale; the others use their questionnaire's range.
  const [outcomeStart, outcomeEnd] =
    condition.kind === 'naturopathy'
      ? [rng.int(6, 8), rng.int(1, 3)]
      : [rng.int(condition.outcome.start[0], condition.outcome.start[1]), rng.int(condition.outcome.end[0], condition.outcome.end[1])];
  const movementStart =
    condition.kind === 'msk' ? condition.region.movements.map((m) => Math.round(lerp(m.worst, m.normal, rng.next() * 0.35) / 5) * 5) : [];
  const mechanism =
    condition.kind === 'msk'
      ? rng.pick(condition.mechanisms)
      : condition.kind === 'counselling'
        ? rng.pick(condition.presenting)
        : rng.pick(condition.symptoms);
  const goalPool = condition.goals;
  return {
    discipline: input.discipline,
    condition,
    side: condition.kind === 'msk' && condition.region.sided ? rng.pick(['left', 'right'] as const) : null,
    patient: input.patient,
    referrer: input.referrer,
    funder,
    funderName: input.funderNames[funder],
    claimNumber:
      funder === 'motor-vehicle' || funder === 'workers-compensation'
        ? `DEMO-${funder === 'motor-vehicle' ? 'MV' : 'WC'}-${rng.int(100000, 999999)}`
        : null,
    occupation: input.patient.age >= 67 ? 'retired' : input.patient.age < 18 ? 'high-school student' : rng.pick(OCCUPATIONS),
    mechanism,
    onsetWeeks: condition.kind === 'msk' && condition.label.startsWith('ACL') ? rng.int(2, 4) : rng.int(1, 16),
    baselinePain: rng.int(5, 8),
    goalPain: rng.int(0, 2),
    outcomeStart,
    outcomeEnd,
    movementStart,
    background: rng.pick(BACKGROUNDS),
    verbose: input.verbose,
    goals: rng.sample(goalPool, rng.int(2, Math.min(4, goalPool.length))),
    startDate: input.startDate,
  };
}

/** Title, condition and goals of the treatment plan for an episode. */
export function describePlan(c: DemoCase): { title: string; condition: string; goals: string[] } {
  return { title: c.condition.planTitle, condition: describeCondition(c), goals: c.goals.slice() };
}

/** The template a discipline uses for a kind of visit. */
export function templateFor(discipline: DemoDiscipline, kind: VisitKind): string {
  switch (kind) {
    case 'initial':
      return TEMPLATE_NAMES.initial;
    case 'progress':
      return TEMPLATE_NAMES.progress;
    case 'discharge':
      return TEMPLATE_NAMES.discharge;
    case 'report':
      return TEMPLATE_NAMES.report;
    case 'follow-up':
      if (discipline === 'counselling') return TEMPLATE_NAMES.counselling;
      if (discipline === 'massage-therapy' || discipline === 'kinesiology') return TEMPLATE_NAMES.treatment;
      return TEMPLATE_NAMES.soap;
  }
}

/** Ordered sections of one chart entry. */
export function writeEntrySections(rng: DemoRandom, c: DemoCase, visit: DemoVisit): DemoSection[] {
  const condition = c.condition;
  if (condition.kind === 'counselling') return writeCounselling(rng, c, condition, visit);
  if (condition.kind === 'naturopathy') return writeNaturopathy(rng, c, condition, visit);
  return writeMsk(rng, c, condition, visit);
}

// ---------------------------------------------------------------------------------------------------
// Shared pieces

function referralLine(c: DemoCase, subject: string): string {
  const who = c.referrer ? `Referred by ${c.referrer}` : 'Self-referred';
  const claim =
    c.funder === 'motor-vehicle'
      ? ` Claim open with ${c.funderName} (claim ${c.claimNumber}).`
      : c.funder === 'workers-compensation'
        ? ` Work injury claim with ${c.funderName} (claim ${c.claimNumber}).`
        : c.funder === 'extended-health'
          ? ` Extended health coverage through ${c.funderName}.`
          : ' Private pay.';
  return `${who} for ${DISCIPLINE_NOUN[c.discipline]} assessment and treatment of ${subject}.${claim}`;
}

function episodeSpan(visit: DemoVisit): string {
  const first = visit.priorDates[0] ?? visit.date;
  return `${visit.number} visits between ${formatLongDate(first)} and ${formatLongDate(visit.date)}`;
}

function nextVisitLine(rng: DemoRandom, visit: DemoVisit): string {
  const weeks = visit.progress < 0.5 ? rng.pick(['1 week', '1 week', '2 weeks']) : rng.pick(['2 weeks', '2–3 weeks', '3 weeks']);
  return `Next visit in ${weeks}.`;
}

function declaration(visit: DemoVisit): string {
  return (
    `This report is based on my assessments and treatment records. The opinions expressed are my own and are ` +
    `limited to my scope of practice as a ${visit.author.title.toLowerCase()}. I am available to clarify any part ` +
    `of this report on request.\n\n${visit.author.name}, ${visit.author.credentials}`
  );
}

function reportPurpose(c: DemoCase, visit: DemoVisit): string {
  const re = `Re: ${c.patient.firstName} ${c.patient.lastName}, date of birth ${formatLongDate(c.patient.dateOfBirth)}`;
  const claim = c.claimNumber ? `, claim ${c.claimNumber}` : '';
  return (
    `To: ${c.funderName}\n${re}${claim}\nDate of report: ${formatLongDate(visit.date)}\n\n` +
    `This narrative report was requested to summarise ${possessive(c.patient.sex)} presentation, the treatment ` +
    `provided to date, current functional status and my opinion on prognosis and further care. It is based on ` +
    `${visit.priorDates.length} visits since ${formatLongDate(visit.priorDates[0] ?? visit.date)} and a re-assessment today.`
  );
}

// ---------------------------------------------------------------------------------------------------
// Musculoskeletal disciplines: physiotherapy, chiropractic, massage therapy, kinesiology

function romLines(c: DemoCase, condition: MskCondition, progress: number, withBaseline: boolean): string[] {
  return condition.region.movements.map((movement, index) => {
    const now = movementAt(c, index, progress);
    const base = movementAt(c, index, 0);
    const sideNote = condition.region.sided ? ` (${c.side === 'left' ? 'R' : 'L'} side ${movement.normal}°)` : '';
    return withBaseline && progress > 0
      ? `${capitalise(movement.name)}: ${now}° (initial ${base}°, expected ${movement.normal}°)`
      : `${capitalise(movement.name)}: ${now}°${sideNote}`;
  });
}

function treatmentToday(rng: DemoRandom, c: DemoCase, condition: MskCondition): string[] {
  const region = condition.region;
  switch (c.discipline) {
    case 'chiropractic':
      return [...rng.sample(region.adjustments, 2), rng.pick(region.manual)];
    case 'massage-therapy':
      return rng.sample(region.massage, 3);
    case 'kinesiology':
      return rng.sample(region.exercises, 4);
    default:
      return [...rng.sample(region.manual, 2), `exercise review and progression: ${rng.pick(region.exercises)}`];
  }
}

function painSentence(rng: DemoRandom, c: DemoCase, visit: DemoVisit, pain = painAt(rng, c, visit.progress)): string {
  const who = clientWord(c);
  const area = areaName(c);
  const trend =
    visit.progress < 0.15
      ? rng.pick(['little change since last visit', 'some soreness after the last session, settled within a day', 'similar to last week'])
      : visit.progress < 0.6
        ? rng.pick(['gradual improvement', 'better overall with a minor flare after a busy weekend', 'steady improvement'])
        : rng.pick(['much improved', 'only occasional symptoms now', 'managing well with the home program']);
  return `${who} reports ${area} pain ${pain}/10 at worst this week (${c.baselinePain}/10 at initial assessment); ${trend}.`;
}

function adherenceSentence(rng: DemoRandom): string {
  return rng.pick([
    'Doing home exercises most days.',
    'Home exercises 4–5 days a week; finds the last set of each exercise hardest.',
    'Missed some home exercises because of a busy week at work.',
    'Consistent with the home program; asks about adding load.',
    'Home program done daily; no increase in symptoms afterwards.',
  ]);
}

function writeMsk(rng: DemoRandom, c: DemoCase, condition: MskCondition, visit: DemoVisit): DemoSection[] {
  switch (visit.kind) {
    case 'initial':
      return mskInitial(rng, c, condition);
    case 'progress':
      return mskProgress(rng, c, condition, visit);
    case 'discharge':
      return mskDischarge(rng, c, condition, visit);
    case 'report':
      return mskReport(rng, c, condition, visit);
    case 'follow-up':
      if (c.discipline === 'massage-therapy') return massageTreatment(rng, c, condition, visit);
      if (c.discipline === 'kinesiology') return kinesiologySession(rng, c, condition, visit);
      return mskSoap(rng, c, condition, visit);
  }
}

function mskInitial(rng: DemoRandom, c: DemoCase, condition: MskCondition): DemoSection[] {
  const area = areaName(c);
  const region = condition.region;
  const positives = rng.sample(condition.positiveTests, rng.int(1, condition.positiveTests.length));
  const negatives = rng.sample(condition.negativeTests, rng.int(1, condition.negativeTests.length));
  const subjective = [
    `${c.patient.age}-year-old ${c.occupation === 'retired' ? 'retired' : c.occupation} presenting with ${area} pain ` +
      `of ${c.onsetWeeks} week${c.onsetWeeks === 1 ? '' : 's'}' duration, ${c.mechanism}.`,
    `Pain ${c.baselinePain}/10 at worst, ${Math.max(1, c.baselinePain - 3)}/10 at best; described as ` +
      `${rng.pick(['a deep ache', 'sharp with movement and a dull ache at rest', 'a tight, pulling pain', 'aching with occasional sharp twinges'])}.`,
    `Aggravated by ${joinWords(rng.sample(condition.aggravating, 3))}. Eased by ${rng.sample(condition.easing, 2).join('; ')}.`,
    `24-hour pattern: ${rng.pick(['stiff for 20 minutes in the morning, worse at the end of the day', 'worst in the evening after work', 'wakes 1–2 times a night when rolling over', 'no night pain'])}.`,
    `Previous treatment: ${rng.pick(['none', 'rest and over-the-counter analgesics', 'two massage sessions elsewhere with short-term relief', 'exercises from an online video, unhelpful'])}.`,
  ];
  if (c.verbose) {
    subjective.push(
      `Describes the effect on daily life in detail: ${joinWords(rng.sample(condition.aggravating, 2))} are the main ` +
        `limitations at present, and ${possessive(c.patient.sex)} main concern is whether the problem will become ` +
        `long-standing. Expectations of care discussed; expects to be more active within a few weeks.`,
    );
  }
  const sections: DemoSection[] = [
    { title: 'Reason for Referral', text: referralLine(c, `${area} pain`) },
    { title: 'Subjective', text: subjective.join(' ') },
    {
      title: 'Past Medical History',
      text: [
        `Medical history: ${rng.pick(['unremarkable', 'hypertension, well controlled', 'asthma (mild, intermittent)', 'hypothyroidism on replacement', 'type 2 diabetes, diet-controlled'])}.`,
        `Medications: ${rng.pick(['none', 'ibuprofen 400 mg as needed', 'levothyroxine', 'ramipril 5 mg daily', 'oral contraceptive'])}.`,
        `Surgical history: ${rng.pick(['none', 'appendectomy (childhood)', 'arthroscopy of the other knee ten years ago'])}.`,
        'Red flags screened: denies unexplained weight loss, night sweats, fever, and bowel or bladder changes; no history of cancer.',
      ].join('\n'),
    },
    { title: 'Social and Occupational History', text: `Occupation: ${c.occupation}. ${c.background}` },
    {
      title: 'Objective',
      text: [
        `Observation: ${rng.pick(['guarded movement of the affected area', 'no swelling or bruising visible', 'mild swelling noted', 'forward head posture with rounded shoulders'])}.`,
        `Range of motion (${area}):`,
        bullets(romLines(c, condition, 0, false)),
        `Strength: ${region.muscles
          .slice(0, 3)
          .map((m) => `${m} ${strengthGrade(0)}`)
          .join('; ')}; painful on resisted testing.`,
        `Neurological screen: ${region.neuro}.`,
        `Special tests: positive ${joinWords(positives)}; negative ${joinWords(negatives)}.`,
        `Palpation: ${joinWords(rng.sample(region.palpation, 2))}.`,
      ].join('\n'),
    },
    {
      title: 'Outcome Measures',
      text: `${condition.outcome.name}: ${c.outcomeStart}${condition.outcome.unit} (baseline). Pain NRS ${c.baselinePain}/10.`,
    },
    {
      title: 'Assessment',
      text:
        `Presentation consistent with ${lowerFirst(describeCondition(c))}. ` +
        `Findings of reduced range of motion, pain on loading and positive ${positives[0] ?? 'provocation tests'} support this. ` +
        `No red flags. Prognosis ${rng.pick(['good', 'good with adherence to the home program', 'fair to good given the duration of symptoms'])}.` +
        (c.verbose
          ? ` Contributing factors include ${rng.pick(['workload and sustained postures', 'deconditioning', 'a rapid increase in activity', 'sleep disruption'])}. ` +
            `Differential diagnoses considered and thought less likely on today’s findings: referred pain from the spine, ` +
            `inflammatory joint disease, and fracture.`
          : ''),
    },
    {
      title: 'Plan',
      text: [
        `Frequency: ${rng.pick(['1×/week for 6 weeks, then review', '2×/week for 2 weeks, then weekly', 'weekly for 4 weeks, then every 2 weeks'])}.`,
        `Treatment today: ${joinItems(treatmentToday(rng, c, condition))}.`,
        'Home program:',
        bullets(rng.sample(region.exercises, 3)),
        'Goals:',
        bullets(c.goals),
        c.referrer ? `Initial assessment summary to be faxed to ${c.referrer.replace(/ \(.*\)$/, '')}.` : 'No referrer to update.',
      ].join('\n'),
    },
    {
      title: 'Consent',
      text: 'Assessment findings, proposed treatment, expected benefits, material risks and alternatives discussed. Informed consent obtained verbally and documented.',
    },
  ];
  if (c.verbose) {
    // Some clinicians write their first assessments at length; these run to a second fax page.
    sections.splice(
      6,
      0,
      {
        title: 'Functional Status',
        text: bullets([
          `Work: ${c.occupation === 'retired' ? 'not applicable' : rng.pick(['full duties with discomfort', 'modified duties', 'off work since onset', 'working from home'])}.`,
          `Self-care: ${rng.pick(['independent', 'independent, slower than usual', 'needs help with footwear'])}.`,
          `Household: ${rng.pick(['avoiding heavy tasks', 'managing with breaks', 'partner has taken over laundry and groceries'])}.`,
          `Sleep: ${rng.pick(['unaffected', 'wakes once or twice nightly', 'difficulty finding a comfortable position'])}.`,
          `Recreation: ${rng.pick(['stopped all sport', 'reduced walking distance by half', 'continuing yoga with modifications'])}.`,
          ...condition.aggravating.map(
            (a) => `${capitalise(a)}: ${rng.pick(['limited by pain', 'possible with difficulty', 'avoided at present'])}.`,
          ),
        ]),
      },
      {
        title: 'Clinical Reasoning',
        text:
          `The history (${c.mechanism}) and the behaviour of symptoms, aggravated by loading and eased by ` +
          `${condition.easing[0] ?? 'rest'}, point to a mechanical, nociceptive presentation. ` +
          `Irritability is ${c.baselinePain >= 7 ? 'moderate to high, so treatment will start gently' : 'low to moderate, so loading can begin at this visit'}. ` +
          `Psychosocial factors screened: ${rng.pick(['low concern', 'some worry about re-injury', 'work stress noted'])}; addressed with education on pain and recovery. ` +
          `Strength deficits in ${joinWords(region.muscles.slice(0, 2))} and reduced ${region.movements[0]?.name ?? 'range'} are the main modifiable impairments. ` +
          `Expected course: meaningful improvement within ${rng.pick(['4–6', '6–8', '8–12'])} weeks.`,
      },
      {
        title: 'Education',
        text:
          `Discussed the diagnosis, expected recovery, activity modification and the role of graded exercise. ` +
          `Advised to keep active within a tolerable level of discomfort (no more than 3/10 during exercise, settling by the next morning). ` +
          `Written home program provided.`,
      },
    );
  }
  return sections;
}

function mskSoap(rng: DemoRandom, c: DemoCase, condition: MskCondition, visit: DemoVisit): DemoSection[] {
  const region = condition.region;
  const index = rng.int(0, region.movements.length - 1);
  const movement = region.movements[index];
  const subjective = [painSentence(rng, c, visit), adherenceSentence(rng)];
  if (c.verbose || rng.chance(0.2)) {
    subjective.push(
      rng.pick([
        `Was able to ${rng.pick(c.goals).toLowerCase()} once this week with mild discomfort.`,
        `Still notices symptoms with ${rng.pick(condition.aggravating)}.`,
        'Slept better this week.',
        'Asked about returning to the gym; discussed graded loading.',
      ]),
    );
  }
  const objective = [
    movement ? `${capitalise(movement.name)} ${movementAt(c, index, visit.progress)}°.` : '',
    `Palpation: ${rng.pick(region.palpation)}${visit.progress > 0.5 ? ', less tender than last visit' : ''}.`,
  ];
  if (c.discipline === 'chiropractic') {
    objective.push(`Motion palpation: restriction at ${rng.pick(region.segments)}.`);
  }
  if (c.verbose) objective.push(`Strength: ${rng.pick(region.muscles)} ${strengthGrade(visit.progress)}.`);
  const plan = [
    `Treatment today: ${joinItems(treatmentToday(rng, c, condition))}.`,
    visit.progress > 0.5 ? `Progressed home program: ${rng.pick(region.exercises)}.` : 'Continue current home program.',
    nextVisitLine(rng, visit),
  ];
  return [
    { title: 'Subjective', text: subjective.join(' ') },
    { title: 'Objective', text: objective.filter(Boolean).join('\n') },
    {
      title: 'Assessment',
      text:
        visit.progress < 0.3
          ? rng.pick(['Early stage of care; symptoms irritable but settling.', 'Tolerating treatment; no adverse response.'])
          : visit.progress < 0.7
            ? rng.pick(['Progressing as expected.', 'Improving range and load tolerance.', 'Steady progress toward goals.'])
            : rng.pick(['Approaching goals; plan to taper visits.', 'Near full function; self-management emphasised.']),
    },
    { title: 'Plan', text: plan.join(' ') },
  ];
}

function massageTreatment(rng: DemoRandom, c: DemoCase, condition: MskCondition, visit: DemoVisit): DemoSection[] {
  const region = condition.region;
  const after = Math.max(0, painAt(rng, c, visit.progress) - rng.int(1, 3));
  return [
    {
      title: 'Subjective',
      text: `${painSentence(rng, c, visit)} Health history reviewed: ${rng.pick(['no changes', 'no changes; new prescription for seasonal allergies', 'no changes since last visit'])}.`,
    },
    {
      title: 'Objective',
      text: `Palpation: ${joinWords(rng.sample(region.palpation, 2))}. Tissue ${visit.progress > 0.5 ? 'more pliable than at previous visits' : 'hypertonic and tender'}.`,
    },
    {
      title: 'Treatment',
      text:
        `${visit.minutes}-minute treatment, ${rng.pick(['moderate', 'light to moderate', 'moderate to deep'])} pressure within tolerance, prone and supine. ` +
        `${capitalise(joinItems(treatmentToday(rng, c, condition)))}. Consent confirmed for all areas treated; draping maintained.`,
    },
    {
      title: 'Homecare',
      text: `${capitalise(rng.pick(['heat 15 minutes twice daily', 'hydrate and gentle movement this evening', 'self-massage with a ball 5 minutes daily']))}; ${rng.pick(region.exercises)}.`,
    },
    { title: 'Response to Treatment', text: `Tolerated treatment well. Pain ${after}/10 after treatment. ${nextVisitLine(rng, visit)}` },
  ];
}

function kinesiologySession(rng: DemoRandom, c: DemoCase, condition: MskCondition, visit: DemoVisit): DemoSection[] {
  const region = condition.region;
  const exercises = rng.sample(region.exercises, c.verbose ? region.exercises.length : rng.int(3, 5));
  return [
    {
      title: 'Session Goals',
      text: `Progress ${rng.pick(['strength', 'load tolerance', 'endurance', 'balance and control'])} toward: ${rng.pick(c.goals).toLowerCase()}.`,
    },
    {
      title: 'Exercise Program',
      text: `Warm-up: treadmill walk 8 minutes, RPE 3/10.\n${bullets(exercises)}\nCool-down: stretching 5 minutes.`,
    },
    {
      title: 'Response',
      text: `${painSentence(rng, c, visit)} Session RPE ${rng.int(4, 7)}/10. ${rng.pick(['No increase in symptoms during session.', 'Mild soreness with the last set, settled with rest.', 'Good control throughout.'])}`,
    },
    {
      title: 'Plan',
      text: `${visit.progress > 0.5 ? 'Increase load by 5–10% next session.' : 'Maintain current loads.'} ${nextVisitLine(rng, visit)}`,
    },
  ];
}

function mskProgress(rng: DemoRandom, c: DemoCase, condition: MskCondition, visit: DemoVisit): DemoSection[] {
  const pain = painAt(rng, c, visit.progress);
  const score = outcomeAt(c, visit.progress);
  return [
    { title: 'Summary of Progress', text: `Re-assessment after ${episodeSpan(visit)} for ${lowerFirst(describeCondition(c))}.` },
    { title: 'Subjective', text: `${painSentence(rng, c, visit, pain)} ${adherenceSentence(rng)}` },
    { title: 'Objective', text: bullets(romLines(c, condition, visit.progress, true)) },
    {
      title: 'Outcome Measures',
      text: `${condition.outcome.name}: ${score}${condition.outcome.unit} (baseline ${c.outcomeStart}${condition.outcome.unit}).\nPain NRS: ${pain}/10 (baseline ${c.baselinePain}/10).`,
    },
    {
      title: 'Assessment',
      text: `${visit.progress > 0.6 ? 'Good' : 'Moderate'} progress toward goals. ${c.goals.map((g) => `${g}: ${visit.progress > 0.8 ? 'achieved' : visit.progress > 0.4 ? 'progressing' : 'not yet met'}`).join('; ')}.`,
    },
    {
      title: 'Plan',
      text: `Continue ${DISCIPLINE_NOUN[c.discipline]} ${visit.progress > 0.6 ? 'every 2–3 weeks, tapering' : 'weekly'}. Progress report sent to referrer if requested.`,
    },
  ];
}

function mskDischarge(rng: DemoRandom, c: DemoCase, condition: MskCondition, visit: DemoVisit): DemoSection[] {
  const score = outcomeAt(c, 1);
  return [
    { title: 'Reason for Referral', text: referralLine(c, `${areaName(c)} pain`) },
    {
      title: 'Course of Treatment',
      text: `${capitalise(DISCIPLINE_NOUN[c.discipline])} for ${lowerFirst(describeCondition(c))}: ${episodeSpan(visit)}. Treatment included ${joinItems(treatmentToday(rng, c, condition))}. Education and a progressive home program throughout.`,
    },
    {
      title: 'Outcome',
      text: [
        `Pain NRS: ${c.baselinePain}/10 → ${c.goalPain}/10.`,
        `${condition.outcome.name}: ${c.outcomeStart}${condition.outcome.unit} → ${score}${condition.outcome.unit}.`,
        ...romLines(c, condition, 1, true),
      ].join('\n'),
    },
    { title: 'Goals', text: bullets(c.goals.map((g) => `${g}: ${rng.chance(0.8) ? 'achieved' : 'partially achieved'}`)) },
    {
      title: 'Recommendations',
      text: `Discharged to self-management. Continue the home program ${rng.pick(['3 times a week', 'twice weekly', 'as a warm-up before sport'])}. Return if symptoms recur or function declines. Thank you for the referral.`,
    },
  ];
}

function mskReport(rng: DemoRandom, c: DemoCase, condition: MskCondition, visit: DemoVisit): DemoSection[] {
  const area = areaName(c);
  const pain = painAt(rng, c, visit.progress);
  const score = outcomeAt(c, visit.progress);
  // Reports list every visit (the most recent 40 when there are more), as insurers ask for dates of service.
  const listed = visit.priorDates.slice(-40);
  const skipped = visit.priorDates.length - listed.length;
  const treatmentLines = listed.map((date, i) => {
    const visitIndex = skipped + i;
    const p = visit.priorDates.length > 1 ? (visitIndex / (visit.priorDates.length - 1)) * visit.progress : 0;
    return (
      `${formatLongDate(date)} (visit ${visitIndex + 1}): pain ${painAt(rng, c, p)}/10. ` +
      `Treatment: ${joinItems(treatmentToday(rng, c, condition))}. ` +
      `Response: ${rng.pick(['tolerated well', 'no adverse effects', 'mild post-treatment soreness that settled within 24 hours', 'reduced pain immediately after treatment'])}. ` +
      `Home program: ${p > 0.4 ? `progressed (${rng.pick(condition.region.exercises)})` : 'reviewed, no change'}.`
    );
  });
  if (skipped > 0) treatmentLines.unshift(`Visits 1–${skipped}: see earlier reports; treatment as described above.`);
  const findings = [
    `Pain NRS (worst): initial ${c.baselinePain}/10, current ${pain}/10`,
    `${condition.outcome.name}: initial ${c.outcomeStart}${condition.outcome.unit}, current ${score}${condition.outcome.unit}`,
    ...condition.region.movements.map(
      (m, i) =>
        `${capitalise(m.name)}: initial ${movementAt(c, i, 0)}°, current ${movementAt(c, i, visit.progress)}° (expected ${m.normal}°)`,
    ),
  ];
  return [
    { title: 'Purpose of Report', text: reportPurpose(c, visit) },
    {
      title: 'Background',
      text:
        `${c.patient.firstName} ${c.patient.lastName} is a ${c.patient.age}-year-old ${c.occupation}. ${c.background} ` +
        `Before the onset of symptoms ${possessive(c.patient.sex)} health was ${rng.pick(['good', 'generally good', 'good apart from well-controlled hypertension'])}, ` +
        `with no previous ${area} problems and no time lost from work for musculoskeletal complaints in the past five years. ` +
        `Usual activities included ${rng.pick(['recreational running and household tasks', 'gardening, cycling and childcare', 'gym workouts three times a week', 'walking, swimming and volunteering'])}.`,
    },
    {
      title: 'History of Injury',
      text:
        `Onset: ${c.mechanism}. Symptoms began immediately or within hours and were initially rated ${c.baselinePain}/10. ` +
        `${c.referrer ? `Assessed by ${c.referrer}, who referred for ${DISCIPLINE_NOUN[c.discipline]}.` : 'Self-referred for care.'} ` +
        `Aggravating activities at first assessment: ${joinWords(condition.aggravating)}. Easing factors: ${joinWords(condition.easing)}. ` +
        `Red-flag screening was negative at initial assessment and has remained so.`,
    },
    { title: 'Treatment to Date', text: `${visit.priorDates.length} visits:\n${bullets(treatmentLines)}` },
    { title: 'Summary of Findings', text: bullets(findings) },
    {
      title: 'Current Status',
      text:
        `Today pain is reported at ${pain}/10 at worst. ${condition.outcome.name} ${score}${condition.outcome.unit} (baseline ${c.outcomeStart}${condition.outcome.unit}). ` +
        `Reports ${visit.progress > 0.6 ? 'substantial' : 'partial'} improvement in ${joinWords(condition.aggravating.slice(0, 2))}. ` +
        `Sleep is ${rng.pick(['improved', 'still interrupted once or twice a night', 'unaffected'])}. Adherence to the home program has been ${rng.pick(['excellent', 'good', 'variable because of work hours'])}.`,
    },
    {
      title: 'Objective Findings',
      text: [
        'Range of motion as summarised above.',
        `Strength: ${condition.region.muscles.map((m) => `${m} ${strengthGrade(visit.progress)}`).join('; ')}.`,
        `Neurological: ${condition.region.neuro}.`,
        `Special tests: ${joinWords(condition.positiveTests)} ${visit.progress > 0.6 ? 'now negative or only mildly provocative' : 'remain positive'}.`,
      ].join('\n'),
    },
    {
      title: 'Functional Limitations',
      text:
        `Work: ${c.funder === 'workers-compensation' ? `on modified duties (${rng.pick(['no lifting over 10 kg', 'four-hour shifts', 'no repetitive bending'])})` : rng.pick(['working full hours with self-paced breaks', 'reduced hours for the first three weeks, now full time', 'working from home two days a week to limit commuting'])}.\n` +
        `Home: ${rng.pick(['needs help with heavy cleaning and yard work', 'independent with modifications', 'manages childcare with occasional help'])}.\n` +
        `Recreation: ${rng.pick(['not yet returned to sport', 'returned to walking, not yet to running', 'graded return under way'])}.\n` +
        `Driving: ${rng.pick(['tolerates 30 minutes', 'no restriction', 'avoids highway driving at present'])}.`,
    },
    {
      title: 'Goals',
      text: bullets(
        c.goals.map(
          (g) =>
            `${g}: ${visit.progress > 0.8 ? 'achieved' : visit.progress > 0.4 ? 'partially achieved, progressing' : 'not yet achieved'}`,
        ),
      ),
    },
    {
      title: 'Education and Self-Management',
      text:
        `Education has covered the nature of ${lowerFirst(describeCondition(c))}, the expected time course of recovery, pacing of ` +
        `activity, and the difference between hurt and harm. ${c.patient.firstName} has been shown how to modify ` +
        `${joinWords(condition.aggravating.slice(0, 2))} and how to progress the home program as symptoms allow. ` +
        `Flare-up management has been rehearsed: ${rng.pick(['reduce load by half for two days, then rebuild', 'relative rest, heat and gentle range of motion, then resume', 'short walks and position changes, avoiding complete rest'])}. ` +
        `Written instructions and exercise sheets have been provided.`,
    },
    {
      title: 'Opinion and Prognosis',
      text:
        `In my opinion, the ${area} symptoms are consistent with ${condition.label} and are causally related to the ` +
        `${c.funder === 'motor-vehicle' ? 'motor vehicle collision' : c.funder === 'workers-compensation' ? 'workplace incident' : 'reported onset'} described above. ` +
        `Progress has been ${visit.progress > 0.5 ? 'steady and in line with expected recovery' : 'slower than average, which is not unusual given the initial severity'}. ` +
        `With continued care I expect further improvement over the next ${rng.pick(['6 to 8', '8 to 12', '4 to 6'])} weeks. ` +
        `Factors favouring recovery include ${rng.pick(['good engagement with the home program', 'a supportive workplace', 'general fitness before the onset'])}; ` +
        `factors that may slow recovery include ${rng.pick(['job demands', 'sleep disruption', 'fear of movement, which is being addressed with education'])}. ` +
        `I do not anticipate permanent impairment at this stage, though this will be reviewed at discharge.`,
    },
    {
      title: 'Recommendations',
      text: bullets([
        `Continue ${DISCIPLINE_NOUN[c.discipline]} ${rng.pick(['weekly for 6 more visits', 'every 2 weeks for 8 weeks', 'weekly for 4 weeks then review'])}.`,
        'Progress the home exercise program with graded loading.',
        c.funder === 'workers-compensation'
          ? 'Graduated return to full duties over 4 weeks, starting with 6-hour shifts.'
          : 'Graded return to recreational activity as tolerated.',
        `Re-assess and provide an updated report in ${rng.pick(['6', '8'])} weeks.`,
      ]),
    },
    { title: 'Declaration', text: declaration(visit) },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Counselling

function riskLine(rng: DemoRandom): string {
  return rng.pick([
    'Denies suicidal ideation, intent or plan. No change in risk since last session.',
    'Risk reviewed: denies thoughts of self-harm or harm to others. Protective factors unchanged.',
    'No safety concerns raised; denies suicidal ideation.',
  ]);
}

function writeCounselling(rng: DemoRandom, c: DemoCase, condition: CounsellingCondition, visit: DemoVisit): DemoSection[] {
  const score = outcomeAt(c, visit.progress);
  const measure = `${condition.outcome.name} ${score}${condition.outcome.unit}`;
  const modality = rng.pick(['in person', 'in person', 'secure video']);
  switch (visit.kind) {
    case 'initial':
      return [
        { title: 'Reason for Referral', text: referralLine(c, condition.label) },
        {
          title: 'Presenting Concerns',
          text: `${c.patient.firstName} describes ${joinWords(rng.sample(condition.presenting, 3))}. Onset about ${c.onsetWeeks} weeks before intake.`,
        },
        { title: 'Relevant History', text: `${capitalise(joinWords(condition.history))}. Occupation: ${c.occupation}. ${c.background}` },
        {
          title: 'Mental Status',
          text: `Casually dressed, good eye contact, cooperative. Speech normal rate and volume. Mood described as "${rng.pick(condition.moods)}"; affect congruent. Thought process linear; no perceptual disturbances. Insight and judgement good.`,
        },
        {
          title: 'Risk Assessment',
          text: 'Denies current or past suicidal ideation, intent or plan; no history of self-harm. Denies thoughts of harming others. Protective factors: supportive relationships, future orientation, engagement in care. Crisis line information provided.',
        },
        { title: 'Standardised Measures', text: `${condition.outcome.name}: ${c.outcomeStart}${condition.outcome.unit} at intake.` },
        {
          title: 'Formulation',
          text:
            `Presentation consistent with ${condition.label}, maintained by ${rng.pick(condition.maintaining)}. ` +
            (c.verbose
              ? `Strengths include ${rng.pick(['motivation for change', 'a supportive partner', 'insight into patterns'])} and previous coping that worked well. ` +
                `Cultural and family context discussed; ${c.patient.firstName} prefers a practical, skills-based approach.`
              : ''),
        },
        {
          title: 'Plan',
          text: `Weekly sessions for 6 weeks, then review. Approach: ${joinWords(rng.sample(condition.interventions, 2))}.\nGoals:\n${bullets(c.goals)}`,
        },
        {
          title: 'Consent and Confidentiality',
          text: 'Limits of confidentiality explained (risk of harm, child protection, court order). Consent to counselling and to communicate with the referring physician obtained.',
        },
      ];
    case 'progress':
      return [
        { title: 'Summary of Progress', text: `Treatment review after ${episodeSpan(visit)}.` },
        { title: 'Standardised Measures', text: `${measure} (intake ${c.outcomeStart}${condition.outcome.unit}).` },
        {
          title: 'Assessment',
          text: `${visit.progress > 0.5 ? 'Meaningful' : 'Early'} change. Goals reviewed: ${c.goals.map((g) => `${g} (${visit.progress > 0.7 ? 'largely met' : 'in progress'})`).join('; ')}.`,
        },
        { title: 'Risk', text: riskLine(rng) },
        { title: 'Plan', text: `Continue ${visit.progress > 0.6 ? 'every 2 weeks' : 'weekly'}; focus on ${rng.pick(condition.themes)}.` },
      ];
    case 'discharge':
      return [
        { title: 'Reason for Referral', text: referralLine(c, condition.label) },
        {
          title: 'Course of Treatment',
          text: `${episodeSpan(visit)}. Interventions: ${joinWords(rng.sample(condition.interventions, 3))}.`,
        },
        {
          title: 'Outcome',
          text: `${condition.outcome.name}: ${c.outcomeStart}${condition.outcome.unit} → ${outcomeAt(c, 1)}${condition.outcome.unit}.`,
        },
        {
          title: 'Status at Discharge',
          text: `Goals met or largely met. Relapse-prevention plan reviewed: early warning signs, strategies that helped, and when to return. ${riskLine(rng)}`,
        },
        { title: 'Recommendations', text: 'Discharged by mutual agreement. Welcome to return for booster sessions as needed.' },
      ];
    case 'report':
      return counsellingReport(rng, c, condition, visit);
    case 'follow-up': {
      const theme = rng.pick(condition.themes);
      const interventions = rng.sample(condition.interventions, c.verbose ? 3 : 2);
      return [
        { title: 'Session Details', text: `Session ${visit.number}, ${visit.minutes} minutes, ${modality}.` },
        {
          title: 'Presenting Focus',
          text: `${capitalise(theme)}. ${c.patient.firstName} ${rng.pick(['reports a difficult week', 'reports a better week overall', 'arrived feeling settled', 'wanted to focus on a recent conflict'])}.`,
        },
        { title: 'Interventions', text: `${capitalise(joinWords(interventions))}.` },
        {
          title: 'Client Response',
          text:
            `${rng.pick(['Engaged well', 'Initially guarded, then engaged', 'Reflective and engaged'])}; ${rng.pick(['identified a helpful alternative thought', 'practised the skill in session with good effect', 'completed most of the homework', 'found the homework difficult but attempted it'])}.` +
            (visit.number % 4 === 0 ? ` ${measure}.` : ''),
        },
        { title: 'Risk', text: riskLine(rng) },
        { title: 'Plan', text: `Homework: ${rng.pick(condition.homework)}. ${nextVisitLine(rng, visit)}` },
      ];
    }
  }
}

function counsellingReport(rng: DemoRandom, c: DemoCase, condition: CounsellingCondition, visit: DemoVisit): DemoSection[] {
  const sessions = visit.priorDates.map(
    (date, i) =>
      `${formatLongDate(date)}: session ${i + 1} (${rng.pick(['in person', 'in person', 'secure video'])}, 50 minutes). ` +
      `Focus: ${rng.pick(condition.themes)}. Interventions: ${joinWords(rng.sample(condition.interventions, 2))}. ` +
      `Homework: ${rng.pick(condition.homework)}. Risk reviewed, no concerns.`,
  );
  return [
    { title: 'Purpose of Report', text: reportPurpose(c, visit) },
    {
      title: 'Background',
      text: `${c.patient.firstName} is a ${c.patient.age}-year-old ${c.occupation}. ${c.background} ${capitalise(joinWords(condition.history))}.`,
    },
    {
      title: 'Presenting Concerns',
      text: `At intake: ${joinWords(condition.presenting)}. ${condition.outcome.name} ${c.outcomeStart}${condition.outcome.unit}.`,
    },
    { title: 'Treatment to Date', text: `${sessions.length} sessions:\n${bullets(sessions)}` },
    {
      title: 'Current Status',
      text: `${condition.outcome.name} today ${outcomeAt(c, visit.progress)}${condition.outcome.unit}. ${capitalise(rng.pick(condition.presenting))} has ${visit.progress > 0.5 ? 'reduced considerably' : 'reduced somewhat'}. ${riskLine(rng)}`,
    },
    {
      title: 'Opinion and Prognosis',
      text: `In my opinion the presentation is consistent with ${condition.label}${c.funder === 'motor-vehicle' ? ', arising after the collision' : ''}. Prognosis is ${rng.pick(['good', 'good with continued treatment', 'fair to good'])}. I recommend ${rng.pick(['8 further sessions', '6 further sessions, then review', 'continuing every 2 weeks for 3 months'])}.`,
    },
    { title: 'Recommendations', text: bullets(c.goals.map((g) => `Continue work toward: ${g.toLowerCase()}.`)) },
    { title: 'Declaration', text: declaration(visit) },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Naturopathy

function vitals(rng: DemoRandom): string {
  return `BP ${rng.int(106, 132)}/${rng.int(66, 84)} mmHg, HR ${rng.int(58, 82)} bpm, temperature ${(36.4 + rng.int(0, 6) / 10).toFixed(1)} °C.`;
}

function writeNaturopathy(rng: DemoRandom, c: DemoCase, condition: NaturopathyCondition, visit: DemoVisit): DemoSection[] {
  const severity = Math.round(lerp(c.outcomeStart, c.outcomeEnd, clamp(visit.progress * 1.05, 0, 1)));
  switch (visit.kind) {
    case 'initial':
      return [
        { title: 'Chief Concern', text: `${capitalise(condition.label)}. ${referralLine(c, condition.label)}` },
        {
          title: 'History of Present Concern',
          text: `${capitalise(joinWords(rng.sample(condition.symptoms, Math.min(3, condition.symptoms.length))))} for about ${c.onsetWeeks + 8} weeks. ${capitalise(condition.trackedSymptom)} ${c.outcomeStart}/10.`,
        },
        {
          title: 'Health History',
          text: `${capitalise(joinWords(condition.history))}. Medications: ${rng.pick(['none', 'as prescribed by the family physician; reviewed for interactions', 'oral contraceptive'])}. Allergies: ${rng.pick(['none known', 'penicillin (rash)', 'shellfish'])}.`,
        },
        {
          title: 'Diet and Lifestyle',
          text: `Typical day: ${rng.pick(['skips breakfast, café lunch, late dinner', 'regular meals, high in refined carbohydrates', 'mostly home-cooked, low vegetable intake'])}. Sleep ${rng.int(5, 8)} hours. Exercise ${rng.pick(['rarely', '1–2 times a week', 'daily walks'])}. ${c.background}`,
        },
        { title: 'Physical Examination', text: `${vitals(rng)} Weight ${rng.int(52, 96)} kg. ${condition.exam}` },
        { title: 'Laboratory Review', text: bullets(condition.labs) },
        {
          title: 'Assessment',
          text: `${capitalise(condition.label)}. No red flags identified; findings shared with the family physician, who remains the most responsible provider.`,
        },
        {
          title: 'Treatment Plan',
          text: `Diet:\n${bullets(condition.diet)}\nSupplements (reviewed for interactions):\n${bullets(condition.supplements)}\nLifestyle:\n${bullets(condition.lifestyle)}\nGoals:\n${bullets(c.goals)}\nFollow-up in 4 weeks.`,
        },
        { title: 'Consent', text: 'Risks, benefits and alternatives of the plan discussed; informed consent obtained.' },
      ];
    case 'discharge':
      return [
        { title: 'Reason for Referral', text: referralLine(c, condition.label) },
        {
          title: 'Course of Treatment',
          text: `${episodeSpan(visit)}. ${capitalise(joinWords(condition.diet.slice(0, 1).concat(condition.supplements.slice(0, 1))))}.`,
        },
        { title: 'Outcome', text: `${capitalise(condition.trackedSymptom)}: ${c.outcomeStart}/10 → ${c.outcomeEnd}/10.` },
        {
          title: 'Recommendations',
          text: `Continue ${rng.pick(condition.lifestyle)}. Follow up with the family physician for routine monitoring. Return as needed.`,
        },
      ];
    case 'report':
    case 'progress':
      return [
        { title: 'Summary of Progress', text: `Review after ${episodeSpan(visit)}.` },
        {
          title: 'Subjective',
          text: `${capitalise(condition.trackedSymptom)} ${severity}/10 (baseline ${c.outcomeStart}/10). ${rng.pick(['Adherent to the plan.', 'Mostly adherent; finds meal planning hard on work days.'])}`,
        },
        { title: 'Objective', text: vitals(rng) },
        {
          title: 'Assessment',
          text: `${visit.progress > 0.5 ? 'Good' : 'Partial'} response. ${c.goals.map((g) => `${g}: ${visit.progress > 0.7 ? 'met' : 'in progress'}`).join('; ')}.`,
        },
        {
          title: 'Plan',
          text: `Continue current plan; ${rng.pick(condition.supplements)}. Follow-up in ${rng.pick(['4', '6', '8'])} weeks.`,
        },
      ];
    case 'follow-up':
      return [
        {
          title: 'Subjective',
          text: `${capitalise(condition.trackedSymptom)} ${severity}/10 this week (baseline ${c.outcomeStart}/10). ${rng.pick(['Tolerating supplements well.', 'Mild nausea with the supplement on an empty stomach; now taking with food.', 'Diet changes going well.', 'Found the food diary helpful.'])}`,
        },
        { title: 'Objective', text: vitals(rng) },
        { title: 'Assessment', text: visit.progress > 0.5 ? 'Improving as expected.' : 'Early response; continue.' },
        {
          title: 'Plan',
          text: `${capitalise(rng.pick(condition.lifestyle))}. ${capitalise(rng.pick(condition.diet))}. ${nextVisitLine(rng, visit)}`,
        },
      ];
  }
}
