/**
 * A real moto_server for one test file: started on a free loopback port, reset between tests,
 * stopped at the end. Each file gets its own server, so files can run in parallel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createClientFactory, type ClientFactory } from '../../src/collect/clients.js';
import { packageRoot } from '../../src/paths.js';

const SERVER = `
import sys
from moto.server import ThreadedMotoServer
s = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
s.start()
host, port = s.get_host_and_port()
print("http://%s:%d" % (host, port), flush=True)
sys.stdin.read()
s.stop()
`;

export function motoPython(): string {
  if (process.env.MOTO_PYTHON) return process.env.MOTO_PYTHON;
  const venv = join(packageRoot, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
  reset(): Promise<void>;
}

export async function startMoto(): Promise<MotoServer> {
  const child: ChildProcess = spawn(motoPython(), ['-c', SERVER], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'false' },
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`moto did not start in 30 s: ${stderr}`)),
      30_000,
    );
    child.once('exit', (code) => reject(new Error(`moto exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
  });
  return {
    endpoint,
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    async stop() {
      child.stdin!.end();
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => (child.kill('SIGKILL'), resolve()), 5_000);
        child.once('exit', () => (clearTimeout(t), resolve()));
      });
    },
  };
}

/** Dummy credentials: moto accepts any, and the SDK then never looks for real ones. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'test-secret',
};

export interface MotoHandle {
  server: MotoServer;
  endpoint: string;
  /** Clients for seeding and for the scan, all pointed at this server. */
  clients: ClientFactory;
}

/** Registers beforeAll/beforeEach/afterAll hooks for a server shared by the file's tests. */
export function useMoto(): MotoHandle {
  const handle = {} as MotoHandle;
  beforeAll(async () => {
    handle.server = await startMoto();
    handle.endpoint = handle.server.endpoint;
    handle.clients = createClientFactory({
      endpointUrl: handle.endpoint,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 2,
    });
  }, 60_000);
  beforeEach(async () => {
    await handle.server.reset();
  });
  afterAll(async () => {
    await handle.server?.stop();
  });
  return handle;
}

/**
 * Operations moto 5.2.1 lacks (it answers them with an HTML page): apigateway
 * GetClientCertificates (404) and apigatewayv2 GetAuthorizers (500). A scan against moto records
 * them as collection errors; their success paths are tested with aws-sdk-client-mock.
 */
export const MOTO_GAP_OPERATIONS = new Set([
  'apigateway:GetClientCertificates',
  'apigatewayv2:GetAuthorizers',
]);

export function isMotoGap(e: { service: string; operation: string; errorCode: string }): boolean {
  return (
    MOTO_GAP_OPERATIONS.has(`${e.service}:${e.operation}`) &&
    e.errorCode.startsWith('UnsupportedOperation')
  );
}
