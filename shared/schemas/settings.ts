/**
 * The settings document now lives in shared/settings/ (one part per context, composed in
 * shared/settings/index.ts). This module keeps the import path the code base uses.
 */
export * from '../settings';
