import { z } from 'zod';

/** Ids operators give plans, packs and survey options: short, lower case, stable in stored documents. */
export const settingIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, '编号只能包含小写字母、数字、-、_');

