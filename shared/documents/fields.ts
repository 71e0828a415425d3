import { z } from 'zod';

/**
 * Field schemas the stored-document schemas share. Documents are read with `z.looseObject`: a
 * field a newer version added (or an older one left) is carried through untouched, while every
 * field the code relies on is checked for presence and type.
 */
export const int = z.number().int();
/** Integer fen, never below 0 (balances, amounts). Deltas use `int`. */
export const fen = int.min(0);
export const epochMs = int.min(0);

export const lotSchema = z.looseObject({ lotId: z.string(), createdAt: epochMs, principalFen: fen, bonusFen: fen, principalLeftFen: fen, bonusLeftFen: fen });
export const lotDrawSchema = z.looseObject({ lotId: z.string(), principalFen: fen, bonusFen: fen });

/**
 * A nested value built and checked by its own module (a delivery, a fulfilment, a WeChat request
 * body): at the document boundary only "an object with this field" is checked, as anonymisation
 * (docs/privacy) may have removed the rest.
 */
export const objectWith = <T>(field: string) => z.custom<T>((v) => typeof v === 'object' && v !== null && field in v, { message: `expected an object with ${field}` });
