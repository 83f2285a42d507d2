/** The pure domain core: no storage, no GraphQL, only deterministic functions and their types. */
export * from './as-of.js';
export * from './canonical.js';
export * from './clause-diff.js';
export * from './clause-keys.js';
export * from './consent-counts.js';
export * from './errors.js';
export * from './hash.js';
export * from './hash-chain.js';
export * from './longest-increasing.js';
export * from './period.js';
export * from './suppress-table.js';
export * from './suppression.js';
export * from './types.js';
export * from './word-diff.js';
