/**
 * Limits on what one fax may contain. Checked by the render layer (and by services before they queue
 * a fax, so staff hear about it at once). Each limit has a plain-language error next to it.
 */
import { FaxError } from './errors';

/** Pages in one fax, cover included. A 200-page fax already ties up a line for about an hour. */
export const MAX_PAGES_PER_FAX = 200;
/** Chart entries in one fax; a date range longer than this should be split into several faxes. */
export const MAX_CHART_ENTRIES_PER_FAX = 500;
/** Characters in the cover page notes (a cover is one page; longer notes belong in a chart entry). */
export const MAX_COVER_NOTES_CHARS = 2000;
/** Characters in the cover page subject line. */
export const MAX_SUBJECT_CHARS = 120;
/** Characters of text in one chart entry section; guards the layout against runaway input. */
export const MAX_SECTION_TEXT_CHARS = 100_000;
/** Documents longer than this many pages render with a 'long-document' warning. */
export const LONG_DOCUMENT_WARNING_PAGES = 50;

export function pageLimitError(pageCount: number): FaxError {
  return new FaxError(
    'limit-exceeded',
    `This fax would be ${pageCount} pages; one fax can have at most ${MAX_PAGES_PER_FAX} pages (cover included). ` +
      'Choose a shorter date range or fewer entries and send the rest as a second fax.',
  );
}

export function entryLimitError(entryCount: number): FaxError {
  return new FaxError(
    'limit-exceeded',
    `This fax has ${entryCount} chart entries; one fax can have at most ${MAX_CHART_ENTRIES_PER_FAX}. ` +
      'Choose a shorter date range and send the rest as a second fax.',
    { fields: { entries: `At most ${MAX_CHART_ENTRIES_PER_FAX} chart entries per fax.` } },
  );
}

export function coverNotesLimitError(length: number): FaxError {
  return new FaxError(
    'limit-exceeded',
    `The cover page notes are ${length} characters; the limit is ${MAX_COVER_NOTES_CHARS}. Shorten them by ${length - MAX_COVER_NOTES_CHARS} characters.`,
    { fields: { 'coverPage.notes': `At most ${MAX_COVER_NOTES_CHARS} characters.` } },
  );
}

export function subjectLimitError(length: number): FaxError {
  return new FaxError(
    'limit-exceeded',
    `The subject is ${length} characters; the limit is ${MAX_SUBJECT_CHARS}. Shorten it by ${length - MAX_SUBJECT_CHARS} characters.`,
    { fields: { 'coverPage.subject': `At most ${MAX_SUBJECT_CHARS} characters.` } },
  );
}

export function sectionTextLimitError(length: number): FaxError {
  return new FaxError(
    'limit-exceeded',
    `A chart entry section has ${length} characters; the limit is ${MAX_SECTION_TEXT_CHARS} per section.`,
  );
}
