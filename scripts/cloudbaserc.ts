/**
 * cloudbaserc.json is generated from each function's config.json (one source of truth); a unit
 * test fails when the committed file drifts. `npx tsx scripts/cloudbaserc.ts --write` updates it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { listFunctionNames } from '../local/gateway/functions';
import { DECLARED_RUNTIME } from './runtime/runtimes';

const ROOT = path.resolve(__dirname, '..');
export const CLOUDBASERC_PATH = path.join(ROOT, 'cloudbaserc.json');

export const functionConfigSchema = z
  .object({
    timeout: z.number().int().min(1).max(900),
    memorySize: z.union([z.literal(128), z.literal(256), z.literal(512), z.literal(1024), z.literal(2048)]),
    triggers: z.array(z.object({ name: z.string().min(1), type: z.literal('timer'), config: z.string().min(1) }).strict()),
    permissions: z.object({ openapi: z.array(z.string()) }).strict(),
  })
  .strict();

export function readFunctionConfig(name: string) {
  const file = path.join(ROOT, 'cloudfunctions', name, 'config.json');
  if (!existsSync(file)) throw new Error(`cloudfunctions/${name}/config.json is missing`);
  return functionConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function generateCloudbaserc() {
  return {
    version: '2.0',
    envId: '{{env.TCB_ENV_ID}}',
    functionRoot: './dist/functions',
    functions: listFunctionNames().map((name) => {
      const c = readFunctionConfig(name);
      return {
        name,
        timeout: c.timeout,
        memorySize: c.memorySize,
        runtime: DECLARED_RUNTIME,
        handler: 'index.main',
        installDependency: true,
        ignore: ['node_modules', 'node_modules/**/*'],
        triggers: c.triggers,
      };
    }),
  };
}

export const renderCloudbaserc = () => JSON.stringify(generateCloudbaserc(), null, 2) + '\n';

if (require.main === module) {
  const text = renderCloudbaserc();
  if (process.argv.includes('--write')) {
    writeFileSync(CLOUDBASERC_PATH, text);
    process.stdout.write(`wrote ${path.relative(ROOT, CLOUDBASERC_PATH)}\n`);
  } else process.stdout.write(text);
}
