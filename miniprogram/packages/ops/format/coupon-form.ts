import '../zod-setup';
import { couponTemplateInputSchema, type CouponTemplateInput } from '@shared/promotions/coupon';
import { parseZh } from '@shared/schemas/issues';
import { parseYuanInput } from '../../../format/money-input';
import { fromShanghai, shanghaiParts } from './datetime';

/**
 * The 新建优惠券 form as typed (yuan, whole numbers, dates in Shanghai time) → the template the
 * server takes, checked with the server's own schema (shared/promotions/coupon.ts) so a problem
 * shows next to its field before anything is sent.
 */
export interface CouponForm {
  name: string;
  kind: 'amount-off' | 'percent-off';
  amount: string;
  percent: string;
  maxOff: string;
  minSpend: string;
  validityKind: 'days' | 'fixed';
  days: string;
  from: string;
  until: string;
  perCustomerLimit: string;
  totalQuantity: string;
  claimable: boolean;
  nextPurchaseOnly: boolean;
}

export type CouponField = keyof CouponForm;
export type CouponFormErrors = Partial<Record<CouponField, string>>;

export const emptyCouponForm = (now: number): CouponForm => ({
  name: '',
  kind: 'amount-off',
  amount: '',
  percent: '',
  maxOff: '',
  minSpend: '',
  validityKind: 'days',
  days: '7',
  from: shanghaiParts(now).date,
  until: shanghaiParts(now + 30 * 86_400_000).date,
  perCustomerLimit: '1',
  totalQuantity: '',
  claimable: true,
  nextPurchaseOnly: false,
});

const int = (s: string): number | undefined => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : undefined);

/** Which form field a schema path belongs to. */
function fieldOf(path: string): CouponField {
  if (path.startsWith('offer.args.amountFen')) return 'amount';
  if (path.startsWith('offer.args.percent')) return 'percent';
  if (path.startsWith('offer.args.maxOffFen')) return 'maxOff';
  if (path.startsWith('minSpendFen')) return 'minSpend';
  if (path.startsWith('validity.days')) return 'days';
  if (path.startsWith('validity.from')) return 'from';
  if (path.startsWith('validity')) return 'until';
  if (path.startsWith('perCustomerLimit')) return 'perCustomerLimit';
  if (path.startsWith('totalQuantity')) return 'totalQuantity';
  return 'name';
}

export function toTemplateInput(f: CouponForm): { ok: true; input: CouponTemplateInput } | { ok: false; errors: CouponFormErrors } {
  const errors: CouponFormErrors = {};
  // Empty is fine unless required; what was typed must parse, else the field says how to write it.
  const reader = (parse: (text: string) => number | undefined, empty: string, bad: string) => (field: CouponField, text: string, required: boolean): number | undefined => {
    if (!text.trim()) {
      if (required) errors[field] = empty;
      return undefined;
    }
    const v = parse(text);
    if (v === undefined) errors[field] = bad;
    return v;
  };
  const money = reader(parseYuanInput, '请填写金额', '请填写金额，如 50 或 9.90');
  const whole = reader(int, '请填写整数', '请填写整数');
  const amountFen = f.kind === 'amount-off' ? money('amount', f.amount, true) : undefined;
  const percent = f.kind === 'percent-off' ? whole('percent', f.percent, true) : undefined;
  const maxOffFen = f.kind === 'percent-off' ? money('maxOff', f.maxOff, false) : undefined;
  const minSpendFen = money('minSpend', f.minSpend, false) ?? 0;
  const days = f.validityKind === 'days' ? whole('days', f.days, true) : undefined;
  const from = f.validityKind === 'fixed' ? fromShanghai(f.from, '00:00') : undefined;
  const untilStart = f.validityKind === 'fixed' ? fromShanghai(f.until, '00:00') : undefined;
  if (f.validityKind === 'fixed' && from === undefined) errors.from = '请选择开始日期';
  if (f.validityKind === 'fixed' && untilStart === undefined) errors.until = '请选择结束日期';
  const perCustomerLimit = whole('perCustomerLimit', f.perCustomerLimit, true);
  const totalQuantity = whole('totalQuantity', f.totalQuantity, false);
  if (Object.keys(errors).length) return { ok: false, errors };

  const draft = {
    name: f.name,
    offer: f.kind === 'amount-off' ? { code: 'amount-off', args: { amountFen } } : { code: 'percent-off', args: { percent, ...(maxOffFen !== undefined ? { maxOffFen } : {}) } },
    minSpendFen,
    // The end date is inclusive: valid until 23:59:59 that day.
    validity: f.validityKind === 'days' ? { kind: 'days', days } : { kind: 'fixed', from, until: untilStart! + 86_400_000 - 1 },
    perCustomerLimit,
    ...(totalQuantity !== undefined ? { totalQuantity } : {}),
    claimable: f.claimable,
    nextPurchaseOnly: f.nextPurchaseOnly,
  };
  const parsed = parseZh(couponTemplateInputSchema, draft);
  if (parsed.success) return { ok: true, input: parsed.data };
  for (const i of parsed.error.issues) {
    const field = fieldOf(i.path.map(String).join('.'));
    errors[field] ??= i.message;
  }
  return { ok: false, errors };
}
