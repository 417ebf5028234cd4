/**
 * How a fax recipient's name is shown on the cover page and in the fax list.
 *
 * The 40-character cut keeps the "To" line of the cover on one line at the cover's heading size
 * and matches the width of the recipient column in lists.
 */

export const RECIPIENT_NAME_MAX_CHARS = 40;

export interface RecipientNameParts {
  firstName?: string | null;
  lastName?: string | null;
  organization?: string | null;
}

/**
 * Combine a recipient's parts into one display name: "First Last, Organization", each part
 * trimmed with inner runs of whitespace collapsed, empty parts left out, cut at 40 characters
 * (counted in code points so a cut never splits a surrogate pair).
 */
export function combineRecipientName(parts: RecipientNameParts | string): string {
  const tidy = (value: string | null | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();
  let combined: string;
  if (typeof parts === 'string') {
    combined = tidy(parts);
  } else {
    const person = [tidy(parts.firstName), tidy(parts.lastName)].filter((p) => p !== '').join(' ');
    combined = [person, tidy(parts.organization)].filter((p) => p !== '').join(', ');
  }
  const codePoints = Array.from(combined);
  if (codePoints.length <= RECIPIENT_NAME_MAX_CHARS) return combined;
  return codePoints.slice(0, RECIPIENT_NAME_MAX_CHARS).join('').trimEnd();
}
