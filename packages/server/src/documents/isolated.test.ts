import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPlanInWorker } from './isolated.ts';

const EXAMPLE = readFileSync(new URL('../../../../examples/luohu-2007-jichu.txt', import.meta.url), 'utf8');
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('readPlanInWorker', () => {
  it('reads a plan in the worker as readPlan does', async () => {
    const parsed = await readPlanInWorker(utf8(EXAMPLE), 'plan.txt');
    expect(parsed.format).toBe('text');
    expect(parsed.plan.sections).toHaveLength(5);
  }, 60_000);

  it('refuses a document that takes longer than the time limit, then reads the next in a new worker', async () => {
    const body = EXAMPLE.slice(EXAMPLE.indexOf('一、'));
    const long = `${EXAMPLE}\n${body.repeat(60)}`;
    await expect(readPlanInWorker(utf8(long), 'slow.txt', { timeoutMs: 30, heapMb: 512 })).rejects.toMatchObject({
      code: 'too-complex',
      message: expect.stringMatching(/slow\.txt: it is too complex to read \(reading it takes longer than 0\.03 s\)/u),
    });
    const parsed = await readPlanInWorker(utf8(EXAMPLE), 'plan.txt');
    expect(parsed.plan.sections).toHaveLength(5);
  }, 60_000);

  it('refuses a document that needs more memory than the worker has, and the process lives on', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const paragraph = '<w:p><w:r><w:t>一项工作</w:t></w:r></w:p>'.repeat(10_000);
    const xml = `<w:document xmlns:w="${W}"><w:body>${paragraph.repeat(60)}</w:body></w:document>`;
    const docx = zipSync({ 'word/document.xml': strToU8(xml) });
    await expect(readPlanInWorker(docx, 'big.docx', { timeoutMs: 60_000, heapMb: 64 })).rejects.toMatchObject({
      code: 'too-complex',
      message: expect.stringMatching(
        /big\.docx: it is too complex to read \(reading it needs more than 64 MB of memory\)/u,
      ),
    });
    const parsed = await readPlanInWorker(utf8(EXAMPLE), 'plan.txt');
    expect(parsed.plan.sections).toHaveLength(5);
  }, 120_000);
});
