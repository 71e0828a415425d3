import type { CustomerDisplay } from '../customers/display-profile';
import type { ImageType } from '../catalog/images';
import type { Delivery } from '../gifts/delivery';
import type { FulfilmentView, OrderKind, PayWith } from '../orders/order-view';
import type { Logistics } from '../orders/shipping-info';
import type { OrderState } from '../orders/states';
import type { Product } from '../schemas/product';
import type { Settings } from '../settings';

/**
 * What the `ops` back office answers with (and `settings.editor`) — one contract the server
 * builds and the Mini Program's operator pages read.
 */

/** ops.products / ops.product / saveProduct…: the stored product (costs, floor, stock, revision included). */
export interface AdminProductView extends Product {
  /** Temp URLs of `images`, same order ('' where storage could not give one). */
  imageUrls: string[];
}

export interface SaveProductResult {
  product: AdminProductView;
  created: boolean;
  /** Allowed but worth a look (selling below cost, no image…). */
  warnings: string[];
}

/** ops.imageUploadTicket */
export interface ImageUploadTicket {
  /** WeChat: wx.cloud.uploadFile({ cloudPath, filePath }). */
  cloudPath: string;
  /** The file id the upload will have (wx.cloud.uploadFile returns the same). */
  fileID: string;
  /** H5 / non-WeChat clients: PUT the raw bytes to `url` with `headers`. */
  upload: { url: string; method: 'PUT'; headers: Record<string, string> };
  maxBytes: number;
}

/** ops.registerImage */
export interface RegisteredImage {
  fileID: string;
  contentType: ImageType;
  size: number;
  /** Temp URL to show it in the form right away. */
  url: string;
}

/** A row of an operator's list with the nickname and avatar its customer chose (头像昵称), looked up once per page. */
export type Shown<T> = T & { customer: CustomerDisplay };

export type ShippingUploadState = 'pending' | 'failed' | 'succeeded' | 'cancelled';
export const SHIPPING_UPLOAD_STATE_LABELS: Readonly<Record<ShippingUploadState, string>> = { pending: '待上传', failed: '上传失败', succeeded: '微信已接收', cancelled: '已取消（订单已退款）' };

/** A WeChat shipping-info upload (ops.shippingUploads, ops.retryShippingUpload, OpsOrderView.shippingUpload). */
export interface ShippingUploadView {
  uploadId: string;
  orderId: string;
  openid: string;
  /** express (快递) · pickup (到店自提) · virtual (虚拟商品) */
  logistics: Logistics;
  /** pending (not sent yet / in flight) · failed (see lastError) · succeeded · cancelled (order refunded first) */
  state: ShippingUploadState;
  attempts: number;
  /** `<WeChat errcode or TIMEOUT/NETWORK/BUILD>: <message>` */
  lastError?: string;
  lastAttemptAt?: number;
  /** When the sweep retries by itself; absent on a failed upload = automatic retries are over: retry by hand. */
  nextAttemptAt?: number;
  succeededAt?: number;
  createdAt: number;
}

/** ops.orders / ops.order / shipOrder / markOrderPickedUp */
export interface OpsOrderView {
  orderId: string;
  openid: string;
  /** The nickname and avatar the customer chose (头像昵称), looked up once per page. */
  customer: CustomerDisplay;
  kind: OrderKind;
  title: string;
  status: OrderState;
  statusLabel: string;
  totalFen: number;
  payWith: PayWith;
  createdAt: number;
  paidAt?: number;
  lines: Array<{ productId: string; name: string; kind: 'regular' | 'trial'; qty: number; refundedQty: number; physical: boolean }>;
  /** Where to send it (null: the customer gave none — ship anyway with a carrier other than SF, or mark it picked up). */
  delivery: Delivery | null;
  /** `by` = operator openid who shipped / confirmed pickup. */
  fulfilment: FulfilmentView & { by?: string };
  /** null: paid from balance — nothing to report to WeChat. */
  shippingUpload: ShippingUploadView | null;
}

export type OpsOrdersTab = 'to-ship' | 'shipped' | 'picked-up' | 'delivered' | 'cancelled';

/** settings.editor */
export interface SettingsEditorView {
  settings: Settings;
  /** Send back as `expectedVersion` with settings.update. */
  version: number;
  updatedAt?: number;
  updatedBy?: string;
  /** Owners may change operators/owners; other operators see those lists read-only. */
  isOwner: boolean;
}

/** 运营后台 · 退款 tabs: 处理中过久 (pending longer than settings.refundStuckHours) · 失败 (needs a person). */
export type OpsRefundsTab = 'stuck' | 'failed';

/** One WeChat refund request of a refund (shared/orders/states.ts: pending → requested → succeeded | failed). */
export interface OpsRefundPartView {
  outRefundNo: string;
  outTradeNo: string;
  refundFee: number;
  state: 'pending' | 'requested' | 'succeeded' | 'failed';
  /** WeChat's refund_status once it said: SUCCESS · CHANGE (退款异常) · REFUNDCLOSE (退款关闭). */
  resultStatus?: 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';
  /** `<WeChat err_code or CHANGE/REFUNDCLOSE/AMOUNT_MISMATCH>: <what it means / what to do>` */
  error?: string;
  /** Refund requests WeChat refused or did not answer, and queryRefund calls. */
  attempts: number;
  queries: number;
  requestedAt?: number;
  lastQueryAt?: number;
  /** When the sweep sends / asks again by itself. */
  nextAt?: number;
  finishedAt?: number;
}

/** ops.refunds / ops.retryRefund */
export interface OpsRefundView {
  refundId: string;
  openid: string;
  kind: 'order' | 'membership' | 'wallet' | 'late-payment' | 'topup-over-cap';
  orderId?: string;
  amountFen: number;
  status: 'pending' | 'succeeded' | 'failed';
  /** What the customer reads for it (订单详情 · 退款记录). */
  customerLabel: string;
  createdAt: number;
  /** While pending: since when the customer has been waiting. */
  waitingSince?: number;
  completedAt?: number;
  retries: number;
  lastRetryAt?: number;
  parts: OpsRefundPartView[];
  canRetry: boolean;
}

