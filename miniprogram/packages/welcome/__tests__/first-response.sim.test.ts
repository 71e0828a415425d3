import type { SurveySettings } from '@shared/settings';
import { createCloudBridge, gatewayBackend, offlineBackend, type CloudBackend } from '../../../__tests__/support/cloud-bridge';
import { gatewayOperator } from '../../../__tests__/support/gateway-ops';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * First response in the WEAPP BUILD under simulate, against the real local server (handlers +
 * emulator) behind wx.cloud: a new customer's app open records the visit and the 首页 shows the
 * welcome; the survey page checks required questions, single and multiple choice, submits once
 * per request id (also across a network failure) and thanks; a survey changed meanwhile is
 * reloaded; 我的问卷回答 shows the answers and clears them after a confirm, the tags leaving the
 * segment counts; the survey can then be answered again.
 */
jest.setTimeout(240_000);

const CUSTOMER = 'sim_first_response';
const SURVEY: SurveySettings = {
  enabled: true,
  intro: '两个小问题，帮我们只推荐您关心的。',
  questions: [
    {
      id: 'channel',
      title: '您是从哪里知道我们的',
      kind: 'single',
      required: true,
      options: [
        { id: 'friend', label: '朋友推荐', tag: 'from-friend' },
        { id: 'moments', label: '朋友圈 / 公众号', tag: 'from-moments' },
      ],
    },
    {
      id: 'interest',
      title: '您关注的品类（可多选）',
      kind: 'multiple',
      required: false,
      options: [
        { id: 'skincare', label: '护肤', tag: 'interest-skincare' },
        { id: 'makeup', label: '彩妆', tag: 'interest-makeup' },
        { id: 'wellness', label: '健康 / 养护' },
      ],
    },
  ],
};

let server: RunningLocalServer;
let operator: ReturnType<typeof gatewayOperator>;
let backend: CloudBackend = offlineBackend;
const bridge = createCloudBridge(() => backend);
let app: BootedWeapp;
let page: SimulatedComponent | undefined;
const navigations: Array<{ api: string; url: string }> = [];

const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => $(sel)?.dom.textContent ?? '';
const tap = (sel: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('tap');
};
const until = untilText(text);
const isOn = (sel: string) => ($(sel)?.dom.getAttribute('class') ?? '').includes('survey-opt--on');
const calls = (action: string) => bridge.calls.filter((c) => c.name === 'customer' && c.data.action === action).map((c) => c.data);
const mine = async () => {
  const reply = (await gatewayBackend(server.url, CUSTOMER)('customer', { action: 'survey' })) as { data: { answers: Record<string, string[]> } };
  return reply.data.answers;
};

function open(path: string) {
  page?.detach();
  page = app.openPage(path);
}

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer();
  operator = gatewayOperator(server.url);
  await operator.setSurvey(SURVEY);
  backend = gatewayBackend(server.url, CUSTOMER);
  app = bootWeapp(bridge, 'pages/index/index');
  // Record where the app navigates (simulate has no page stack); Taro looks these up per call.
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  for (const api of ['navigateTo', 'redirectTo', 'switchTab']) {
    wx[api] = (opts: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      navigations.push({ api, url: opts.url });
      const res = { errMsg: `${api}:ok` };
      opts.success?.(res);
      opts.complete?.(res);
    };
  }
});

afterAll(async () => {
  page?.detach();
  await server?.close();
});

test('app open records the visit once; a new customer sees the welcome with what the shop offers', async () => {
  open('pages/index/index');
  await waitFor(() => $('#welcome-card'), 'the welcome card');
  expect(calls('visit')).toHaveLength(1);
  expect(text('#welcome-card')).toContain('欢迎光临');
  // The plan's perks arrive with the public settings (catalog.settings), which may answer after the visit.
  await waitFor(() => text('#welcome-offers').includes('全场会员价'), 'the plan perks in the welcome');
  expect(text('#welcome-offers')).toContain('储值充值有赠送');
  expect(text('#welcome-ask')).toBe('用 30 秒告诉我们您的偏好，我们只推荐您关心的。');
  expect(text('#welcome-card')).toContain('以后再说');
  tap('#welcome-start');
  await waitFor(() => navigations.find((n) => n.url === '/packages/welcome/survey/index'), 'the survey page to be opened');
  // Opening the page again the same day asks nothing new.
  open('pages/index/index');
  await waitFor(() => $('#welcome-card'), 'the welcome card again');
  expect(calls('visit')).toHaveLength(1);
});

test('the survey: required marked; submit without the required answer is refused here, naming the question', async () => {
  open('packages/welcome/survey/index');
  await until('#survey-intro', '两个小问题');
  expect(text('#survey-q-channel')).toContain('您是从哪里知道我们的 *');
  expect(text('#survey-q-channel-kind')).toBe('必答 · 单选');
  expect(text('#survey-q-interest-kind')).toBe('选答 · 可多选');
  expect(text('#survey-privacy')).toContain('只记录您在问卷中点选的选项');
  expect(text('#survey-privacy')).toContain('「我的 › 我的问卷回答」查看、修改或清除');
  // Tags are the server's business: a customer never sees them.
  expect(page!.dom.textContent).not.toContain('interest-skincare');

  tap('#survey-opt-interest-skincare');
  tap('#survey-submit');
  await until('#survey-q-channel-error', '这是必答题，请选择一项。');
  expect(text('#survey-notice')).toContain('还有 1 个必答题没有回答');
  expect(calls('answerSurvey')).toHaveLength(0);
});

test('single choice replaces, multiple choice toggles; an answer fixes the required problem', async () => {
  tap('#survey-opt-channel-friend');
  await waitFor(() => isOn('#survey-opt-channel-friend'), 'friend chosen');
  expect($('#survey-q-channel-error')).toBeUndefined();
  tap('#survey-opt-channel-moments');
  await waitFor(() => isOn('#survey-opt-channel-moments') && !isOn('#survey-opt-channel-friend'), 'moments replacing friend');

  tap('#survey-opt-interest-makeup');
  tap('#survey-opt-interest-wellness');
  await waitFor(() => isOn('#survey-opt-interest-wellness'), 'wellness chosen');
  expect(isOn('#survey-opt-interest-skincare') && isOn('#survey-opt-interest-makeup')).toBe(true);
  tap('#survey-opt-interest-wellness');
  await waitFor(() => !isOn('#survey-opt-interest-wellness'), 'wellness taken back');
});

test('a network failure keeps the answers and the request id; the retry records them once and thanks', async () => {
  backend = offlineBackend;
  tap('#survey-submit');
  await until('#survey-notice', '网络异常，请检查网络后重试。');
  backend = gatewayBackend(server.url, CUSTOMER);
  tap('#survey-submit');
  await until('#survey-done', '谢谢您的回答');
  const sent = calls('answerSurvey');
  expect(sent).toHaveLength(2);
  expect(sent[1]).toEqual(sent[0]);
  expect(sent[1]).toEqual({ action: 'answerSurvey', answers: [{ questionId: 'channel', optionIds: ['moments'] }, { questionId: 'interest', optionIds: ['skincare', 'makeup'] }], requestId: expect.stringMatching(/^survey_/) });
  expect(text('#survey-done')).toContain('接下来我们会按您的偏好为您推荐商品和活动');
  expect(text('#survey-done-answers')).toContain('您是从哪里知道我们的：朋友圈 / 公众号');
  expect(text('#survey-done-answers')).toContain('您关注的品类（可多选）：护肤、彩妆');
  expect(await mine()).toEqual({ channel: ['moments'], interest: ['skincare', 'makeup'] });
  const counts = await operator.counts();
  expect(counts['tag:from-moments']).toBe(1);
  expect(counts['tag:interest-makeup']).toBe(1);

  // The welcome has done its job.
  open('pages/index/index');
  await waitFor(() => $('#product-list'), 'the product list');
  expect($('#welcome-card')).toBeUndefined();
});

test('answers to a survey the operator changed meanwhile: the survey reloads, the choices that still exist stay', async () => {
  open('packages/welcome/survey/index');
  await waitFor(() => isOn('#survey-opt-channel-moments'), 'the answers on record as the starting choices');
  tap('#survey-opt-interest-wellness');
  await operator.setSurvey({ ...SURVEY, questions: [SURVEY.questions[0], { ...SURVEY.questions[1], options: SURVEY.questions[1].options.filter((o) => o.id !== 'wellness') }] });
  tap('#survey-submit');
  await until('#survey-notice', '问卷刚刚更新了，请检查您的选择后再提交。');
  expect($('#survey-opt-interest-wellness')).toBeUndefined();
  expect(isOn('#survey-opt-channel-moments') && isOn('#survey-opt-interest-skincare')).toBe(true);
  await operator.setSurvey(SURVEY);
});

test('我的问卷回答: the answers on record; 清除 asks first, then withdraws them and their tags', async () => {
  open('pages/me/index');
  await until('#menu-survey', '我的问卷回答');
  tap('#menu-survey');
  await waitFor(() => navigations.find((n) => n.url === '/packages/welcome/answers/index'), 'the answers page to be opened');

  open('packages/welcome/answers/index');
  await until('#answer-channel', '朋友圈 / 公众号');
  expect(text('#answer-interest')).toContain('护肤、彩妆');
  tap('#answers-clear');
  await until('#answers-clear-dialog', '清除我的问卷回答？');
  expect(text('#answers-clear-dialog')).toContain('由此得到的偏好标签');
  tap('#answers-clear-dialog-cancel');
  await waitFor(() => !$('#answers-clear-dialog'), 'the dialog to close');
  expect(calls('clearSurvey')).toHaveLength(0);

  tap('#answers-clear');
  await waitFor(() => $('#answers-clear-dialog-confirm'), 'the dialog');
  tap('#answers-clear-dialog-confirm');
  await until('#answers-notice', '已清除您的问卷回答');
  await until('#answers-empty', '我们没有保存您的任何偏好');
  expect(calls('clearSurvey')).toEqual([{ action: 'clearSurvey', requestId: expect.stringMatching(/^svclear_/) }]);
  expect(await mine()).toEqual({});
  const counts = await operator.counts();
  expect(counts['tag:from-moments']).toBe(0);
  expect(counts['tag:interest-makeup']).toBe(0);
});

test('after clearing, the survey can be answered again from scratch', async () => {
  tap('#answers-fill');
  open('packages/welcome/survey/index');
  await waitFor(() => $('#survey-opt-channel-friend'), 'the survey');
  expect(isOn('#survey-opt-channel-moments') || isOn('#survey-opt-interest-skincare')).toBe(false);
  tap('#survey-opt-channel-friend');
  tap('#survey-submit');
  await until('#survey-done', '谢谢您的回答');
  expect(await mine()).toEqual({ channel: ['friend'] });
  expect((await operator.counts())['tag:from-friend']).toBe(1);
});

test('a closed survey says so instead of asking', async () => {
  await operator.setSurvey({ ...SURVEY, enabled: false });
  open('packages/welcome/survey/index');
  await until('#empty', '问卷暂未开放');
  expect($('#survey-submit')).toBeUndefined();
  await operator.setSurvey(SURVEY);
});
