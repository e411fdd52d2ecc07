/**
 * The exporter's answers to Security Hub's faults, with the real SDK client against a small local
 * HTTP server (moto never throttles nor refuses a single finding): throttling is retried, each
 * refused finding is reported with its code, a region without a hub fails its findings, not the
 * run.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToSecurityHub } from '../../src/export/security-hub.js';
import { createSecurityHubFactory } from '../../src/export/security-hub-client.js';
import { TEST_CREDENTIALS } from '../helpers/moto.js';
import { handReport } from '../helpers/reports.js';

type Handler = (
  path: string,
  body: { Findings?: Array<{ Id: string }> },
) => [number, unknown, string?];

let handler: Handler = () => [500, {}];
const calls: string[] = [];
let endpoint = '';
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let raw = '';
  req.on('data', (d) => (raw += String(d)));
  req.on('end', () => {
    calls.push(req.url ?? '');
    const [status, body, errorType] = handler(req.url ?? '', raw ? JSON.parse(raw) : {});
    res.writeHead(status, {
      'content-type': 'application/json',
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    res.end(JSON.stringify(body));
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** One account and region only, so every call is to the same hub. */
function report() {
  const r = handReport();
  return {
    ...r,
    findings: r.findings.filter(
      (f) => f.resource.accountId === '111122223333' && f.resource.region === 'eu-west-1',
    ),
  };
}

const opts = () => ({
  securityHub: createSecurityHubFactory({ endpointUrl: endpoint, credentials: TEST_CREDENTIALS }),
  backoffMs: () => 1,
});

describe('export security-hub faults (real client, local server)', () => {
  it('retries throttling, then reports each refused finding', async () => {
    calls.length = 0;
    let imports = 0;
    handler = (path, body) => {
      if (path === '/findings') return [200, { Findings: [] }];
      imports++;
      if (imports <= 2) return [429, { message: 'Rate exceeded' }, 'TooManyRequestsException'];
      const [first, ...rest] = body.Findings!;
      return [
        200,
        {
          FailedCount: 1,
          SuccessCount: rest.length,
          FailedFindings: [
            { Id: first!.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Title too long' },
          ],
        },
      ];
    };
    const rep = report();
    const r = await exportToSecurityHub(rep, opts());
    expect(calls.filter((c) => c === '/findings/import')).toHaveLength(3);
    expect(r.imported).toBe(rep.findings.length - 1);
    expect(r.failed).toEqual([
      {
        id: rep.findings[0]!.id,
        accountId: '111122223333',
        region: 'eu-west-1',
        errorCode: 'InvalidInput',
        message: 'Title too long',
      },
    ]);
  });

  it('gives up after the last attempt and fails that batch, not the run', async () => {
    handler = () => [429, { message: 'Rate exceeded' }, 'TooManyRequestsException'];
    const rep = report();
    const r = await exportToSecurityHub(rep, { ...opts(), maxAttempts: 3 });
    expect(r.imported).toBe(0);
    expect(r.failed).toHaveLength(rep.findings.length);
    expect(new Set(r.failed.map((f) => f.errorCode))).toEqual(
      new Set(['TooManyRequestsException']),
    );
  });

  it('a hub that is not enabled is not retried, and nothing is archived there', async () => {
    calls.length = 0;
    handler = () => [
      403,
      { message: 'Account is not subscribed to AWS Security Hub' },
      'InvalidAccessException',
    ];
    const r = await exportToSecurityHub(report(), opts());
    expect(calls).toEqual(['/findings/import']);
    expect(r.failed.every((f) => f.errorCode === 'InvalidAccessException')).toBe(true);
  });
});
