import { ok, type Result } from '../../shared/errors/result';
import { addressOf, byLastUsed, recordUse, removeAddress as without, type AddressBookView, type AddressFields, type SavedAddress } from '../../shared/gifts/address-book';
import type { Delivery } from '../../shared/gifts/delivery';
import { addressBookIdOf, type AddressBookDoc } from '../../shared/documents/address-book';
import type { ActionContext } from '../_kit/create-handler';
import { COLL } from '../_kit/collections';
import { faultPoint } from '../_kit/faults';
import { getById } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { txGet, txReplace } from '../_kit/tx';

const viewOf = (doc: AddressBookDoc | null): AddressBookView => ({ addresses: doc ? byLastUsed(doc.entries) : [] });

/** One transaction on the book by id: read, apply `change`, write only when something changed. */
async function changeBook(ctx: Pick<ActionContext, 'db' | 'openid'>, now: number, change: (entries: SavedAddress[]) => SavedAddress[]): Promise<AddressBookView> {
  const id = addressBookIdOf(ctx.openid);
  return runInTransaction(ctx.db, async (tx) => {
    const doc = await txGet<AddressBookDoc>(tx, COLL.addresses, id);
    const entries = change(doc?.entries ?? []);
    if (sameEntries(doc?.entries ?? [], entries)) return viewOf(doc);
    const next: AddressBookDoc = { _id: id, openid: ctx.openid, entries, updatedAt: now, version: (doc?.version ?? 0) + 1 };
    await txReplace(tx, COLL.addresses, next);
    return viewOf(next);
  });
}

const sameEntries = (a: SavedAddress[], b: SavedAddress[]) =>
  a.length === b.length && a.every((e, i) => e.name === b[i].name && e.phone === b[i].phone && e.address === b[i].address && e.lastUsedAt === b[i].lastUsedAt);

/**
 * Remembers the address a 快递到家 order or gift claim just used. Called AFTER that transaction
 * committed — never inside it: the money and stock transactions keep their reads and writes, and
 * the book is what was really used (a refused order records nothing). Best effort: a failure here
 * is logged (no personal data in the log) and never fails the order or claim that already happened.
 */
export async function recordAddressUse(ctx: ActionContext, delivery: Delivery | undefined): Promise<void> {
  const used = addressOf(delivery);
  if (!used) return;
  try {
    faultPoint('address-book.record');
    const now = ctx.now();
    await changeBook(ctx, now, (entries) => recordUse(entries, used, now));
  } catch (e) {
    ctx.log.log('warn', 'address book not updated', { error: e instanceof Error ? e.message.slice(0, 200) : 'unknown' });
  }
}

/** `customer.addresses`: the caller's saved addresses, last used first (one read by id). */
export async function listAddresses(_input: Record<string, never>, ctx: ActionContext): Promise<Result<AddressBookView>> {
  return ok(viewOf(await getById<AddressBookDoc>(ctx.db, COLL.addresses, addressBookIdOf(ctx.openid))));
}

/** `customer.removeAddress`: takes one address out of the book; one not there changes nothing (a retry is harmless). */
export async function removeAddress(input: AddressFields, ctx: ActionContext): Promise<Result<AddressBookView>> {
  return ok(await changeBook(ctx, ctx.now(), (entries) => without(entries, input)));
}
