import { parentPort } from 'node:worker_threads';
import { DocumentError } from './errors.ts';
import { readPlan } from './read.ts';

/** A document to read, as isolated.ts posts it. */
export interface ParseJob {
  readonly bytes: Uint8Array;
  readonly name: string;
}

/** The answer: the parsed document, a DocumentError's facts, or another failure's message. */
export type ParseAnswer =
  | { readonly kind: 'ready' }
  | { readonly kind: 'parsed'; readonly parsed: Awaited<ReturnType<typeof readPlan>> }
  | { readonly kind: 'refused'; readonly problem: DocumentError['problem']; readonly file: string | undefined }
  | { readonly kind: 'failed'; readonly message: string };

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts runs as a worker thread');

port.on('message', async (job: ParseJob) => {
  let answer: ParseAnswer;
  try {
    answer = { kind: 'parsed', parsed: await readPlan(job.bytes, job.name) };
  } catch (error) {
    answer =
      error instanceof DocumentError
        ? { kind: 'refused', problem: error.problem, file: error.file }
        : { kind: 'failed', message: String(error) };
  }
  port.postMessage(answer);
});
port.postMessage({ kind: 'ready' } satisfies ParseAnswer);
