/** A customer's trial purchases (`member.trials`), so the shop can say "已购买过" before ordering. */
export interface TrialUseView {
  productId: string;
  fullProductId: string;
  status: 'reserved' | 'used';
  orderId: string;
  convertedAt?: number;
}
