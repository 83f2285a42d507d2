/**
 * The in-memory comparison for `pnpm bench`'s uncached nested query: a plain graphql-yoga server
 * (its defaults: parse and validate caches on, no Candor plugins) over the committed SDL
 * (BENCH_SDL_FILE), whose root fields return plain JS objects loaded once at start-up from
 * BENCH_DATA_FILE — Candor's own answer to the nested query — and whose every other field uses
 * graphql-js's default resolver. So it runs the same parse, validate and execute over the same
 * answer with no database: what the query costs when the data is already in memory.
 * It prints `{"port":…}` on stdout once it listens on a free port.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { serveForBench } from './serve-for-bench.js';

const typeDefs = readFileSync(process.env.BENCH_SDL_FILE ?? '', 'utf8');
const data = JSON.parse(readFileSync(process.env.BENCH_DATA_FILE ?? '', 'utf8')) as Record<string, unknown>;
const rootFields = Object.fromEntries(Object.entries(data).map(([field, value]) => [field, () => value]));

const yoga = createYoga({
  schema: createSchema({ typeDefs, resolvers: { Query: rootFields } }),
  graphiql: false,
  landingPage: false,
  logging: false,
});
const server = createServer(yoga);
serveForBench(server);
