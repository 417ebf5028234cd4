/**
 * What a fax document is made of, as the render layer receives it. Services assemble this from the
 * database; render turns it into pages. Plain data only: no ids that need a lookup.
 */

export type PaperSize = 'letter' | 'a4';
/** fine = 204×196 dpi (default), standard = 204×98 dpi. */
export type FaxResolution = 'fine' | 'standard';

export interface DocumentClinic {
  name: string;
  /** Display form, e.g. "+1 604 555 0100". */
  faxNumber: string;
  phone: string;
  timeZone: string;
}

export interface DocumentPatient {
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
}

export interface DocumentChartEntry {
  templateName: string;
  /** ISO 8601 instant; shown in the clinic's time zone. */
  occurredAt: string;
  authorName: string;
  authorCredentials: string | null;
  signed: boolean;
  sections: { title: string; text: string }[];
}

export interface DocumentPlanSummary {
  title: string;
  condition: string;
  goals: string[];
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string | null;
  status: string;
  practitionerName: string;
}

/** Values the cover template may use. Patient fields are present only when the clinic opts in. */
export interface CoverVariables {
  recipientName: string;
  recipientFaxNumber: string;
  senderName: string;
  clinicName: string;
  sendingNumber: string;
  /** Filled in by the renderer once the page count is known. */
  pages?: number;
  subject: string;
  notes: string;
  /** Already formatted in the clinic's time zone. */
  date: string;
  reference: string;
  callbackNumber: string;
  patientName?: string;
  patientDateOfBirth?: string;
}

export interface CoverSpec {
  /** Cover template source (logic-less, see cover-template.ts). */
  template: string;
  variables: CoverVariables;
}

/** Optional continuation cover for a retry that sends only the remaining pages. */
export interface ContinuationSpec {
  firstPage: number;
  lastPage: number;
  totalPages: number;
}

export interface FaxDocumentSpec {
  /** Our fax reference, printed on every page and used as the station id / provider tag. */
  reference: string;
  clinic: DocumentClinic;
  patient: DocumentPatient;
  paper: PaperSize;
  resolution: FaxResolution;
  cover: CoverSpec | null;
  planSummary: DocumentPlanSummary | null;
  entries: DocumentChartEntry[];
}
