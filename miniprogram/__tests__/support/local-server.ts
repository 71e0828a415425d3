import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { WAIT_BUDGET_MS } from '../../../local/testing/wait-until';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface RunningLocalServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts local/server.ts (fresh, seeded) in a child process and resolves once it listens.
 * `env` is added to the child's environment (e.g. OWNER_CLAIM_SHA256 on the in-process `ops`);
 * `demoOwner: false` seeds no op_admin, as a real deploy leaves the store.
 */
export function spawnLocalServer(timeoutMs = WAIT_BUDGET_MS, opts: { env?: Record<string, string>; demoOwner?: boolean } = {}): Promise<RunningLocalServer> {
  const child: ChildProcess = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    [path.join(__dirname, 'local-server-child.ts')],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...opts.env, ...(opts.demoOwner === false ? { SIM_NO_DEMO_OWNER: '1' } : {}) } },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`local server did not start within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        close: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local server exited (${code}) before listening\n${stderr}`));
    });
  });
}
