import { MAX_SAVED_ADDRESSES, addressOf, recordUse, removeAddress, type SavedAddress } from '../address-book';

const a = (i: number, lastUsedAt = i) => ({ name: `顾客${i}`, phone: `1390000${1000 + i}`, address: `上海市徐汇区 ${i} 号`, lastUsedAt });
const fields = ({ lastUsedAt: _t, ...f }: SavedAddress) => f;

describe('recordUse', () => {
  test.each([
    ['empty book: the address is the book', [], a(1, 0), 5, ['顾客1@5']],
    ['new address goes first', [a(1)], a(2, 0), 9, ['顾客2@9', '顾客1@1']],
    ['used again: moved first, time bumped, no duplicate', [a(2), a(1)], a(1, 0), 9, ['顾客1@9', '顾客2@2']],
    ['a late retry never moves an address back in time', [a(1, 50)], a(1, 0), 9, ['顾客1@50']],
  ] as Array<[string, SavedAddress[], SavedAddress, number, string[]]>)('%s', (_name, book, used, now, want) => {
    expect(recordUse(book, fields(used), now).map((e) => `${e.name}@${e.lastUsedAt}`)).toEqual(want);
  });

  test('the 11th distinct address drops the least recently used', () => {
    const full = Array.from({ length: MAX_SAVED_ADDRESSES }, (_, i) => a(i + 1));
    const next = recordUse(full, fields(a(99)), 100);
    expect(next).toHaveLength(MAX_SAVED_ADDRESSES);
    expect(next[0].name).toBe('顾客99');
    expect(next.map((e) => e.name)).not.toContain('顾客1');
  });
});

test('removeAddress matches name, phone and address; absent changes nothing', () => {
  const book = [a(2), a(1)];
  expect(removeAddress(book, fields(a(1))).map((e) => e.name)).toEqual(['顾客2']);
  expect(removeAddress(book, { ...fields(a(1)), phone: '13900009999' })).toEqual(book);
});

test('only 快递到家 has an address to remember', () => {
  expect(addressOf({ method: 'pickup', name: '张三' })).toBeUndefined();
  expect(addressOf(undefined)).toBeUndefined();
  expect(addressOf({ method: 'address', name: '张三', phone: '13800001111', address: '上海市某路 1 号' })).toEqual({ name: '张三', phone: '13800001111', address: '上海市某路 1 号' });
});
