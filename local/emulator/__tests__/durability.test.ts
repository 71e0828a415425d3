import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../engine';
import type { TcbCredentials } from '../credentials';
import { createLocalSdkApp } from '../sdk';
import { startEmulatorServer } from '..';
import { waitUntil } from '../../testing/wait-until';

const DECLS = [{ name: 'log', purpose: 'durability test', indexes: [{ name: 'k', keys: { k: 1 as const } }] }];
const tmp = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'emu-')), 'db.sqlite');

test('data survives a process restart (and indexes are rebuilt)', async () => {
  const file = tmp();
  let s = await startEmulatorServer({ dbPath: file, collections: DECLS });
  let db = createLocalSdkApp(s.url, s.credentials).database();
  await db.collection('log').add(Array.from({ length: 50 }, (_, i) => ({ _id: `d${i}`, k: i % 5, at: new Date(1_700_000_000_000 + i) })));
  await db.collection('log').doc('d0').update({ k: 99 });
  await db.collection('log').doc('d1').remove();
  await s.close();

  s = await startEmulatorServer({ dbPath: file, collections: DECLS });
  db = createLocalSdkApp(s.url, s.credentials).database();
  expect(((await db.collection('log').count()) as { total: number }).total).toBe(49);
  const res = (await db.collection('log').where({ k: 99 }).get()) as { data: Array<{ _id: string; at: Date }> };
  expect(res.data.map((d) => d._id)).toEqual(['d0']);
  expect(res.data[0].at).toBeInstanceOf(Date);
  expect(s.emulator.stats().lastPlan).toMatchObject({ index: 'k', examined: 1 });
  await s.close();
});

test('kill -9 during a write burst loses no acknowledged write', async () => {
  const file = tmp();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'serve.ts'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, credentials } = await new Promise<{ url: string; credentials: TcbCredentials }>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      const m = /READY (\{.*\})/.exec(b.toString());
      if (m) resolve(JSON.parse(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
  });
  // Requests cut off by the kill never clear the SDK's 3 s slow-request timer; silence that warning.
  process.env.SILENCE = 'true';
  const db = createLocalSdkApp(url, credentials).database();
  await db.createCollection('burst');
  const acked: string[] = [];
  let stop = false;
  const writer = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const id = `w${w}_${i}`;
      try {
        await db.collection('burst').add({ _id: id, w, i, pad: 'x'.repeat(200) });
        acked.push(id);
      } catch {
        return; // the server died mid-request: this write was never acknowledged
      }
    }
  };
  const writers = Array.from({ length: 16 }, (_, w) => writer(w));
  await waitUntil(() => acked.length >= 400, () => `400 acknowledged writes (${acked.length} so far)`);
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(writers);
  await new Promise((r) => child.once('exit', r));

  const engine = new Engine(file, []);
  const { docs } = engine.find('burst', {}, { sort: [], offset: 0, limit: Infinity });
  const stored = new Set(docs.map((d) => d._id as string));
  const lost = acked.filter((id) => !stored.has(id));
  engine.close();
  expect(acked.length).toBeGreaterThanOrEqual(400);
  expect(lost).toEqual([]);
});
