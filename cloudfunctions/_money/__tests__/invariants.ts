import { balanceFromEntries } from '../../../shared/ledger/entries';
import { getAll, getById, type Db } from '../../_kit/db';
import { COLL, walletIdOf, type EntryDoc, type WalletDoc } from '../docs';

/** Ledger invariants for one customer: Σ entries = cached balance = Σ lots, nothing negative. */
export async function walletInvariants(db: Db, openid: string) {
  const w = await getById<WalletDoc>(db, COLL.wallets, walletIdOf(openid));
  const entries = await getAll<EntryDoc>(db, COLL.entries, { walletId: walletIdOf(openid) }, { max: 100_000, pageSize: 1000 });
  const fromEntries = balanceFromEntries(entries);
  const lots = { principalFen: (w?.lots ?? []).reduce((s, l) => s + l.principalLeftFen, 0), bonusFen: (w?.lots ?? []).reduce((s, l) => s + l.bonusLeftFen, 0) };
  const cached = { principalFen: w?.principalFen ?? 0, bonusFen: w?.bonusFen ?? 0 };
  expect({ principalFen: fromEntries.principalFen, bonusFen: fromEntries.bonusFen }).toEqual(cached);
  expect(lots).toEqual(cached);
  for (const l of w?.lots ?? []) {
    expect(l.principalLeftFen).toBeGreaterThanOrEqual(0);
    expect(l.bonusLeftFen).toBeGreaterThanOrEqual(0);
  }
  return { ...cached, totalFen: cached.principalFen + cached.bonusFen, entries: entries.length };
}
