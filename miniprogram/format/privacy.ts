/** 隐私与数据 (subpackage packages/privacy): what we hold, export, deleting the account. Linked from 我的. */
export const PRIVACY_URL = '/packages/privacy/index';
