import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayFaxNumber, formatFaxNumberAsTyped, parseFaxNumber } from '../../src/core/phone-numbers';

function ok(input: string, country = 'CA') {
  const result = parseFaxNumber(input, country);
  assert.ok(result.ok, `${input} should be accepted: ${result.ok ? '' : result.message}`);
  return result;
}

function refused(input: string, country = 'CA') {
  const result = parseFaxNumber(input, country);
  assert.ok(!result.ok, `${input} should be refused`);
  return result.message;
}

describe('parseFaxNumber', () => {
  test('the ways staff type a Canadian number all give the same E.164 number', () => {
    for (const typed of ['(604) 555-0142', '604.555.0142', '+1 604 555 0142', '1-604-555-0142', '6045550142', '  604 555 0142 ']) {
      const r = ok(typed);
      assert.equal(r.e164, '+16045550142', typed);
      assert.equal(r.display, '+1 604 555 0142');
      assert.equal(r.country, 'CA');
      assert.equal(r.international, false);
    }
  });

  test('a US clinic reads numbers in the US; Canada and the US are both domestic', () => {
    const ny = ok('(212) 555-0142', 'US');
    assert.equal(ny.e164, '+12125550142');
    assert.equal(ny.international, false);
    const fromUs = ok('+1 604 555 0142', 'US');
    assert.equal(fromUs.international, false);
    const real = ok('(416) 979-5000', 'US');
    assert.equal(real.country, 'CA');
    assert.equal(real.international, false);
  });

  test('Caribbean +1 numbers and other countries are international', () => {
    const jamaica = ok('+1 876 927 1234');
    assert.equal(jamaica.country, 'JM');
    assert.equal(jamaica.international, true);
    const bahamas = ok('+1 242 322 1234');
    assert.equal(bahamas.international, true);
    const uk = ok('+44 20 7946 0958');
    assert.equal(uk.e164, '+442079460958');
    assert.equal(uk.country, 'GB');
    assert.equal(uk.international, true);
    const dialled = ok('011 44 20 7946 0958');
    assert.equal(dialled.e164, '+442079460958', 'the NANP international prefix 011 means +');
  });

  test('fictitious 555-01xx numbers (test line, demo data) are accepted', () => {
    for (const line of ['0100', '0142', '0199']) assert.equal(ok(`(604) 555-${line}`).e164, `+1604555${line}`);
    assert.equal(ok('(212) 555-0101', 'US').international, false);
  });

  test('impossible numbers are refused with what is wrong and an example', () => {
    assert.match(refused('604 555 01'), /too short.*\(604\) 555-0142/);
    assert.match(refused('604 555 0142 9999 99'), /too long|wrong number of digits/);
    assert.match(refused(''), /Enter a fax number, for example \(604\) 555-0142/);
    assert.match(refused('call reception'), /letters/);
    assert.match(refused('9,,604 555 0142'), /pauses/);
    assert.match(refused('(123) 456-7890'), /not a valid number/);
    assert.match(refused('(604) 911-1234'), /service code/);
    assert.match(refused('+1 900 555 1234'), /premium-rate/);
    assert.match(refused('212 555 01', 'US'), /\(212\) 555-0142/, 'US clinics get a US example');
  });
});

describe('formatting', () => {
  test('as staff type, the number takes its national shape', () => {
    assert.equal(formatFaxNumberAsTyped('604555', 'CA'), '(604) 555');
    assert.equal(formatFaxNumberAsTyped('6045550142', 'CA'), '(604) 555-0142');
    assert.equal(formatFaxNumberAsTyped('+442079', 'CA'), '+44 20 79');
  });

  test('stored numbers display in international form', () => {
    assert.equal(displayFaxNumber('+16045550142'), '+1 604 555 0142');
    assert.equal(displayFaxNumber('not a number'), 'not a number');
  });
});
