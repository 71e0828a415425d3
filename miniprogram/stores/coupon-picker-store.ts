import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { CouponQuote, CouponService, QuoteOption } from '../services/coupon';

export type QuoteItems = Array<{ productId: string; qty: number }>;

const keyOf = (items: QuoteItems) => items.map((i) => `${i.productId}×${i.qty}`).join(',');

/**
 * The checkout's coupon choice. The server quotes the order (coupon.quote: the same pricing rule
 * and stacking setting as order.create) once per product × quantity; the customer gets the coupon
 * that saves the most unless they pick another or 不使用优惠券. The order total shown is the
 * quote's; what is charged is still whatever order.create answers.
 */
export class CouponPickerStore {
  quote: CouponQuote | undefined = undefined;
  /** The product × quantity the quote is for. */
  quotedKey: string | undefined = undefined;
  /** What else the quote depended on (membership): a change asks again. */
  private quotedVariant = '';
  loading = false;
  error: string | undefined = undefined;
  /** undefined: the best one (automatic) · null: 不使用优惠券 · id: the customer's pick. */
  choice: string | null | undefined = undefined;
  open = false;
  private generation = 0;

  constructor(private readonly service: CouponService) {
    makeAutoObservable<CouponPickerStore, 'service' | 'generation' | 'quotedVariant'>(this, { service: false, generation: false, quotedVariant: false });
  }

  /**
   * Quotes `items` unless the current quote is already for them and `variant` (e.g. membership
   * status); `force` asks again anyway (the coupons may have changed).
   */
  async load(items: QuoteItems, force = false, variant = ''): Promise<void> {
    const key = keyOf(items);
    if (!force && key === this.quotedKey && variant === this.quotedVariant && (this.quote || this.loading)) return;
    const generation = ++this.generation;
    if (key !== this.quotedKey) this.quote = undefined;
    this.quotedKey = key;
    this.quotedVariant = variant;
    this.loading = true;
    this.error = undefined;
    const reply = await this.service.quote(items);
    if (generation !== this.generation) return;
    runInAction(() => {
      this.loading = false;
      if (!reply.ok) {
        this.error = userMessage(reply.error.code, reply.error.message);
        return;
      }
      this.quote = reply.data;
      // A pick that no longer applies (used elsewhere, quantity changed) falls back to the best one.
      if (typeof this.choice === 'string' && !this.applicable.some((o) => o.couponId === this.choice)) this.choice = undefined;
    });
  }

  /** The quote, only when it is for these items (a stale one must not price another quantity). */
  quoteFor(items: QuoteItems): CouponQuote | undefined {
    return this.quotedKey === keyOf(items) ? this.quote : undefined;
  }

  get applicable(): QuoteOption[] {
    return this.quote?.options.filter((o) => o.applies) ?? [];
  }

  get inapplicable(): QuoteOption[] {
    return this.quote?.options.filter((o) => !o.applies) ?? [];
  }

  get selected(): QuoteOption | undefined {
    if (this.choice === null) return undefined;
    const id = this.choice ?? this.quote?.bestCouponId;
    return this.applicable.find((o) => o.couponId === id);
  }

  choose(couponId: string | null): void {
    this.choice = couponId;
    this.open = false;
  }

  toggle(): void {
    this.open = !this.open;
  }

  /** An order was placed or refused over a coupon: what the customer holds may have changed. */
  markStale(): void {
    this.generation++;
    this.quote = undefined;
    this.quotedKey = undefined;
    this.loading = false;
    this.choice = undefined;
  }

  reset(): void {
    this.markStale();
    this.error = undefined;
    this.open = false;
  }
}
