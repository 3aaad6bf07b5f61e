import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openZip, type UnpackLimits } from './zip.ts';

const LIMITS: UnpackLimits = { partBytes: 1024 * 1024, totalBytes: 1536 * 1024, entries: 100 };
const MB = 1024 * 1024;

/** Set an entry's uncompressed size, in its local header and in the central directory, to `size`. */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 4 <= out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return out;
}

describe('openZip', () => {
  it('lists the parts and unpacks the ones asked for, deflated or stored', () => {
    const zip = openZip(
      zipSync({ 'a.xml': [strToU8('<a>甲</a>'), { level: 9 }], 'b.xml': [strToU8('<b/>'), { level: 0 }] }),
      LIMITS,
    );
    expect([...zip.names].sort()).toEqual(['a.xml', 'b.xml']);
    expect(zip.text('a.xml')).toBe('<a>甲</a>');
    expect(zip.text('b.xml')).toBe('<b/>');
    expect(zip.text('c.xml')).toBeUndefined();
  });

  it('refuses a part whose directory says it unpacks past the limit, before inflating it', () => {
    const zip = openZip(zipSync({ 'big.xml': new Uint8Array(2 * MB) }), LIMITS);
    expect(() => zip.text('big.xml')).toThrow(expect.objectContaining({ code: 'unpacks-too-large' }));
  });

  it('stops inflating a part that unpacks to more than its directory says (a zip bomb that lies)', () => {
    const bomb = lieAboutSizes(zipSync({ 'bomb.xml': new Uint8Array(64 * MB) }, { level: 9 }), 100);
    const zip = openZip(bomb, LIMITS);
    // The directory says 100 bytes: only counting what comes out stops it.
    expect(() => zip.text('bomb.xml')).toThrow(expect.objectContaining({ code: 'unpacks-too-large' }));
  });

  it('counts every part read from one archive against the total', () => {
    const part = new Uint8Array(MB - 1).fill(0x61);
    const zip = openZip(zipSync({ 'a.xml': part, 'b.xml': part }), LIMITS);
    expect(zip.text('a.xml')).toHaveLength(MB - 1);
    expect(() => zip.text('b.xml')).toThrow(expect.objectContaining({ code: 'unpacks-too-large' }));
  });

  it('refuses a damaged archive, one that is not ZIP, and one of too many entries', () => {
    const good = zipSync({ 'a.xml': strToU8('<a/>') });
    expect(() => openZip(good.subarray(0, good.length - 10), LIMITS)).toThrow(
      expect.objectContaining({ code: 'corrupt-docx' }),
    );
    expect(() => openZip(strToU8('PK not really a zip'), LIMITS)).toThrow(
      expect.objectContaining({ code: 'corrupt-docx' }),
    );
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}.xml`, strToU8('x')]));
    expect(() => openZip(zipSync(many), LIMITS)).toThrow(expect.objectContaining({ code: 'corrupt-docx' }));
  });
});
