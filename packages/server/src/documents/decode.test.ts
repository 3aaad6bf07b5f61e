import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode.ts';

const PLAN = [
  '罗湖区“基层基础年”活动2007年工作要点',
  '一、切实加强党的基层组织和党员干部队伍建设',
  '1.扩大党的组织和工作覆盖面。确保90%以上规模以上非公有制企业完成党组织组建。',
  '(责任单位:区委组织部、各基层党(工)委;协办单位:区委统战部)',
].join('\r\n');

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('decodeText', () => {
  it('reads UTF-8', () => {
    expect(decodeText(utf8(PLAN))).toBe(PLAN);
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(PLAN)]))).toBe(PLAN);
  });

  it('reads GB18030 detected from the content', () => {
    expect(decodeText(iconv.encode(PLAN, 'gb18030'))).toBe(PLAN);
  });

  it('reads GBK-encoded text as GB18030', () => {
    expect(decodeText(iconv.encode(PLAN, 'gbk'))).toBe(PLAN);
  });

  it('reads a short GB18030 line that gives chardet too little to go on', () => {
    const line = '责任单位:区委组织部';
    expect(decodeText(iconv.encode(line, 'gb18030'))).toBe(line);
  });

  it('reads Big5 when chardet is sure of it', () => {
    const traditional = '羅湖區基層基礎年活動工作要點,責任單位:區委組織部、各街道辦事處。'.repeat(3);
    expect(decodeText(iconv.encode(traditional, 'big5'))).toBe(traditional);
  });

  it('reads UTF-16 little-endian with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PLAN, 'utf16le')]);
    expect(decodeText(bytes)).toBe(PLAN);
  });

  it('reads UTF-16 big-endian with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(PLAN, 'utf16le').swap16()]);
    expect(decodeText(bytes)).toBe(PLAN);
  });

  it('keeps UTF-8 cut off in the middle of its last character', () => {
    const text = PLAN.repeat(5);
    const bytes = utf8(`${text}部`);
    expect(decodeText(bytes.subarray(0, bytes.length - 1))).toBe(`${text}\ufffd`);
  });

  it('refuses text in an encoding it does not read, naming the encoding', () => {
    const japanese = iconv.encode('日本語のテキストです。これは計画書のテストです。'.repeat(4), 'shift_jis');
    expect(thrown(() => decodeText(japanese))).toMatchObject({ code: 'undecodable', problem: { detail: 'Shift_JIS' } });
  });

  it('refuses text that decodes to noise', () => {
    const latin1 = iconv.encode('Café résumé naïve déjà vu, garçon à la façon', 'latin1');
    expect(thrown(() => decodeText(latin1))).toMatchObject({ code: 'undecodable' });
  });

  it('refuses bytes with NUL as binary', () => {
    expect(thrown(() => decodeText(new Uint8Array([0x50, 0x4b, 0x00, 0x01, 0x41])))).toMatchObject({ code: 'binary' });
  });

  it('refuses bytes full of control characters as binary', () => {
    const bytes = utf8('abc\x01\x02\x03\x04def\x05\x06\x07\x08');
    expect(thrown(() => decodeText(bytes))).toMatchObject({ code: 'binary' });
  });

  it('refuses UTF-16 that holds binary data', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\x00\x01b', 'utf16le')]);
    expect(thrown(() => decodeText(bytes))).toMatchObject({ code: 'binary' });
  });

  it('lets a stray form feed or tab through', () => {
    const text = `${PLAN}\f\n\t第二页`;
    expect(decodeText(utf8(text))).toBe(text);
  });
});
