import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalServer } from '../../../local/server';

/**
 * Child process for simulate tests: the real local server (gateway + cloud functions + emulator)
 * on a free port with a fresh seeded data dir. It runs outside jest's jsdom sandbox so the SDK
 * and SQLite see a plain Node environment. Prints `{"url": ...}` once listening; exits when its
 * stdin closes (the parent died or is done) or on SIGTERM.
 */
async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'member-store-sim-'));
  const server = await startLocalServer({ port: 0, dataDir, fresh: true, quiet: true, demoOwner: process.env.SIM_NO_DEMO_OWNER !== '1' });
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
  process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`local server failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
