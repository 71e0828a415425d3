import { SETTINGS_LABELS } from '../schemas/issues';
import { UNKNOWN_FIELD_LABELS } from './audit';

/** A top-level setting by name, as summaries and lists show it (amounts are read in yuan there, so no "（分）"). */
export const settingName = (key: string): string => (SETTINGS_LABELS[key] ?? UNKNOWN_FIELD_LABELS.settings).replace(/（分）/g, '');

/** The one-line summary of a settings change: 修改设置（第 3 版）：充值方案、支付超时（分钟）. */
export function settingsChangeSummary(changed: readonly string[], version: number): string {
  if (!changed.length) return `保存设置（第 ${version} 版，无变化）`;
  return `修改设置（第 ${version} 版）：${[...new Set(changed.map(settingName))].join('、')}`;
}
