import { fileTypeFromBuffer } from 'file-type';
import { DocumentError } from '../documents/errors.ts';
import { openZip } from '../documents/zip.ts';
import { AppError } from '../http/errors.ts';

/** A kind of evidence file Duban keeps: what its content must be, and the names it may carry. */
export interface EvidenceType {
  /** file-type's name for the content. */
  readonly ext: string;
  readonly mime: string;
  /** File name extensions that go with it. */
  readonly extensions: readonly string[];
  /** For an Office file, the part that makes it that kind of document and not another ZIP. */
  readonly mainPart?: string;
}

/** Evidence is a document, a workbook, a scan or a photo; nothing that runs. */
export const EVIDENCE_TYPES: readonly EvidenceType[] = [
  { ext: 'pdf', mime: 'application/pdf', extensions: ['pdf'] },
  {
    ext: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    mainPart: 'word/document.xml',
  },
  {
    ext: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    mainPart: 'xl/workbook.xml',
  },
  { ext: 'jpg', mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  { ext: 'png', mime: 'image/png', extensions: ['png'] },
];

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The rule as people read it, in both languages: the types and the size limit. */
export function evidenceRule(limitBytes: number): { en: string; zh: string } {
  return {
    en: `Evidence files may be PDF, Word (.docx), Excel (.xlsx), JPEG or PNG, up to ${megabytes(limitBytes)}`,
    zh: `佐证材料只能是 PDF、Word(.docx)、Excel(.xlsx)、JPEG 或 PNG 文件,不超过 ${megabytes(limitBytes)}`,
  };
}

function refuse(limitBytes: number, why: { en: string; zh: string }): AppError {
  const rule = evidenceRule(limitBytes);
  return new AppError('unsupported-file', { en: `${why.en}. ${rule.en}.`, zh: `${why.zh}。${rule.zh}。` }, 'file');
}

/**
 * The type of an evidence file, told from its content (magic bytes, and for .docx and .xlsx the
 * ZIP's parts), never from the name or the browser's content type. Throws 'unsupported-file'
 * (naming the allowed types and the size limit) when the content is none of EVIDENCE_TYPES, or
 * when the name's extension says another of them.
 */
export async function evidenceTypeOf(bytes: Uint8Array, name: string, limitBytes: number): Promise<EvidenceType> {
  const found = await fileTypeFromBuffer(bytes);
  const type = EVIDENCE_TYPES.find((t) => t.ext === found?.ext);
  if (type === undefined) {
    throw refuse(limitBytes, {
      en: `“${name}” is ${found ? `a .${found.ext} file (${found.mime})` : 'of a type Duban does not keep'}`,
      zh: `“${name}”${found ? `是 .${found.ext} 文件(${found.mime})` : '的文件类型不受支持'}`,
    });
  }
  if (type.mainPart !== undefined && !hasPart(bytes, type.mainPart)) {
    throw refuse(limitBytes, {
      en: `“${name}” is not a complete .${type.ext} file`,
      zh: `“${name}”不是完整的 .${type.ext} 文件`,
    });
  }
  const extension = /\.([^.]+)$/u.exec(name)?.[1]?.toLowerCase();
  const named = EVIDENCE_TYPES.find((t) => extension !== undefined && t.extensions.includes(extension));
  if (named !== undefined && named !== type) {
    throw refuse(limitBytes, {
      en: `“${name}” is named .${extension} but its content is a .${type.ext} file`,
      zh: `“${name}”的扩展名是 .${extension},内容却是 .${type.ext} 文件`,
    });
  }
  return type;
}

function hasPart(bytes: Uint8Array, part: string): boolean {
  try {
    return openZip(bytes).names.has(part);
  } catch (error) {
    if (error instanceof DocumentError) return false;
    throw error;
  }
}
