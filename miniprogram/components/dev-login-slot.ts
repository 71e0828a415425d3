import type { ComponentType } from 'react';
import type { DevLoginProps } from './dev-login';

/**
 * The dev login exists only in the H5 build (DESIGN rule 3: unreachable in production).
 * Webpack folds `process.env.TARO_ENV === 'h5'` at build time and never resolves the require in
 * the dead branch, so on weapp neither the component nor its CSS is bundled. A static import
 * would keep the module (and its stylesheet, a side effect) even when the JSX using it is dropped.
 */
export const DevLogin: ComponentType<DevLoginProps> | null =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  process.env.TARO_ENV === 'h5' ? (require('./dev-login') as typeof import('./dev-login')).DevLogin : null;
