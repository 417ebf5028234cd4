import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COVER_TEMPLATE_VARIABLES,
  DEFAULT_COVER_TEMPLATE,
  SAMPLE_COVER_VARIABLES,
  parseCoverTemplate,
  renderCoverTemplate,
} from '../../src/core/cover-template';
import { combineRecipientName } from '../../src/core/recipient-name';
import { FaxError } from '../../src/core/errors';

const vars = { ...SAMPLE_COVER_VARIABLES };

function expectTemplateError(source: string, pattern: RegExp, allowPatientFields = false): void {
  assert.throws(
    () => parseCoverTemplate(source, { allowPatientFields }),
    (error: unknown) =>
      error instanceof FaxError &&
      error.code === 'validation-failed' &&
      pattern.test(error.message) &&
      typeof error.fields?.template === 'string',
  );
}

test('recipient names are combined as "First Last, Organization" and cut at 40 characters', () => {
  assert.equal(
    combineRecipientName({ firstName: '  Imogen ', lastName: 'Sample', organization: 'Harbour Physio' }),
    'Imogen Sample, Harbour Physio',
  );
  assert.equal(combineRecipientName({ organization: ' Harbour Physio ' }), 'Harbour Physio');
  assert.equal(combineRecipientName({ firstName: 'Imogen', lastName: null }), 'Imogen');
  const long = combineRecipientName({ firstName: 'A'.repeat(30), lastName: 'B'.repeat(30), organization: 'C'.repeat(140) });
  assert.equal(Array.from(long).length, 40);
  assert.ok(long.startsWith('A'.repeat(30) + ' BBBBBBBBB'));
  assert.equal(Array.from(combineRecipientName('😀'.repeat(50))).length, 40, 'cut in code points, never mid-surrogate');
});

test('the default template parses and renders every filled field', () => {
  const blocks = renderCoverTemplate(parseCoverTemplate(DEFAULT_COVER_TEMPLATE, { allowPatientFields: false }), vars);
  const text = JSON.stringify(blocks);
  for (const key of [
    'recipientName',
    'recipientFaxNumber',
    'senderName',
    'clinicName',
    'sendingNumber',
    'subject',
    'date',
    'reference',
    'callbackNumber',
  ] as const) {
    assert.ok(text.includes(String(vars[key])), `default cover shows ${key}`);
  }
  assert.ok(blocks.some((b) => b.kind === 'heading' && b.level === 1));
  assert.ok(blocks.some((b) => b.kind === 'label' && b.label === 'To:' && b.text === vars.recipientName));
  assert.ok(blocks.some((b) => b.kind === 'rule'));
  assert.ok(blocks.some((b) => b.kind === 'small' && /confidential/i.test(b.text)));
  assert.ok(!text.includes(String(vars.patientName)), 'no patient details in the default cover');
});

test('sections appear only when their variable is filled, without leaving blank lines', () => {
  const parsed = parseCoverTemplate('# Fax\n{{#subject}}\n**Subject:** {{subject}}\n{{/subject}}\nEnd', { allowPatientFields: false });
  assert.deepEqual(renderCoverTemplate(parsed, { ...vars, subject: '' }), [
    { kind: 'heading', level: 1, text: 'Fax' },
    { kind: 'paragraph', text: 'End' },
  ]);
  assert.deepEqual(renderCoverTemplate(parsed, { ...vars, subject: 'Hello' })[1], { kind: 'label', label: 'Subject:', text: 'Hello' });
});

test('values are literal text: markup inside a value is never interpreted', () => {
  const parsed = parseCoverTemplate('{{recipientName}}\n**To:** {{recipientName}}', { allowPatientFields: false });
  const evil = '# <script>alert("x")</script> **bold** {{notes}} \u05e9\u05dc\u05d5\u05dd';
  const blocks = renderCoverTemplate(parsed, { ...vars, recipientName: evil });
  assert.deepEqual(blocks[0], { kind: 'paragraph', text: evil }, 'a value starting with "# " is not a heading');
  assert.deepEqual(blocks[1], { kind: 'label', label: 'To:', text: evil });
});

test('notes keep their line breaks; other values are one line', () => {
  const parsed = parseCoverTemplate('{{notes}}\n**To:** {{recipientName}}', { allowPatientFields: false });
  const blocks = renderCoverTemplate(parsed, { ...vars, notes: 'one\ntwo\r\nthree', recipientName: 'A\nB' });
  assert.deepEqual(blocks[0], { kind: 'paragraph', text: 'one\ntwo\nthree' });
  assert.deepEqual(blocks[1], { kind: 'label', label: 'To:', text: 'A B' });
});

test('unknown variables, unsupported tags and unbalanced sections are refused with the line number', () => {
  expectTemplateError('# Fax\n\n{{recipientNmae}}', /line 3: unknown variable "recipientNmae"/);
  expectTemplateError('{{> partial}}', /line 1: .*not a supported tag/);
  expectTemplateError('{{{notes}}}', /not a supported tag/);
  expectTemplateError('{{#notes}}\n{{notes}}', /line 1: the section \{\{#notes\}\} is never closed/);
  expectTemplateError('{{/notes}}', /never opened/);
  expectTemplateError('{{#notes}}{{/subject}}', /does not match/);
  expectTemplateError('x {{notes', /never closed/);
});

test('patient fields are refused unless the clinic opted in', () => {
  expectTemplateError('**Patient:** {{patientName}}', /line 1: .*"patientName".*not allowed/);
  expectTemplateError('{{#patientDateOfBirth}}x{{/patientDateOfBirth}}', /"patientDateOfBirth"/);
  const parsed = parseCoverTemplate('**Patient:** {{patientName}}', { allowPatientFields: true });
  assert.deepEqual(renderCoverTemplate(parsed, vars), [{ kind: 'label', label: 'Patient:', text: vars.patientName }]);
});

test('the variable list documents every CoverVariables field', () => {
  const names = COVER_TEMPLATE_VARIABLES.map((v) => v.name).sort();
  assert.deepEqual(names, Object.keys(SAMPLE_COVER_VARIABLES).sort());
  assert.ok(COVER_TEMPLATE_VARIABLES.every((v) => v.description.length > 10));
});
