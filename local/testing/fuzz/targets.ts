import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import type { ActionTable, Auth } from '../../../cloudfunctions/_kit/create-handler';
import type { SourceKind } from '../../../cloudfunctions/_kit/sources';
import { FUNCTIONS_ROOT, listFunctionNames } from '../../gateway/functions';
import { validInputs } from './schema-arbitrary';

export interface FuzzTarget {
  fn: string;
  action: string;
  auth: Auth;
  sources: SourceKind[];
  /** Well-formed inputs that name nothing existing (random ids, unknown plans…). */
  valid: fc.Arbitrary<unknown>;
  /** Where `valid` came from: the schema itself, or the hand-written table below. */
  base: 'schema' | 'override';
}

const day = (d: number) => `2026-01-${String(d).padStart(2, '0')}`;
const period = fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 0, max: 14 })).map(([from, len]) => ({ from: day(from), to: day(from + len) }));
const requestId = fc.stringMatching(/^fuzz_[a-z0-9]{8,20}$/);
const segmentKey = fc.constantFrom('layer:new', 'layer:paying', 'life:silent', 'purchases:0', 'purchases:3plus', 'member:active', 'tier:near', 'tag:护肤');

/** A campaign input that passes the schema's cross-field rules (message present, end after start). */
const fuzzCampaign = fc.record({
  name: fc.constantFrom('压力测试活动', '回购提醒'),
  conditions: fc.constant([{ code: 'in-segments', args: { anyOf: [['layer:new']] } }]),
  actions: fc.constant([{ code: 'send-message', args: { title: '新品上架', detail: '点击查看' } }]),
  schedule: fc.constant({ startAt: 1_900_000_000_000, endAt: 1_900_086_400_000 }),
  holdoutPercent: fc.integer({ min: 0, max: 50 }),
});

/**
 * Inputs whose refinements (cross-field rules, known segment keys, date periods) random values of
 * the declared shape almost never satisfy. Only these are hand-written; every other action's valid
 * inputs come from its schema, so a new action is fuzzed without touching this file — and one that
 * needs an entry here and lacks it fails the suite by name (see fuzzTargets).
 */
export const OVERRIDES: Record<string, fc.Arbitrary<unknown>> = {
  'report.overview': period,
  'report.liability': period,
  'report.segmentHistory': period,
  'segment.list': fc.record({ key: segmentKey, limit: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: ['key'] }),
  'segment.export': fc.record({ key: segmentKey, limit: fc.integer({ min: 1, max: 1000 }) }, { requiredKeys: ['key'] }),
  'segment.syncTags': fc.record({ key: segmentKey, tagId: fc.stringMatching(/^et_fuzz[a-z0-9]{0,6}$/), requestId }),
  'campaign.create': fc.record({ campaign: fuzzCampaign, requestId }),
  'campaign.update': fc.record({ campaignId: fc.constantFrom('cmp_fuzz_absent', 'cmp_x'), campaign: fuzzCampaign, requestId }),
};

function tableOf(fn: string): ActionTable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(FUNCTIONS_ROOT, fn, 'index.ts')) as { main?: { actions?: ActionTable }; actions?: ActionTable };
  const table = mod.main?.actions ?? mod.actions;
  if (!table) throw new Error(`cloudfunctions/${fn} exposes no action table (createHandler's .actions)`);
  return table;
}

/** Checks that every hand-written input really is valid, so a stale override cannot hide as a refusal. */
function checkedOverride(key: string, schema: z.ZodType, arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  for (const v of fc.sample(arb, { numRuns: 20, seed: 11 })) {
    const r = schema.safeParse(v);
    if (!r.success) throw new Error(`fuzz override ${key} is not valid input any more: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return arb;
}

/**
 * Every action of every deployed function (local/gateway/functions.ts lists the folders; each
 * handler's `.actions` lists its actions and input schemas). Throws, naming them, when an action
 * has neither schema-derived inputs nor an override — coverage never silently drops.
 */
export function fuzzTargets(): FuzzTarget[] {
  const targets: FuzzTarget[] = [];
  const missing: string[] = [];
  const stale = new Set(Object.keys(OVERRIDES));
  for (const fn of listFunctionNames()) {
    for (const [action, def] of Object.entries(tableOf(fn))) {
      const key = `${fn}.${action}`;
      stale.delete(key);
      if (!def.input) throw new Error(`${key}: the action table carries no input schema`);
      const sources = def.auth === 'system' ? (def.sources ?? ['timer']) : ['client' as const];
      const override = OVERRIDES[key];
      if (override) {
        targets.push({ fn, action, auth: def.auth, sources, valid: checkedOverride(key, def.input, override), base: 'override' });
        continue;
      }
      const valid = validInputs(def.input);
      if (!valid) missing.push(key);
      else targets.push({ fn, action, auth: def.auth, sources, valid, base: 'schema' });
    }
  }
  if (missing.length) throw new Error(`fuzz: no well-formed input could be derived for ${missing.join(', ')} — add an entry to OVERRIDES in local/testing/fuzz/targets.ts`);
  if (stale.size) throw new Error(`fuzz: OVERRIDES names actions that no longer exist: ${[...stale].join(', ')}`);
  return targets;
}
