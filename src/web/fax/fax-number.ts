/**
 * Fax numbers in the dialog: formatted as staff type them, with a quick check before anything is
 * sent. The server's parser stays the source of truth (its field errors are shown as they come); this
 * only catches what is plainly incomplete so staff learn it while still in the field.
 */
import { AsYouType, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** "6045550177" → "(604) 555-0177" for a clinic in Canada; "+44 20…" stays international. */
export function formatAsTyped(text: string, country: string): string {
  // Deleting a formatting character must not be undone by re-formatting: format only on growth.
  return new AsYouType(country.toUpperCase() as CountryCode).input(text);
}

/**
 * A message when the number is plainly incomplete, else null. North American numbers need ten
 * digits (area code and number); international numbers start with "+" and are left to the server.
 */
export function checkFaxNumber(text: string, country: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the fax number.';
  if (/[a-z]/i.test(trimmed.replace(/\b(ext|x)\b/gi, ''))) return `"${trimmed}" has letters in it; a fax number has only digits.`;
  const nanp = country === 'CA' || country === 'US';
  if (nanp && !trimmed.startsWith('+') && !trimmed.startsWith('011')) {
    const digits = trimmed.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
    if (digits.length < 10)
      return `This number is too short: it has ${digits.length} digits, and numbers in Canada and the US have 10 (area code and number).`;
    if (digits.length > 10)
      return `This number is too long: it has ${digits.length} digits, and numbers in Canada and the US have 10 (area code and number).`;
  }
  return null;
}

/** The digits (and a leading +) of a number, for comparing what was typed with what was picked. */
export function numberKey(text: string): string {
  const plus = text.trim().startsWith('+') ? '+' : '';
  return plus + text.replace(/\D/g, '');
}

/** "+1 604 555 0177" for a stored E.164 number; the text unchanged when it cannot be read. */
export function displayFaxNumber(e164: string | null): string {
  if (!e164) return '';
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
