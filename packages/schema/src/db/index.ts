export * from './client.js';
export * from './database-url.js';
export * from './error-kinds.js';
export * from './migrate.js';
export * from './query-recorder.js';
export * from './retry.js';
