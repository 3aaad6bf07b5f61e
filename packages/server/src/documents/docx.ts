import { type Block, paragraph, table } from '@duban/core';
import JSZip from 'jszip';
import { type ListLabeler, listLabeler } from './docx-numbering.ts';
import { DocumentError } from './errors.ts';
import { attr, child, elements, intVal, parseXml } from './xml.ts';

const MAIN_PART = 'word/document.xml';

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
  const zip = await openZip(bytes);
  if (zip.file(MAIN_PART) === null) throw new DocumentError({ code: 'unsupported', ...describeZip(zip) });
  try {
    const [document, numbering, styles] = await Promise.all([
      readPart(zip, MAIN_PART),
      readPart(zip, 'word/numbering.xml'),
      readPart(zip, 'word/styles.xml'),
    ]);
    const body = child(document?.documentElement ?? undefined, 'body');
    if (body === undefined) throw new Error(`${MAIN_PART} has no body`);
    return bodyBlocks(body, listLabeler(numbering, styles));
  } catch {
    throw new DocumentError({ code: 'corrupt-docx' });
  }
}

async function openZip(bytes: Uint8Array): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch {
    throw new DocumentError({ code: 'corrupt-docx' });
  }
}

function describeZip(zip: JSZip): { detail: string; detailZh: string } {
  const other = OTHER_ZIPS.find(({ part }) => zip.file(part) !== null);
  return other
    ? { detail: other.what, detailZh: other.whatZh }
    : { detail: 'a ZIP archive, not a Word document', detailZh: 'ZIP 压缩文件,不是 Word 文档' };
}

async function readPart(zip: JSZip, path: string): Promise<Document | undefined> {
  const file = zip.file(path);
  return file === null ? undefined : parseXml(await file.async('string'));
}

/** The blocks of a body or a table cell: paragraphs, tables, and what content controls hold. */
function bodyBlocks(container: Element, labeler: ListLabeler): Block[] {
  const blocks: Block[] = [];
  for (const el of elements(container)) {
    if (el.localName === 'p') blocks.push(paragraph(labeler(child(el, 'pPr')) + runText(el)));
    else if (el.localName === 'tbl') blocks.push(table(tableRows(el, labeler)));
    else if (el.localName !== 'sectPr') blocks.push(...bodyBlocks(el, labeler)); // w:sdt, w:customXml …
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

function tableRows(tbl: Element, labeler: ListLabeler): string[][] {
  const rows: string[][] = [];
  let above: readonly string[] = [];
  for (const tr of elements(tbl)) {
    if (tr.localName !== 'tr') continue;
    const row: string[] = Array(intVal(child(tr, 'trPr'), 'gridBefore') ?? 0).fill('');
    for (const tc of elements(tr)) {
      if (tc.localName !== 'tc') continue;
      const props = child(tc, 'tcPr');
      const merge = child(props, 'vMerge');
      const continuesAbove = merge !== undefined && attr(merge, 'val') !== 'restart';
      const text = continuesAbove ? (above[row.length] ?? '') : cellText(tc, labeler);
      const span = Math.max(1, intVal(props, 'gridSpan') ?? 1);
      row.push(text, ...Array<string>(span - 1).fill(''));
    }
    rows.push(row);
    above = row;
  }
  return rows;
}

/** A cell's paragraphs joined by line breaks; a nested table as tab-separated lines. */
function cellText(tc: Element, labeler: ListLabeler): string {
  return bodyBlocks(tc, labeler)
    .map((block) => (block.type === 'paragraph' ? block.text : block.rows.map((r) => r.join('\t')).join('\n')))
    .join('\n')
    .trim();
}
