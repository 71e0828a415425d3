export * from './fen';
export * from './rounding';
export * from './format';
