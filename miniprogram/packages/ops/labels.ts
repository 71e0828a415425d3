import type { Logistics } from '@shared/orders/shipping-info';
import type { ShippingUploadView } from '@shared/ops/views';
import { dateTime } from '../../format/date';

/** What a customer who opens a back-office page is told (the server answered FORBIDDEN). */
export const FORBIDDEN_TEXT = '仅运营人员可访问此页面';

export const LOGISTICS_LABELS: Record<Logistics, string> = { express: '快递', pickup: '到店自提', virtual: '虚拟商品' };

/** One line on an order card about its WeChat shipping-info upload. */
export function uploadLine(u: ShippingUploadView | null): string {
  if (!u) return '无需上传（余额支付）';
  switch (u.state) {
    case 'succeeded':
      return `已上传${u.succeededAt ? `（${dateTime(u.succeededAt)}）` : ''}`;
    case 'failed':
      return `上传失败：${u.lastError ?? '原因未知'}`;
    case 'pending':
      return u.attempts > 0 ? `待重试（已尝试 ${u.attempts} 次）` : '待上传';
    case 'cancelled':
      return '已取消（订单已退款）';
  }
}
