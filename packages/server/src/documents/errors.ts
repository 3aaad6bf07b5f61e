/** Why a document could not be read. Every code has exactly one message, in `reason` below. */
export type DocumentErrorCode =
  | 'not-found'
  | 'not-a-file'
  | 'unreadable'
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'unsupported'
  | 'corrupt-docx'
  | 'unpacks-too-large'
  | 'too-complex'
  | 'undecodable';

/** The facts a message needs beyond its code. */
export interface DocumentProblem {
  readonly code: DocumentErrorCode;
  /**
   * What the bytes were found to be, for 'unsupported' ("a PDF document") and 'undecodable'
   * ("Shift_JIS"); the system's reason for 'unreadable' ("permission denied"); what passes a
   * bound for 'too-complex' ("a table row of 300000000 columns, over 1000").
   */
  readonly detail?: string;
  /** The detail in Chinese, where it is words rather than a name ('PDF 文档'). */
  readonly detailZh?: string;
  /** Size in bytes, for 'too-large'; the limit passed, for 'unpacks-too-large'. */
  readonly size?: number;
}

/** The largest document Duban reads: plan documents are far smaller, so more is a mistake. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

// Rounded up, so that a file just over the limit never reads as the limit itself.
const megabytes = (bytes: number): string => `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MB`;

const WHAT_DUBAN_READS = 'Duban reads plain text (UTF-8 or GB18030/GBK) and .docx';

function reason(problem: DocumentProblem): string {
  switch (problem.code) {
    case 'not-found':
      return 'no such file';
    case 'not-a-file':
      return 'it is a directory, not a file';
    case 'unreadable':
      return `the file cannot be opened (${problem.detail ?? 'I/O error'})`;
    case 'empty':
      return 'the document is empty';
    case 'too-large':
      return problem.size === undefined
        ? `the document is larger than the ${megabytes(MAX_DOCUMENT_BYTES)} limit`
        : `the document is ${megabytes(problem.size)}, over the ${megabytes(MAX_DOCUMENT_BYTES)} limit`;
    case 'binary':
      return `it is a binary file, not text; ${WHAT_DUBAN_READS}`;
    case 'unsupported':
      return `it is ${problem.detail ?? 'in a format Duban does not read'}; ${WHAT_DUBAN_READS}`;
    case 'corrupt-docx':
      return 'it looks like a .docx (a ZIP file) but it is damaged or truncated';
    case 'unpacks-too-large':
      return `it unpacks to more than ${megabytes(problem.size ?? 0)}, over the limit Duban reads; a plan document is far smaller`;
    case 'too-complex':
      return `it is too complex to read (${problem.detail ?? 'it needs more time or memory than Duban gives one document'})`;
    case 'undecodable':
      return `the text encoding is not recognised${problem.detail ? ` (it looks like ${problem.detail})` : ''}; save it as UTF-8 and try again`;
  }
}

const WHAT_DUBAN_READS_ZH = '督办可读取纯文本(UTF-8 或 GB18030/GBK)和 .docx 文件';

/** `reason` in Chinese, for the web UI. */
function reasonZh(problem: DocumentProblem): string {
  switch (problem.code) {
    case 'not-found':
      return '文件不存在';
    case 'not-a-file':
      return '这是一个文件夹,不是文件';
    case 'unreadable':
      return `无法打开文件(${problem.detail ?? '读写错误'})`;
    case 'empty':
      return '文件内容为空';
    case 'too-large':
      return problem.size === undefined
        ? `文件超过 ${megabytes(MAX_DOCUMENT_BYTES)} 的上限`
        : `文件大小为 ${megabytes(problem.size)},超过 ${megabytes(MAX_DOCUMENT_BYTES)} 的上限`;
    case 'binary':
      return `这是二进制文件,不是文本;${WHAT_DUBAN_READS_ZH}`;
    case 'unsupported':
      return `不支持该文件格式${problem.detailZh ? `(${problem.detailZh})` : ''};${WHAT_DUBAN_READS_ZH}`;
    case 'corrupt-docx':
      return '文件看起来是 .docx(ZIP 压缩文件),但已损坏或不完整';
    case 'unpacks-too-large':
      return `文件解压后超过 ${megabytes(problem.size ?? 0)},超出督办可读取的上限;工作要点文件远小于此`;
    case 'too-complex':
      return `文件过于复杂,无法读取(${problem.detailZh ?? problem.detail ?? '所需时间或内存超出督办为单个文件设定的上限'})`;
    case 'undecodable':
      return `无法识别文本编码${problem.detail ? `(看起来是 ${problem.detail})` : ''},请另存为 UTF-8 后重试`;
  }
}

/**
 * A document Duban cannot read; `message` says why in words a person understands and names the
 * file, `zh` says the same in Chinese.
 */
export class DocumentError extends Error {
  readonly code: DocumentErrorCode;
  readonly zh: string;

  constructor(
    readonly problem: DocumentProblem,
    readonly file?: string,
  ) {
    super(`cannot read ${file ?? 'the document'}: ${reason(problem)}`);
    this.name = 'DocumentError';
    this.code = problem.code;
    this.zh = `无法读取${file === undefined ? '该文件' : `“${file}”`}:${reasonZh(problem)}`;
  }

  /** The same problem, told about a named file. */
  about(file: string): DocumentError {
    return new DocumentError(this.problem, file);
  }
}
