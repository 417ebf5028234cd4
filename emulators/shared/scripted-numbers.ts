/**
 * Scripted destinations shared by every emulator, mirroring the test line's 555-01xx table, so the
 * same number behaves the same whichever transport sends to it.
 */
export type ScriptedOutcome = 'delivered' | 'busy' | 'no-answer' | 'voice' | 'drop-after-page-1' | 'document-rejected';

export const SCRIPTED_NUMBERS: Readonly<Record<string, ScriptedOutcome>> = Object.freeze({
  '0150': 'busy',
  '0151': 'no-answer',
  '0152': 'voice',
  '0153': 'drop-after-page-1',
  '0157': 'document-rejected',
});

/** 555-0100…0149 and any number outside the table are delivered. */
export function scriptedOutcome(number: string): ScriptedOutcome {
  const digits = number.replace(/\D/g, '');
  const match = /5550(1\d\d)$/.exec(digits);
  if (!match) return 'delivered';
  return SCRIPTED_NUMBERS[`0${match[1]}`] ?? 'delivered';
}

/** E.164: "+" then 8–15 digits, no leading zero. */
export function isE164(number: string): boolean {
  return /^\+[1-9]\d{7,14}$/.test(number);
}
