import { createCloudBridge, gatewayBackend, type CloudBackend } from '../../../__tests__/support/cloud-bridge';
import { gatewayOperator } from '../../../__tests__/support/gateway-ops';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 设置 › 问卷 and 设置 › 分群规则 in the WEAPP BUILD under simulate, as `op_admin` against the real
 * local server: questions and options added, edited, reordered and removed within the schema's
 * limits; a bad tag is caught before sending, under its field; the saved survey is what customers
 * are then asked; the segment thresholds are saved in yuan as fen.
 */
jest.setTimeout(240_000);

let server: RunningLocalServer;
let operator: ReturnType<typeof gatewayOperator>;
let backend: CloudBackend;
const bridge = createCloudBridge(() => backend);
let app: BootedWeapp;
let page: SimulatedComponent | undefined;

const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => $(sel)?.dom.textContent ?? '';
const tap = (sel: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('tap');
};
const type = (sel: string, value: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('input', { detail: { value } });
};
const until = untilText(text);
const updates = () => bridge.calls.filter((c) => c.name === 'settings' && c.data.action === 'update');
const Q = (i: number) => `#set-survey-questions-${i}`;
const O = (i: number, j: number) => `${Q(i)}-options-${j}`;

function open(path: string, query: Record<string, string> = {}) {
  page?.detach();
  page = app.openPage(path, query);
}

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer();
  operator = gatewayOperator(server.url);
  backend = gatewayBackend(server.url, 'op_admin');
  app = bootWeapp(bridge, 'pages/me/index');
});

afterAll(async () => {
  page?.detach();
  await server?.close();
});

test('设置 lists 分群规则 and 问卷 with what they hold now', async () => {
  open('packages/ops/settings/index');
  await until('#settings-area-survey', '问卷');
  expect(text('#settings-area-survey')).toContain('已开启 · 2 个问题');
  expect(text('#settings-area-segments')).toContain('铁粉 ≥ ¥10,000 · 互动 ≥ 2 天访问 · 会员到期前 30 天');
});

test('问卷: edit, add, reorder and remove questions and options; a bad tag is refused under its field', async () => {
  open('packages/ops/settings-area/index', { area: 'survey' });
  await waitFor(() => $(`${Q(0)}-title-input`), 'the survey fields');
  expect(text('#settings-area-effect')).toContain('保存后顾客再打开问卷即看到新题目');
  expect($(`${Q(0)}-up`)).toBeUndefined(); // the first cannot move up
  expect($(`${Q(1)}-down`)).toBeUndefined(); // the last cannot move down

  type(`${Q(0)}-title-input`, '您的行业');
  tap('#settings-add-question');
  await waitFor(() => $(`${Q(2)}-title-input`), 'the new question');
  type(`${Q(2)}-title-input`, '您希望多久收到一次新品推荐');
  tap(`${Q(2)}-kind-opt-multiple`);
  tap(`${Q(2)}-kind-opt-single`);
  tap(`${Q(2)}-required-tick`);
  type(`${O(2, 0)}-label-input`, '每周');
  type(`${O(2, 0)}-tag-input`, 'freq weekly'); // a space: not a valid tag
  type(`${O(2, 1)}-label-input`, '每月');
  tap(`${Q(2)}-add-option`);
  await waitFor(() => $(`${O(2, 2)}-label-input`), 'the third option');
  type(`${O(2, 2)}-label-input`, '有活动再说');
  // Two options are the minimum: with three, each can go; back at two, none can.
  tap(`${O(2, 2)}-remove`);
  await waitFor(() => !$(`${O(2, 2)}-label-input`), 'the option removed');
  expect($(`${O(2, 0)}-remove`)).toBeUndefined();
  tap(`${Q(2)}-add-option`);
  await waitFor(() => $(`${O(2, 2)}-label-input`), 'the third option again');
  type(`${O(2, 2)}-label-input`, '有活动再说');
  tap(`${O(2, 2)}-up`); // 有活动再说 before 每月 (checked in what is sent)

  tap('#settings-save');
  await until('#settings-notice', '设置有误，未保存');
  await until(`${O(2, 0)}-tag-error`, '标签只能包含文字、数字、- 或 _');
  expect(updates()).toHaveLength(0);

  type(`${O(2, 0)}-tag-input`, 'freq-weekly');
  // The new question goes first: customers see questions in this order.
  tap(`${Q(2)}-up`);
  tap(`${Q(1)}-up`);
  await waitFor(() => text(`${Q(0)}`).includes('您希望多久收到一次新品推荐'), 'the new question first');
  tap(`${Q(2)}-remove`); // the old second question (品类) is now third: remove it
  await waitFor(() => !$(`${Q(2)}-title-input`), 'two questions left');
  tap('#settings-save');
  await until('#settings-notice', '已保存「问卷」');
  expect(text('#settings-notice')).toContain('编号自动生成、不可修改');

  const [sent] = updates();
  expect((sent.data.settings as { survey: unknown }).survey).toEqual({
    enabled: true,
    intro: expect.any(String),
    questions: [
      {
        id: 'q-3',
        title: '您希望多久收到一次新品推荐',
        kind: 'single',
        required: true,
        options: [
          { id: 'opt-1', label: '每周', tag: 'freq-weekly' },
          { id: 'opt-3', label: '有活动再说' },
          { id: 'opt-2', label: '每月' },
        ],
      },
      expect.objectContaining({ id: 'industry', title: '您的行业' }),
    ],
  });

  // What a customer is now asked.
  const asked = (await gatewayBackend(server.url, 'sim_ops_customer')('customer', { action: 'survey' })) as { data: { questions: Array<{ title: string; required: boolean; options: Array<{ label: string }> }> } };
  expect(asked.data.questions.map((q) => q.title)).toEqual(['您希望多久收到一次新品推荐', '您的行业']);
  expect(asked.data.questions[0]).toMatchObject({ required: true, options: [{ label: '每周' }, { label: '有活动再说' }, { label: '每月' }] });
});

test('an emptied tag is left out rather than saved empty; switching the survey off is one tick', async () => {
  open('packages/ops/settings-area/index', { area: 'survey' });
  await waitFor(() => $(`${O(0, 0)}-tag-input`), 'the survey fields');
  type(`${O(0, 0)}-tag-input`, '');
  tap('#set-survey-enabled-tick');
  tap('#settings-save');
  await until('#settings-notice', '已保存「问卷」');
  const survey = (updates().at(-1)!.data.settings as { survey: { enabled: boolean; questions: Array<{ options: Array<Record<string, unknown>> }> } }).survey;
  expect(survey.enabled).toBe(false);
  expect(survey.questions[0].options[0]).toEqual({ id: 'opt-1', label: '每周' });
  open('packages/ops/settings/index');
  await until('#settings-area-survey', '未开启（新顾客不会看到问卷）');
});

test('分群规则: thresholds typed in yuan and days, checked before sending, saved as fen', async () => {
  open('packages/ops/settings-area/index', { area: 'segments' });
  await waitFor(() => $('#set-segmentRules-ironFanSpendFen-input'), 'the segment rule fields');
  expect(text('#settings-area-effect')).toContain('重新归类');
  type('#set-segmentRules-memberExpiringDays-input', '0');
  tap('#settings-save');
  await until('#settings-notice', '设置有误，未保存');
  expect($('#set-segmentRules-memberExpiringDays-error')).toBeDefined();
  const before = updates().length;

  type('#set-segmentRules-memberExpiringDays-input', '15');
  type('#set-segmentRules-ironFanSpendFen-input', '8000');
  type('#set-segmentRules-tierNearFen-input', '500.5');
  type('#set-segmentRules-engagedMinVisits-input', '3');
  tap('#settings-save');
  await until('#settings-notice', '已保存「分群规则」');
  expect(updates()).toHaveLength(before + 1);
  const editor = await operator.call<{ settings: { segmentRules: unknown } }>('settings', { action: 'editor' });
  expect(editor.settings.segmentRules).toEqual({ ironFanSpendFen: 800_000, tierNearFen: 50_050, memberExpiringDays: 15, engagedMinVisits: 3 });
});
