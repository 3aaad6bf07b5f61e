import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../cli/import.ts';
import { newId } from '../db/ids.ts';
import { seedDirectory } from '../modules/offices/offices.service.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { DIALECTS } from '../testing/stores.ts';

const EXAMPLE = new URL('../../../../examples/luohu-2007-jichu.txt', import.meta.url);

// Real, tiny files of each kind evidence may be.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/MediaBox[0 0 3 3]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const docx = async () =>
  Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('二季度台账')] }] })));

/** A minimal workbook of one empty sheet, as Excel writes its parts. */
function xlsx(parts: { workbook?: boolean } = {}): Buffer {
  const SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${SHEET}.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${SHEET}.worksheet+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
    ),
  };
  if (parts.workbook !== false) {
    files['xl/workbook.xml'] = strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
    );
  }
  return Buffer.from(zipSync(files));
}

/** The first bytes of a Windows program: an MS-DOS header pointing at a PE header. */
function exe(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

/** A multipart/form-data request body with one file, its content type as a browser would guess it. */
function form(fileName: string, bytes: Uint8Array, mime: string) {
  const boundary = `----duban${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: ${mime}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(DIALECTS)('evidence uploads on %s', (dialect) => {
  let t: TestApp;
  let reporter: string;
  let reportUrl: string;
  let pgFiles: string | null = null;

  beforeAll(async () => {
    if (dialect === 'postgres') {
      pgFiles = mkdtempSync(join(tmpdir(), 'duban-files-'));
      process.env.DUBAN_FILES_DIR = pgFiles;
    }
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    const { planId } = await importDocument(t.store.db, { bytes: readFileSync(EXAMPLE), fileName: 'plan.txt' });
    const labour = await t.store.db
      .selectFrom('offices')
      .select('id')
      .where('name', '=', '区劳动局')
      .executeTakeFirstOrThrow();
    // 2007's periods locked long ago: the office may still report this one.
    await t.store.db
      .insertInto('report_exceptions')
      .values({
        id: newId(),
        plan_id: planId as string,
        office_id: labour.id,
        period_key: '2007-Q2',
        until: '9999-12-31',
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const task = await t.store.db.selectFrom('tasks').select('id').where('number', '=', '8').executeTakeFirstOrThrow();
    reporter = await t.cookieFor('reporter', labour.id);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { cookie: reporter },
      payload: { taskId: task.id, periodKey: '2007-Q2' },
    });
    expect(created.statusCode, created.body).toBe(201);
    reportUrl = `/api/reports/${created.json().id}`;
  });
  afterAll(async () => {
    await t?.close();
    if (pgFiles) {
      delete process.env.DUBAN_FILES_DIR;
      rmSync(pgFiles, { recursive: true, force: true });
    }
  });

  const version = async () =>
    (await t.app.inject({ method: 'GET', url: reportUrl, headers: { cookie: reporter } })).json().version as number;
  const upload = async (name: string, bytes: Uint8Array, mime: string, language = 'en') => {
    const f = form(name, bytes, mime);
    return t.app.inject({
      method: 'POST',
      url: `${reportUrl}/evidence?version=${await version()}`,
      payload: f.payload,
      headers: { ...f.headers, cookie: reporter, 'accept-language': language },
    });
  };

  it.each([
    ['台账.pdf', PDF, 'application/pdf', 'application/pdf'],
    ['现场.png', PNG, 'image/png', 'image/png'],
    ['现场.jpg', JPEG, 'image/jpeg', 'image/jpeg'],
    ['照片.JPEG', JPEG, 'image/jpeg', 'image/jpeg'],
    ['总结', PDF, 'application/octet-stream', 'application/pdf'],
    [
      '明细.xlsx',
      xlsx(),
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
  ] as const)('keeps %s, recorded as the type its content is', async (name, bytes, sent, kept) => {
    const r = await upload(name, bytes, sent);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().evidence.at(-1)).toMatchObject({ name, mime: kept, size: bytes.length });
  });

  it('keeps a Word document', async () => {
    const r = await upload('汇报.docx', await docx(), 'application/msword');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().evidence.at(-1).mime).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  const hostile = [
    ['a program', 'tool.exe', exe(), 'application/x-msdownload'],
    ['a program named as a document', 'tool.pdf', exe(), 'application/pdf'],
    ['a text file named .png', 'photo.png', Buffer.from('just some text, not a picture\n'), 'image/png'],
    ['10 MB of random bytes named .pdf', 'scan.pdf', randomBytes(10 * 1024 * 1024), 'application/pdf'],
    ['an HTML page named .jpg', 'page.jpg', Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg'],
    ['a plain ZIP named .docx', 'report.docx', Buffer.from(zipSync({ 'a.txt': strToU8('a') })), 'application/zip'],
    ['a workbook without its workbook part', 'book.xlsx', xlsx({ workbook: false }), 'application/octet-stream'],
    ['a PNG named .pdf', 'scan.pdf', PNG, 'application/pdf'],
  ] as const;

  it.each(hostile)(
    'refuses %s (415), naming the types and the size limit, and keeps nothing',
    async (_, name, bytes, mime) => {
      const before = await version();
      const r = await upload(name, bytes, mime);
      expect(r.statusCode, r.body).toBe(415);
      expect(r.json().error).toMatchObject({ code: 'unsupported-file', field: 'file' });
      expect(r.json().error.message).toContain(name);
      expect(r.json().error.message).toMatch(/PDF, Word \(\.docx\), Excel \(\.xlsx\), JPEG or PNG, up to 20 MB/u);
      const zh = await upload(name, bytes, mime, 'zh-CN');
      expect(zh.json().error.message).toMatch(/PDF、Word\(\.docx\)、Excel\(\.xlsx\)、JPEG 或 PNG 文件,不超过 20 MB/u);
      expect(await version()).toBe(before);
      const stored = await t.store.db.selectFrom('evidence_files').select('name').where('name', '=', name).execute();
      expect(stored).toEqual([]);
    },
  );
});
