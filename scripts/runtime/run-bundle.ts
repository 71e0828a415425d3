/**
 * Runs an installed bundle's `main(event, context)` in a child process under the declared
 * runtime's node (see runner.cjs), and returns what it answered.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const RUNNER = path.join(__dirname, 'runner.cjs');
const RESULT_MARK = '@@bundle-runner-result@@';

export interface BundleAnswer {
  ok: boolean;
  result?: unknown;
  error?: string;
  stage?: 'require' | 'main';
  /** `process.version` inside the child. */
  nodeVersion: string;
  /** Cold `require` of the bundle's index.js in a fresh process. */
  requireMs?: number;
  callMs?: number;
  /** What the bundle printed besides the answer (its logs). */
  output: string;
}

export function runBundle(o: { nodePath: string; bundleDir: string; event: unknown; context: unknown; env: Record<string, string>; timeoutMs?: number }): Promise<BundleAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn(o.nodePath, [RUNNER, o.bundleDir], { env: o.env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bundle ${o.bundleDir} did not answer within ${o.timeoutMs ?? 30_000} ms\n${out}${err}`));
    }, o.timeoutMs ?? 30_000);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const at = out.lastIndexOf(RESULT_MARK);
      if (at < 0) return reject(new Error(`bundle ${o.bundleDir} exited ${code} without an answer\n${out}${err}`));
      const answer = JSON.parse(out.slice(at + RESULT_MARK.length).split('\n')[0]) as Omit<BundleAnswer, 'output'>;
      resolve({ ...answer, output: (out.slice(0, at) + err).trim() });
    });
    child.stdin.end(JSON.stringify({ event: o.event, context: o.context }));
  });
}
