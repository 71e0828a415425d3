import { z } from 'zod';
import { REQUEST_ID_PATTERN } from './ids';

/** Client-generated idempotency key: one per user intent, reused on retry (API.md). */
export const requestIdSchema = z.string().regex(REQUEST_ID_PATTERN, 'requestId 须为 8–64 位字母、数字、- 或 _');
