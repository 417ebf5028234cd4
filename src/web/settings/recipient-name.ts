/**
 * The cover-page name as the server prints it ("First Last, Organization", cut at 40 characters),
 * repeated here only to preview it while someone types; the saved contact's `coverName` is the truth.
 */
export const COVER_NAME_MAX_CHARS = 40;

const tidy = (value: string): string => value.replace(/\s+/g, ' ').trim();

/** The whole combined name, before any cut. */
export function fullRecipientName(parts: { firstName: string; lastName: string; organization: string }): string {
  const person = [tidy(parts.firstName), tidy(parts.lastName)].filter((p) => p !== '').join(' ');
  return [person, tidy(parts.organization)].filter((p) => p !== '').join(', ');
}

/** What fits on the cover, and how many characters are lost (counted in code points, as the server does). */
export function coverNamePreview(parts: { firstName: string; lastName: string; organization: string }): {
  coverName: string;
  length: number;
  cut: number;
} {
  const full = Array.from(fullRecipientName(parts));
  if (full.length <= COVER_NAME_MAX_CHARS) return { coverName: full.join(''), length: full.length, cut: 0 };
  return {
    coverName: full.slice(0, COVER_NAME_MAX_CHARS).join('').trimEnd(),
    length: full.length,
    cut: full.length - COVER_NAME_MAX_CHARS,
  };
}
