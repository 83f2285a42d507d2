import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';
import { LRUCache } from 'lru-cache';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** File and zlib output: Node allocates them on plain ArrayBuffers, so they are fetch bodies. */
type SiteBytes = Uint8Array<ArrayBuffer>;

/** A content coding the server can send a site file in. */
export type Coding = 'br' | 'gzip' | 'identity';

/** One file of the built site as the server sends it: its bytes, validators and compressed forms. */
export interface StaticRepresentation {
  /** Strong validator of the file's bytes (identity coding): a quoted base64url SHA-256 prefix. */
  readonly etag: string;
  /** The file's modification time, as an HTTP date. */
  readonly lastModified: string;
  readonly modifiedSeconds: number;
  /** The file's size in bytes (identity coding). */
  readonly size: number;
  /** The body in the coding asked for; compressed forms are made on first use and kept. */
  body(coding: Coding): Promise<SiteBytes>;
}

/**
 * Below this size compression gains less than the headers it needs (the usual 1 KB threshold
 * of nginx's gzip_min_length and CDNs).
 */
const MIN_COMPRESSIBLE_BYTES = 1024;

/**
 * Quality 9 / level 9: pages are compressed once per build and then served from memory, so the
 * cost is paid once; brotli 11 took ~4x longer than 9 on the site's pages for ~2 % smaller files.
 */
const BROTLI_OPTIONS = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } };
const GZIP_OPTIONS = { level: 9 };

/** Memory for cached site files and their compressed forms (the sample site is ~3 MB). */
const CACHE_BYTES = 64 * 1024 * 1024;
/** Larger files (archives) are read for each request and never cached. */
const MAX_CACHED_FILE_BYTES = 4 * 1024 * 1024;

interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly representation: StaticRepresentation;
  /** Bytes held: the file plus compressed forms made so far. */
  held: number;
}

function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/**
 * The content coding to send for a request's Accept-Encoding: brotli, then gzip, when the file's
 * type is compressible and big enough; `identity` otherwise. q=0 refuses a coding.
 */
export function negotiateCoding(acceptEncoding: string | null, compressible: boolean, size: number): Coding {
  if (!compressible || size < MIN_COMPRESSIBLE_BYTES || acceptEncoding === null) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    if (name === undefined || name === '') continue;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const weight = (coding: string) => accepted.get(coding) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

/** The ETag of a file's representation in a coding: one validator per coding (RFC 9110 8.8.3). */
export function codedEtag(etag: string, coding: Coding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding}"`;
}

/**
 * Whether If-None-Match names the representation: weak comparison (RFC 9110 13.1.2), and any
 * coding's tag of the same bytes matches (a cache may revalidate a gzip copy after asking for br).
 */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.slice(1, -1);
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    if (!tag.startsWith('"') || !tag.endsWith('"')) return false;
    const value = tag.slice(1, -1);
    return value === bare || value === `${bare}-br` || value === `${bare}-gzip`;
  });
}

/**
 * The site's files as representations, cached by path and revalidated against the file's size
 * and modification time on each request, so a rebuild in place is served at once.
 */
export class StaticRepresentations {
  readonly #cache = new LRUCache<string, Entry>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (entry) => Math.max(1, entry.held),
  });

  async get(path: string): Promise<StaticRepresentation> {
    const info = await stat(path);
    const cached = this.#cache.get(path);
    if (cached !== undefined && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
      return cached.representation;
    }
    const bytes = (await readFile(path)) as SiteBytes;
    const modifiedSeconds = Math.floor(info.mtimeMs / 1000);
    const lastModified = new Date(modifiedSeconds * 1000).toUTCString();
    const etag = etagOf(bytes);
    if (bytes.byteLength > MAX_CACHED_FILE_BYTES) {
      // Read again on each request; compressed on the fly (archives are already compressed, so
      // negotiateCoding gives identity for them).
      return {
        etag,
        lastModified,
        modifiedSeconds,
        size: bytes.byteLength,
        body: async (coding) => (coding === 'identity' ? bytes : compress(bytes, coding)),
      };
    }
    const forms = new Map<Coding, Promise<SiteBytes>>([['identity', Promise.resolve(bytes)]]);
    const entry: Entry = {
      size: info.size,
      mtimeMs: info.mtimeMs,
      held: bytes.byteLength,
      representation: {
        etag,
        lastModified,
        modifiedSeconds,
        size: bytes.byteLength,
        body: (coding) => {
          let form = forms.get(coding);
          if (form === undefined) {
            form = compress(bytes, coding);
            forms.set(coding, form);
            void form.then((compressed) => {
              entry.held += compressed.byteLength;
              // Re-set to account for the new size (lru-cache sizes entries when set).
              if (this.#cache.get(path) === entry) this.#cache.set(path, entry);
            });
          }
          return form;
        },
      },
    };
    this.#cache.set(path, entry);
    return entry.representation;
  }
}

async function compress(bytes: SiteBytes, coding: Coding): Promise<SiteBytes> {
  if (coding === 'br') return (await brotli(bytes, BROTLI_OPTIONS)) as SiteBytes;
  if (coding === 'gzip') return (await gzipAsync(bytes, GZIP_OPTIONS)) as SiteBytes;
  return bytes;
}
