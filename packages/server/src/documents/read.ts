import { type Block, type Plan, parseBlocks, parseText, sourceText, textBlocks } from '@duban/core';
import { decodeText } from './decode.ts';
import { readDocx } from './docx.ts';
import { DocumentError, MAX_DOCUMENT_BYTES } from './errors.ts';

/**
 * A document as the parser reads it. Plain text stays text: splitting it into blocks (lines,
 * and tab-separated rows as tables) is the parser's own rule, applied by parseText.
 */
export type ReadDocument =
  | { readonly format: 'text'; readonly text: string }
  | { readonly format: 'docx'; readonly blocks: Block[] };

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Leading bytes of the ZIP container that a .docx is (local file header, or an empty archive). */
const ZIP_MAGICS = [ascii('PK\x03\x04'), ascii('PK\x05\x06')];

/** Formats people send by mistake, recognised by their first bytes so the refusal can name them. */
const UNSUPPORTED: readonly {
  readonly magic: readonly number[];
  readonly what: string;
  readonly whatZh: string;
}[] = [
  { magic: ascii('%PDF-'), what: 'a PDF document', whatZh: 'PDF 文档' },
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'an old-style Office file (.doc, .xls, .ppt)',
    whatZh: '旧版 Office 文件(.doc、.xls、.ppt)',
  },
  { magic: ascii('{\\rtf'), what: 'an RTF document', whatZh: 'RTF 文档' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', whatZh: 'PNG 图片' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image', whatZh: 'JPEG 图片' },
  { magic: ascii('GIF8'), what: 'a GIF image', whatZh: 'GIF 图片' },
  { magic: ascii('II*\x00'), what: 'a TIFF image', whatZh: 'TIFF 图片' },
  { magic: ascii('MM\x00*'), what: 'a TIFF image', whatZh: 'TIFF 图片' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive', whatZh: 'gzip 压缩文件' },
  { magic: ascii('Rar!'), what: 'a RAR archive', whatZh: 'RAR 压缩文件' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive', whatZh: '7-Zip 压缩文件' },
];

/**
 * Turn a document's bytes into what the parser reads. The format is told from the content, never
 * from the name: a .docx by its ZIP header and word/document.xml, anything else must be text
 * (see decodeText). `name` only goes into error messages.
 * Throws a DocumentError for an empty, too large, binary, unsupported, damaged or undecodable document.
 */
export async function readDocument(bytes: Uint8Array, name?: string): Promise<ReadDocument> {
  try {
    return await read(bytes);
  } catch (error) {
    throw error instanceof DocumentError && name !== undefined ? error.about(name) : error;
  }
}

/** The plan in a document that readDocument has read. */
export function parseDocument(document: ReadDocument): Plan {
  return document.format === 'text' ? parseText(document.text) : parseBlocks(document.blocks);
}

async function read(bytes: Uint8Array): Promise<ReadDocument> {
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new DocumentError({ code: 'too-large', size: bytes.length });
  if (bytes.length === 0) throw new DocumentError({ code: 'empty' });
  const unsupported = UNSUPPORTED.find(({ magic }) => startsWith(bytes, magic));
  if (unsupported !== undefined) {
    throw new DocumentError({ code: 'unsupported', detail: unsupported.what, detailZh: unsupported.whatZh });
  }
  const document: ReadDocument = ZIP_MAGICS.some((magic) => startsWith(bytes, magic))
    ? { format: 'docx', blocks: await readDocx(bytes) }
    : { format: 'text', text: decodeText(bytes) };
  if (isBlank(document)) throw new DocumentError({ code: 'empty' });
  if (paragraphsOf(document) > PLAN_LIMITS.paragraphs) {
    throw new DocumentError({
      code: 'too-complex',
      detail: `more than ${PLAN_LIMITS.paragraphs} paragraphs and table rows; a plan has far fewer`,
      detailZh: `段落和表格行超过 ${PLAN_LIMITS.paragraphs} 个,工作要点远少于此`,
    });
  }
  return document;
}

/**
 * How big a plan document may be. A district's plan has tens to hundreds of tasks on a few
 * thousand lines; far more is a mistake or an attack, and parsing it, storing it and showing its
 * preview would hold the server for seconds. The tasks' bound is the preview's correction limit.
 */
export const PLAN_LIMITS = { paragraphs: 20_000, items: 2_000 } as const;

function paragraphsOf(document: ReadDocument): number {
  if (document.format === 'docx') {
    return document.blocks.reduce((n, block) => n + (block.type === 'paragraph' ? 1 : block.rows.length), 0);
  }
  let lines = 1;
  for (let at = document.text.indexOf('\n'); at !== -1; at = document.text.indexOf('\n', at + 1)) lines++;
  return lines;
}

function isBlank(document: ReadDocument): boolean {
  return document.format === 'text' ? document.text.trim() === '' : document.blocks.every(isBlankBlock);
}

function isBlankBlock(block: Block): boolean {
  if (block.type === 'paragraph') return block.text.trim() === '';
  return block.rows.every((row) => row.every((cell) => cell.trim() === ''));
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.length <= bytes.length && magic.every((byte, i) => bytes[i] === byte);
}

/** A document read and parsed: its format, the plan in it, and its text as the preview shows it. */
export interface ParsedDocument {
  readonly format: ReadDocument['format'];
  readonly plan: Plan;
  readonly sourceText: string;
}

/** Read and parse a document in this thread (the CLI; the server goes through readPlanIsolated). */
export async function readPlan(bytes: Uint8Array, name?: string): Promise<ParsedDocument> {
  const document = await readDocument(bytes, name);
  const plan = parseDocument(document);
  const items = plan.sections.reduce((n, section) => n + section.items.length, 0);
  if (items > PLAN_LIMITS.items) {
    const problem = {
      code: 'too-complex',
      detail: `${items} tasks, more than the ${PLAN_LIMITS.items} a plan may have`,
      detailZh: `共 ${items} 项工作事项,超过每个工作要点 ${PLAN_LIMITS.items} 项的上限`,
    } as const;
    throw new DocumentError(problem, name);
  }
  return {
    format: document.format,
    plan,
    sourceText: sourceText(document.format === 'text' ? textBlocks(document.text) : document.blocks),
  };
}
