import { z } from 'zod';
import { imageProblem, MAX_IMAGE_BYTES, type ImageType } from '@shared/catalog/images';
import { normalizeProductInput, productInputSchema, productRuleIssues } from '@shared/catalog/product-rules';
import type { CustomerDisplay } from '@shared/customers/display-profile';
import type { Delivery } from '@shared/gifts/delivery';
import { carrierName, fulfilmentView, type CarrierCode, type OrderFulfilment } from '@shared/orders/fulfilment';
import type { FulfilmentView } from '@shared/orders/order-view';
import { ORDER_STATE_LABELS, type OrderState } from '@shared/orders/states';
import type { AdminProductView, OpsOrdersTab, OpsOrderView, OpsRefundView, ShippingUploadState, ShippingUploadView } from '@shared/ops/views';
import { REFUND_STATE_LABELS } from '@shared/orders/states';
import { type AuditAction, type AuditEntity, type AuditEntry } from '@shared/schemas/audit';
import { parseZh, SETTINGS_LABELS, summarizeIssues, toIssues, type Issue } from '@shared/schemas/issues';
import { settingsChangeSummary } from '@shared/labels/summaries';
import { productSchema, type Product } from '@shared/schemas/product';
import type { Settings } from '@shared/settings';
import { settingsSchema } from '@shared/settings';
import { fail, ok, type Result } from '@shared/errors/result';
import type { FakeActions } from './contract-check';

/**
 * The back-office half of the fake cloud (money-cloud.ts composes it): the `ops` catalog, image,
 * fulfilment, shipping-upload and audit actions and `settings.editor/update`, following the API.md
 * contract closely enough to catch a client that sends the wrong shape (strict schemas, request
 * ids, revisions, versions) — built on the shared rules, so a rule the form applies agrees with
 * what the "server" says. A fake, not the backend: the real use cases are tested in cloudfunctions/.
 */

/** What the money model's orders look like to the back office. */
export interface FakeOrder {
  orderId: string;
  openid: string;
  kind: 'product' | 'membership' | 'topup';
  status: OrderState;
  title: string;
  lines: Array<{ productId: string; name: string; kind: 'regular' | 'trial'; qty: number; refundedQty: number; physical: boolean }>;
  totalFen: number;
  payWith: 'wechat' | 'balance';
  createdAt: number;
  paidAt?: number;
  delivery?: Delivery;
  fulfilment?: OrderFulfilment;
}

export interface OpsState {
  products: Map<string, Product>;
  /** Files the upload primitive delivered (what storage would report to registerImage). */
  stored: Map<string, { contentType: ImageType; size: number }>;
  registered: Set<string>;
  uploads: Map<string, ShippingUploadView>;
  audit: AuditEntry[];
  settings: Settings;
  settingsVersion: number;
  settingsUpdatedAt?: number;
  settingsUpdatedBy?: string;
  /** WeChat's shipping-info API refuses (uploads fail with this error) while set. */
  uploadError: string | undefined;
  /** WeChat refunds as 运营后台 · 退款 sees them (`stuck` = listed under 处理中过久). */
  refunds: Map<string, OpsRefundView & { stuck?: boolean }>;
  /** What WeChat says when a refund is retried: a 退款关闭 one is accepted again; a 退款异常 one stays so unless `changeHandled`. */
  changeHandled: boolean;
}

interface Ctx {
  now: () => number;
  tick: () => number;
  nextId: (prefix: string) => string;
  role: () => { operator: boolean; owner: boolean };
  orders: () => Iterable<FakeOrder>;
  order: (id: string) => FakeOrder | undefined;
  /** How operators see a customer (the nickname and avatar they saved). */
  customer: (openid: string) => CustomerDisplay;
  pageSize: number;
}

/** The fake answers with the server's own envelope helpers, so its codes are the contract's codes. */
type Reply<T = unknown> = Result<T>;

const OPERATOR = 'op_sim';
export const FAKE_FILE_PREFIX = 'cloud://sim-env.bucket/';

export function opsCloud(ctx: Ctx, products: Product[], settings: Settings) {
  const state: OpsState = {
    products: new Map(products.map((p) => [p._id, p])),
    stored: new Map(),
    registered: new Set(),
    uploads: new Map(),
    audit: [],
    settings,
    settingsVersion: 0,
    uploadError: undefined,
    refunds: new Map(),
    changeHandled: false,
  };
  const byRequest = new Map<string, unknown>();

  const audit = (entity: AuditEntity, entityId: string, action: AuditAction, summary: string, before: unknown, after: unknown, rid: string) => {
    const a = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
    const b = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
    const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !['updatedAt', 'updatedBy', 'revision'].includes(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
    state.audit.unshift({ _id: ctx.nextId('aud'), entity, entityId, action, by: OPERATOR, at: ctx.tick(), summary, changed, before: before ?? null, after: after ?? null, requestId: rid });
  };

  const view = (p: Product): AdminProductView => ({ ...p, imageUrls: p.images.map((id) => `https://sim.tcb/${id.slice(FAKE_FILE_PREFIX.length)}`) });

  const once = <T>(rid: string, run: () => Reply<T>): Reply<T> => {
    const prior = byRequest.get(rid) as T | undefined;
    if (prior) return ok(prior);
    const r = run();
    if (r.ok) byRequest.set(rid, r.data);
    return r;
  };

  const invalid = (issues: Issue[]) => fail('INVALID_INPUT', summarizeIssues(issues, '商品信息'), issues.map((i) => ({ ...i, path: `product.${i.path}` })));

  const opsFulfilment = (f: OrderFulfilment, method?: 'address' | 'pickup'): FulfilmentView & { by?: string } => ({
    ...fulfilmentView({ ...f, ...(f.carrier ? { carrierName: f.carrierName ?? carrierName(f.carrier) } : {}) }, method),
    ...(f.by ? { by: f.by } : {}),
  });

  /** As the server's withCustomers: the row with the nickname and avatar its customer chose. */
  const shown = <T extends { openid: string }>(row: T): T & { customer: CustomerDisplay } => ({ ...row, customer: ctx.customer(row.openid) });
  const orderView = (o: FakeOrder): OpsOrderView => ({
    orderId: o.orderId,
    openid: o.openid,
    customer: ctx.customer(o.openid),
    kind: o.kind,
    title: o.title,
    status: o.status,
    statusLabel: ORDER_STATE_LABELS[o.status],
    totalFen: o.totalFen,
    payWith: o.payWith,
    createdAt: o.createdAt,
    ...(o.paidAt !== undefined ? { paidAt: o.paidAt } : {}),
    lines: o.lines.map((l) => ({ productId: l.productId, name: l.name, kind: l.kind, qty: l.qty, refundedQty: l.refundedQty, physical: l.physical })),
    delivery: o.delivery ?? null,
    fulfilment: opsFulfilment(o.fulfilment ?? { state: 'pending' }, o.delivery?.method),
    shippingUpload: state.uploads.get(o.orderId) ?? null,
  });

  const TAB: Record<OpsOrdersTab, OrderFulfilment['state']> = { 'to-ship': 'pending', shipped: 'shipped', 'picked-up': 'picked-up', delivered: 'delivered', cancelled: 'cancelled' };

  const page = <T>(all: T[], c: unknown) => {
    const start = typeof c === 'number' ? c : 0;
    return { items: all.slice(start, start + ctx.pageSize), ...(start + ctx.pageSize < all.length ? { nextCursor: start + ctx.pageSize } : {}) };
  };

  /** WeChat's answer to an upload: accepted, or the scripted error (automatic retries then stop). */
  const sendUpload = (u: ShippingUploadView): ShippingUploadView => {
    const at = ctx.tick();
    if (state.uploadError) return { ...u, state: 'failed', attempts: u.attempts + 1, lastError: state.uploadError, lastAttemptAt: at };
    const { lastError: _e, nextAttemptAt: _n, ...rest } = u;
    void _e;
    void _n;
    return { ...rest, state: 'succeeded', attempts: u.attempts + 1, lastAttemptAt: at, succeededAt: at };
  };

  const fulfil = (i: Record<string, unknown>, to: 'shipped' | 'picked-up'): Reply<OpsOrderView> =>
    once(i.requestId as string, () => {
      const o = ctx.order(i.orderId as string);
      if (!o) return fail('NOT_FOUND', '没有找到该订单，请刷新列表。');
      if (o.kind !== 'product') return fail('INVALID_STATE', '会员和储值订单为虚拟商品，支付后已自动发放，无需发货。');
      const cur = o.fulfilment ?? { state: 'pending' };
      if (cur.state === 'shipped') return fail('INVALID_STATE', `该订单已发货（${cur.carrierName ?? ''} ${cur.trackingNo ?? ''}），不能重复发货；如需更正运单号请联系客服处理。`);
      if (cur.state !== 'pending') return fail('INVALID_STATE', '该订单当前无需发货，请刷新列表。');
      if (to === 'shipped' && o.delivery?.method === 'pickup') return fail('INVALID_STATE', '该订单选择了到店自提，请在顾客取货后点「确认已自提」。');
      if (to === 'picked-up' && o.delivery?.method === 'address') return fail('INVALID_STATE', '该订单需要快递寄出，请填写快递公司和运单号发货。');
      const at = ctx.tick();
      const carrier = i.carrier as CarrierCode | undefined;
      const next: OrderFulfilment = to === 'shipped' ? { state: 'shipped', carrier, carrierName: carrierName(carrier!), trackingNo: String(i.trackingNo).trim(), at, by: OPERATOR } : { state: 'picked-up', at, by: OPERATOR };
      o.fulfilment = next;
      if (o.payWith === 'wechat') {
        const u: ShippingUploadView = { uploadId: `shp_${o.orderId}`, orderId: o.orderId, openid: o.openid, logistics: to === 'shipped' ? 'express' : 'pickup', state: 'pending', attempts: 0, createdAt: at };
        state.uploads.set(o.orderId, sendUpload(u));
      }
      audit('order', o.orderId, to === 'shipped' ? 'order.ship' : 'order.pickup', to === 'shipped' ? `订单「${o.title}」发货：${carrierName(carrier!)} ${next.trackingNo}` : `订单「${o.title}」顾客已到店自提`, { fulfilment: cur }, { fulfilment: next }, i.requestId as string);
      return ok(orderView(o));
    });

  const setStatus = (i: Record<string, unknown>, status: 'active' | 'archived'): Reply<{ product: AdminProductView }> =>
    once(i.requestId as string, () => {
      const p = state.products.get(i.productId as string);
      if (!p) return fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
      if (status === 'archived') {
        const trials = [...state.products.values()].filter((t) => t.kind === 'trial' && t.status === 'active' && t.fullProductId === p._id);
        if (trials.length) return fail('INVALID_STATE', `「${p.name}」是体验装 ${trials.map((t) => `「${t.name}」`).join('、')} 的正装，请先下架这些体验装。`);
      }
      if (p.status === status) return ok({ product: view(p) });
      const next: Product = { ...p, status, revision: p.revision + 1, updatedAt: ctx.tick(), updatedBy: OPERATOR };
      if (status === 'archived') next.archivedAt = next.updatedAt;
      else delete next.archivedAt;
      state.products.set(p._id, next);
      audit('product', p._id, status === 'archived' ? 'product.archive' : 'product.restore', `${status === 'archived' ? '下架' : '重新上架'}商品「${p.name}」`, { status: p.status }, { status }, i.requestId as string);
      return ok({ product: view(next) });
    });

  const actions: FakeActions = {
    'ops.products': (i) => ok({ products: [...state.products.values()].filter((p) => !i.status || p.status === i.status).sort((a, b) => a.sort - b.sort).map(view) }),
    'ops.product': (i) => {
      const p = state.products.get(i.productId as string);
      return p ? ok(view(p)) : fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
    },
    'ops.saveProduct': (i) =>
      once(i.requestId as string, () => {
        const fields = normalizeProductInput(i.product as z.infer<typeof productInputSchema>);
        const editing = i.productId !== undefined;
        const stored = editing ? state.products.get(i.productId as string) : undefined;
        if (editing && !stored) return fail('NOT_FOUND', '没有找到该商品，可能已被删除，请刷新列表。');
        const bad = fields.images.flatMap((f, n) => (state.registered.has(f) ? [] : [{ path: `images.${n}`, code: 'custom', message: `商品图片 › 第 ${n + 1} 张：图片未通过校验或已失效，请重新上传` }]));
        if (bad.length) return invalid(bad);
        const full = fields.fullProductId ? (state.products.get(fields.fullProductId) ?? null) : null;
        const productId = (i.productId as string | undefined) ?? `prd_sim${ctx.nextId('p').slice(2)}`;
        const linkedTrials = [...state.products.values()].filter((t) => t.kind === 'trial' && t.status === 'active' && t.fullProductId === productId);
        const issues = productRuleIssues(fields, { now: ctx.now(), productId, previous: stored ?? null, fullProduct: full, linkedTrials });
        if (issues.length) return invalid(issues);
        if (stored && stored.revision !== i.expectedRevision) {
          return fail('CONFLICT', `商品「${stored.name}」已被其他运营人员修改（当前第 ${stored.revision} 版，您编辑的是第 ${String(i.expectedRevision)} 版），请刷新后重新编辑。`, { currentRevision: stored.revision });
        }
        const at = ctx.tick();
        const next = productSchema.parse({
          _id: productId,
          ...fields,
          status: stored?.status ?? 'active',
          ...(stored?.stock !== undefined ? { stock: stored.stock } : {}),
          revision: (stored?.revision ?? 0) + 1,
          createdAt: stored?.createdAt ?? at,
          updatedAt: at,
          updatedBy: OPERATOR,
        });
        state.products.set(productId, next);
        audit('product', productId, stored ? 'product.update' : 'product.create', stored ? `修改商品「${next.name}」` : `新建商品「${next.name}」`, stored ?? null, next, i.requestId as string);
        const warnings = fields.images.length ? [] : ['还没有商品图片，建议至少上传一张封面图'];
        return ok({ product: view(next), created: !stored, warnings });
      }),
    'ops.archiveProduct': (i) => setStatus(i, 'archived'),
    'ops.restoreProduct': (i) => setStatus(i, 'active'),
    'ops.setStock': (i) =>
      once(i.requestId as string, () => {
        const p = state.products.get(i.productId as string);
        if (!p) return fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
        const next: Product = { ...p, updatedAt: ctx.tick(), updatedBy: OPERATOR };
        if (i.stock === null) delete next.stock;
        else next.stock = i.stock as number;
        state.products.set(p._id, next);
        audit('product', p._id, 'product.stock', `调整「${p.name}」库存`, { stock: p.stock ?? null }, { stock: next.stock ?? null }, i.requestId as string);
        return ok({ product: view(next) });
      }),
    'ops.imageUploadTicket': (i) => {
      const problem = imageProblem(i.size as number, i.contentType as ImageType);
      if (problem) return fail('INVALID_INPUT', problem);
      const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }[i.contentType as ImageType];
      const cloudPath = `products/202605/${ctx.nextId('img')}.${ext}`;
      return ok({ cloudPath, fileID: `${FAKE_FILE_PREFIX}${cloudPath}`, upload: { url: `https://sim.cos/${cloudPath}`, method: 'PUT', headers: { authorization: 'q-sign-sim' } }, maxBytes: MAX_IMAGE_BYTES });
    },
    'ops.registerImage': (i) =>
      once(i.requestId as string, () => {
        const fileID = i.fileID as string;
        const f = state.stored.get(fileID);
        if (!f) return fail('NOT_FOUND', '没有找到上传的图片，可能上传未完成，请重新上传。');
        state.registered.add(fileID);
        audit('image', fileID, 'image.register', `上传商品图片（${f.contentType.slice(6).toUpperCase()}）`, null, { fileID, ...f }, i.requestId as string);
        return ok({ fileID, contentType: f.contentType, size: f.size, url: `https://sim.tcb/${fileID.slice(FAKE_FILE_PREFIX.length)}` });
      }),
    'ops.orders': (i) => {
      const want = TAB[i.state as OpsOrdersTab];
      const all = [...ctx.orders()].filter((o) => o.fulfilment?.state === want).sort((a, b) => (b.paidAt ?? 0) - (a.paidAt ?? 0));
      const p = page(all.map(orderView), i.cursor);
      return ok({ orders: p.items, ...(p.nextCursor !== undefined ? { nextCursor: p.nextCursor } : {}) });
    },
    'ops.order': (i) => {
      const o = ctx.order(i.orderId as string);
      return o ? ok(orderView(o)) : fail('NOT_FOUND', '没有找到该订单，请刷新列表。');
    },
    'ops.shipOrder': (i) => fulfil(i, 'shipped'),
    'ops.markOrderPickedUp': (i) => fulfil(i, 'picked-up'),
    'ops.shippingUploads': (i) => {
      const all = [...state.uploads.values()].filter((u) => u.state === (i.state as ShippingUploadState)).sort((a, b) => b.createdAt - a.createdAt);
      const p = page(all.map(shown), i.cursor);
      return ok({ uploads: p.items, ...(p.nextCursor !== undefined ? { nextCursor: p.nextCursor } : {}) });
    },
    'ops.retryShippingUpload': (i) =>
      once(i.requestId as string, () => {
        const u = state.uploads.get(i.orderId as string);
        if (!u) return fail('NOT_FOUND', '该订单没有需要上传的发货信息（余额支付的订单无需上传）。');
        if (u.state === 'succeeded') return ok(shown(u));
        if (u.state === 'cancelled') return fail('INVALID_STATE', '该订单已全额退款，无需上传发货信息。');
        const after = sendUpload(u);
        state.uploads.set(u.orderId, after);
        audit('shipping-upload', u.uploadId, 'shipping.retry', `重试上传订单 ${u.orderId} 的发货信息：${after.state === 'succeeded' ? '微信已接收' : `仍失败（${after.lastError}）`}`, { state: u.state, attempts: u.attempts, lastError: u.lastError ?? null }, { state: after.state, attempts: after.attempts, lastError: after.lastError ?? null }, i.requestId as string);
        return ok(shown(after));
      }),
    'ops.refunds': (i) => {
      const all = [...state.refunds.values()].filter((r) => (i.tab === 'failed' ? r.status === 'failed' : r.status === 'pending' && r.stuck)).sort((a, b) => b.createdAt - a.createdAt);
      const p = page(all.map(({ stuck: _s, ...r }) => shown(r)), i.cursor);
      return ok({ refunds: p.items, stuckHours: state.settings.refundStuckHours, ...(p.nextCursor !== undefined ? { nextCursor: p.nextCursor } : {}) });
    },
    'ops.retryRefund': (i) =>
      once(i.requestId as string, () => {
        const r = state.refunds.get(i.refundId as string);
        if (!r) return fail('NOT_FOUND', '没有找到该退款，请刷新列表。');
        if (r.status === 'succeeded') return ok(shown(r));
        const at = ctx.tick();
        // As the server's retryRefund: CHANGE is only queried; REFUNDCLOSE / refused ones are re-submitted with the same number.
        const parts = r.parts.map((p) =>
          p.state === 'succeeded'
            ? p
            : p.state === 'failed' && p.resultStatus === 'CHANGE'
              ? state.changeHandled
                ? { ...p, state: 'succeeded' as const, resultStatus: 'SUCCESS' as const, queries: p.queries + 1, finishedAt: at, error: undefined }
                : { ...p, queries: p.queries + 1, lastQueryAt: at }
              : { ...p, state: 'requested' as const, resultStatus: undefined, error: undefined, requestedAt: at, nextAt: at + 5 * 60_000 },
        );
        const status = parts.some((p) => p.state === 'pending' || p.state === 'requested') ? 'pending' : parts.every((p) => p.state === 'succeeded') ? 'succeeded' : 'failed';
        const after = { ...r, parts: parts.map((p) => JSON.parse(JSON.stringify(p))), status, customerLabel: REFUND_STATE_LABELS[status], retries: r.retries + 1, lastRetryAt: at, stuck: false, canRetry: status !== 'succeeded' } as OpsRefundView & { stuck?: boolean };
        state.refunds.set(r.refundId, after);
        audit('refund', r.refundId, 'refund.retry', '重试退款', { status: r.status }, { status }, i.requestId as string);
        const { stuck: _s, ...view } = after;
        return ok(shown(view));
      }),
    'ops.audit': (i) => {
      const all = state.audit.filter((e) => (!i.entity || e.entity === i.entity) && (!i.entityId || e.entityId === i.entityId));
      const p = page(all, i.cursor);
      return ok({ entries: p.items, ...(p.nextCursor !== undefined ? { nextCursor: p.nextCursor } : {}) });
    },
    'settings.editor': () =>
      ok({
        settings: state.settings,
        version: state.settingsVersion,
        ...(state.settingsUpdatedAt !== undefined ? { updatedAt: state.settingsUpdatedAt, updatedBy: state.settingsUpdatedBy } : {}),
        isOwner: ctx.role().owner,
      }),
    'settings.update': (i) =>
      once(i.requestId as string, () => {
        const parsed = parseZh(settingsSchema, i.settings);
        if (!parsed.success) {
          const issues = toIssues(parsed.error, SETTINGS_LABELS);
          return fail('INVALID_INPUT', summarizeIssues(issues, '设置'), issues);
        }
        if (i.expectedVersion !== undefined && i.expectedVersion !== state.settingsVersion) {
          return fail('CONFLICT', `设置已被其他运营人员修改（当前第 ${state.settingsVersion} 版，您编辑的是第 ${String(i.expectedVersion)} 版），请刷新后重新修改。`, { currentVersion: state.settingsVersion });
        }
        const before = state.settings;
        const next = parsed.data;
        if (!ctx.role().owner && (JSON.stringify(before.operators) !== JSON.stringify(next.operators) || JSON.stringify(before.owners) !== JSON.stringify(next.owners))) {
          return fail('FORBIDDEN', '只有店主可以修改运营人员名单。');
        }
        const changed = (Object.keys(next) as Array<keyof Settings>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
        state.settings = next;
        state.settingsVersion++;
        state.settingsUpdatedAt = ctx.tick();
        state.settingsUpdatedBy = OPERATOR;
        audit('settings', 'settings', 'settings.update', settingsChangeSummary(changed, state.settingsVersion), before, next, i.requestId as string);
        return ok({ changed, version: state.settingsVersion });
      }),
  };

  return {
    state,
    actions,
    /** What the upload primitive delivered to storage. */
    storeFile: (fileID: string, contentType: ImageType, size: number) => void state.stored.set(fileID, { contentType, size }),
    /** Another operator saves a product (bumps its revision) — for CONFLICT tests. */
    touchProduct: (productId: string, change: Partial<Product>) => {
      const p = state.products.get(productId)!;
      state.products.set(productId, { ...p, ...change, revision: p.revision + 1, updatedAt: ctx.tick(), updatedBy: 'op_other' });
    },
    /** Another operator saves the settings — for CONFLICT tests. */
    bumpSettings: () => {
      state.settingsVersion++;
      state.settingsUpdatedBy = 'op_other';
    },
    recordAudit: audit,
  };
}

export type OpsCloud = ReturnType<typeof opsCloud>;
