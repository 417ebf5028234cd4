/**
 * CCITT Group 4 (ITU-T T.6, "MMR") encoder for 1-bit fax pages.
 *
 * Input rows are packed MSB-first with 1 = black (the fax convention "min-is-white"). The output is
 * one continuous T.6 stream ending in EOFB, so the same bytes serve as a TIFF strip (one strip per
 * page) and as the data of a PDF CCITTFaxDecode image with K -1.
 *
 * Code tables are those of ITU-T T.4 (tables 2 and 3: terminating, make-up and extended make-up
 * codes) and T.4 table 4 (two-dimensional mode codes), which T.6 reuses.
 */

type CodeTable = readonly (readonly [number, number])[];

function table(bits: readonly string[]): CodeTable {
  return bits.map((b) => [parseInt(b, 2), b.length] as const);
}

// Terminating codes, run lengths 0..63.
const WHITE_TERMINATING = table([
  '00110101',
  '000111',
  '0111',
  '1000',
  '1011',
  '1100',
  '1110',
  '1111',
  '10011',
  '10100',
  '00111',
  '01000',
  '001000',
  '000011',
  '110100',
  '110101',
  '101010',
  '101011',
  '0100111',
  '0001100',
  '0001000',
  '0010111',
  '0000011',
  '0000100',
  '0101000',
  '0101011',
  '0010011',
  '0100100',
  '0011000',
  '00000010',
  '00000011',
  '00011010',
  '00011011',
  '00010010',
  '00010011',
  '00010100',
  '00010101',
  '00010110',
  '00010111',
  '00101000',
  '00101001',
  '00101010',
  '00101011',
  '00101100',
  '00101101',
  '00000100',
  '00000101',
  '00001010',
  '00001011',
  '01010010',
  '01010011',
  '01010100',
  '01010101',
  '00100100',
  '00100101',
  '01011000',
  '01011001',
  '01011010',
  '01011011',
  '01001010',
  '01001011',
  '00110010',
  '00110011',
  '00110100',
]);
const BLACK_TERMINATING = table([
  '0000110111',
  '010',
  '11',
  '10',
  '011',
  '0011',
  '0010',
  '00011',
  '000101',
  '000100',
  '0000100',
  '0000101',
  '0000111',
  '00000100',
  '00000111',
  '000011000',
  '0000010111',
  '0000011000',
  '0000001000',
  '00001100111',
  '00001101000',
  '00001101100',
  '00000110111',
  '00000101000',
  '00000010111',
  '00000011000',
  '000011001010',
  '000011001011',
  '000011001100',
  '000011001101',
  '000001101000',
  '000001101001',
  '000001101010',
  '000001101011',
  '000011010010',
  '000011010011',
  '000011010100',
  '000011010101',
  '000011010110',
  '000011010111',
  '000001101100',
  '000001101101',
  '000011011010',
  '000011011011',
  '000001010100',
  '000001010101',
  '000001010110',
  '000001010111',
  '000001100100',
  '000001100101',
  '000001010010',
  '000001010011',
  '000000100100',
  '000000110111',
  '000000111000',
  '000000100111',
  '000000101000',
  '000001011000',
  '000001011001',
  '000000101011',
  '000000101100',
  '000001011010',
  '000001100110',
  '000001100111',
]);
// Make-up codes, run lengths 64, 128, ..., 1728 (index = run / 64 - 1).
const WHITE_MAKEUP = table([
  '11011',
  '10010',
  '010111',
  '0110111',
  '00110110',
  '00110111',
  '01100100',
  '01100101',
  '01101000',
  '01100111',
  '011001100',
  '011001101',
  '011010010',
  '011010011',
  '011010100',
  '011010101',
  '011010110',
  '011010111',
  '011011000',
  '011011001',
  '011011010',
  '011011011',
  '010011000',
  '010011001',
  '010011010',
  '011000',
  '010011011',
]);
const BLACK_MAKEUP = table([
  '0000001111',
  '000011001000',
  '000011001001',
  '000001011011',
  '000000110011',
  '000000110100',
  '000000110101',
  '0000001101100',
  '0000001101101',
  '0000001001010',
  '0000001001011',
  '0000001001100',
  '0000001001101',
  '0000001110010',
  '0000001110011',
  '0000001110100',
  '0000001110101',
  '0000001110110',
  '0000001110111',
  '0000001010010',
  '0000001010011',
  '0000001010100',
  '0000001010101',
  '0000001011010',
  '0000001011011',
  '0000001100100',
  '0000001100101',
]);
// Extended make-up codes shared by both colours, run lengths 1792..2560 (index = run / 64 - 28).
const EXTENDED_MAKEUP = table([
  '00000001000',
  '00000001100',
  '00000001101',
  '000000010010',
  '000000010011',
  '000000010100',
  '000000010101',
  '000000010110',
  '000000010111',
  '000000011100',
  '000000011101',
  '000000011110',
  '000000011111',
]);

const PASS: readonly [number, number] = [0b0001, 4];
const HORIZONTAL: readonly [number, number] = [0b001, 3];
// Vertical mode codes indexed by (a1 - b1) + 3: VL3, VL2, VL1, V0, VR1, VR2, VR3.
const VERTICAL = table(['0000010', '000010', '010', '1', '011', '000011', '0000011']);
const EOL = 0b000000000001;

/**
 * Output scratch shared by every encode in this thread (pages are encoded one at a time): a fresh
 * buffer per page, grown by doubling, left 50–100 KB of dead ArrayBuffers a page, which V8 frees
 * only when external memory has grown by tens of MB. The result is one exact-size copy.
 */
let scratch = new Uint8Array(0);

class BitWriter {
  private buf: Uint8Array;
  private pos = 0;
  private acc = 0;
  private nbits = 0;

  constructor(initialBytes: number) {
    if (scratch.length < initialBytes) scratch = new Uint8Array(Math.max(1024, initialBytes));
    this.buf = scratch;
  }

  put(code: number, length: number): void {
    this.acc = (this.acc << length) | code;
    this.nbits += length;
    while (this.nbits >= 8) {
      this.nbits -= 8;
      if (this.pos === this.buf.length) this.grow();
      this.buf[this.pos++] = (this.acc >>> this.nbits) & 0xff;
    }
    this.acc &= (1 << this.nbits) - 1;
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
    scratch = next;
  }

  finish(): Uint8Array {
    if (this.nbits > 0) this.put(0, 8 - this.nbits);
    return this.buf.slice(0, this.pos);
  }
}

function putRun(out: BitWriter, run: number, black: boolean): void {
  const terminating = black ? BLACK_TERMINATING : WHITE_TERMINATING;
  const makeup = black ? BLACK_MAKEUP : WHITE_MAKEUP;
  while (run >= 2624) {
    const [code, len] = EXTENDED_MAKEUP[12]!; // 2560
    out.put(code, len);
    run -= 2560;
  }
  if (run >= 64) {
    const m = run >> 6;
    const [code, len] = m <= 27 ? makeup[m - 1]! : EXTENDED_MAKEUP[m - 28]!;
    out.put(code, len);
    run &= 63;
  }
  const [code, len] = terminating[run]!;
  out.put(code, len);
}

/**
 * Positions where the colour changes along a row, starting from an imaginary white pixel before
 * column 0: even indices are white→black, odd ones black→white. Followed by width sentinels.
 * Returns the count of real changes.
 */
function findChanges(bits: Uint8Array, rowStart: number, width: number, out: Int32Array): number {
  let count = 0;
  let black = 0;
  const fullBytes = width >> 3;
  for (let i = 0; i < fullBytes; i++) {
    const byte = bits[rowStart + i]!;
    if (byte === (black ? 0xff : 0)) continue;
    for (let b = 7; b >= 0; b--) {
      const bit = (byte >> b) & 1;
      if (bit !== black) {
        out[count++] = (i << 3) + (7 - b);
        black = bit;
      }
    }
  }
  for (let x = fullBytes << 3; x < width; x++) {
    const bit = (bits[rowStart + (x >> 3)]! >> (7 - (x & 7))) & 1;
    if (bit !== black) {
      out[count++] = x;
      black = bit;
    }
  }
  out[count] = width;
  out[count + 1] = width;
  out[count + 2] = width;
  return count;
}

/**
 * Encode a 1-bit image as one T.6 stream.
 * @param bits rows packed MSB-first, 1 = black, `ceil(width / 8)` bytes per row
 */
export function encodeG4(bits: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = (width + 7) >> 3;
  if (bits.length < rowBytes * height) throw new RangeError('encodeG4: buffer smaller than width × height');
  const out = new BitWriter((rowBytes * height) >> 4);
  let ref = new Int32Array(width + 4);
  let cur = new Int32Array(width + 4);
  // The line above the first row is imaginary and all white.
  ref[0] = width;
  ref[1] = width;
  ref[2] = width;

  for (let y = 0; y < height; y++) {
    findChanges(bits, y * rowBytes, width, cur);
    let a0 = -1;
    let color = 0; // 0 = white, 1 = black: the colour of the run that starts at a0
    let ci = 0;
    let ri = 0;
    while (a0 < width) {
      while (cur[ci]! <= a0) ci++;
      const a1 = cur[ci]!;
      while (ref[ri]! <= a0) ri++;
      // b1 must change to the opposite of `color`: index parity equal to `color`.
      const b1Index = (ri & 1) === color ? ri : ri + 1;
      const b1 = ref[b1Index]!;
      const b2 = ref[b1Index + 1]!;
      if (b2 < a1) {
        out.put(PASS[0], PASS[1]);
        a0 = b2;
        continue;
      }
      const d = a1 - b1;
      if (d >= -3 && d <= 3) {
        const [code, len] = VERTICAL[d + 3]!;
        out.put(code, len);
        a0 = a1;
        color ^= 1;
        continue;
      }
      const a2 = cur[ci + 1]!;
      out.put(HORIZONTAL[0], HORIZONTAL[1]);
      putRun(out, a1 - (a0 < 0 ? 0 : a0), color === 1);
      putRun(out, a2 - a1, color === 0);
      a0 = a2;
    }
    const swap = ref;
    ref = cur;
    cur = swap;
  }
  // EOFB: two EOL codes.
  out.put(EOL, 12);
  out.put(EOL, 12);
  return out.finish();
}
