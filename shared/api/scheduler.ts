import { action } from './contract';
import { noInput } from './common';
import type { SystemReport } from './campaign';

/** The `scheduler` function: the timer's sweep (unpaid orders, refunds, outbox re-drives). */
export const schedulerApi = {
  sweep: action<SystemReport>()({ summary: '定时器：关闭超时未付订单，重推退款、发货信息与未处理的事件。', auth: 'system', input: noInput }),
};
