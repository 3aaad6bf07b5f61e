/**
 * What the parser reads: a document as a list of blocks. Plain text gives paragraphs only;
 * a .docx gives paragraphs and tables. Reading files and decoding bytes happens at the edge
 * (packages/server/src/documents); the parser only sees these.
 */
export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'table'; readonly rows: readonly (readonly string[])[] };

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });
export const table = (rows: readonly (readonly string[])[]): Block => ({ type: 'table', rows });
