import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, AUDIT_ENTITIES } from '../../schemas/audit';
import { PRODUCT_LABELS, SETTINGS_LABELS, type FieldLabels } from '../../schemas/issues';
import { productSchema } from '../../schemas/product';
import { campaignInputSchema } from '../../promotions/campaign';
import { CAMPAIGN_STATUS_LABELS, CAMPAIGN_TRANSITIONS } from '../../promotions/campaign-transitions';
import { couponTemplateInputSchema } from '../../promotions/coupon';
import { FIXED_SEGMENT_KEYS, knownSegmentKeys } from '../../segments/keys';
import { segmentHint, segmentLabel, UNKNOWN_SEGMENT_LABEL } from '../../segments/labels';
import { defaultSettings, settingsSchema } from '../../settings';
import { REFUND_PART_STATES } from '../../orders/states';
import { ORDER_FULFILMENT_STATES } from '../../orders/fulfilment';
import { ENTITY_LABELS, FIELD_LABELS, UNKNOWN_FIELD_LABELS, VALUE_LABELS, valueLabel, UNKNOWN_VALUE_LABEL, type ValueLabels } from '../audit';
import { settingName, settingsChangeSummary } from '../summaries';
import { schemaFields, type SchemaField } from '../schema-keys';
import type { AuditEntity } from '../../schemas/audit';

/**
 * Every key a person can meet in the back office has Chinese words: the fields of the real
 * schemas (settings, products, campaigns, coupon templates) at every depth, the values of every
 * coded field in them, the campaign state table and every segment key. Walks the real lists, so
 * a field, state or key added without its label fails here, not in front of an operator.
 */
const CJK = /[\u4e00-\u9fff]/;

const fieldLabel = (labels: FieldLabels, f: SchemaField) => labels[`${f.parent}.${f.key}`] ?? labels[f.key];
const valueTable = (values: ValueLabels, f: SchemaField) => values[`${f.parent}.${f.key}`] ?? values[f.key];

describe.each<[string, AuditEntity, Parameters<typeof schemaFields>[0]]>([
  ['settings', 'settings', settingsSchema],
  ['product', 'product', productSchema],
  ['campaign', 'campaign', campaignInputSchema],
  ['coupon template', 'coupon-template', couponTemplateInputSchema],
])('%s schema', (_name, entity, schema) => {
  const fields = schemaFields(schema);

  test('the walk finds fields at every depth', () => {
    expect(fields.length).toBeGreaterThan(5);
    expect(fields.some((f) => f.path.includes('.'))).toBe(entity !== 'product');
  });

  test('every field has a Chinese label (as the audit log and validation messages look it up)', () => {
    const missing = fields.filter((f) => {
      const l = fieldLabel(FIELD_LABELS[entity], f);
      // '' marks a wrapper left out of locations (`args`): allowed, it is never shown alone.
      return l === undefined || (l !== '' && !CJK.test(l));
    });
    expect(missing.map((f) => f.path)).toEqual([]);
  });

  test('every value of every coded field has words', () => {
    const coded = fields.filter((f) => f.values && f.values.length > 1);
    const missing = coded.flatMap((f) => {
      const table = valueTable(VALUE_LABELS[entity], f);
      if (!table) return [`${f.path} (no value table)`];
      return f.values!.filter((v) => !table[v] || !CJK.test(table[v])).map((v) => `${f.path}=${v}`);
    });
    expect(missing).toEqual([]);
  });
});

describe('settings keys', () => {
  test('every top-level setting is named (summaries, 修改记录), and an unknown one reads 其他设置', () => {
    for (const k of Object.keys(settingsSchema.shape)) {
      expect({ k, ok: CJK.test(settingName(k)) && !settingName(k).includes('（分）') }).toEqual({ k, ok: true });
    }
    expect(settingName('surpriseKey')).toBe('其他设置');
    expect(settingsChangeSummary(['topUpPlans', 'paymentTimeoutMinutes', 'surpriseKey'], 4)).toBe('修改设置（第 4 版）：充值方案、支付超时（分钟）、其他设置');
    expect(settingsChangeSummary([], 5)).toBe('保存设置（第 5 版，无变化）');
  });

  test('the top-level labels table names only real settings or nested keys (no stale entries)', () => {
    const known = new Set(schemaFields(settingsSchema).flatMap((f) => [f.key, `${f.parent}.${f.key}`]));
    expect(Object.keys(SETTINGS_LABELS).filter((k) => !known.has(k))).toEqual([]);
    const productKeys = new Set(schemaFields(productSchema).map((f) => f.key));
    expect(Object.keys(PRODUCT_LABELS).filter((k) => !productKeys.has(k))).toEqual([]);
  });
});

describe('campaign states', () => {
  test('every state of the transition table, and every state it moves to, has a label', () => {
    const states = new Set([...Object.keys(CAMPAIGN_TRANSITIONS), ...Object.values(CAMPAIGN_TRANSITIONS).flat()]);
    for (const s of states) {
      expect(CJK.test(CAMPAIGN_STATUS_LABELS[s as keyof typeof CAMPAIGN_STATUS_LABELS] ?? '')).toBe(true);
      expect(valueLabel('campaign', '', 'status', s)).toBe(CAMPAIGN_STATUS_LABELS[s as keyof typeof CAMPAIGN_STATUS_LABELS]);
    }
    expect(valueLabel('campaign', '', 'status', 'archived-someday')).toBe(UNKNOWN_VALUE_LABEL);
  });

  test('fulfilment, refund and upload states read in words', () => {
    for (const s of ORDER_FULFILMENT_STATES) expect(CJK.test(valueLabel('order', 'fulfilment', 'state', s))).toBe(true);
    for (const s of REFUND_PART_STATES) expect(CJK.test(valueLabel('refund', 'parts', 'state', s))).toBe(true);
    for (const s of ['pending', 'succeeded', 'failed']) expect(CJK.test(valueLabel('refund', '', 'status', s))).toBe(true);
    for (const s of ['pending', 'failed', 'succeeded', 'cancelled']) expect(CJK.test(valueLabel('shipping-upload', '', 'state', s))).toBe(true);
  });
});

describe('segment keys', () => {
  test('every fixed key and every key the settings can produce has a name and an explanation, never the key', () => {
    const settings = defaultSettings();
    for (const key of new Set([...FIXED_SEGMENT_KEYS, ...knownSegmentKeys(settings)])) {
      const label = segmentLabel(key, settings);
      expect({ key, ok: CJK.test(label) && label !== UNKNOWN_SEGMENT_LABEL && !label.includes(':') }).toEqual({ key, ok: true });
      expect({ key, ok: segmentHint(key, settings).length > 4 }).toEqual({ key, ok: true });
    }
  });
});

describe('audit records', () => {
  test('every kind of record and every action has a label, and a fallback for unknown fields', () => {
    for (const e of AUDIT_ENTITIES) {
      expect(CJK.test(ENTITY_LABELS[e])).toBe(true);
      expect(CJK.test(UNKNOWN_FIELD_LABELS[e])).toBe(true);
    }
    for (const a of AUDIT_ACTIONS) expect(CJK.test(AUDIT_ACTION_LABELS[a])).toBe(true);
  });
});
