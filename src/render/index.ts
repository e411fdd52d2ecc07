/**
 * Output formats: each renders from the report alone, into one or more files of --out, as
 * pieces of text (`outputs`), so no format needs its whole output in memory.
 */
import type { Report, ReportView } from '../engine/types.js';
import { ASFF_BATCH_FILE, asffBatchStreams } from './asff.js';
import { renderComplianceCsv } from './compliance-csv.js';
import { csvChunks } from './csv.js';
import { htmlChunks } from './html.js';
import { jsonChunks, streamedArray } from './json-chunks.js';
import { junitChunks } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { ocsfChunks, ocsfLineChunks } from './ocsf.js';
import type { OutputFile, OutputStream, RenderOptions } from './options.js';
import { oscalChunks } from './oscal.js';
import { sarifChunks } from './sarif.js';

export type { OutputFile, OutputStream, RenderOptions } from './options.js';

export interface Renderer {
  format: string;
  /** The file written, or for a format written as several files, their folder and pattern. */
  file: string;
  /** Every file of the format, paths relative to --out, each as pieces to write in turn. */
  outputs(report: ReportView, options: RenderOptions): Iterable<OutputStream>;
  /** The same files, each as one string (for small reports, tests and evidence bundles). */
  files(report: Report, options: RenderOptions): OutputFile[];
  /**
   * A folder of --out that the format's files alone live in, and which of its file names are
   * the format's: those are removed before writing, so a batch left by an earlier, larger
   * report is never imported again.
   */
  owns?: { folder: string; file: RegExp };
}

function renderer(
  format: string,
  file: string,
  outputs: Renderer['outputs'],
  owns?: Renderer['owns'],
): Renderer {
  return {
    format,
    file,
    outputs,
    files: (report, options) =>
      [...outputs(report, options)]
        .map((o, i) => ({ o, i }))
        .sort((a, b) => (a.o.order ?? a.i) - (b.o.order ?? b.i))
        .map(({ o }) => ({ path: o.path, content: [...o.chunks].join('') })),
    ...(owns ? { owns } : {}),
  };
}

/** A format written as one file. */
function single(
  format: string,
  file: string,
  chunks: (report: ReportView, options: RenderOptions) => Iterable<string>,
): Renderer {
  return renderer(format, file, (report, options) => [
    { path: file, chunks: lazy(() => chunks(report, options)) },
  ]);
}

/** report.json: JSON.stringify(report, null, 2), one finding and one inventory row at a time. */
export function reportJsonChunks(report: ReportView): Iterable<string> {
  return jsonChunks({
    ...report,
    findings: streamedArray(report.findings),
    inventory: streamedArray(report.inventory),
  });
}

export const RENDERERS: readonly Renderer[] = [
  single('json', 'report.json', reportJsonChunks),
  single('html', 'report.html', (r) => htmlChunks(r)),
  single('sarif', 'report.sarif', sarifChunks),
  renderer('ocsf', 'report.ocsf.json, report.ocsf.jsonl', (report, options) => [
    { path: 'report.ocsf.json', chunks: lazy(() => ocsfChunks(report, options)) },
    { path: 'report.ocsf.jsonl', chunks: lazy(() => ocsfLineChunks(report, options)) },
  ]),
  renderer('asff', 'asff/<account>-<region>-<nnn>.json', asffBatchStreams, {
    folder: 'asff',
    file: ASFF_BATCH_FILE,
  }),
  single('csv', 'report.csv', csvChunks),
  single('junit', 'report.junit.xml', junitChunks),
  single('md', 'report.md', (r) => [renderMarkdown(r)]),
  single('compliance-csv', 'compliance.csv', (r) => [renderComplianceCsv(r)]),
  single('oscal', 'report.oscal.json', oscalChunks),
];

/** Pieces made only when the file is written, so listing a format's files renders nothing. */
function lazy(make: () => Iterable<string>): Iterable<string> {
  return { [Symbol.iterator]: () => make()[Symbol.iterator]() };
}

export const FORMAT_NAMES = RENDERERS.map((r) => r.format);

export function rendererFor(format: string): Renderer | undefined {
  return RENDERERS.find((r) => r.format === format);
}
