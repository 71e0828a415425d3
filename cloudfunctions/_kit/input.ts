/** Client-generated idempotency key: one per user intent, reused on retry (API.md); declared with the contract. */
export { requestIdSchema } from '../../shared/api/common';
