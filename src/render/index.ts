/** Output formats: each renders from the Report alone, into one or more files of --out. */
import type { Report } from '../engine/types.js';
import { ASFF_BATCH_FILE, asffBatchFiles } from './asff.js';
import { renderComplianceCsv } from './compliance-csv.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderOcsf, renderOcsfLines } from './ocsf.js';
import type { OutputFile, RenderOptions } from './options.js';
import { renderOscal } from './oscal.js';
import { renderSarif } from './sarif.js';

export type { OutputFile, RenderOptions } from './options.js';

export interface Renderer {
  format: string;
  /** The file written, or for a format written as several files, their folder and pattern. */
  file: string;
  /** Every file of the format, paths relative to --out. */
  files(report: Report, options: RenderOptions): OutputFile[];
  /**
   * A folder of --out that the format's files alone live in, and which of its file names are
   * the format's: those are removed before writing, so a batch left by an earlier, larger
   * report is never imported again.
   */
  owns?: { folder: string; file: RegExp };
}

/** A format written as one file. */
function single(
  format: string,
  file: string,
  render: (report: Report, options: RenderOptions) => string,
): Renderer {
  return {
    format,
    file,
    files: (report, options) => [{ path: file, content: render(report, options) }],
  };
}

export const RENDERERS: readonly Renderer[] = [
  single('json', 'report.json', (r) => JSON.stringify(r, null, 2) + '\n'),
  single('html', 'report.html', (r) => renderHtml(r)),
  single('sarif', 'report.sarif', renderSarif),
  {
    format: 'ocsf',
    file: 'report.ocsf.json, report.ocsf.jsonl',
    files: (report, options) => [
      { path: 'report.ocsf.json', content: renderOcsf(report, options) },
      { path: 'report.ocsf.jsonl', content: renderOcsfLines(report, options) },
    ],
  },
  {
    format: 'asff',
    file: 'asff/<account>-<region>-<nnn>.json',
    files: asffBatchFiles,
    owns: { folder: 'asff', file: ASFF_BATCH_FILE },
  },
  single('csv', 'report.csv', renderCsv),
  single('junit', 'report.junit.xml', renderJunit),
  single('md', 'report.md', renderMarkdown),
  single('compliance-csv', 'compliance.csv', (r) => renderComplianceCsv(r)),
  single('oscal', 'report.oscal.json', (r) => renderOscal(r)),
];

export const FORMAT_NAMES = RENDERERS.map((r) => r.format);

export function rendererFor(format: string): Renderer | undefined {
  return RENDERERS.find((r) => r.format === format);
}
