/**
 * An HTTP endpoint in front of moto that records every AWS request passing through it, named as
 * `service:Operation` when the protocol says so (JSON `X-Amz-Target`, query `Action=`), else by
 * method and path (REST protocols). The CLI points `--endpoint-url` at it, so what is recorded
 * is what the shipped program sent, whatever code path sent it.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  /** From the SigV4 credential scope: apigateway, wafv2, sts, s3, ... */
  service: string;
  method: string;
  path: string;
  /** The operation when the protocol names it (JSON and query protocols). */
  operation?: string;
}

export interface RecordingProxy {
  endpoint: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function describeRequest(
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): RecordedRequest {
  const auth = String(headers.authorization ?? '');
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unknown';
  const path = url.split('?')[0]!;
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    return { service, method, path, operation: target.split('.').pop()! };
  }
  const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  const form = String(headers['content-type'] ?? '').includes('x-www-form-urlencoded')
    ? new URLSearchParams(body.toString('utf8'))
    : undefined;
  const action = form?.get('Action') ?? query.get('Action');
  return action ? { service, method, path, operation: action } : { service, method, path };
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests.push(describeRequest(req.method!, req.url!, req.headers, body));
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Is this request a read? JSON and query operations by name; REST ones by HTTP method, except
 * the Account API, whose reads are POSTs to /getX and /listX paths.
 */
export function isReadRequest(r: RecordedRequest): boolean {
  if (r.operation) {
    return (
      /^(Get|List|Describe)[A-Z]/.test(r.operation) ||
      r.operation === 'AssumeRole' ||
      r.operation === 'GetCallerIdentity'
    );
  }
  if (r.method === 'GET' || r.method === 'HEAD') return true;
  return r.service === 'account' && r.method === 'POST' && /^\/(get|list)[A-Z]/.test(r.path);
}
