/**
 * The test line's phone book. Numbers in the fictional 555-01xx block (North American numbers
 * reserved for fiction: +1 NPA 555 0100–0199, any area code) make the virtual receiving fax machine
 * behave in a chosen way, so staff and tests can see every outcome without a real phone line.
 * Every other valid number reaches a well-behaved fax machine.
 *
 * The table is exported for the README: suffix → behaviour → what staff will see.
 */

/** spandsp AWGN level (dBm0, both directions) at which negotiation breaks down (measured: T.30 fails in phase B). */
export const NOISY_LINE_FAILING_DBM0 = -46;
/**
 * A crackling line: a 60 ms noise hit (−20 dBm0) every 1.5 s from sender to receiver. Measured on
 * 1–10 page documents: the 14 400 bit/s training check fails, the machines retrain at 12 000 bit/s
 * (T.30 FTT, then a new DCS), ECM re-sends the frames a hit destroyed, and every page arrives intact.
 */
export const CRACKLING_LINE_BURST_EVERY_MS = 1500;

export type LineScenario =
  | { kind: 'normal' }
  | { kind: 'busy' }
  | { kind: 'no-answer' }
  | { kind: 'voice' }
  | { kind: 'drop-after-page'; page: number }
  | { kind: 'noise'; dbm0: number }
  | { kind: 'crackling'; burstEveryMs: number }
  | { kind: 'receiver-rejects' };

export interface ScriptedNumberRow {
  /** The last four digits, e.g. "0150", or a range "0100–0149". */
  suffix: string;
  /** An example number in this row (any area code works). */
  example: string;
  scenario: LineScenario;
  /** What happens on the simulated line. */
  behaviour: string;
  /** What staff see on the fax. */
  staffWillSee: string;
}

const normal: ScriptedNumberRow = {
  suffix: '0100–0149',
  example: '+16045550142',
  scenario: { kind: 'normal' },
  behaviour: 'A fax machine answers and prints every page (V.17 14 400 bit/s, error correction on).',
  staffWillSee: 'Delivered, with the pages sent, the line time and the receiving station id.',
};

export const SCRIPTED_NUMBERS: readonly ScriptedNumberRow[] = Object.freeze([
  normal,
  {
    suffix: '0150',
    example: '+16045550150',
    scenario: { kind: 'busy' },
    behaviour: 'Busy tone; the call ends before any fax exchange.',
    staffWillSee: 'Failed: “The line was busy.” Retried automatically.',
  },
  {
    suffix: '0151',
    example: '+16045550151',
    scenario: { kind: 'no-answer' },
    behaviour: 'It rings and nobody picks up; the sending machine gives up when T.30 timer T0 (60 s) expires.',
    staffWillSee: 'Failed: “Nobody answered the call.” Retried automatically.',
  },
  {
    suffix: '0152',
    example: '+16045550152',
    scenario: { kind: 'voice' },
    behaviour: 'A person answers (“Hello?”); no fax tones ever come back and T.30 times out.',
    staffWillSee: 'Failed: “A person or voicemail answered instead of a fax machine.” Not retried.',
  },
  {
    suffix: '0153',
    example: '+16045550153',
    scenario: { kind: 'drop-after-page', page: 1 },
    behaviour:
      'The line goes dead right after page 1 is confirmed; the sender gets no answer to its next page. A 1-page fax still arrives.',
    staffWillSee: 'Partially delivered: 1 page went through, “The connection failed or dropped during the call.” A retry sends the rest.',
  },
  {
    suffix: '0154',
    example: '+16045550154',
    scenario: { kind: 'drop-after-page', page: 2 },
    behaviour: 'As 0153, after page 2. Faxes of 1–2 pages arrive.',
    staffWillSee: 'Partially delivered: 2 pages went through; a retry sends the rest.',
  },
  {
    suffix: '0155',
    example: '+16045550155',
    scenario: { kind: 'noise', dbm0: NOISY_LINE_FAILING_DBM0 },
    behaviour: `Heavy line noise (${NOISY_LINE_FAILING_DBM0} dBm0): the machines cannot complete the T.30 handshake.`,
    staffWillSee: 'Failed: “The connection failed or dropped during the call.” Retried automatically.',
  },
  {
    suffix: '0156',
    example: '+16045550156',
    scenario: { kind: 'crackling', burstEveryMs: CRACKLING_LINE_BURST_EVERY_MS },
    behaviour:
      'A crackling line (a short noise hit every 1.5 s): the machines retrain from 14 400 to 12 000 bit/s and error correction re-sends damaged frames; every page arrives intact.',
    staffWillSee: 'Delivered, at 12 000 bit/s and with a longer line time than a clean line.',
  },
  {
    suffix: '0157',
    example: '+16045550157',
    scenario: { kind: 'receiver-rejects' },
    behaviour:
      'The fax machine answers but says it cannot receive (out of paper / receiving turned off: “ready to receive” clear in its DIS); the sender hangs up.',
    staffWillSee: 'Failed: “The receiving fax machine refused the document.” Retried automatically.',
  },
  {
    suffix: 'any other',
    example: '+442079460958',
    scenario: { kind: 'normal' },
    behaviour: 'Any other valid number in E.164 form reaches a normal fax machine.',
    staffWillSee: 'Delivered.',
  },
]);

const E164 = /^\+[1-9]\d{7,14}$/;
const NANP = /^\+1([2-9]\d{2})([2-9]\d{2})(\d{4})$/;
const FICTIONAL = /^\+1[2-9]\d{2}555(01\d{2})$/;

/** True when the test line can dial the number: E.164, and a full 10-digit number for +1. */
export function isDialableNumber(toNumber: string): boolean {
  if (!E164.test(toNumber)) return false;
  return !toNumber.startsWith('+1') || NANP.test(toNumber);
}

/** The row that decides what the virtual fax machine at this number does. */
export function scriptedNumberFor(toNumber: string): ScriptedNumberRow {
  const suffix = FICTIONAL.exec(toNumber)?.[1];
  if (suffix === undefined) return SCRIPTED_NUMBERS[SCRIPTED_NUMBERS.length - 1]!;
  return SCRIPTED_NUMBERS.find((row) => row.suffix === suffix) ?? normal;
}

/**
 * The station id (CSI) the virtual machine announces, in the form fax machines print in their
 * header: "+1 604 555 0142". T.30 allows 20 characters.
 */
export function remoteStationIdFor(toNumber: string): string {
  const nanp = NANP.exec(toNumber);
  if (nanp) return `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}`;
  return toNumber.slice(0, 20);
}

/** Helper options that put the virtual machine and the line into the scenario. */
export function helperArgsFor(scenario: LineScenario): string[] {
  switch (scenario.kind) {
    case 'normal':
      return [];
    case 'busy':
      return ['--busy'];
    case 'no-answer':
      return ['--no-answer'];
    case 'voice':
      return ['--voice'];
    case 'drop-after-page':
      return ['--drop-after-page', String(scenario.page)];
    case 'noise':
      return ['--noise-dbm0', String(scenario.dbm0)];
    case 'crackling':
      return ['--burst-every-ms', String(scenario.burstEveryMs)];
    case 'receiver-rejects':
      return ['--receiver-rejects'];
  }
}
