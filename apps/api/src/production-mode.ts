/**
 * Imported first by main.ts, before anything loads graphql-js: graphql-js decides when it loads
 * whether to run its development-time checks (an `instanceof` guard against duplicate copies of
 * the module, on every type check of every field), which cost ~15 % of an uncached query's CPU.
 * `pnpm start` serves in production mode unless NODE_ENV says otherwise (tests set "test").
 */
process.env.NODE_ENV ??= 'production';
