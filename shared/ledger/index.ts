export * from './lots';
export * from './entries';
