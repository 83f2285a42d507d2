/**
 * GraphQL over fetch for the CLI. Failures are typed: no answer or a non-GraphQL answer is
 * ApiUnreachableError, a refused token is AuthenticationError (both exit 3), other GraphQL
 * errors are GraphQLRequestError, and a mutation's `error` payload is RefusedError (exit 1).
 * The token only ever travels in the Authorization header; no message repeats it.
 */
import type { TypedDocumentString } from '../generated/cli/graphql.js';
import { graphql } from '../generated/cli/index.js';
import type { Flags } from './args.js';
import {
  ApiUnreachableError,
  AuthenticationError,
  GraphQLRequestError,
  type MutationError,
  RefusedError,
  UsageError,
} from './errors.js';
import { readInputFile } from './files.js';
import { progress, resultJson } from './output.js';

export const DEFAULT_API_URL = 'http://127.0.0.1:4000';

/** Generous: an export reads whole histories, a hundred versions per request. */
const REQUEST_TIMEOUT_MS = 120_000;

export interface ApiClientOptions {
  /** The GraphQL endpoint. */
  endpoint: URL;
  token: string | null;
  /** Print a refused mutation's raw payload on stdout before failing (`--json`). */
  json: boolean;
}

/** The shape every mutation payload shares. */
export interface Payload {
  error: MutationError | null;
}

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: { code?: unknown; requestId?: unknown } }[];
}

/**
 * The endpoint from `--api` or CANDOR_API_URL (default http://127.0.0.1:4000); `/graphql` is
 * appended unless the path already ends with it.
 *
 * @throws UsageError when it is not an http(s) URL.
 */
export function endpointFrom(value: string, topic: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--api / CANDOR_API_URL must be a URL such as ${DEFAULT_API_URL}; got "${value}"`, topic);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--api / CANDOR_API_URL must be an http or https URL; got "${value}"`, topic);
  }
  if (!url.pathname.endsWith('/graphql')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/graphql`;
  return url;
}

/** A client for the API named by `--api`/CANDOR_API_URL with the caller's token (tokenFrom). */
export function connect(flags: Flags, env: NodeJS.ProcessEnv = process.env): ApiClient {
  return new ApiClient({ endpoint: apiEndpoint(flags, env), token: tokenFrom(flags, env), json: flags.json });
}

/**
 * The caller's token, never needed on the command line: `--token-file PATH` (the file's first
 * line), else CANDOR_TOKEN. `--token T` still works, ahead of CANDOR_TOKEN as a flag should be,
 * but warns on stderr: it lands in shell history, the process list and what pnpm echoes.
 *
 * @throws UsageError when the file cannot be read or holds no token.
 */
export function tokenFrom(flags: Flags, env: NodeJS.ProcessEnv = process.env): string | null {
  const file = flags.string('token-file');
  if (file !== undefined) {
    const token = nonEmpty(readInputFile(file, 'token-file', flags.topic).split(/\r?\n/, 1)[0]);
    if (token === undefined)
      throw new UsageError(`--token-file: ${file} holds no token on its first line`, flags.topic);
    return token;
  }
  const fromFlag = nonEmpty(flags.string('token'));
  if (fromFlag !== undefined) {
    progress(
      'warning: --token puts your token in your shell history, the process list and what pnpm echoes; use CANDOR_TOKEN or --token-file PATH instead',
    );
    return fromFlag;
  }
  return nonEmpty(env.CANDOR_TOKEN) ?? null;
}

/**
 * A client that sends no token, for public commands (export, verify, checkpoint save): they
 * must work for anyone, and a stale CANDOR_TOKEN in the environment must not make them fail.
 */
export function connectAnonymously(flags: Flags, env: NodeJS.ProcessEnv = process.env): ApiClient {
  return new ApiClient({ endpoint: apiEndpoint(flags, env), token: null, json: flags.json });
}

function apiEndpoint(flags: Flags, env: NodeJS.ProcessEnv): URL {
  return endpointFrom(flags.string('api') ?? nonEmpty(env.CANDOR_API_URL) ?? DEFAULT_API_URL, flags.topic);
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  /** The endpoint without any credentials, for messages. */
  get displayUrl(): string {
    const url = new URL(this.options.endpoint);
    url.username = '';
    url.password = '';
    return url.toString();
  }

  /**
   * Runs a query and returns its data: typed from the document when it is a `graphql()` document
   * (src/generated/cli/, `pnpm codegen`), as the caller says otherwise.
   *
   * @throws ApiUnreachableError, AuthenticationError or GraphQLRequestError.
   */
  async query<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R>;
  async query<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
  async query(document: string | TypedDocumentString<unknown, unknown>, variables: object = {}): Promise<unknown> {
    const body = await this.post(document.toString(), variables);
    const errors = body.errors ?? [];
    if (errors.length > 0) {
      const described = errors.map((e) => ({
        message: typeof e.message === 'string' ? e.message : 'unknown error',
        code: typeof e.extensions?.code === 'string' ? e.extensions.code : null,
        requestId: typeof e.extensions?.requestId === 'string' ? e.extensions.requestId : null,
      }));
      const unauthenticated = described.find((e) => e.code === 'UNAUTHENTICATED');
      if (unauthenticated !== undefined) throw this.authenticationError(unauthenticated.message);
      throw new GraphQLRequestError(described);
    }
    if (body.data === undefined || body.data === null) {
      throw new GraphQLRequestError([{ message: 'The API answered without data', code: null, requestId: null }]);
    }
    return body.data;
  }

  /**
   * Runs a mutation and returns its payload (`data[field]`) when it succeeded.
   *
   * @throws RefusedError with the payload's error (AuthenticationError for UNAUTHENTICATED),
   * after printing the raw payload on stdout in `--json` mode.
   */
  async mutate<R extends Record<F, Payload>, V, F extends keyof R & string>(
    document: TypedDocumentString<R, V>,
    variables: V,
    field: F,
  ): Promise<R[F]>;
  async mutate<P extends Payload>(document: string, variables: Record<string, unknown>, field: string): Promise<P>;
  async mutate(
    document: string | TypedDocumentString<unknown, unknown>,
    variables: object,
    field: string,
  ): Promise<Payload> {
    const data = await this.query<Record<string, Payload | undefined>>(document.toString(), { ...variables });
    const payload = data[field];
    if (payload === undefined) {
      throw new GraphQLRequestError([{ message: `The API answered without ${field}`, code: null, requestId: null }]);
    }
    if (payload.error !== null) {
      if (this.options.json) resultJson(payload);
      if (payload.error.code === 'UNAUTHENTICATED') throw this.authenticationError(payload.error.message);
      throw new RefusedError(payload.error);
    }
    return payload;
  }

  private authenticationError(message: string): AuthenticationError {
    const hint =
      this.options.token === null
        ? 'this command needs an API token: set CANDOR_TOKEN or pass --token-file PATH'
        : 'the API refused the token given by --token-file, CANDOR_TOKEN or --token';
    return new AuthenticationError(`UNAUTHENTICATED: ${message} (${hint})`);
  }

  private async post(document: string, variables: object): Promise<GraphQLResponse> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    };
    if (this.options.token !== null) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await fetch(this.options.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: document, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ApiUnreachableError(`cannot reach the API at ${this.displayUrl}: ${networkReason(error)}`);
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (typeof body !== 'object' || body === null || !('data' in body || 'errors' in body)) {
      throw new ApiUnreachableError(
        `${this.displayUrl} answered HTTP ${response.status} without a GraphQL response; is --api / CANDOR_API_URL right?`,
      );
    }
    return body as GraphQLResponse;
  }
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The selection of a mutation payload's `error`, for the documents not yet written with graphql(). */
export const ERROR_SELECTION = 'error { code message field problems { field message line column } }';

// The same for typed documents: `error { ...CliMutationError }` (see ApiClient.mutate).
graphql(`
  fragment CliMutationError on MutationError {
    code
    message
    field
    problems { field message line column }
  }
`);
