import { type Block, paragraph, table } from '@duban/core';
import { type ListLabeler, listLabeler } from './docx-numbering.ts';
import { DocumentError } from './errors.ts';
import { attr, child, elements, intVal, parseXml } from './xml.ts';
import { openZip, type ZipArchive } from './zip.ts';

const MAIN_PART = 'word/document.xml';

/**
 * Bounds on what counts in a file can make of a table. Word itself allows 63 columns; a row
 * wider than this, or more cells than this in all, is a hostile or broken file, refused before
 * the arrays are made (a 521-byte file with w:gridBefore="300000000" would otherwise fill the heap).
 */
export const TABLE_LIMITS = { rowCells: 1000, cells: 1_000_000, repeatedChars: 16_000_000 } as const;

/** What a ZIP file that is not a Word document is, by a part only that kind of file has. */
const OTHER_ZIPS: readonly { readonly part: string; readonly what: string; readonly whatZh: string }[] = [
  { part: 'xl/workbook.xml', what: 'an Excel workbook (.xlsx)', whatZh: 'Excel 工作簿(.xlsx)' },
  { part: 'ppt/presentation.xml', what: 'a PowerPoint presentation (.pptx)', whatZh: 'PowerPoint 演示文稿(.pptx)' },
  { part: 'content.xml', what: 'an OpenDocument file (.odt, .ods …)', whatZh: 'OpenDocument 文件(.odt、.ods 等)' },
];

// Inside a paragraph these hold no text a reader sees as part of it: properties, drawings and
// text boxes (a text box's paragraphs would otherwise run into the paragraph that anchors it),
// field instructions and deleted text.
const SKIPPED = new Set([
  'pPr',
  'rPr',
  'drawing',
  'pict',
  'object',
  'AlternateContent',
  'instrText',
  'delText',
  'del',
  'moveFrom',
]);

/**
 * The paragraphs and tables of a .docx file, in document order. Automatic list numbers are
 * rebuilt from numbering.xml; a cell spanning columns is followed by empty cells so that
 * columns stay aligned, and a vertically merged cell repeats its text in every row it covers.
 * Throws a DocumentError: 'corrupt-docx' when the ZIP or its XML is damaged, 'unsupported'
 * for a ZIP file that is not a Word document.
 */
export async function readDocx(bytes: Uint8Array): Promise<Block[]> {
  const zip = openZip(bytes);
  if (!zip.names.has(MAIN_PART)) throw new DocumentError({ code: 'unsupported', ...describeZip(zip) });
  try {
    const [document, numbering, styles] = [MAIN_PART, 'word/numbering.xml', 'word/styles.xml'].map((part) =>
      readPart(zip, part),
    );
    const body = child(document?.documentElement ?? undefined, 'body');
    if (body === undefined) throw new Error(`${MAIN_PART} has no body`);
    return bodyBlocks(body, listLabeler(numbering, styles), { cells: 0, repeatedChars: 0 });
  } catch (error) {
    throw error instanceof DocumentError ? error : new DocumentError({ code: 'corrupt-docx' });
  }
}

function describeZip(zip: ZipArchive): { detail: string; detailZh: string } {
  const other = OTHER_ZIPS.find(({ part }) => zip.names.has(part));
  return other
    ? { detail: other.what, detailZh: other.whatZh }
    : { detail: 'a ZIP archive, not a Word document', detailZh: 'ZIP 压缩文件,不是 Word 文档' };
}

function readPart(zip: ZipArchive, path: string): Document | undefined {
  const text = zip.text(path);
  return text === undefined ? undefined : parseXml(text);
}

/** Cells made so far, and characters repeated down merged cells, against TABLE_LIMITS. */
interface Tally {
  cells: number;
  repeatedChars: number;
}

function tooComplex(detail: string, detailZh: string): DocumentError {
  return new DocumentError({ code: 'too-complex', detail, detailZh });
}

/** The blocks of a body or a table cell: paragraphs, tables, and what content controls hold. */
function bodyBlocks(container: Element, labeler: ListLabeler, tally: Tally): Block[] {
  const blocks: Block[] = [];
  for (const el of elements(container)) {
    if (el.localName === 'p') blocks.push(paragraph(labeler(child(el, 'pPr')) + runText(el)));
    else if (el.localName === 'tbl') blocks.push(table(tableRows(el, labeler, tally)));
    else if (el.localName !== 'sectPr') blocks.push(...bodyBlocks(el, labeler, tally)); // w:sdt, w:customXml …
  }
  return blocks;
}

/** The text of a paragraph's runs: w:tab as a tab, w:br and w:cr as a line break. */
function runText(el: Element): string {
  let text = '';
  for (const part of elements(el)) {
    const name = part.localName;
    if (name === 't') text += part.textContent ?? '';
    else if (name === 'tab' || name === 'ptab') text += '\t';
    else if (name === 'br' || name === 'cr') text += '\n';
    else if (name === 'noBreakHyphen') text += '-';
    else if (!SKIPPED.has(name)) text += runText(part); // w:r, w:hyperlink, w:ins, w:smartTag …
  }
  return text;
}

function tableRows(tbl: Element, labeler: ListLabeler, tally: Tally): string[][] {
  const rows: string[][] = [];
  let above: readonly string[] = [];
  for (const tr of elements(tbl)) {
    if (tr.localName !== 'tr') continue;
    const row: string[] = [];
    // Each count the file gives is checked before it makes an array of that size.
    const widen = (cells: number) => {
      if (row.length + cells > TABLE_LIMITS.rowCells) {
        throw tooComplex(
          `a table row of more than ${TABLE_LIMITS.rowCells} columns`,
          `表格的一行超过 ${TABLE_LIMITS.rowCells} 列`,
        );
      }
      tally.cells += cells;
      if (tally.cells > TABLE_LIMITS.cells) {
        throw tooComplex(`more than ${TABLE_LIMITS.cells} table cells`, `表格单元格总数超过 ${TABLE_LIMITS.cells} 个`);
      }
    };
    const before = Math.max(0, intVal(child(tr, 'trPr'), 'gridBefore') ?? 0);
    widen(before);
    row.push(...Array<string>(before).fill(''));
    for (const tc of elements(tr)) {
      if (tc.localName !== 'tc') continue;
      const props = child(tc, 'tcPr');
      const merge = child(props, 'vMerge');
      const continuesAbove = merge !== undefined && attr(merge, 'val') !== 'restart';
      const span = Math.max(1, intVal(props, 'gridSpan') ?? 1);
      widen(span);
      const text = continuesAbove ? (above[row.length] ?? '') : cellText(tc, labeler, tally);
      // A merged cell repeats its text in every row it covers: one long text merged down many
      // rows would multiply.
      if (continuesAbove) tally.repeatedChars += text.length;
      if (tally.repeatedChars > TABLE_LIMITS.repeatedChars) {
        throw tooComplex('merged cells that repeat too much text', '合并单元格重复的文字过多');
      }
      row.push(text, ...Array<string>(span - 1).fill(''));
    }
    rows.push(row);
    above = row;
  }
  return rows;
}

/** A cell's paragraphs joined by line breaks; a nested table as tab-separated lines. */
function cellText(tc: Element, labeler: ListLabeler, tally: Tally): string {
  return bodyBlocks(tc, labeler, tally)
    .map((block) => (block.type === 'paragraph' ? block.text : block.rows.map((r) => r.join('\t')).join('\n')))
    .join('\n')
    .trim();
}
