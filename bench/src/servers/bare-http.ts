/**
 * The physical limit for `pnpm bench`: a bare `node:http` server, started as its own process, that
 * answers every request with one fixed answer — the bytes and headers Candor sent for the cached
 * version query (read from the files named by BENCH_BODY_FILE and BENCH_HEADERS_FILE). It prints
 * `{"port":…}` on stdout once it listens on a free port.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { serveForBench } from './serve-for-bench.js';

const body = readFileSync(process.env.BENCH_BODY_FILE ?? '');
const headers = JSON.parse(readFileSync(process.env.BENCH_HEADERS_FILE ?? '', 'utf8')) as Record<string, string>;
const entries = Object.entries({ ...headers, 'content-length': String(body.length) });

const server = createServer((request, response) => {
  request.resume();
  for (const [name, value] of entries) response.setHeader(name, value);
  response.end(body);
});
serveForBench(server);
