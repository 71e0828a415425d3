export * from './codes';
export * from './result';
export * from './envelope';
export * from './messages';
