import { z } from 'zod';

/** Money is integer fen everywhere (DESIGN rule 1). The brand stops yuan floats sneaking in. */
export type Fen = number & { readonly __brand: 'Fen' };

export const isFen = (n: unknown): n is Fen => typeof n === 'number' && Number.isSafeInteger(n);

export const fen = (n: number): Fen => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer fen amount: ${n}`);
  return n as Fen;
};

/** zod: a safe integer amount in fen, optionally non-negative. */
export const fenSchema = z.number('金额必须是数字（单位：分）').int('金额必须是整数（单位：分，如 ¥12.80 填 1280）').refine(Number.isSafeInteger, '金额必须是安全整数（分）');
export const nonNegativeFenSchema = fenSchema.refine((n) => n >= 0, '金额不能为负数');
export const positiveFenSchema = fenSchema.refine((n) => n > 0, '金额必须大于 0');

export const addFen = (...xs: number[]): Fen => fen(xs.reduce((a, b) => a + b, 0));
export const subFen = (a: number, b: number): Fen => fen(a - b);
