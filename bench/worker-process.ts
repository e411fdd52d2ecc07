/** The scan worker as a child process, and a description of the machine a figure came from. */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerInput, WorkerResult } from './scan-worker.js';

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

export function machine() {
  return {
    node: process.version,
    cpus: cpus().length,
    loadAverage1m: round(loadavg()[0] ?? 0, 2),
    note: 'shared machine (2 cores, several concurrent users): wall times are indicative',
  };
}

export function runWorker(input: WorkerInput): Promise<WorkerResult> {
  const worker = join(fileURLToPath(new URL('.', import.meta.url)), 'scan-worker.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`scan worker exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as WorkerResult);
    });
  });
}
