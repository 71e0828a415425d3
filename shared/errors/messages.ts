import type { ErrorCode } from './codes';

/**
 * What a person sees for each code (Chinese, says what to do next). The server's `message`
 * may be more specific; clients fall back to these when it is not meant for end users.
 */
export const USER_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '请先登录后再试。',
  FORBIDDEN: '您没有权限进行此操作，如需开通请联系店铺管理员。',
  INVALID_INPUT: '提交的信息有误，请检查后重试。',
  UNKNOWN_ACTION: '当前版本不支持该操作，请更新小程序后重试。',
  NOT_FOUND: '没有找到相关内容，可能已下架或被删除。',
  CONFLICT: '操作冲突，请刷新后重试。',
  INTERNAL: '系统繁忙，请稍后重试。如多次失败请联系客服。',
  INSUFFICIENT_BALANCE: '余额不足，请充值或改用微信支付。',
  TRIAL_ALREADY_USED: '体验装每人限购一次，您已购买过，可直接购买正装。',
  TOPUP_CAP_EXCEEDED: '充值后余额将超过上限，请减少充值金额。',
  MEMBERS_ONLY_UNTIL: '该商品目前仅限会员抢先购买，开通会员即可购买。',
  GIFT_OUT_OF_STOCK: '礼品已领完，请联系客服了解替代礼品。',
  PAYLOAD_TOO_LARGE: '提交的内容过大，请精简后重试。',
  TERMS_NOT_ACCEPTED: '首次充值前请阅读并同意《储值卡章程》。',
  REFUND_NOT_ALLOWED: '该订单当前不能退款，如有疑问请联系客服。',
  INVALID_STATE: '订单状态已变化，请刷新后查看。',
  MEMBER_CODE_INVALID: '会员码无效或已过期，请让顾客在「会员」页刷新会员码后重新出示。',
  MEMBER_CODE_USED: '这个会员码已经用过，请待顾客的会员码更新（每分钟一次）后再出示。',
  CART_FULL: '购物车最多放 20 种商品，请先结算或移除一些再添加。',
  NOT_ON_LIST: '这位顾客不在你的跟进任务里，请返回任务列表刷新。',
  CONTACT_CAPPED: '这位顾客近 7 天的联系已达上限；如确需联系，请写明理由后再记录。',
  LIST_CLOSED: '这个跟进任务已结束，不能再记录联系。',
  NO_CUSTOMERS: '所选人群里没有可以加入的顾客（可能都已在同一目标的进行中任务里），请换一个分群。',
  GIFT_NOT_CLAIMABLE: '该礼包当前不能领取，请刷新后查看状态。',
  PRODUCT_UNAVAILABLE: '商品已下架或暂不可购买，请返回首页选择其他商品。',
  OUT_OF_STOCK: '商品库存不足，请减少数量或选择其他商品。',
  WECOM_NOT_CONFIGURED: '尚未接入企业微信，请先在云函数环境变量中配置企业 ID 与应用 Secret。',
  SURVEY_CLOSED: '问卷暂未开放，感谢您的关注。',
  COUPON_UNAVAILABLE: '这张优惠券已使用或正被其他订单占用，请选择其他优惠券或不使用优惠券。',
  COUPON_EXPIRED: '这张优惠券不在有效期内，请选择其他优惠券或不使用优惠券。',
  COUPON_NOT_APPLICABLE: '这张优惠券不适用于本单，请选择其他优惠券或不使用优惠券。',
  COUPON_SOLD_OUT: '优惠券已被领完，下次早点来哦。',
  COUPON_LIMIT_REACHED: '您已领取过这张优惠券，可在「我的优惠券」中查看。',
  COUPON_NOT_CLAIMABLE: '这张优惠券暂不可领取，请刷新后查看其他优惠券。',
  ACCOUNT_DELETION_BLOCKED: '暂时不能注销账号：还有未完成的余额、订单或退款，请按页面提示处理后再试。',
  ACCOUNT_DELETION_IN_PROGRESS: '账号正在注销，无法下单、充值或领取。注销提交后不能撤销；注销完成后可用同一微信作为新顾客重新购物。',
  OWNER_EXISTS: '本店已有店主，认领码已失效。如需管理店铺，请联系店主在「设置 › 运营人员」中添加您。',
  OWNER_CLAIM_CLOSED: '本店没有开放店主认领。请让部署人员重新部署以生成认领码，或在 ops 云函数的环境变量中设置 OWNER_OPENID。',
  OWNER_CLAIM_WRONG_CODE: '认领码不正确，请核对部署时打印的 12 位认领码后重试。',
  OWNER_CLAIM_LOCKED: '认领码错误次数过多，已暂时锁定，请 1 小时后再试。',
  UNPAID_ORDER_LIMIT: '您的待支付订单已达上限，请先在「我的订单」中支付或取消其中一笔，再下新单。',
  HOLD_LIMIT_REACHED: '该商品您保留的待支付件数已达上限，请先支付或取消待支付订单，或减少数量。',
  BALANCE_CHANGED: '您的可用余额已变动，请重新确认组合支付金额。',
  TOPUP_OFFER_CHANGED: '充值优惠已更新，请查看最新的充值方案并确认后再充值。',
};

export const userMessage = (code: string, serverMessage?: string): string =>
  serverMessage && serverMessage.trim() ? serverMessage : (USER_MESSAGES as Record<string, string>)[code] ?? USER_MESSAGES.INTERNAL;
