import { followupApi } from '../../shared/api/followup';
import { serve } from '../_kit/contract-actions';
import { create, options } from './create';
import { execution } from './execution';
import { close, customer, list, lists, recordContact } from './work';

/**
 * One-to-one follow-up (`followup`, issue 19; contract shared/api/followup.ts). `staff` actions
 * admit 跟进专员 (settings.staff) and operators; each use case narrows a staff member to the
 * customers assigned to them. Customers have no action here.
 */
export const main = serve('followup', followupApi, {
  options: { run: options },
  create: { labels: { title: '任务名称', goal: '跟进目标', script: '话术', factKeys: '记录的事实', dueDate: '截止日期', windowDays: '归因天数', holdoutPercent: '对照组比例', staff: '跟进专员', source: '顾客来源' }, run: create },
  lists: { run: lists },
  list: { run: list },
  customer: { run: customer },
  recordContact: { labels: { channel: '联系方式', facts: '事实清单', objection: '异议', outcome: '结果', note: '备注', nextDate: '下次跟进日期', overCapReason: '超出上限的理由' }, run: recordContact },
  close: { run: close },
  execution: { run: execution },
});
