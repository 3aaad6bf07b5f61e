import { Worker } from 'node:worker_threads';
import { DocumentError } from './errors.ts';
import type { ParseAnswer, ParseJob } from './parse-worker.ts';
import { type ParsedDocument, readPlan } from './read.ts';

/**
 * What one document may take of the worker thread that reads it: a document that needs more
 * time or memory is refused, and the thread is replaced; the server goes on answering.
 */
export interface IsolationLimits {
  readonly timeoutMs: number;
  /** The worker's old-generation heap, MB (worker_threads resourceLimits). */
  readonly heapMb: number;
}

export const ISOLATION_LIMITS: IsolationLimits = { timeoutMs: 20_000, heapMb: 512 };

/**
 * Plain text up to this size is read in the request's thread: it takes milliseconds. Larger
 * text and every .docx (a few kilobytes can unpack to megabytes of XML) go to the worker.
 */
export const IN_THREAD_TEXT_BYTES = 256 * 1024;

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

/**
 * Read and parse a document without stalling the server: small plain text here, the rest in a
 * worker thread with a time and a heap limit. Throws a DocumentError as readPlan does, or
 * 'too-complex' when the document passes the worker's limits.
 */
export function readPlanIsolated(
  bytes: Uint8Array,
  name: string,
  limits: IsolationLimits = ISOLATION_LIMITS,
): Promise<ParsedDocument> {
  if (bytes.length <= IN_THREAD_TEXT_BYTES && !isZip(bytes)) return readPlan(bytes, name);
  return readPlanInWorker(bytes, name, limits);
}

// One worker for the process, started on first use and replaced after it is stopped; documents
// take turns, so at most one core is busy reading them.
let worker: Promise<Worker> | undefined;
let workerLimits: IsolationLimits | undefined;
let turn: Promise<unknown> = Promise.resolve();

/** Read a document in the worker thread, after the documents before it. */
export function readPlanInWorker(
  bytes: Uint8Array,
  name: string,
  limits: IsolationLimits = ISOLATION_LIMITS,
): Promise<ParsedDocument> {
  const run = turn.then(() => runJob({ bytes, name }, limits));
  turn = run.catch(() => undefined);
  return run;
}

function startWorker(limits: IsolationLimits): Promise<Worker> {
  const started: Promise<Worker> = new Promise((resolve, reject) => {
    const w = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
    });
    // An idle worker does not keep the process alive.
    w.unref();
    // Errors are told to the job that is running (below); one between jobs only ends this worker.
    w.on('error', () => undefined);
    w.on('exit', () => {
      if (worker === started) worker = undefined;
    });
    w.once('message', (answer: ParseAnswer) => (answer.kind === 'ready' ? resolve(w) : reject(new Error('worker'))));
    w.once('error', reject);
  });
  return started;
}

function tooComplex(detail: string, detailZh: string, file: string): DocumentError {
  return new DocumentError({ code: 'too-complex', detail, detailZh }, file);
}

async function runJob(job: ParseJob, limits: IsolationLimits): Promise<ParsedDocument> {
  if (worker === undefined || workerLimits !== limits) {
    if (worker !== undefined) void (await worker.catch(() => undefined))?.terminate();
    workerLimits = limits;
    worker = startWorker(limits);
  }
  const w = await worker.catch((error: unknown) => {
    worker = undefined;
    throw error;
  });
  return new Promise<ParsedDocument>((resolve, reject) => {
    const seconds = limits.timeoutMs / 1000;
    const stop = (error: DocumentError) => {
      done();
      worker = undefined;
      void w.terminate();
      reject(error);
    };
    const timer = setTimeout(
      () => stop(tooComplex(`reading it takes longer than ${seconds} s`, `读取时间超过 ${seconds} 秒`, job.name)),
      limits.timeoutMs,
    );
    const onMessage = (answer: ParseAnswer) => {
      done();
      if (answer.kind === 'parsed') resolve(answer.parsed);
      else if (answer.kind === 'refused') reject(new DocumentError(answer.problem, answer.file));
      else reject(new Error(answer.kind === 'failed' ? answer.message : 'unexpected answer'));
    };
    // A worker past its heap limit is ended by Node with ERR_WORKER_OUT_OF_MEMORY.
    const onError = (error: Error & { code?: string }) =>
      stop(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? tooComplex(
              `reading it needs more than ${limits.heapMb} MB of memory`,
              `读取所需内存超过 ${limits.heapMb} MB`,
              job.name,
            )
          : tooComplex(error.message, error.message, job.name),
      );
    const onExit = () => stop(tooComplex('the reader stopped', '读取进程意外停止', job.name));
    function done() {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      w.unref();
    }
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    // Busy: keep the process up until the answer comes.
    w.ref();
    w.postMessage(job);
  });
}
