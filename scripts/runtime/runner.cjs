'use strict';
/**
 * Runs ONE invocation of a built bundle under whatever node executes this file (the harness starts
 * it with the declared CloudBase runtime's binary). Plain CommonJS with no dependencies, so it runs
 * on that node as is. stdin: JSON {event, context}; stdout: the bundle's own logs, then one line
 * `RESULT_MARK + JSON` with {ok, result | error, nodeVersion, requireMs, callMs}.
 * Usage: node runner.cjs <bundle dir>
 */
const path = require('node:path');

const RESULT_MARK = '@@bundle-runner-result@@';
const bundle = process.argv[2];

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => void run());

async function run() {
  const { event, context } = JSON.parse(input);
  const t0 = performance.now();
  let mod;
  try {
    mod = require(path.resolve(bundle, 'index.js'));
  } catch (e) {
    return finish({ ok: false, stage: 'require', error: describe(e) });
  }
  const requireMs = performance.now() - t0;
  if (typeof mod.main !== 'function') return finish({ ok: false, stage: 'require', error: `${bundle}/index.js does not export main`, requireMs });
  const t1 = performance.now();
  try {
    const result = await mod.main(event, context);
    finish({ ok: true, result, requireMs, callMs: performance.now() - t1 });
  } catch (e) {
    finish({ ok: false, stage: 'main', error: describe(e), requireMs, callMs: performance.now() - t1 });
  }
}

function describe(e) {
  return e instanceof Error ? e.stack || e.message : JSON.stringify(e);
}

function finish(answer) {
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify({ ...answer, nodeVersion: process.version })}\n`, () => {
    // The SDK keeps keep-alive sockets open; one invocation per process, so leave now.
    process.exit(0);
  });
}
