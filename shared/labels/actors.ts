import { DEMO_OPERATOR } from '../ops/launch-checklist';

/**
 * Who did something, as a person reads it — never a bare openid. `updatedBy` / `by` hold an
 * operator's openid, or a writer that is not a person (the local demo seed). Operators have no
 * display name yet, so one is told apart by the tail of their openid, as WeChat shows a card
 * number (尾号); the demo accounts have names.
 */
export const SEED_ACTOR = 'seed';

const NAMED_ACTORS: Readonly<Record<string, string>> = {
  [SEED_ACTOR]: '演示数据初始化',
  system: '系统自动处理',
  [DEMO_OPERATOR]: '演示店主',
};

/** "尾号 x7Qa" — enough to tell two accounts apart and match the full id on the customer page. */
export const idTail = (id: string): string => `尾号 ${id.slice(-4)}`;

export function actorLabel(by: string | undefined): string {
  if (!by) return '系统自动处理';
  return NAMED_ACTORS[by] ?? `运营人员（${idTail(by)}）`;
}

/** A customer named in an operator's record (no nickname on file): "顾客（尾号 x7Qa）". */
export const customerLabel = (openid: string): string => `顾客（${idTail(openid)}）`;

/**
 * How the back office names a customer: the nickname they chose (头像昵称), else
 * 「顾客（尾号 x7Qa）」. `hint` is the openid's tail shown beside a nickname (two customers may
 * choose the same one); empty when the name already carries it.
 */
export function customerName(openid: string, display?: { nickname: string | null } | null): { name: string; hint: string } {
  const nickname = display?.nickname;
  return nickname ? { name: nickname, hint: idTail(openid) } : { name: customerLabel(openid), hint: '' };
}
