export { decodeText } from './documents/decode.ts';
export { readDocx } from './documents/docx.ts';
export { DocumentError, type DocumentErrorCode, type DocumentProblem, MAX_DOCUMENT_BYTES } from './documents/errors.ts';
export { parseDocument, type ReadDocument, readDocument } from './documents/read.ts';
export { readFileBytes, readStreamBytes } from './documents/source.ts';
