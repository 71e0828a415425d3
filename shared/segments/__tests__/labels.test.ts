import { EVENT_TYPES } from '../../events/domain-event';
import { defaultSettings, type Settings } from '../../settings';
import { FIXED_SEGMENT_KEYS, knownSegmentKeys } from '../keys';
import { audienceText, EVENT_LABELS, familyOf, groupCounts, SEGMENT_FAMILIES, segmentHint, segmentLabel } from '../labels';

const settings = defaultSettings();
const CJK = /[\u4e00-\u9fff]/;

describe('segment labels: one Chinese name and one explanation per key', () => {
  test('every key an operator can pick has a Chinese label (never the raw key) and a non-empty hint', () => {
    for (const key of knownSegmentKeys(settings)) {
      const label = segmentLabel(key, settings);
      expect({ key, label: CJK.test(label) && !label.includes(':') && !label.includes(key) }).toEqual({ key, label: true });
      expect({ key, hint: segmentHint(key, settings).length > 4 }).toEqual({ key, hint: true });
    }
  });

  test.each([
    ['layer:ironfan', '铁粉', '有互动，且累计消费满 ¥10,000。'],
    ['life:active', '活跃', '距上次购买不超过 30 天。'],
    ['life:silent', '沉默', '距上次购买超过 30 天、不超过 90 天。'],
    ['life:churned', '流失', '超过 180 天没有购买。'],
    ['purchases:3plus', '购买 3 次及以上', '买过三次及以上，已养成复购。'],
    ['member:expiring', '会员即将到期', '会员将在 30 天内到期，适合提醒续费。'],
    ['tier:near', '临近消费档位', '距下一档累计消费礼不到 ¥1,000。'],
    ['tag:industry-beauty', '美业 / 美容院', '问卷「您从事的行业」选择了「美业 / 美容院」。'],
    ['tag:trial', '体验装买家', '买过体验装（购买时自动打上的标签）。'],
  ])('%s → %s', (key, label, hint) => {
    expect(segmentLabel(key, settings)).toBe(label);
    expect(segmentHint(key, settings)).toBe(hint);
  });

  test('thresholds in the explanations follow the settings the keys were computed with', () => {
    const s: Settings = { ...settings, lifecycleDays: { active: 14, silent: 60, sleeping: 120 }, segmentRules: { ...settings.segmentRules, ironFanSpendFen: 500_000, engagedMinVisits: 3 } };
    expect(segmentHint('life:silent', s)).toBe('距上次购买超过 14 天、不超过 60 天。');
    expect(segmentHint('layer:ironfan', s)).toBe('有互动，且累计消费满 ¥5,000。');
    expect(segmentHint('layer:engaged', s)).toContain('3 天以上访问');
  });

  test('a tag no longer offered by the survey, a survey not yet at hand and an unknown key read in Chinese, never as the key', () => {
    expect(segmentLabel('tag:vip-2019', settings)).toBe('已停用的问卷选项');
    expect(segmentHint('tag:vip-2019', settings)).toBe('问卷中已不再提供的选项（历史回答，标签「vip-2019」）。');
    expect(segmentLabel('tag:industry-beauty')).toBe('问卷标签'); // without the survey at hand
    expect(segmentLabel('layer:vip', settings)).toBe('其他分群');
    expect(segmentLabel('', settings)).toBe('其他分群');
  });

  test('an audience reads as its segments: 且 inside a clause, 或 between clauses', () => {
    expect(audienceText([['purchases:1'], ['purchases:2'], ['purchases:0', 'trial:unconverted']], settings)).toBe('购买 1 次 或 购买 2 次 或 （未购买 且 体验未转化）');
    expect(audienceText([['life:silent', 'tag:industry-beauty']], settings)).toBe('沉默 且 美业 / 美容院');
  });

  test('groupCounts: the dashboard families in order, fixed keys in their order, tags sorted, counts carried', () => {
    const counts = Object.fromEntries(knownSegmentKeys(settings).map((k, i) => [k, i]));
    const families = groupCounts(counts, settings);
    expect(families.map((f) => f.id)).toEqual(SEGMENT_FAMILIES.map((f) => f.id));
    const keys = families.flatMap((f) => f.segments.map((s) => s.key));
    expect(keys.slice(0, FIXED_SEGMENT_KEYS.length)).toEqual([...FIXED_SEGMENT_KEYS]);
    expect(new Set(keys)).toEqual(new Set(Object.keys(counts)));
    expect(families.find((f) => f.id === 'tag')!.segments.map((s) => s.key)).toEqual(['tag:industry-beauty', 'tag:industry-office', 'tag:industry-retail', 'tag:interest-makeup', 'tag:interest-skincare', 'tag:interest-wellness', 'tag:trial']);
    for (const f of families) for (const s of f.segments) expect(s.count).toBe(counts[s.key]);
    expect(familyOf('tag:whatever')).toBe('tag');
    // A family with no key in the counts is left out.
    expect(groupCounts({ 'layer:new': 3 }, settings).map((f) => f.id)).toEqual(['layer']);
  });

  test('every event type has a Chinese label for the timeline', () => {
    for (const t of EVENT_TYPES) expect(CJK.test(EVENT_LABELS[t])).toBe(true);
  });
});
