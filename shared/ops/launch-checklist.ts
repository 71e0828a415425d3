import { z } from 'zod';
import type { MessageKind } from '../settings';
import { formatDateTime } from '../time';
import { NO_PERMISSION_CODE, PAY_CALLERS, PLATFORM_API_LABELS, PLATFORM_CALLERS, OPENAPI_CALLS, healthIdOf, type PlatformHealthDoc } from './platform-health';

/**
 * 上线检查 (issue 14): every production prerequisite of the store as `done | missing | unknown`,
 * with why it matters, where it stands, what to do, how the page decides and how to check by
 * hand. Pure: `ops.launchChecklist` gathers the facts (the function's environment, settings,
 * platform_health, payments, what the phone reported) and this decides. Platform facts come from
 * documents, cited where used; where nothing the server or the phone can read tells us, the
 * answer is `unknown`, never a guess.
 */
export type LaunchStatus = 'done' | 'missing' | 'unknown';

export const LAUNCH_STATUS_LABELS: Record<LaunchStatus, string> = { done: '已完成', missing: '未完成', unknown: '待确认' };

export const LAUNCH_ITEM_KEYS = ['owner', 'env', 'pay', 'templates', 'openapi', 'shipping', 'privacy', 'baseLibrary'] as const;
export type LaunchItemKey = (typeof LAUNCH_ITEM_KEYS)[number];

/** Items a person confirms by hand (nothing on the server or the phone can read them). */
export const MANUAL_LAUNCH_ITEMS = ['baseLibrary'] as const;
export type ManualLaunchItem = (typeof MANUAL_LAUNCH_ITEMS)[number];

/**
 * The base library to require: wx.onNeedPrivacyAuthorization / wx.getPrivacySetting (the privacy
 * prompt the app shows, and how this page reads the privacy guide) exist from 2.32.3
 * (developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.getPrivacySetting.html:
 * 「基础库 2.32.3 开始支持」).
 */
export const RECOMMENDED_MIN_BASE_LIBRARY = '2.32.3';

/** What the phone reports (only the Mini Program can read these); `ops.launchChecklist`'s input. */
export const launchClientFactsSchema = z
  .object({
    platform: z.enum(['weapp', 'h5']),
    /** The env id the Mini Program was built with (CLOUD_ENV from TCB_ENV_ID). */
    envId: z.string().max(100).optional(),
    /** wx.getPrivacySetting (weapp, base library ≥ 2.32.3). */
    privacyContractName: z.string().max(200).optional(),
    privacyNeedsAuthorization: z.boolean().optional(),
    /** Why the phone could not read it (no such API on this base library…). */
    privacyError: z.string().max(200).optional(),
  })
  .strict();
export type LaunchClientFacts = z.infer<typeof launchClientFactsSchema>;

/** An in-app page the item points to (the Mini Program maps it to its route), or a document. */
export type LaunchLink = { kind: 'page'; page: 'settings-messages' | 'settings-staff' | 'shipping-uploads'; label: string } | { kind: 'doc'; url: string; label: string };

export interface LaunchRow {
  label: string;
  status: LaunchStatus;
  text: string;
}

export interface LaunchItem {
  key: LaunchItemKey;
  title: string;
  status: LaunchStatus;
  /** What it is and why the store needs it. */
  why: string;
  /** Where it stands now, in facts. */
  now: string;
  /** What to do, step by step (empty when done). */
  todo: string[];
  /** How this page decides (what it reads). */
  detects: string;
  /** How to check it by hand. */
  check: string;
  links: LaunchLink[];
  /** Per-function details (cloud-call permissions, message kinds). */
  rows?: LaunchRow[];
  /** A manual item: whether it was ticked, by whom and when, and whether this caller may tick it. */
  confirm?: { confirmed: boolean; by?: string; at?: number; canConfirm: boolean };
}

export interface LaunchChecklistView {
  items: LaunchItem[];
  counts: Record<LaunchStatus, number>;
  local: boolean;
  checkedAt: number;
}

export interface LaunchFacts {
  now: number;
  /** Local mode (npm start, tests): the emulator and simulators, no CloudBase. */
  local: boolean;
  client: LaunchClientFacts;
  /** The env the function runs in (platform context). */
  functionEnv?: string;
  /** WECHAT_PAY_SUB_MCH_ID on the function's environment. */
  subMchId?: string;
  /** At least one WeChat Pay payment has succeeded. */
  wechatPaid: boolean;
  templates: Record<MessageKind, string>;
  health: PlatformHealthDoc[];
  /** At least one shipping-info upload was accepted (shipping_uploads). */
  shippingAccepted: boolean;
  owners: string[];
  callerIsOwner: boolean;
  baseLibrary: { confirmedBy: string; confirmedAt: number } | null;
}

/** The placeholder config/index.ts builds with when TCB_ENV_ID is not set. */
export const UNSET_CLIENT_ENV = 'your-env-id';
/** The demo seed's operator: not a WeChat openid. */
export const DEMO_OPERATOR = 'op_admin';

const at = (ms: number) => formatDateTime(ms);

const DOC = {
  deploy: { kind: 'doc', label: 'docs/deploy.md「From zero to a live store」', url: 'docs/deploy.md#from-zero-to-a-live-store-上线手册' },
  // CloudBase FAQ on -604101 (the fix and the ~10 minute permission cache).
  permission: { kind: 'doc', label: '云调用报错 -604101 如何解决（云开发文档）', url: 'https://docs.cloudbase.net/en/faq/knowledge/cloud-call-604101-permission-error' },
  // WeChat: 小程序发货信息管理服务 (the upload API, the console page for manual entry).
  shipping: { kind: 'doc', label: '小程序发货信息管理服务（微信文档）', url: 'https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/order-shipping/order-shipping.html' },
  // WeChat: getWechatPayAuth 「其他补充」 (bind the merchant, 商家助手 confirmation, JSAPI / refund authorisation).
  pay: { kind: 'doc', label: '云开发微信支付：添加商户号与授权（微信文档）', url: 'https://developers.weixin.qq.com/doc/oplatform/openApi/cloudbase-common/wechatpay/api_getwechatpayauth.html' },
  privacy: { kind: 'doc', label: 'wx.getPrivacySetting（微信文档）', url: 'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.getPrivacySetting.html' },
  baseLibrary: { kind: 'doc', label: '设置最低基础库版本（微信文档「兼容」）', url: 'https://developers.weixin.qq.com/miniprogram/dev/framework/compatibility.html' },
} satisfies Record<string, LaunchLink>;

function ownerItem(f: LaunchFacts): LaunchItem {
  const base = {
    key: 'owner' as const,
    title: '店主（第一位运营人员）',
    why: '店主可以添加运营人员、修改设置、处理订单；部署后的店铺没有任何运营人员，需要一位真实的微信用户先成为店主。',
    detects: '读取设置中的店主名单：为空、或只有本地演示账号 op_admin 时为未完成。',
    check: '在「设置 › 运营人员」查看店主名单。',
    links: [{ kind: 'page', page: 'settings-staff', label: '设置 › 运营人员' } as const],
  };
  if (!f.owners.length) {
    return { ...base, status: 'missing', now: '还没有店主。', todo: ['用店主自己的微信打开小程序「我的 → 成为店主（首次开店）」，输入部署时打印的 12 位认领码；', '或在 ops 云函数的环境变量中设置 OWNER_OPENID 为店主的 openid，然后店主打开「我的」。'] };
  }
  const real = f.owners.filter((o) => o !== DEMO_OPERATOR);
  if (!real.length) {
    return { ...base, status: 'missing', now: `店主名单里只有 ${DEMO_OPERATOR}：这是本地演示账号，不是真实的微信用户。`, todo: [f.local ? '本地演示可以忽略；上线后由店主在「我的 → 成为店主（首次开店）」输入部署时打印的认领码。' : `在「设置 › 运营人员」把店主自己的 openid 加为店主，再删除 ${DEMO_OPERATOR}。`] };
  }
  return { ...base, status: 'done', now: `共 ${f.owners.length} 位店主${f.callerIsOwner ? '（包括您）' : ''}。`, todo: [] };
}

function envItem(f: LaunchFacts): LaunchItem {
  const base = {
    key: 'env' as const,
    title: '云开发环境',
    why: '小程序连接的云开发环境要和部署云函数、数据库的环境一致，顾客的订单和余额才会在同一个地方。',
    detects: '比较小程序构建时写入的环境 ID（TCB_ENV_ID）与云函数运行所在的环境（调用上下文）。',
    check: '微信开发者工具 → 云开发控制台左上角显示当前环境 ID；构建小程序时的 TCB_ENV_ID 应与之相同。',
    links: [DOC.deploy],
  };
  if (f.local) return { ...base, status: 'unknown', now: '本地模式：云函数和数据都在本机，没有连接云开发。', todo: ['上线前用 TCB_ENV_ID=<环境 ID> npm run build:weapp 构建小程序，在微信里打开本页再检查。'] };
  const client = f.client.envId?.trim();
  if (f.client.platform === 'weapp' && (!client || client === UNSET_CLIENT_ENV)) {
    return { ...base, status: 'missing', now: `小程序构建时没有设置环境（当前为「${client || '空'}」），云函数运行在 ${f.functionEnv ?? '（未知）'}。`, todo: ['用 TCB_ENV_ID=<环境 ID> npm run build:weapp 重新构建，再在微信开发者工具中上传。'] };
  }
  if (!f.functionEnv || !client) return { ...base, status: 'unknown', now: `无法比较：云函数环境 ${f.functionEnv ?? '未知'}，小程序环境 ${client ?? '未上报'}。`, todo: ['在微信里（而不是开发者工具的本地调试）打开本页再检查。'] };
  if (client !== f.functionEnv) {
    return { ...base, status: 'missing', now: `小程序构建时的环境是 ${client}，云函数运行在 ${f.functionEnv}。`, todo: [`用 TCB_ENV_ID=${f.functionEnv} npm run build:weapp 重新构建小程序（或把云函数部署到 ${client}），再上传。`] };
  }
  return { ...base, status: 'done', now: `小程序与云函数都在环境 ${client}。`, todo: [] };
}

function payItem(f: LaunchFacts): LaunchItem {
  const todo = [
    '在微信开发者工具 → 云开发控制台 → 设置 → 全局设置 中添加微信支付商户号；商户号超级管理员在「微信支付商家助手」小程序确认绑定，并在微信支付商户平台「我的授权产品」确认 JSAPI 支付与退款权限。',
    '部署时设置环境变量 WECHAT_PAY_SUB_MCH_ID=商户号（npm run deploy 会写到 order、membership、wallet、payCallback、scheduler、ops 云函数），或在云开发控制台为这些云函数逐个添加。',
  ];
  const base = {
    key: 'pay' as const,
    title: '微信支付商户号',
    why: '会员费、充值和商品都用微信支付（云开发 cloudPay），商户号要绑定到云开发环境并授权，云函数才能下单和退款。',
    detects: '读取云函数的 WECHAT_PAY_SUB_MCH_ID、最近一次微信支付下单（cloudPay.unifiedOrder）的应答，以及是否已有微信支付成功的订单。',
    check: '用一个真实微信账号买一件最便宜的商品并支付，再在「我的订单」里退款；订单显示已支付、退款到账即可。',
    links: [DOC.pay],
  };
  if (f.local) return { ...base, status: 'unknown', now: '本地模式：使用微信支付模拟器，不会真实扣款。', todo };
  if (!f.subMchId) return { ...base, status: 'missing', now: '云函数环境变量里没有 WECHAT_PAY_SUB_MCH_ID（商户号）。', todo };
  const latest = f.health.filter((h) => h.api === 'cloudPay.unifiedOrder' && (PAY_CALLERS as readonly string[]).includes(h.fn)).sort((a, b) => b.last.at - a.last.at)[0];
  if (latest && latest.last.code !== '0') {
    return { ...base, status: 'missing', now: `${at(latest.last.at)} ${latest.fn} 云函数下单失败（${latest.last.code}）：${latest.last.message}`, todo };
  }
  if (!f.wechatPaid) {
    return { ...base, status: 'unknown', now: latest ? `已配置商户号 ${f.subMchId}，${at(latest.last.at)} 下单成功，但还没有一笔微信支付完成。` : `已配置商户号 ${f.subMchId}，但还没有人下单，无法确认绑定与授权已生效。`, todo: ['用真实微信账号买一件最便宜的商品并完成支付，再到「我的订单」退款，然后回到本页刷新。'] };
  }
  return { ...base, status: 'done', now: `商户号 ${f.subMchId}，已有微信支付成功的订单。`, todo: [] };
}

const KIND_TITLES: Record<MessageKind, string> = { promotion: '活动通知', renewal: '会员到期提醒' };

function templatesItem(f: LaunchFacts): LaunchItem {
  const kinds = Object.keys(KIND_TITLES) as MessageKind[];
  const id = (k: MessageKind) => f.templates[k]?.trim() ?? '';
  const missing = kinds.filter((k) => !id(k));
  const base = {
    key: 'templates' as const,
    title: '订阅消息模板',
    why: '活动通知和会员到期提醒用微信一次性订阅消息发送。模板 ID 每个小程序各不相同，没有默认值：未填写时这类消息不会发出（跳过并计数，不占用顾客的订阅次数）。',
    detects: '读取「设置 › 消息模板」中两类消息的模板 ID 是否已填写。',
    check: '「设置 › 消息模板」里的模板 ID 应与小程序后台「订阅消息」中「我的模板」一致。',
    links: [{ kind: 'page', page: 'settings-messages', label: '设置 › 消息模板' } as const],
    rows: kinds.map((k): LaunchRow => ({ label: KIND_TITLES[k], status: id(k) ? 'done' : 'missing', text: id(k) ? `模板 ID ${id(k)}` : '未填写，不会发送' })),
  };
  if (missing.length) {
    return { ...base, status: 'missing', now: `未填写：${missing.map((k) => KIND_TITLES[k]).join('、')}。`, todo: ['在小程序后台「订阅消息」中选用一次性订阅模板（活动通知与会员到期提醒各一个，各需标题、内容、时间三个字段）。', '把模板 ID 和字段的关键词（如 thing1、thing2、time3）填到「设置 › 消息模板」并保存。'] };
  }
  return { ...base, status: 'done', now: f.local ? '已填写（本地演示的模板 ID 只对本地记录器有效，上线前换成小程序后台的模板 ID）。' : '活动通知与会员到期提醒都已填写模板 ID。', todo: [] };
}

const PERMISSION_FIX = '在微信开发者工具中右键该云函数 →「上传并部署：云端安装依赖」一次，使 config.json 中的云调用权限生效';

function openapiRows(f: LaunchFacts): LaunchRow[] {
  const byId = new Map(f.health.map((h) => [h._id, h]));
  return PLATFORM_CALLERS.map(({ fn, api, when }) => {
    const h = byId.get(healthIdOf(fn, api));
    const label = `${fn} · ${PLATFORM_API_LABELS[api]}`;
    if (!h) return { label, status: 'unknown', text: `还没有调用过（${when}）。` };
    if (h.last.code === NO_PERMISSION_CODE) return { label, status: 'missing', text: `${at(h.last.at)} 调用被拒：${NO_PERMISSION_CODE}（该云函数没有这个云调用权限）。` };
    if (h.lastPermittedAt !== undefined) return { label, status: 'done', text: `${at(h.lastPermittedAt)} 调用已到达微信${h.last.code === '0' ? '并成功' : `（最近一次应答 ${h.last.code}）`}。` };
    return { label, status: 'unknown', text: `最近一次调用失败（${h.last.code}：${h.last.message}），无法判断权限。` };
  });
}

function openapiItem(f: LaunchFacts): LaunchItem {
  const rows = openapiRows(f);
  const base = {
    key: 'openapi' as const,
    title: '云调用权限',
    why: '上传发货信息、发送订阅消息是云调用（openapi）。每个云函数的 config.json 声明了要用的接口，但只有从微信开发者工具上传该云函数后才生效；否则调用返回 -604101。',
    detects: `记录每个云函数每次云调用的应答：${NO_PERMISSION_CODE} 为未生效；成功或微信的业务错误码说明权限已生效；还没调用过的无法判断。`,
    check: '云开发控制台 → 云函数 → 日志里没有 -604101；或本页每个云函数都显示「调用已到达微信」。',
    links: [DOC.permission, { kind: 'page', page: 'shipping-uploads', label: '运营后台 › 发货信息上传' } as const],
    rows,
  };
  const blocked = [...new Set(PLATFORM_CALLERS.filter((_, i) => rows[i].status === 'missing').map((c) => c.fn))];
  if (blocked.length) {
    return { ...base, status: 'missing', now: `云函数 ${blocked.join('、')} 的云调用被拒（${NO_PERMISSION_CODE}）。`, todo: [`${PERMISSION_FIX}（需要处理的云函数：${blocked.join('、')}）。`, '权限约有 10 分钟缓存：稍后到「运营后台 › 发货信息上传」重试失败的上传，再回到本页刷新。'] };
  }
  const everyCallReached = OPENAPI_CALLS.every((api) => PLATFORM_CALLERS.some((c, i) => c.api === api && rows[i].status === 'done'));
  const allFns = [...new Set(PLATFORM_CALLERS.map((c) => c.fn))].join('、');
  if (everyCallReached) return { ...base, status: 'done', now: f.local ? '本地模式：本地记录器的应答正常（上线后以真实环境的调用为准）。' : `每种云调用都已成功到达微信，没有 ${NO_PERMISSION_CODE}。`, todo: [] };
  return { ...base, status: 'unknown', now: '还有云调用没有发生过，暂时无法确认权限（见下方各云函数）。', todo: [`部署后：${PERMISSION_FIX}（${allFns}）。`, '完成一笔微信支付（会上传发货信息），发布一次活动或等到会员到期提醒，再回到本页刷新。'] };
}

function shippingItem(f: LaunchFacts): LaunchItem {
  const base = {
    key: 'shipping' as const,
    title: '发货信息管理服务',
    why: '小程序里的微信支付货款会被冻结，直到发货信息上报给微信（虚拟商品也要上报）。需要在小程序后台开通「发货信息管理」，上传才会被接受。',
    detects: '是否已有发货信息上传被微信接受；否则显示最近一次上传的应答。',
    check: '小程序后台 → 发货信息管理：能看到订单和已上报的发货信息；或「运营后台 › 发货信息上传」里有「已上传」的记录。',
    links: [{ kind: 'page', page: 'shipping-uploads', label: '运营后台 › 发货信息上传' } as const, DOC.shipping],
  };
  const todo = ['登录小程序后台，确认已开通「发货信息管理」服务。', '用真实微信账号完成一笔微信支付，到「运营后台 › 发货信息上传」查看是否「已上传」。'];
  if (f.shippingAccepted) return { ...base, status: 'done', now: f.local ? '本地模式：本地发货信息记录器已接受上传（上线后以微信的应答为准）。' : '微信已接受过本店的发货信息上传。', todo: [] };
  const last = f.health.filter((h) => h.api === 'uploadShippingInfo').sort((a, b) => b.last.at - a.last.at)[0]?.last;
  if (!last) return { ...base, status: 'unknown', now: '还没有需要上报发货信息的微信支付订单。', todo };
  if (last.code === NO_PERMISSION_CODE) return { ...base, status: 'unknown', now: `上传被云调用权限挡住（${NO_PERMISSION_CODE}），还没到达微信，无法判断服务是否开通。请先处理「云调用权限」。`, todo };
  // 10060001 支付单不存在 is also what WeChat answers for a payment seconds old (WeChat staff on the
  // official community: 支付后订单需要入库，等待 1 分钟后再试), so no single refusal proves the
  // service is off: the code is shown, the verdict stays unknown.
  return { ...base, status: 'unknown', now: `还没有上传被接受；最近一次（${at(last.at)}）应答 ${last.code}：${last.message}。`, todo };
}

function privacyItem(f: LaunchFacts): LaunchItem {
  const base = {
    key: 'privacy' as const,
    title: '用户隐私保护指引',
    why: '小程序会收集收货信息、上传商品图片等，需要在小程序后台声明用户隐私保护指引，微信才会在顾客同意后放行这些接口。',
    detects: '在微信里由手机调用 wx.getPrivacySetting：返回指引名称、或「需要授权」时说明已声明。',
    check: '小程序后台 → 设置 → 服务内容声明 → 用户隐私保护指引：状态为已生效。',
    links: [DOC.privacy],
  };
  const todo = ['在小程序后台「设置 → 服务内容声明 → 用户隐私保护指引」按 docs/privacy.md「WeChat privacy authorization」中的示例填写并提交。', '在微信里（而不是浏览器）打开本页，由手机读取确认。'];
  if (f.client.platform !== 'weapp') return { ...base, status: 'unknown', now: '在浏览器（本地模式）中无法读取，只能在微信里由手机读取（wx.getPrivacySetting）。', todo };
  const name = f.client.privacyContractName?.trim();
  // needAuthorization is true only when the guide declares collection and this user has not agreed yet.
  if (name || f.client.privacyNeedsAuthorization === true) return { ...base, status: 'done', now: name ? `已声明：${name}。` : '已声明（本账号还没有同意，打开需要授权的功能时会弹出提示）。', todo: [] };
  if (f.client.privacyError) return { ...base, status: 'unknown', now: `手机无法读取隐私设置：${f.client.privacyError}（wx.getPrivacySetting 需要基础库 ${RECOMMENDED_MIN_BASE_LIBRARY} 以上）。`, todo };
  // needAuthorization false without a name: not declared, or declared and already agreed to — the phone cannot tell.
  return { ...base, status: 'unknown', now: '手机没有读到隐私保护指引：可能还没有声明，也可能本账号已同意过。', todo };
}

function baseLibraryItem(f: LaunchFacts): LaunchItem {
  const c = f.baseLibrary;
  const base = {
    key: 'baseLibrary' as const,
    title: '基础库最低版本',
    why: `本店的隐私授权提示需要基础库 ${RECOMMENDED_MIN_BASE_LIBRARY} 以上；更低版本的微信打开时功能不完整。`,
    detects: '最低版本在小程序后台设置，服务器和手机都读不到：由店主设好后在本页确认。',
    check: '小程序后台 → 设置 → 基本设置 → 基础库最低版本设置。',
    links: [DOC.baseLibrary],
    confirm: { confirmed: c !== null, ...(c ? { by: c.confirmedBy, at: c.confirmedAt } : {}), canConfirm: f.callerIsOwner },
  };
  if (c) return { ...base, status: 'done', now: `${c.confirmedBy} 于 ${at(c.confirmedAt)} 确认已设为不低于 ${RECOMMENDED_MIN_BASE_LIBRARY}。`, todo: [] };
  return { ...base, status: 'missing', now: '还没有人确认。', todo: [`在小程序后台「设置 → 基本设置 → 基础库最低版本设置」选择不低于 ${RECOMMENDED_MIN_BASE_LIBRARY} 的版本。`, f.callerIsOwner ? '设好后点下方「已在小程序后台设置」。' : '设好后请店主在本页确认（仅店主可确认）。'] };
}

export function buildLaunchChecklist(f: LaunchFacts): LaunchChecklistView {
  const items = [ownerItem(f), envItem(f), payItem(f), templatesItem(f), openapiItem(f), shippingItem(f), privacyItem(f), baseLibraryItem(f)];
  const counts: Record<LaunchStatus, number> = { done: 0, missing: 0, unknown: 0 };
  for (const i of items) counts[i.status]++;
  return { items, counts, local: f.local, checkedAt: f.now };
}
