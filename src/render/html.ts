/** report.html: one self-contained page built from templates/ with Handlebars. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Report } from '../engine/types.js';
import { templatesDir } from '../paths.js';
import { inlineJson } from './inline-json.js';

let compiled: Handlebars.TemplateDelegate | undefined;

function template(): Handlebars.TemplateDelegate {
  if (!compiled) {
    const hb = Handlebars.create();
    for (const partial of ['report.css', 'report.js']) {
      hb.registerPartial(partial, readFileSync(join(templatesDir, partial), 'utf8'));
    }
    compiled = hb.compile(readFileSync(join(templatesDir, 'report.hbs'), 'utf8'), {
      strict: true,
    });
  }
  return compiled;
}

export function renderHtml(report: Report): string {
  return template()({
    title: `apigw-audit report: ${report.scan.accounts.join(', ') || 'no account'}`,
    generatedAt: report.scan.evaluatedAt,
    toolVersion: report.tool.version,
    data: inlineJson(report),
  });
}
