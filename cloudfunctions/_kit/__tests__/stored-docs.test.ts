import { DOCUMENT_SCHEMAS } from '../../../shared/documents/registry';
import { emptyWallet } from '../../../shared/wallet/model';
import { collectionNames } from '../../../shared/schemas/indexes';
import { checkedDoc, StoredDocumentError } from '../stored-docs';

test('reads are checked under tests: a document of the wrong shape is refused, naming the field', () => {
  const wallet = { ...emptyWallet('u1', 1_000), principalFen: 1.5 };
  expect(() => checkedDoc('wallets', wallet)).toThrow(StoredDocumentError);
  expect(() => checkedDoc('wallets', wallet)).toThrow(/wallets\/wal_u1 .*principalFen/);
  expect(() => checkedDoc('memberships', { _id: 'mem_u1', openid: 'u1', terms: [], version: 0, updatedAt: 1 })).toThrow(/expiresAt/);
});

test('a document of the right shape comes back as read, fields the schema does not name included', () => {
  const wallet = { ...emptyWallet('u1', 1_000), later: 'kept' };
  expect(checkedDoc('wallets', wallet)).toBe(wallet);
  expect(checkedDoc('wallets', null)).toBeNull();
  // A collection without a declared schema is passed through.
  expect(checkedDoc('events', { anything: true })).toEqual({ anything: true });
});

test('every schema belongs to a declared collection', () => {
  for (const name of Object.keys(DOCUMENT_SCHEMAS)) expect(collectionNames()).toContain(name);
  expect(Object.keys(DOCUMENT_SCHEMAS).length).toBeGreaterThanOrEqual(4);
});
