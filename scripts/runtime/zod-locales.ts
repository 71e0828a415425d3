/**
 * What the function bundles get for zod's `locales` namespace (scripts/build-functions.ts): the
 * functions answer in Chinese only (`z.locales.zhCN()`), and zod's own default is English, so
 * these two instead of all 40+ languages — ≈ 230 KB of every minified bundle (issue 18: cold
 * starts). Anything else asked of `z.locales` is undefined in a bundle, which the bundle tests see.
 */
export { default as zhCN } from 'zod/v4/locales/zh-CN.js';
export { default as en } from 'zod/v4/locales/en.js';
