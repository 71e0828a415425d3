import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { readCredentialsFile, type TcbCredentials } from '../../emulator/credentials';
import { request } from '../http-client';

const ROOT = path.resolve(__dirname, '../../..');

/** A free loopback port, chosen once: the store restarts on the same one, as a real deployment would. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The local store as `npm start` runs it (`local/main.ts`: gateway, emulator, functions, pay
 * simulator in one process) — but as a child we can `kill -9`. Same data directory and port on
 * every start; its output goes to a log file for the post-mortem.
 */
export class ChildStore {
  private child: ChildProcess | null = null;
  private readonly log: WriteStream;
  readonly url: string;
  starts = 0;

  constructor(readonly opts: { dataDir: string; port: number; logFile: string }) {
    this.url = `http://127.0.0.1:${opts.port}`;
    this.log = createWriteStream(opts.logFile, { flags: 'w' });
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the process and waits until it answers; returns how long that took (ms). */
  async start(): Promise<number> {
    if (this.child) throw new Error('child store already running');
    const t0 = Date.now();
    this.log.write(`\n==== start #${++this.starts} at ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'local', 'main.ts'), `--port=${this.opts.port}`], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: this.opts.dataDir, LOG_LEVEL: process.env.SOAK_SERVER_LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    // main.ts prints its banner once startLocalServer has resolved (seeding included): the port
    // answers earlier, while the demo settings are still being written.
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('本地模式')) ready = true;
    });
    let exited: number | null | undefined;
    child.once('exit', (code) => {
      exited = code;
      if (this.child === child) this.child = null;
    });
    for (;;) {
      if (exited !== undefined) throw new Error(`the store exited during start (code ${exited}); see ${this.opts.logFile}`);
      try {
        if (ready) {
          const r = await request(`${this.url}/local/clock`, { method: 'GET', timeoutMs: 2_000 });
          if (r.status === 200) return Date.now() - t0;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() - t0 > 120_000) throw new Error(`the store did not answer within 120 s; see ${this.opts.logFile}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** `kill -9`: no shutdown hook runs, nothing is flushed that was not already committed. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
    this.child = null;
    this.log.write(`==== killed -9 at ${new Date().toISOString()}\n`);
  }

  /**
   * The running child's key pair for `/tcb`, from the file it writes at every start (before it
   * answers anything, so after start() it is always this run's).
   */
  credentials(): TcbCredentials {
    if (!this.child) throw new Error('child store is not running');
    return readCredentialsFile(this.opts.dataDir);
  }

  /** A clean stop (SIGTERM → server.close()). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
    this.child = null;
  }

  closeLog(): Promise<void> {
    return new Promise((r) => this.log.end(r));
  }
}
