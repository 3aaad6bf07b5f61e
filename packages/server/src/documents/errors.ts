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
  | 'undecodable';

/** The facts a message needs beyond its code. */
export interface DocumentProblem {
  readonly code: DocumentErrorCode;
  /**
   * What the bytes were found to be, for 'unsupported' ("a PDF document") and 'undecodable'
   * ("Shift_JIS"); the system's reason for 'unreadable' ("permission denied").
   */
  readonly detail?: string;
  /** Size in bytes, for 'too-large'. */
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
    case 'undecodable':
      return `the text encoding is not recognised${problem.detail ? ` (it looks like ${problem.detail})` : ''}; save it as UTF-8 and try again`;
  }
}

/** A document Duban cannot read; `message` says why in words a person understands and names the file. */
export class DocumentError extends Error {
  readonly code: DocumentErrorCode;

  constructor(
    readonly problem: DocumentProblem,
    readonly file = 'the document',
  ) {
    super(`cannot read ${file}: ${reason(problem)}`);
    this.name = 'DocumentError';
    this.code = problem.code;
  }

  /** The same problem, told about a named file. */
  about(file: string): DocumentError {
    return new DocumentError(this.problem, file);
  }
}
