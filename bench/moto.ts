/**
 * Starting and stopping a real moto_server (Python, from the project's .venv) on a free loopback
 * port. Shared by the test helpers (test/helpers/moto.ts re-exports it) and the benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { createClientFactory, type ClientFactory } from '../src/collect/clients.js';
import { packageRoot } from '../src/paths.js';

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

export interface MotoOptions {
  /** The account every request lands in (moto's default is 123456789012). */
  accountId?: string;
}

export async function startMoto(opts: MotoOptions = {}): Promise<MotoServer> {
  const child: ChildProcess = spawn(motoPython(), ['-c', SERVER], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      MOTO_ALLOW_NONEXISTENT_REGION: 'false',
      ...(opts.accountId ? { MOTO_ACCOUNT_ID: opts.accountId } : {}),
    },
  });
  let stderr = '';
  // Only the start-up diagnostics matter; keep the tail so a long run cannot grow it unbounded.
  child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
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
      if (child.exitCode !== null) return;
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

/**
 * Clients acting inside another moto account: moto files what an AssumeRole session creates
 * under the role's account (the role need not exist).
 */
export async function clientsInAccount(
  endpoint: string,
  accountId: string,
  opts: { maxAttempts?: number } = {},
): Promise<ClientFactory> {
  const base = createClientFactory({ endpointUrl: endpoint, credentials: TEST_CREDENTIALS });
  const out = await base('us-east-1').sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/Seeder`,
      RoleSessionName: 'seeder',
    }),
  );
  const c = out.Credentials!;
  return createClientFactory({
    endpointUrl: endpoint,
    credentials: {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken,
    },
    maxAttempts: opts.maxAttempts ?? 3,
  });
}
