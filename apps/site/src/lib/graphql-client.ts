/**
 * Runs the committed GraphQL operations (src/operations/*.graphql) for the build: against the API
 * partners use when CANDOR_API_URL is set, otherwise in-process against the very same schema
 * (@candor/schema) and database the API would read. Either way the site sees exactly what a
 * partner's query would return.
 *
 * Any GraphQL error fails the build, naming the operation. Every execution is counted and logged
 * with its duration, so a change that multiplies the queries of a build shows up at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Imported statically even for builds against CANDOR_API_URL: Astro may close the Vite module
// runner that loaded the content config before a lazy import() would run. Importing opens
// nothing; the database is opened on the first in-process operation only.
import { type Context, createLoaders, type Database, schema } from '@candor/schema';
import { type DocumentNode, graphql, Kind, parse } from 'graphql';
import { loadSiteEnv, type SiteEnv } from './env';
import { openSiteDatabase } from './site-database';

/** Where the committed operations live, relative to this module. */
const OPERATIONS_DIR = fileURLToPath(new URL('../operations/', import.meta.url));

export type Variables = Record<string, unknown>;

interface OperationSource {
  /** The whole file (operations and fragments), sent as the GraphQL document. */
  source: string;
  file: string;
}

export class OperationError extends Error {
  override name = 'OperationError';
}

let operations: Map<string, OperationSource> | undefined;

/** Indexes every named operation of every .graphql file under src/operations/ by its name. */
function loadOperations(): Map<string, OperationSource> {
  if (operations !== undefined) return operations;
  const found = new Map<string, OperationSource>();
  for (const file of readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql'))) {
    const source = readFileSync(join(OPERATIONS_DIR, file), 'utf8');
    const document: DocumentNode = parse(source);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const name = definition.name?.value;
      if (name === undefined) throw new OperationError(`${file}: every operation needs a name`);
      const other = found.get(name);
      if (other !== undefined) throw new OperationError(`Operation ${name} is defined in ${other.file} and ${file}`);
      found.set(name, { source, file });
    }
  }
  operations = found;
  return found;
}

/** The names of the committed operations (for tests and for the build log). */
export function operationNames(): string[] {
  return [...loadOperations().keys()].sort();
}

let executed = 0;

/** How many operations this process has executed (a later check keeps this small and constant). */
export function executedOperationCount(): number {
  return executed;
}

type LogLine = (line: string) => void;
let log: LogLine = (line) => console.info(line);

/** Routes the one-line-per-operation log (console by default; tests and scripts may capture it). */
export function setOperationLogger(logger: LogLine): void {
  log = logger;
}

/** Writes one line to the operation log. */
export function logLine(line: string): void {
  log(line);
}

let env: SiteEnv | undefined;
const siteEnv = (): SiteEnv => {
  env ??= loadSiteEnv();
  return env;
};

let clock: Date | undefined;

/**
 * The instant the build reads the data at: CANDOR_NOW when set, otherwise the first time it is
 * asked. One reading for the whole build, so "current", "upcoming" and timing agree on every page.
 */
export function buildNow(): Date {
  clock ??= siteEnv().CANDOR_NOW === undefined ? new Date() : new Date(siteEnv().CANDOR_NOW as string);
  return clock;
}

/** Runs one committed operation by name and returns its data; throws on any GraphQL error. */
export async function executeOperation<T>(name: string, variables: Variables = {}): Promise<T> {
  const operation = loadOperations().get(name);
  if (operation === undefined) throw new OperationError(`Unknown GraphQL operation ${name}`);
  const apiUrl = siteEnv().CANDOR_API_URL;
  // Opening (and checking) the database is paid once, before the first operation's clock starts.
  if (apiUrl === undefined) await openInProcess();
  const started = performance.now();
  executed++;
  const result =
    apiUrl === undefined
      ? await runInProcess(operation, name, variables)
      : await runOverHttp(apiUrl, operation, name, variables);
  const milliseconds = Math.round(performance.now() - started);
  log(`GraphQL ${name} ${milliseconds} ms (${apiUrl === undefined ? 'in-process' : apiUrl})`);
  if (result.errors !== undefined && result.errors.length > 0) {
    const messages = result.errors.map((error) => {
      const code = typeof error.extensions?.code === 'string' ? ` [${error.extensions.code}]` : '';
      const path = error.path === undefined ? '' : ` at ${error.path.join('.')}`;
      return `  - ${error.message}${code}${path}`;
    });
    throw new OperationError(`GraphQL operation ${name} (${operation.file}) failed:\n${messages.join('\n')}`);
  }
  if (result.data == null) throw new OperationError(`GraphQL operation ${name} (${operation.file}) returned no data`);
  return result.data as T;
}

interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

interface ExecutionResultShape {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLErrorShape[];
}

async function runOverHttp(
  apiUrl: string,
  operation: OperationSource,
  name: string,
  variables: Variables,
): Promise<ExecutionResultShape> {
  const endpoint = `${apiUrl.replace(/\/+$/, '')}/graphql`;
  const token = siteEnv().CANDOR_TOKEN;
  const send = () =>
    fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ query: operation.source, operationName: name, variables }),
    });
  let response: Response;
  try {
    // Once more on a network error: a kept-alive connection the server closed while idle fails the
    // first request sent on it, and every operation is a read, safe to repeat.
    response = await send().catch(send);
  } catch (error) {
    throw new OperationError(`GraphQL operation ${name}: cannot reach ${endpoint} (${String(error)})`);
  }
  const text = await response.text();
  let body: ExecutionResultShape;
  try {
    body = JSON.parse(text) as ExecutionResultShape;
  } catch {
    throw new OperationError(
      `GraphQL operation ${name}: ${endpoint} answered HTTP ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  if (!response.ok && (body.errors === undefined || body.errors.length === 0)) {
    throw new OperationError(`GraphQL operation ${name}: ${endpoint} answered HTTP ${response.status}`);
  }
  return body;
}

interface InProcess {
  database: Database;
  context: Context;
}

let inProcess: Promise<InProcess> | undefined;

/** Opens the database once per build; every in-process operation shares it and one context. */
function openInProcess(): Promise<InProcess> {
  inProcess ??= (async () => {
    const config = siteEnv();
    // Read only: a database that is missing, empty or behind stops the build (lib/site-database.ts).
    const { database, signer } = await openSiteDatabase(config, (line) => log(line));
    const now = buildNow();
    const context: Context = {
      prisma: database.prisma,
      now,
      minimumCellSize: config.CANDOR_MIN_CELL_SIZE,
      loaders: createLoaders(database.prisma, now),
      viewer: null,
      signer,
    };
    return { database, context };
  })();
  return inProcess;
}

async function runInProcess(
  operation: OperationSource,
  name: string,
  variables: Variables,
): Promise<ExecutionResultShape> {
  const { context } = await openInProcess();
  // Fresh DataLoaders per operation, as the API creates them per request.
  const contextValue: Context = { ...context, loaders: createLoaders(context.prisma, context.now) };
  return graphql({ schema, source: operation.source, operationName: name, variableValues: variables, contextValue });
}

/** Closes the in-process database, if one was opened (the build calls this once all data is read). */
export async function closeDatabase(): Promise<void> {
  const opened = inProcess;
  inProcess = undefined;
  // A failed open closed what it opened, and its error already reached the operations.
  const result = await opened?.catch(() => undefined);
  if (result !== undefined) await result.database.close();
}
