/**
 * Fax and phone numbers: what staff type ("(604) 555-0142", "604.555.0142", "+44 20 7946 0958") →
 * E.164 for storage, "+1 604 555 0142" for display, and whether the destination is international.
 *
 * Rules (see docs/reference notes on E.164 and the NANP):
 * - Numbers are stored in E.164 only; punctuation, spaces and dialling prefixes are dropped.
 * - A number is read in the clinic's country unless it starts with "+" (or "011" from the NANP).
 * - It must be a valid number for its region (libphonenumber's `isValid`: allocated ranges, not just
 *   the right length). Premium-rate numbers and NANP N11 service codes are refused.
 * - "International" means the destination region is outside the US and Canada. +1 also covers
 *   Caribbean and Pacific NANP countries (Jamaica 876, Bahamas 242, …), which carriers bill at
 *   international rates, so those count as international too.
 * - Exception: NANP numbers with the 555 exchange and a 01xx line (555-0100 … 555-0199) are reserved
 *   as fictitious. Chartfax's test line answers on scripted 555-01xx numbers and the demo clinic's
 *   address book uses them, so they are accepted as valid even where the metadata says otherwise.
 *
 * Pure: libphonenumber-js carries its metadata in memory and does no I/O.
 */
import {
  AsYouType,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

export type ParsedFaxNumber =
  { ok: true; e164: string; display: string; country: string | undefined; international: boolean } | { ok: false; message: string };

/** Regions Chartfax treats as domestic: everything else is gated by the clinic's international switch. */
export const DOMESTIC_REGIONS: readonly string[] = ['US', 'CA'];

/** National number of a fictitious NANP line: NPA (2–9 first) + 555 + 01xx. */
const FICTITIOUS_NANP = /^[2-9]\d{2}5550(1\d{2})$/;

const EXAMPLES: Readonly<Record<string, string>> = {
  CA: '(604) 555-0142',
  US: '(212) 555-0142',
};

function exampleFor(country: string): string {
  return EXAMPLES[country] ?? '+44 20 7946 0958';
}

function knownCountry(country: string): CountryCode | undefined {
  // validatePhoneNumberLength answers INVALID_COUNTRY for a region missing from the metadata.
  return validatePhoneNumberLength('2', country as CountryCode) === 'INVALID_COUNTRY' ? undefined : (country as CountryCode);
}

/** True for a +1 number with a 555-01xx line (reserved for fiction; used by the test line). */
export function isFictitiousNanpNumber(e164: string): boolean {
  return e164.startsWith('+1') && FICTITIOUS_NANP.test(e164.slice(2));
}

/** NANP rule: neither the area code nor the exchange may be an N11 service code (211, 411, 911…). */
function hasN11Code(nationalNumber: string): boolean {
  return /^[2-9]11/.test(nationalNumber) || /^\d{3}[2-9]11/.test(nationalNumber);
}

function lengthProblem(input: string, country: CountryCode | undefined): string | null {
  const reason = validatePhoneNumberLength(input, country);
  switch (reason) {
    case 'TOO_SHORT':
      return 'is too short';
    case 'TOO_LONG':
      return 'is too long';
    case 'INVALID_LENGTH':
      return 'has the wrong number of digits';
    case 'INVALID_COUNTRY':
      return input.trim().startsWith('+') ? 'starts with a country code that does not exist' : 'needs a country code (start with +)';
    case 'NOT_A_NUMBER':
      return 'is not a phone number';
    default:
      return null;
  }
}

function regionOf(parsed: PhoneNumber, fallback: CountryCode | undefined): string | undefined {
  if (parsed.country) return parsed.country;
  // Fictitious NANP numbers may not resolve to a region; read them as the clinic's own when it is NANP.
  if (parsed.countryCallingCode === '1' && fallback && DOMESTIC_REGIONS.includes(fallback)) return fallback;
  return undefined;
}

/**
 * Read a fax (or phone) number typed by staff. `clinicCountry` is the ISO region ('CA', 'US', …)
 * used for numbers written without a country code.
 */
export function parseFaxNumber(input: string, clinicCountry: 'CA' | 'US' | string): ParsedFaxNumber {
  const country = knownCountry(clinicCountry.toUpperCase());
  const example = exampleFor(country ?? 'US');
  const typed = input.trim();
  if (typed === '') return { ok: false, message: `Enter a fax number, for example ${example}.` };
  if (/[a-z]/i.test(typed.replace(/\b(ext|x)\.?\s*\d+$/i, ''))) {
    return { ok: false, message: `"${typed}" contains letters; type the digits only, for example ${example}.` };
  }
  if (/[,;]/.test(typed)) {
    return { ok: false, message: `"${typed}" contains dialling pauses; type the number only (no "9," prefix), for example ${example}.` };
  }
  if (/\b(ext|x)\.?\s*\d+$/i.test(typed)) {
    return { ok: false, message: `Fax numbers cannot have an extension; remove it from "${typed}".` };
  }
  // From the NANP, 011 is the international prefix: "011 44 20 …" means "+44 20 …".
  const normalised =
    /^\s*011[\s.-]*[1-9]/.test(typed) && (country === 'US' || country === 'CA') ? `+${typed.replace(/^\s*011[\s.-]*/, '')}` : typed;
  if (!normalised.startsWith('+') && (country === 'US' || country === 'CA')) {
    const digits = normalised.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
    if (digits.length !== 10) {
      const problem = digits.length < 10 ? 'is too short' : 'is too long';
      return {
        ok: false,
        message: `"${typed}" ${problem}: it has ${digits.length} digits, and numbers in Canada and the US have 10 (area code and number), for example ${example}.`,
      };
    }
  }
  const parsed = parsePhoneNumberFromString(normalised, country);
  if (!parsed) {
    const problem = lengthProblem(normalised, country) ?? 'is not a phone number';
    return { ok: false, message: `"${typed}" ${problem}. Type the full number, for example ${example}.` };
  }
  const e164 = parsed.number;
  const display = parsed.formatInternational();
  const fictitious = isFictitiousNanpNumber(e164);
  if (!fictitious) {
    const problem = lengthProblem(normalised, country);
    if (problem) return { ok: false, message: `"${typed}" ${problem}. Type the full number, for example ${example}.` };
    if (!parsed.isValid()) {
      return {
        ok: false,
        message: `${display} is not a valid number: no such area code or exchange is in use. Check the number, for example ${example}${parsed.countryCallingCode === '1' ? '' : ' (with its country code)'}.`,
      };
    }
    if (parsed.countryCallingCode === '1' && hasN11Code(parsed.nationalNumber)) {
      return { ok: false, message: `${display} uses a service code (like 411 or 911), which is not a fax number. Check the number.` };
    }
    if (parsed.getType() === 'PREMIUM_RATE') {
      return { ok: false, message: `${display} is a premium-rate number; Chartfax does not fax premium-rate numbers.` };
    }
  }
  const region = regionOf(parsed, country);
  return { ok: true, e164, display, country: region, international: region === undefined || !DOMESTIC_REGIONS.includes(region) };
}

/** Format a partly typed number as staff type it ("6045" → "(604) 5"), for the UI. */
export function formatFaxNumberAsTyped(partial: string, country: 'CA' | 'US' | string): string {
  return new AsYouType(knownCountry(country.toUpperCase())).input(partial);
}

/** "+1 604 555 0142" for a stored E.164 number; the input unchanged when it cannot be read. */
export function displayFaxNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
