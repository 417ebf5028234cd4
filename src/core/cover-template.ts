/**
 * Cover page templates: a small, safe, logic-less language a clinic uses to design its cover page
 * without HTML.
 *
 * Tags (nothing else is accepted: no code, no partials, no loops, no comments):
 *   {{variable}}               the variable's value, always as literal text
 *   {{#variable}}…{{/variable}} the enclosed part only when the variable is filled in
 *
 * Layout, decided by the template's own text at the start of a line (never by a variable's value):
 *   # Heading                  large bold heading
 *   ## Heading                 smaller bold heading
 *   **Label:** value           bold label followed by normal text
 *   > text                     small print (for notices)
 *   ---                        a horizontal rule
 *   (blank line)               vertical space
 *   anything else              a paragraph, wrapped to the page width
 *
 * Escaping: a value is never read as markup. "<script>", "**", "# " or "{{x}}" inside a recipient's
 * name is printed exactly as typed, because layout is chosen from the template text before values are
 * put in. A line made only of section tags leaves no blank line behind.
 *
 * Pure: no I/O. The render layer lays the returned blocks out on the page.
 */
import type { CoverVariables } from './fax-document';
import { FaxError } from './errors';

export type CoverVariableName = keyof CoverVariables;

export interface CoverTemplateVariable {
  name: CoverVariableName;
  description: string;
  /** Only usable when the clinic has opted in to patient details on cover pages. */
  patientField: boolean;
}

/** Every variable a cover template may use, for documentation and the template editor. */
export const COVER_TEMPLATE_VARIABLES: readonly CoverTemplateVariable[] = Object.freeze([
  { name: 'recipientName', description: 'Who the fax is for: "First Last, Organization" (at most 40 characters).', patientField: false },
  { name: 'recipientFaxNumber', description: 'The fax number being dialled.', patientField: false },
  { name: 'senderName', description: 'The staff member sending the fax.', patientField: false },
  { name: 'clinicName', description: 'The clinic’s name.', patientField: false },
  { name: 'sendingNumber', description: 'The clinic fax number the fax is sent from.', patientField: false },
  { name: 'pages', description: 'Number of pages, including the cover page.', patientField: false },
  { name: 'subject', description: 'The subject typed by the sender (may be empty).', patientField: false },
  { name: 'notes', description: 'Notes typed by the sender; may span several lines (may be empty).', patientField: false },
  { name: 'date', description: 'Date and time the fax was prepared, in the clinic’s time zone.', patientField: false },
  { name: 'reference', description: 'Chartfax reference of this fax, also printed on every page.', patientField: false },
  { name: 'callbackNumber', description: 'Phone number the recipient can call about this fax.', patientField: false },
  { name: 'patientName', description: 'The patient’s name. Only when patient details on covers are turned on.', patientField: true },
  {
    name: 'patientDateOfBirth',
    description: 'The patient’s date of birth. Only when patient details on covers are turned on.',
    patientField: true,
  },
]);

const VARIABLE_NAMES: ReadonlySet<string> = new Set(COVER_TEMPLATE_VARIABLES.map((v) => v.name));
const PATIENT_FIELDS: ReadonlySet<string> = new Set(COVER_TEMPLATE_VARIABLES.filter((v) => v.patientField).map((v) => v.name));

/** Chartfax's default cover page. */
export const DEFAULT_COVER_TEMPLATE = `# Fax
**To:** {{recipientName}}
**Fax number:** {{recipientFaxNumber}}

**From:** {{clinicName}}
**Sent by:** {{senderName}}
**Sending fax number:** {{sendingNumber}}
**Call back:** {{callbackNumber}}

**Date:** {{date}}
**Pages:** {{pages}} (this cover page included)
**Reference:** {{reference}}
{{#subject}}
**Subject:** {{subject}}
{{/subject}}
{{#notes}}

## Notes
{{notes}}
{{/notes}}

---
> Confidential. The pages that follow may hold personal health information meant only for the person or office named above, who must keep it private under the health privacy laws that apply to them. If this fax reached you by mistake, please call {{callbackNumber}} and quote reference {{reference}}; do not read on, copy or pass it on, and destroy every page. If pages are missing or unreadable, call the same number.
`;

/** Synthetic values used to preview and validate templates. */
export const SAMPLE_COVER_VARIABLES: Readonly<Required<CoverVariables>> = Object.freeze({
  recipientName: 'Dr. Imogen Sample, Harbour Physio',
  recipientFaxNumber: '+1 604 555 0199',
  senderName: 'Robin Example',
  clinicName: 'Maple Street Wellness',
  sendingNumber: '+1 604 555 0100',
  pages: 4,
  subject: 'Treatment summary for referral',
  notes: 'Please find the requested chart notes attached.\nCall us with any questions.',
  date: 'Mar 4, 2025, 2:30 PM PST',
  reference: 'CF-7Q2K-9XZD',
  callbackNumber: '+1 604 555 0101',
  patientName: 'Alex Testpatient',
  patientDateOfBirth: 'Jan 2, 1980',
});

export type CoverBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'label'; label: string; text: string }
  /** text may hold '\n' from a multi-line value (notes): each is a hard line break. */
  | { kind: 'paragraph'; text: string }
  | { kind: 'small'; text: string }
  | { kind: 'rule' }
  | { kind: 'space' };

type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'variable'; name: CoverVariableName; line: number }
  | { type: 'section'; name: CoverVariableName; line: number; children: TemplateNode[] };

export interface ParsedCoverTemplate {
  readonly nodes: readonly TemplateNode[];
  /** Variables the template uses, in order of first use. */
  readonly variables: readonly CoverVariableName[];
}

function templateError(line: number, message: string): FaxError {
  const text = `Cover template, line ${line}: ${message}`;
  return new FaxError('validation-failed', text, { fields: { template: text } });
}

const TAG = /\{\{([\s\S]*?)\}\}/g;
const TAG_BODY = /^\s*([#/]?)\s*([A-Za-z][A-Za-z0-9]*)\s*$/;
const STANDALONE_LINE = /^\s*(\{\{\s*[#/]\s*[A-Za-z][A-Za-z0-9]*\s*\}\}\s*)+$/;

/**
 * Parse a cover template. Throws FaxError('validation-failed') naming the line for an unknown
 * variable, an unsupported tag, a section left open or closed twice, or a patient field used
 * without the clinic's opt-in.
 */
export function parseCoverTemplate(source: string, opts: { allowPatientFields: boolean }): ParsedCoverTemplate {
  const root: TemplateNode[] = [];
  const stack: { name: CoverVariableName; line: number; children: TemplateNode[] }[] = [];
  const used: CoverVariableName[] = [];
  const current = (): TemplateNode[] => stack[stack.length - 1]?.children ?? root;
  const pushText = (text: string): void => {
    if (text === '') return;
    const list = current();
    const last = list[list.length - 1];
    if (last?.type === 'text') last.text += text;
    else list.push({ type: 'text', text });
  };

  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((lineText, index) => {
    const lineNo = index + 1;
    const standalone = STANDALONE_LINE.test(lineText);
    let cursor = 0;
    for (const match of lineText.matchAll(TAG)) {
      if (!standalone) pushText(lineText.slice(cursor, match.index));
      cursor = match.index + match[0].length;
      const body = match[1] ?? '';
      const parsed = TAG_BODY.exec(body);
      if (!parsed) {
        throw templateError(lineNo, `"{{${body}}}" is not a supported tag. Use {{name}}, {{#name}}…{{/name}}; nothing else is allowed.`);
      }
      const sigil = parsed[1] ?? '';
      const name = parsed[2] ?? '';
      if (!VARIABLE_NAMES.has(name)) {
        throw templateError(lineNo, `unknown variable "${name}". Known variables: ${[...VARIABLE_NAMES].join(', ')}.`);
      }
      const variable = name as CoverVariableName;
      if (PATIENT_FIELDS.has(name) && !opts.allowPatientFields) {
        throw templateError(
          lineNo,
          `the variable "${name}" shows patient details, which this clinic has not allowed on cover pages. Remove it, or turn on patient details on cover pages in Settings.`,
        );
      }
      if (!used.includes(variable)) used.push(variable);
      if (sigil === '#') {
        const section = { type: 'section' as const, name: variable, line: lineNo, children: [] as TemplateNode[] };
        current().push(section);
        stack.push(section);
      } else if (sigil === '/') {
        const open = stack[stack.length - 1];
        if (!open) throw templateError(lineNo, `{{/${name}}} closes a section that was never opened.`);
        if (open.name !== variable) {
          throw templateError(lineNo, `{{/${name}}} does not match the section {{#${open.name}}} opened on line ${open.line}.`);
        }
        stack.pop();
      } else {
        current().push({ type: 'variable', name: variable, line: lineNo });
      }
    }
    const rest = lineText.slice(cursor);
    if (rest.includes('{{')) throw templateError(lineNo, 'a tag starts with "{{" but is never closed with "}}".');
    if (!standalone) {
      pushText(rest);
      if (index < lines.length - 1) pushText('\n');
    }
  });
  const unclosed = stack[stack.length - 1];
  if (unclosed) {
    throw templateError(unclosed.line, `the section {{#${unclosed.name}}} is never closed; add {{/${unclosed.name}}}.`);
  }
  return { nodes: root, variables: used };
}

function valueOf(vars: CoverVariables, name: CoverVariableName): string {
  const value = vars[name];
  if (value === undefined || value === null) return '';
  return String(value);
}

function isFilled(vars: CoverVariables, name: CoverVariableName): boolean {
  return valueOf(vars, name).trim() !== '';
}

interface Piece {
  text: string;
  /** True for text written in the template (may carry layout); false for a variable's value. */
  markup: boolean;
}

/** Fill a parsed template with values and turn it into layout blocks. */
export function renderCoverTemplate(template: ParsedCoverTemplate, vars: CoverVariables): CoverBlock[] {
  const pieces: Piece[] = [];
  const walk = (nodes: readonly TemplateNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') pieces.push({ text: node.text, markup: true });
      else if (node.type === 'variable') {
        // Only notes keeps its line breaks; any other value is a single line.
        const raw = valueOf(vars, node.name).replace(/\r\n?/g, '\n');
        const text = node.name === 'notes' ? raw.replace(/^\n+|\n+$/g, '') : raw.replace(/\s*\n\s*/g, ' ');
        if (text !== '') pieces.push({ text, markup: false });
      } else if (isFilled(vars, node.name)) walk(node.children);
    }
  };
  walk(template.nodes);

  // Split into lines on the template's own line breaks only.
  const lines: Piece[][] = [[]];
  for (const piece of pieces) {
    if (!piece.markup) {
      lines[lines.length - 1]!.push(piece);
      continue;
    }
    const parts = piece.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1]!.push({ text: part, markup: true });
    });
  }

  const blocks: CoverBlock[] = [];
  for (const line of lines) {
    const hasValue = line.some((p) => !p.markup);
    const joined = line.map((p) => p.text).join('');
    if (joined.trim() === '') {
      if (!hasValue && blocks.length > 0 && blocks[blocks.length - 1]!.kind !== 'space') blocks.push({ kind: 'space' });
      continue;
    }
    const first = line[0]!;
    const restText = (skip: number): string =>
      (first.markup ? first.text.slice(skip) : first.text) +
      line
        .slice(1)
        .map((p) => p.text)
        .join('');
    if (first.markup) {
      const lead = first.text;
      if (line.length === 1 && /^\s*---+\s*$/.test(lead)) {
        blocks.push({ kind: 'rule' });
        continue;
      }
      const heading = /^(#{1,2})\s+/.exec(lead);
      if (heading) {
        blocks.push({ kind: 'heading', level: heading[1]!.length === 1 ? 1 : 2, text: restText(heading[0].length).trim() });
        continue;
      }
      const small = /^>\s?/.exec(lead);
      if (small) {
        blocks.push({ kind: 'small', text: restText(small[0].length).trim() });
        continue;
      }
      const label = /^\*\*(.+?)\*\*\s*/.exec(lead);
      if (label) {
        blocks.push({ kind: 'label', label: label[1]!.trim(), text: restText(label[0].length).trim() });
        continue;
      }
    }
    blocks.push({ kind: 'paragraph', text: joined.trim() });
  }
  while (blocks.length > 0 && blocks[blocks.length - 1]!.kind === 'space') blocks.pop();
  return blocks;
}
