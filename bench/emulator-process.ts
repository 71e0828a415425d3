import { startEmulatorServer } from '../local/emulator';

/**
 * The emulator in its own process for benchmarks (forked by bench/segments.bench.ts), so the SDK
 * client side and the database side each get a core — as in production, where CloudBase is not
 * in the function's process. Speaks over IPC: sends {url, credentials, openMs} (requests must be signed with that key pair); answers 'stats' (engine figures and the wire requests counted by action); exits on 'close'.
 */
async function main(): Promise<void> {
  const dbPath = process.argv[2];
  const t = Date.now();
  const server = await startEmulatorServer({ dbPath });
  process.send!({ type: 'ready', url: server.url, credentials: server.credentials, openMs: Date.now() - t, documents: server.emulator.stats().documents });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'stats') process.send!({ type: 'stats', stats: server.emulator.stats(), wire: server.emulator.wireCalls(), rssMb: Math.round(process.memoryUsage().rss / 1e6), cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000) });
    if (m.type === 'close') {
      await server.close();
      process.exit(0);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
