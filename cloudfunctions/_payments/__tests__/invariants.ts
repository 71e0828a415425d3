import { balanceFromEntries } from '../../../shared/ledger/entries';
import { getAll, getById, type Db } from '../../_kit/db';
import { walletIdOf, type EntryDoc, type OrderDoc, type WalletDoc } from '../../../shared/documents';
import { COLL } from '../../_kit/collections';

/**
 * Ledger invariants for one customer: Σ entries = cached balance = Σ lots, nothing negative; and
 * 组合支付 reservations: each belongs to an unpaid 组合支付 order of this customer with exactly those
 * draws, no lot is reserved beyond what is left in it, and every unpaid 组合支付 order holds one.
 */
export async function walletInvariants(db: Db, openid: string) {
  const w = await getById<WalletDoc>(db, COLL.wallets, walletIdOf(openid));
  const entries = await getAll<EntryDoc>(db, COLL.wallet_entries, { walletId: walletIdOf(openid) }, { max: 100_000, pageSize: 1000 });
  const fromEntries = balanceFromEntries(entries);
  const lots = { principalFen: (w?.lots ?? []).reduce((s, l) => s + l.principalLeftFen, 0), bonusFen: (w?.lots ?? []).reduce((s, l) => s + l.bonusLeftFen, 0) };
  const cached = { principalFen: w?.principalFen ?? 0, bonusFen: w?.bonusFen ?? 0 };
  expect({ principalFen: fromEntries.principalFen, bonusFen: fromEntries.bonusFen }).toEqual(cached);
  expect(lots).toEqual(cached);
  for (const l of w?.lots ?? []) {
    expect(l.principalLeftFen).toBeGreaterThanOrEqual(0);
    expect(l.bonusLeftFen).toBeGreaterThanOrEqual(0);
    const held = (w?.holds ?? []).flatMap((h) => h.draws).filter((d) => d.lotId === l.lotId);
    expect(held.reduce((s, d) => s + d.principalFen, 0)).toBeLessThanOrEqual(l.principalLeftFen);
    expect(held.reduce((s, d) => s + d.bonusFen, 0)).toBeLessThanOrEqual(l.bonusLeftFen);
  }
  for (const h of w?.holds ?? []) {
    const o = await getById<OrderDoc>(db, COLL.orders, h.orderId);
    expect({ orderId: h.orderId, openid: o?.openid, status: o?.status, payWith: o?.payWith }).toEqual({ orderId: h.orderId, openid, status: 'created', payWith: 'combined' });
    expect(h.draws).toEqual(o!.combined!.draws);
    expect(h.amountFen).toBe(o!.combined!.balanceFen);
  }
  const unpaid = await getAll<OrderDoc>(db, COLL.orders, { openid, status: 'created', payWith: 'combined' }, { max: 1000 });
  for (const o of unpaid) expect((w?.holds ?? []).some((h) => h.orderId === o._id)).toBe(true);
  const heldFen = (w?.holds ?? []).reduce((s, h) => s + h.amountFen, 0);
  return { ...cached, totalFen: cached.principalFen + cached.bonusFen, heldFen, entries: entries.length };
}
