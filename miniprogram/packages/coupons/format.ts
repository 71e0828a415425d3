import { formatYuan } from '@shared/money/format';
import type { CouponView } from '../../services/coupon';
import { dateTime } from '../../format/date';

/** The line under a coupon that says when it can be used, or what happened to it. */
export function couponNote(c: CouponView): string {
  switch (c.status) {
    case 'available':
      return `有效期至 ${dateTime(c.validUntil)}`;
    case 'not-started':
      return `${dateTime(c.validFrom)} 起可用，有效期至 ${dateTime(c.validUntil)}`;
    case 'reserved':
      return '一笔待支付订单正在使用：支付即用掉，取消该订单后退回';
    case 'used':
      return `已于 ${dateTime(c.usedAt ?? c.validUntil)} 使用${c.discountFen ? `，节省 ${formatYuan(c.discountFen)}` : ''}`;
    case 'expired':
      return `已于 ${dateTime(c.validUntil)} 过期`;
    case 'void':
      return c.nextPurchaseOnly ? '仅限领取后的下一笔订单使用，您已下过单，券已失效' : '订单退款后作废';
  }
}

