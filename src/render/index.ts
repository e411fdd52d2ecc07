/** Output formats: each renders from the Report alone, into one file of --out. */
import type { Report } from '../engine/types.js';
import { renderAsff } from './asff.js';
import { renderComplianceCsv } from './compliance-csv.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderOcsf } from './ocsf.js';
import { renderOscal } from './oscal.js';
import { renderSarif } from './sarif.js';

export interface Renderer {
  format: string;
  file: string;
  render(report: Report): string;
}

export const RENDERERS: readonly Renderer[] = [
  { format: 'json', file: 'report.json', render: (r) => JSON.stringify(r, null, 2) + '\n' },
  { format: 'html', file: 'report.html', render: renderHtml },
  { format: 'sarif', file: 'report.sarif', render: renderSarif },
  { format: 'ocsf', file: 'report.ocsf.json', render: renderOcsf },
  { format: 'asff', file: 'report.asff.json', render: renderAsff },
  { format: 'csv', file: 'report.csv', render: renderCsv },
  { format: 'junit', file: 'report.junit.xml', render: renderJunit },
  { format: 'md', file: 'report.md', render: renderMarkdown },
  { format: 'compliance-csv', file: 'compliance.csv', render: renderComplianceCsv },
  { format: 'oscal', file: 'report.oscal.json', render: renderOscal },
];

export const FORMAT_NAMES = RENDERERS.map((r) => r.format);

export function rendererFor(format: string): Renderer | undefined {
  return RENDERERS.find((r) => r.format === format);
}
