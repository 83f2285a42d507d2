import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@candor/schema';
import { Kind, parse } from 'graphql';

/**
 * The persisted operations (docs/partner-api.md, "HTTP caching and persisted operations"): the site's committed
 * operation files, keyed by the SHA-256 of each file's full text. A file is the unit because the
 * site sends a whole file (its operations and the fragments they share) as the document and picks
 * one with `operationName`; the hash of exactly that text is what it, a partner or a CDN sends.
 */
export interface PersistedOperations {
  /** hash → document */
  byHash: ReadonlyMap<string, string>;
  /** The hash of a document when it is one of the persisted ones. */
  hashOf(document: string): string | undefined;
  /** The published manifest (`GET /graphql/persisted-operations.json`), serialized once. */
  manifestJson: string;
}

/** Where the manifest of the persisted operations is published. */
export const MANIFEST_PATH = '/graphql/persisted-operations.json';

export const SITE_OPERATIONS_DIRECTORY = join(repositoryRoot, 'apps', 'site', 'src', 'operations');

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Reads and checks every `.graphql` file of a directory; a file that does not parse stops start-up. */
export function loadPersistedOperations(directory: string = SITE_OPERATIONS_DIRECTORY): PersistedOperations {
  const byHash = new Map<string, string>();
  const byDocument = new Map<string, string>();
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.graphql'))
    .sort()) {
    const document = readFileSync(join(directory, file), 'utf8');
    const definitions = parse(document).definitions;
    if (!definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)) continue;
    const hash = sha256Hex(document);
    byHash.set(hash, document);
    byDocument.set(document, hash);
  }
  return {
    byHash,
    hashOf: (document) => byDocument.get(document),
    manifestJson: JSON.stringify(Object.fromEntries(byHash)),
  };
}

let siteOperations: PersistedOperations | undefined;

/** The site's operations, read once per process. */
export const sitePersistedOperations = (): PersistedOperations => {
  siteOperations ??= loadPersistedOperations();
  return siteOperations;
};

/**
 * True when `document` is, to the character, one of the site's committed operation files: a
 * trusted document, which the query-limit plugin's cost limit exempts (the site's bulk reads are
 * reviewed in code review, not at request time).
 */
export const isPersistedDocument = (document: string): boolean =>
  sitePersistedOperations().hashOf(document) !== undefined;
