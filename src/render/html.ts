/**
 * report.html: one self-contained page built from templates/ with Handlebars.
 *
 * The summary is rendered here (so it prints and reads without JavaScript); the interactive
 * views (findings, inventory, compliance, coverage) are built by the page script from the
 * report data, embedded compressed (html-data.ts) and inflated by the page once it has opened.
 * Nothing is loaded from the network: the Content-Security-Policy allows only the page's own
 * script and style, by hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { loadFrameworks, type Framework } from '../engine/compliance.js';
import {
  SEVERITIES,
  STATUSES,
  type Finding,
  type Report,
  type ReportHead,
  type ReportView,
  type Severity,
} from '../engine/types.js';
import { templatesDir } from '../paths.js';
import {
  htmlDataChunks,
  packFinding,
  readHtmlData,
  unpackFinding,
  type PackedFinding,
} from './html-data.js';
import { inlineJson } from './inline-json.js';
import { CHECK_FAMILIES, PAGE_CONTRACT, checkFamily, familyLabel } from './page-contract.js';

/** The page script, concatenated in this order inside one function scope. */
export const SCRIPT_PARTS = [
  'util.js',
  'data.js',
  'findings.js',
  'inventory.js',
  'compliance.js',
  'coverage.js',
  'main.js',
] as const;

interface Assets {
  template: Handlebars.TemplateDelegate;
  style: string;
  script: string;
}

let assets: Assets | undefined;

function read(...parts: string[]): string {
  return readFileSync(join(templatesDir, ...parts), 'utf8');
}

/** Inline code must not be able to end its own element. */
function assertInlineSafe(name: string, code: string, tag: 'script' | 'style'): string {
  if (new RegExp(`</${tag}`, 'i').test(code) || /<!--/.test(code)) {
    throw new Error(`templates: ${name} contains a sequence that would end its <${tag}> element`);
  }
  return code;
}

function load(): Assets {
  if (!assets) {
    const hb = Handlebars.create();
    const style = assertInlineSafe('report.css', read('report.css'), 'style');
    const script = assertInlineSafe(
      'report/*.js',
      '(function () {\n  "use strict";\n' +
        `var CONTRACT = ${inlineJson(PAGE_CONTRACT)};\n` +
        SCRIPT_PARTS.map((p) => read('report', p)).join('\n') +
        '\n})();\n',
      'script',
    );
    assets = {
      template: hb.compile(read('report.hbs'), { strict: true }),
      style,
      script,
    };
  }
  return assets;
}

const cspHash = (code: string) =>
  `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;

/** The Content-Security-Policy: nothing but the page's own inline script and style. */
export function contentSecurityPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${cspHash(script)}`,
    `style-src ${cspHash(style)}`,
    "connect-src 'none'",
    "img-src 'none'",
    "font-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

interface TopRisk {
  checkId: string;
  title: string;
  severity: Severity;
  count: number;
  accounts: number;
}

/** Unsuppressed FAILs grouped by check, most severe first, then most frequent. */
export function topRisks(report: ReportView, limit = 10): TopRisk[] {
  const groups = new Map<string, TopRisk & { accountSet: Set<string> }>();
  for (const f of report.findings) {
    if (f.status !== 'FAIL' || f.suppressed) continue;
    let g = groups.get(f.checkId);
    if (!g) {
      g = {
        checkId: f.checkId,
        title: report.checks[f.checkId]?.title ?? f.title,
        severity: f.severity,
        count: 0,
        accounts: 0,
        accountSet: new Set(),
      };
      groups.set(f.checkId, g);
    }
    g.count++;
    g.accountSet.add(f.resource.accountId);
    if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(g.severity)) g.severity = f.severity;
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        b.count - a.count ||
        a.checkId.localeCompare(b.checkId),
    )
    .slice(0, limit)
    .map(({ accountSet, ...g }) => ({ ...g, accounts: accountSet.size }));
}

const CHART_WIDTH = 420;
const BAR_MAX = 260;
const ROW = 26;

function severityChart(report: ReportHead) {
  const counts = SEVERITIES.map((s) => report.summary.failBySeverity[s] ?? 0);
  const max = Math.max(1, ...counts);
  return {
    width: CHART_WIDTH,
    height: SEVERITIES.length * ROW + 4,
    bars: SEVERITIES.map((severity, i) => {
      const count = counts[i]!;
      // A non-zero count always gets a visible sliver.
      const width = count === 0 ? 0 : Math.max(2, Math.round((count / max) * BAR_MAX));
      return {
        severity,
        count,
        y: i * ROW + 2,
        textY: i * ROW + 19,
        width,
        labelX: 96 + width + 6,
      };
    }),
  };
}

/** One stacked bar of results by status (suppressed counted apart). */
function statusChart(report: ReportHead) {
  const parts = [
    ...STATUSES.filter((s) => s !== 'PASS').map((s) => ({
      key: s,
      label: s,
      count: report.summary.byStatus[s],
    })),
    { key: 'SUPPRESSED', label: 'suppressed', count: report.summary.suppressed },
    { key: 'PASS', label: 'PASS', count: report.summary.byStatus.PASS },
  ];
  const total = parts.reduce((n, p) => n + p.count, 0);
  let x = 0;
  const segments = parts
    .filter((p) => p.count > 0)
    .map((p) => {
      const width = total === 0 ? 0 : (p.count / total) * CHART_WIDTH;
      const seg = { ...p, x: x.toFixed(2), width: width.toFixed(2) };
      x += width;
      return seg;
    });
  return { width: CHART_WIDTH, total, segments, legend: parts };
}

/** 2026-11-01T00:01:12.000Z -> 2026-11-01 00:01:12 UTC; anything else unchanged. */
export function displayTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

function duration(start: string, end: string): string {
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Framework metadata for the ids the report's findings use (display names, control titles). */
function frameworksFor(
  report: ReportHead,
  frameworks: Framework[],
  findingFrameworks: ReadonlySet<string>,
): Framework[] {
  const used = new Set(findingFrameworks);
  for (const c of Object.values(report.checks))
    for (const fw of Object.keys(c.compliance)) used.add(fw);
  return frameworks.filter((fw) => used.has(fw.framework));
}

/**
 * The report with packed findings (see html-data.ts): what report.html carries, as one value.
 * unpackReport restores the left-out fields, as the page script does on load.
 */
export type { PackedFinding };
export type PackedReport = Omit<Report, 'findings'> & { findings: PackedFinding[] };

export function packReport(report: Report): PackedReport {
  return { ...report, findings: report.findings.map((f) => packFinding(f, report.checks)) };
}

export function unpackReport(packed: PackedReport): Report {
  return { ...packed, findings: packed.findings.map((f) => unpackFinding(f, packed.checks)) };
}

interface FamilyRow {
  id: string;
  label: string;
  checks: number;
  fails: number;
  severity: Severity | '';
}

/**
 * Checks and unsuppressed FAILs per check family, in the catalog's family order; empty for a
 * report whose checks carry no family (written before families existed).
 */
export function familySummary(report: ReportView): FamilyRow[] {
  const rows = new Map<string, FamilyRow>();
  for (const check of Object.values(report.checks)) {
    const id = checkFamily(check);
    if (!id) continue;
    const row = rows.get(id) ?? { id, label: familyLabel(id), checks: 0, fails: 0, severity: '' };
    row.checks++;
    rows.set(id, row);
  }
  if (rows.size === 0) return [];
  for (const f of report.findings) {
    if (f.status !== 'FAIL' || f.suppressed) continue;
    const row = rows.get(checkFamily(report.checks[f.checkId]) ?? '');
    if (!row) continue;
    row.fails++;
    if (!row.severity || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(row.severity))
      row.severity = f.severity;
  }
  const order = (id: string) => {
    const i = CHECK_FAMILIES.findIndex((f) => f.id === id);
    return i < 0 ? CHECK_FAMILIES.length : i;
  };
  return [...rows.values()].sort((a, b) => order(a.id) - order(b.id) || a.id.localeCompare(b.id));
}

/** The summary per account, when the report holds more than one. */
function accountRows(report: ReportHead) {
  const by = report.summary.byAccount;
  if (!by || report.scan.accounts.length < 2) return undefined;
  return report.scan.accounts.map((id) => {
    const a = by[id];
    return {
      id,
      name: report.scan.accountNames?.[id] ?? '',
      ouPath: report.scan.ouPaths?.[id] ?? '',
      critical: a?.failBySeverity.critical ?? 0,
      high: a?.failBySeverity.high ?? 0,
      medium: a?.failBySeverity.medium ?? 0,
      low: a?.failBySeverity.low ?? 0,
      pass: a?.byStatus.PASS ?? 0,
      error: a?.byStatus.ERROR ?? 0,
    };
  });
}

/** The report embedded in a report.html written by renderHtml. */
export function reportFromHtml(html: string): Report {
  const { head, findings, inventory } = readHtmlData(html);
  return unpackReport({ ...head, findings, inventory });
}

export interface RenderHtmlOptions {
  /** Framework files to name controls with; defaults to compliance/*.json. */
  frameworks?: Framework[];
}

function count(items: Iterable<unknown>): number {
  if (Array.isArray(items)) return items.length;
  let n = 0;
  for (const _ of items) n++;
  return n;
}

/**
 * report.html as a sequence of pieces: the server-rendered page up to the data slot, the data
 * elements batch by batch (html-data.ts), then the rest of the page.
 */
export function* htmlChunks(report: ReportView, opts: RenderHtmlOptions = {}): Generator<string> {
  // A fresh marker per page: nothing from the report can contain it.
  const slot = `<!--data-${randomUUID()}-->`;
  const page = renderPage(report, opts, slot);
  const at = page.indexOf(slot);
  yield page.slice(0, at);
  const { findings, inventory, ...head } = report;
  yield* htmlDataChunks(head, findings, inventory);
  yield page.slice(at + slot.length);
}

export function renderHtml(report: ReportView, opts: RenderHtmlOptions = {}): string {
  return [...htmlChunks(report, opts)].join('');
}

/**
 * What the page's summary needs of the findings, in one pass: the unsuppressed FAILs (top
 * risks, families) and the frameworks the findings name. The findings may be read from a file,
 * so each pass costs a reading of every one.
 */
function summaryFacts(report: ReportView): { fails: ReportView; frameworkIds: Set<string> } {
  const fails: Finding[] = [];
  const frameworkIds = new Set<string>();
  for (const f of report.findings) {
    for (const fw of Object.keys(f.compliance)) frameworkIds.add(fw);
    // Only what topRisks and familySummary read: a FAIL's evidence is not held.
    if (f.status === 'FAIL' && !f.suppressed) {
      const { checkId, status, severity, title, suppressed } = f;
      fails.push({ checkId, status, severity, title, suppressed, resource: f.resource } as Finding);
    }
  }
  return { fails: { ...report, findings: fails }, frameworkIds };
}

function renderPage(report: ReportView, opts: RenderHtmlOptions, dataSlot: string): string {
  const { template, style, script } = load();
  const facts = summaryFacts(report);
  const s = report.summary;
  const accounts = report.scan.accounts.join(', ') || 'no account';
  return template({
    title: `apigw-audit report: ${accounts}`,
    csp: contentSecurityPolicy(script, style),
    style,
    script,
    toolName: report.tool.name,
    toolVersion: report.tool.version,
    schemaVersion: report.schemaVersion,
    scan: {
      accounts: report.scan.accounts,
      regions: report.scan.regions,
      startedAt: displayTime(report.scan.startedAt),
      finishedAt: displayTime(report.scan.finishedAt),
      evaluatedAt: displayTime(report.scan.evaluatedAt),
      duration: duration(report.scan.startedAt, report.scan.finishedAt),
      principal: report.scan.principal ?? '',
    },
    cards: [
      { key: 'FAIL', label: 'Failed', count: s.byStatus.FAIL },
      { key: 'ERROR', label: 'Error (not collected)', count: s.byStatus.ERROR },
      { key: 'MANUAL', label: 'Manual review', count: s.byStatus.MANUAL },
      { key: 'PASS', label: 'Passed', count: s.byStatus.PASS },
      { key: 'SUPPRESSED', label: 'Suppressed', count: s.suppressed },
    ],
    checksRun: Object.keys(report.checks).length,
    notApplicable: s.notApplicable.length,
    inventoryRows: count(report.inventory),
    severityChart: severityChart(report),
    statusChart: statusChart(report),
    topRisks: topRisks(facts.fails),
    families: familySummary(facts.fails),
    accountRows: accountRows(report),
    coverage: {
      complete: report.coverage.complete,
      percent: report.coverage.percent,
      errorResults: report.coverage.errorResults,
      collectionErrors: report.coverage.collectionErrors,
    },
    severities: SEVERITIES.map((sev) => ({ value: sev, checked: true })),
    statuses: STATUSES.map((st) => ({ value: st, checked: st !== 'PASS' })),
    dataSlot,
    frameworks: inlineJson(
      frameworksFor(report, opts.frameworks ?? loadFrameworks(), facts.frameworkIds),
    ),
  });
}
