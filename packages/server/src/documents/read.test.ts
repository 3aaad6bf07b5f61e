import { readFileSync } from 'node:fs';
import { parseText } from '@duban/core';
import { Document, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from './errors.ts';
import { parseDocument, readDocument, readPlan } from './read.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const docx = async (...texts: string[]): Promise<Uint8Array> =>
  new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: texts.map((t) => new Paragraph(t)) }] })));

describe('readDocument', () => {
  it('reads UTF-8 text as it is', async () => {
    const text = '工作要点\r\n一、党建\n1.扩大覆盖面\r';
    expect(await readDocument(utf8(text))).toEqual({ format: 'text', text });
  });

  it('reads GB18030 text', async () => {
    const text = '罗湖区“基层基础年”活动2007年工作要点\n一、党建';
    expect(await readDocument(iconv.encode(text, 'gb18030'))).toEqual({ format: 'text', text });
  });

  it('leaves text to the parser, so that text parses as parseText has it', async () => {
    const text = '工作要点\n序号\t工作任务\t责任单位\n1\t扩大覆盖面\t区委组织部\n2\t加强教育\t区委党校\n';
    expect(parseDocument(await readDocument(utf8(text)))).toEqual(parseText(text));
  });

  it('tells a .docx by its content, not its name', async () => {
    expect(await readDocument(await docx('工作要点'), 'plan.txt')).toEqual({
      format: 'docx',
      blocks: [{ type: 'paragraph', text: '工作要点' }],
    });
  });

  it('reads text named .docx as text', async () => {
    expect(await readDocument(utf8('工作要点'), 'plan.docx')).toEqual({ format: 'text', text: '工作要点' });
  });

  it.each([
    ['no bytes', new Uint8Array()],
    ['white space only', utf8(' \r\n\t\u3000\n')],
    ['a byte-order mark only', new Uint8Array([0xef, 0xbb, 0xbf])],
  ])('refuses %s as empty', async (_, bytes) => {
    await expect(readDocument(bytes, 'blank.txt')).rejects.toMatchObject({
      code: 'empty',
      message: 'cannot read blank.txt: the document is empty',
    });
  });

  it('refuses a .docx without text as empty', async () => {
    await expect(readDocument(await docx('', ' '))).rejects.toMatchObject({ code: 'empty' });
  });

  it('refuses more than 20 MB', async () => {
    await expect(readDocument(new Uint8Array(MAX_DOCUMENT_BYTES + 1), 'huge.txt')).rejects.toMatchObject({
      code: 'too-large',
      message: 'cannot read huge.txt: the document is 20.1 MB, over the 20 MB limit',
    });
  });

  it.each([
    ['%PDF-1.7\n', 'a PDF document'],
    ['\x89PNG\r\n\x1a\n', 'a PNG image'],
    ['{\\rtf1\\ansi 工作要点}', 'an RTF document'],
  ])('refuses %j by its first bytes', async (start, what) => {
    const bytes = new Uint8Array([...start].map((c) => c.charCodeAt(0) & 0xff));
    await expect(readDocument(bytes, 'plan.txt')).rejects.toMatchObject({
      code: 'unsupported',
      message: `cannot read plan.txt: it is ${what}; Duban reads plain text (UTF-8 or GB18030/GBK) and .docx`,
    });
  });

  it('refuses a ZIP archive that is not a Word document', async () => {
    const bytes = await new JSZip().file('notes.txt', '工作要点').generateAsync({ type: 'uint8array' });
    await expect(readDocument(bytes, 'plan.zip')).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('cannot read plan.zip: it is a ZIP archive, not a Word document'),
    });
  });

  it('refuses a truncated .docx as damaged', async () => {
    const bytes = await docx('工作要点');
    await expect(readDocument(bytes.subarray(0, 100), 'plan.docx')).rejects.toMatchObject({
      code: 'corrupt-docx',
      message: 'cannot read plan.docx: it looks like a .docx (a ZIP file) but it is damaged or truncated',
    });
  });

  it('refuses binary data', async () => {
    await expect(readDocument(new Uint8Array([1, 2, 3, 0, 4, 5]))).rejects.toMatchObject({
      code: 'binary',
      message: expect.stringMatching(/^cannot read the document: it is a binary file/u),
    });
  });

  it('refuses a document of more paragraphs than a plan has, before parsing it', async () => {
    await expect(readDocument(utf8('一行\n'.repeat(20_001)), 'long.txt')).rejects.toMatchObject({
      code: 'too-complex',
      message: expect.stringMatching(/long\.txt: it is too complex to read \(more than 20000 paragraphs/u),
    });
    await expect(readDocument(utf8('一行\n'.repeat(19_000)))).resolves.toMatchObject({ format: 'text' });
  });
});

describe('readPlan', () => {
  it('refuses a plan of more tasks than a preview can correct', async () => {
    const example = readFileSync(new URL('../../../../examples/luohu-2007-jichu.txt', import.meta.url), 'utf8');
    const body = example.slice(example.indexOf('一、'));
    const long = `${example}\n${body.repeat(80)}`;
    await expect(readPlan(utf8(long), 'many.txt')).rejects.toMatchObject({
      code: 'too-complex',
      message: expect.stringMatching(/many\.txt: it is too complex to read \(\d+ tasks, more than the 2000/u),
    });
  });
});
