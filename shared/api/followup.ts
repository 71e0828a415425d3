import { z } from 'zod';
import { isSegmentKey } from '../segments/keys';
import { factKeySchema } from '../settings/followup';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, FOLLOWUP_GOALS, MAX_LIST_CUSTOMERS } from '../followup/rules';
import type { ContactView, CustomerCardView, EntryRowView, ExecutionView, FollowupFormOptions, ListSummaryView, ListView } from '../followup/views';
import { action } from './contract';
import { openidSchema, requestIdSchema } from './common';

const listId = z.string().regex(/^ful_[a-z0-9]{10,40}$/, '跟进任务编号格式不正确');
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segment'), key: z.string().min(1).max(40).refine(isSegmentKey, '不认识的分群') }).strict(),
  z.object({ kind: z.literal('hand'), openids: z.array(openidSchema).min(1, '请至少选择一位顾客').max(MAX_LIST_CUSTOMERS) }).strict(),
]);

const createInput = z
  .object({
    title: z.string().trim().min(1, '请填写任务名称').max(30, '任务名称最多 30 个字'),
    goal: z.enum(FOLLOWUP_GOALS, '请选择跟进目标'),
    script: z.string().trim().min(1, '请填写话术，专员可一键复制').max(500, '话术最多 500 个字'),
    factKeys: z.array(factKeySchema).min(1, '请至少选择一项要记录的事实').max(20),
    /** The last day to contact everyone (Asia/Shanghai): not in the past. */
    dueDate: dateSchema,
    windowDays: z.number().int().min(1, '归因天数至少 1 天').max(60, '归因天数最多 60 天').default(14),
    holdoutPercent: z.number().int().min(0).max(50, '对照组最多 50%').default(10),
    staff: z.array(openidSchema).min(1, '请至少指派一位跟进专员').max(20),
    source: sourceSchema,
    requestId: requestIdSchema,
  })
  .strict();
export type CreateListRequest = z.input<typeof createInput>;

const factValue = z.union([z.number().int('次数须为整数').min(0, '次数不能为负').max(99, '次数最多 99'), z.boolean()]);

const recordInput = z
  .object({
    listId,
    openid: openidSchema,
    channel: z.enum(CONTACT_CHANNELS, '请选择联系方式'),
    facts: z.record(factKeySchema, factValue),
    objection: z.string().trim().min(1).max(16).optional(),
    outcome: z.enum(CONTACT_OUTCOMES, '请选择结果'),
    note: z.string().trim().max(200, '备注最多 200 个字').optional(),
    /** The next follow-up day (Asia/Shanghai), not in the past; not needed after 明确拒绝. */
    nextDate: dateSchema.optional(),
    /** Required when the customer has had their stage's cap of contacts in the last 7 days. */
    overCapReason: z.string().trim().min(2, '请写明超出联系上限的理由').max(60).optional(),
    requestId: requestIdSchema,
  })
  .strict();
export type RecordContactRequest = z.input<typeof recordInput>;

/**
 * One-to-one follow-up (`followup`, issue 19). Staff (settings.staff) see and work only the
 * customers assigned to them; operators and owners see every list, create and close them, and
 * read the execution view. Customers call nothing here.
 */
export const followupApi = {
  options: action<FollowupFormOptions>()({ summary: '新建跟进任务的选项：跟进专员、可记录的事实、异议、目标。', auth: 'operator', input: z.object({}).strict() }),
  create: action<{ list: ListView }>()({
    summary: `把一个分群（或挑选的顾客）变成跟进任务，最多 ${MAX_LIST_CUSTOMERS} 人；同一目标已在进行中任务里的顾客不会重复加入；按对照组比例留出不跟进的顾客。`,
    auth: 'operator',
    input: createInput,
    errors: ['NO_CUSTOMERS'],
  }),
  lists: action<{ lists: ListSummaryView[] }>()({ summary: '跟进任务：专员只看到指派给自己的，运营看到全部。', auth: 'staff', input: z.object({ status: z.enum(['open', 'closed']).optional() }).strict() }),
  list: action<{ list: ListView; customers: EntryRowView[]; nextCursor: string | null }>()({
    summary: '一个跟进任务和其中的顾客（专员只看到自己的顾客；对照组不显示）。',
    auth: 'staff',
    input: z.object({ listId, filter: z.enum(['all', 'todo', 'overdue', 'contacted', 'converted']).optional(), cursor: openidSchema.optional() }).strict(),
  }),
  customer: action<CustomerCardView>()({ summary: '顾客卡片：与目标相关的事实、问卷回答、此前的联系记录、联系上限。', auth: 'staff', input: z.object({ listId, openid: openidSchema }).strict(), errors: ['NOT_ON_LIST'] }),
  recordContact: action<{ contact: ContactView; entry: EntryRowView }>()({
    summary: '记录一次联系：渠道、事实清单、异议、结果、下次跟进日期；超出联系上限须写理由。重试同一 requestId 不会记两次。',
    auth: 'staff',
    input: recordInput,
    errors: ['NOT_ON_LIST', 'CONTACT_CAPPED', 'LIST_CLOSED'],
  }),
  close: action<{ list: ListView }>()({ summary: '结束跟进任务（顾客可再被加入同一目标的新任务）。', auth: 'operator', input: z.object({ listId, requestId: requestIdSchema }).strict(), errors: ['LIST_CLOSED'] }),
  execution: action<ExecutionView>()({ summary: '做没做 / 做的怎么样：每位专员的指派、已联系、逾期、结果、转化、收入与利润，以及与对照组相比的提升。', auth: 'operator', input: z.object({ listId }).strict() }),
};
