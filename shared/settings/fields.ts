import { z } from 'zod';

/** Ids operators give plans, packs and survey options: short, lower case, stable in stored documents. */
export const settingIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, '编号只能包含小写字母、数字、-、_');

/**
 * A zod enum over an option list a rule module owns, so the settings document offers exactly the
 * options the rule understands (some rule modules type their list as a readonly array, not a tuple).
 */
export const enumOf = <T extends string>(values: readonly T[]) => z.enum(values as readonly [T, ...T[]]);
