/**
 * Runs the built CLI as a child process and measures what a user sees: its wall time and the
 * peak resident set size of the whole process (SDK, collection, evaluation and rendering), as
 * the kernel records it: GNU time's maximum resident set size (`/usr/bin/time -f %M`, apt
 * package `time`) when it is installed, else VmHWM from /proc/PID/status, read every 20 ms.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';

export interface CliRun {
  code: number | null;
  wallSeconds: number;
  peakRssMb: number;
  /**
   * CPU seconds (user + system) when GNU time is there: on a shared machine the wall time
   * grows with the load, the CPU time much less.
   */
  cpuSeconds: number | null;
  /** How peakRssMb was read. */
  rssSource: 'gnu-time' | 'vmhwm-poll';
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

const CLI = join(packageRoot, 'dist', 'src', 'cli', 'main.js');

function hwmKb(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined; // gone
  }
}

export function runCliMeasured(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const timed = existsSync(GNU_TIME);
    const dir = timed ? mkdtempSync(join(tmpdir(), 'apigw-audit-bench-')) : '';
    const command = timed
      ? [GNU_TIME, ['-f', '%M %U %S', '-o', join(dir, 'rss'), process.execPath, CLI, ...args]]
      : [process.execPath, [CLI, ...args]];
    const child = spawn(command[0] as string, command[1] as string[], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    });
    let peakKb = 0;
    let cpuSeconds: number | null = null;
    // VmHWM only grows: the last reading before the process exits is its peak (a late rise in
    // the final 20 ms would be missed; the renderers' last step is small).
    const poll = setInterval(() => {
      if (timed) return;
      const kb = hwmKb(child.pid!);
      if (kb) peakKb = Math.max(peakKb, kb);
    }, 20);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', (err) => {
      clearInterval(poll);
      reject(err);
    });
    child.on('exit', (code) => {
      clearInterval(poll);
      if (timed) {
        // The last line (a failed command's status line comes before it).
        const last = readFileSync(join(dir, 'rss'), 'utf8').trim().split('\n').pop() ?? '';
        const [kb, user, sys] = last.split(' ').map(Number);
        peakKb = kb ?? 0;
        cpuSeconds = Math.round(((user ?? 0) + (sys ?? 0)) * 100) / 100;
        rmSync(dir, { recursive: true, force: true });
      }
      resolve({
        code,
        wallSeconds: Math.round(performance.now() - started) / 1000,
        peakRssMb: Math.round((peakKb / 1024) * 10) / 10,
        cpuSeconds,
        rssSource: timed ? 'gnu-time' : 'vmhwm-poll',
        stderr,
      });
    });
  });
}
