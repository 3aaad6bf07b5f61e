import {
  Document,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  LevelFormat as W,
} from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readDocx } from './docx.ts';

const pack = async (doc: Document): Promise<Uint8Array> => new Uint8Array(await Packer.toBuffer(doc));
const body = (children: (Paragraph | Table)[]): Document => new Document({ sections: [{ children }] });
const cell = (...texts: string[]): TableCell => new TableCell({ children: texts.map((t) => new Paragraph(t)) });

describe('readDocx', () => {
  it('reads paragraphs and tables in document order', async () => {
    const bytes = await pack(
      body([
        new Paragraph('罗湖区2007年工作要点'),
        new Paragraph({ children: [new TextRun({ children: ['序号', new Tab(), '任务'] })] }),
        new Paragraph({ children: [new TextRun('第一行'), new TextRun({ text: '第二行', break: 1 })] }),
        new Table({
          rows: [
            new TableRow({ children: [cell('序号'), cell('工作任务'), cell('责任单位')] }),
            new TableRow({ children: [cell('1'), cell('扩大党的组织覆盖面。', '确保90%以上。'), cell('区委组织部')] }),
          ],
        }),
        new Paragraph('以上工作年底前完成。'),
      ]),
    );
    expect(await readDocx(bytes)).toEqual([
      { type: 'paragraph', text: '罗湖区2007年工作要点' },
      { type: 'paragraph', text: '序号\t任务' },
      { type: 'paragraph', text: '第一行\n第二行' },
      {
        type: 'table',
        rows: [
          ['序号', '工作任务', '责任单位'],
          ['1', '扩大党的组织覆盖面。\n确保90%以上。', '区委组织部'],
        ],
      },
      { type: 'paragraph', text: '以上工作年底前完成。' },
    ]);
  });

  it('keeps columns aligned under spanning cells and repeats vertically merged text', async () => {
    const merged = (text: string, restart: boolean): TableCell =>
      new TableCell({
        children: [new Paragraph(text)],
        verticalMerge: restart ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE,
      });
    const bytes = await pack(
      body([
        new Table({
          rows: [
            new TableRow({ children: [new TableCell({ children: [new Paragraph('一、党建')], columnSpan: 2 })] }),
            new TableRow({ children: [cell('任务甲'), merged('区委组织部', true)] }),
            new TableRow({ children: [cell('任务乙'), merged('', false)] }),
          ],
        }),
      ]),
    );
    const [block] = await readDocx(bytes);
    expect(block).toEqual({
      type: 'table',
      rows: [
        ['一、党建', ''],
        ['任务甲', '区委组织部'],
        ['任务乙', '区委组织部'],
      ],
    });
  });

  it('prints the numbers of automatic lists', async () => {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'plan',
            levels: [
              { level: 0, format: W.CHINESE_COUNTING, text: '%1、' },
              { level: 1, format: W.DECIMAL, text: '%2.' },
              { level: 2, format: W.DECIMAL, text: '(%3)' },
            ],
          },
          { reference: 'bullets', levels: [{ level: 0, format: W.BULLET, text: '•' }] },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: '加强党的建设', numbering: { reference: 'plan', level: 0 } }),
            new Paragraph({ text: '扩大覆盖面', numbering: { reference: 'plan', level: 1 } }),
            new Paragraph({ text: '非公企业', numbering: { reference: 'plan', level: 2 } }),
            new Paragraph({ text: '加强教育管理', numbering: { reference: 'plan', level: 1 } }),
            new Paragraph({ text: '一条要点', numbering: { reference: 'bullets', level: 0 } }),
            new Paragraph({ text: '保障民生', numbering: { reference: 'plan', level: 0 } }),
            new Paragraph({ text: '促进就业', numbering: { reference: 'plan', level: 1 } }),
          ],
        },
      ],
    });
    const texts = (await readDocx(await pack(doc))).map((b) => (b.type === 'paragraph' ? b.text : ''));
    expect(texts).toEqual([
      '一、加强党的建设',
      '1.扩大覆盖面',
      '(1)非公企业',
      '2.加强教育管理',
      '一条要点',
      '二、保障民生',
      '1.促进就业',
    ]);
  });

  it('refuses a ZIP file that is not a Word document', async () => {
    const zip = new JSZip().file('xl/workbook.xml', '<workbook/>');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    await expect(readDocx(bytes)).rejects.toMatchObject({
      code: 'unsupported',
      problem: { detail: 'an Excel workbook (.xlsx)' },
    });
  });

  it('refuses a truncated .docx as damaged', async () => {
    const bytes = await pack(body([new Paragraph('工作要点')]));
    await expect(readDocx(bytes.subarray(0, bytes.length / 2))).rejects.toMatchObject({ code: 'corrupt-docx' });
  });

  it('refuses a .docx whose document part is not XML', async () => {
    const zip = new JSZip().file('word/document.xml', '<w:document><w:body><w:p>');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    await expect(readDocx(bytes)).rejects.toMatchObject({ code: 'corrupt-docx' });
  });

  describe('bounds every count the file gives', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const docx = (body: string, numbering?: string) =>
      new JSZip()
        .file('word/document.xml', `<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`)
        .file('word/numbering.xml', numbering ?? `<w:numbering xmlns:w="${W}"/>`)
        .generateAsync({ type: 'uint8array' });
    const row = (props: string, cellProps = '') =>
      `<w:tbl><w:tr>${props}<w:tc>${cellProps}<w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;

    it('a row that says it starts 300 000 000 columns in, or spans 100 000 000', async () => {
      for (const bytes of [
        await docx(row('<w:trPr><w:gridBefore w:val="300000000"/></w:trPr>')),
        await docx(row('', '<w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr>')),
      ]) {
        await expect(readDocx(bytes)).rejects.toMatchObject({
          code: 'too-complex',
          problem: { detail: 'a table row of more than 1000 columns' },
        });
      }
    });

    it('still reads the widths real tables have', async () => {
      const [table] = await readDocx(
        await docx(row('<w:trPr><w:gridBefore w:val="2"/></w:trPr>', '<w:tcPr><w:gridSpan w:val="3"/></w:tcPr>')),
      );
      expect(table).toEqual({ type: 'table', rows: [['', '', 'x', '', '']] });
    });

    it("a list level far past Word's nine, and a letter count past 780, cost nothing", async () => {
      const numbering = `<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="2000000000"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="300000000"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
      const numbered = (ilvl: number) =>
        `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>要点</w:t></w:r></w:p>`;
      const start = performance.now();
      const blocks = await readDocx(
        await docx(`${numbered(300000000)}${numbered(0)}${numbered(0)}`.repeat(200), numbering),
      );
      expect(performance.now() - start).toBeLessThan(2000);
      expect(blocks.slice(0, 3)).toEqual([
        { type: 'paragraph', text: '要点' },
        { type: 'paragraph', text: '2000000000.要点' },
        { type: 'paragraph', text: '2000000001.要点' },
      ]);
    });
  });
});
