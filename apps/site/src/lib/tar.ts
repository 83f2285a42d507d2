/**
 * The archive download's container: POSIX ustar (IEEE Std 1003.1-2001 "pax" interchange format),
 * written and read here in a few lines rather than with a dependency. No Node-only import, so the
 * in-browser verifier (src/scripts/verify.ts) reads the archive with the same code that wrote it;
 * gzip is the caller's (zlib in the build, DecompressionStream in the browser).
 *
 * Written deterministically: every file 0644, owner 0/0 with no names, one modification time, in
 * the order given; a path too long for ustar's name and prefix fields gets a pax `path` record.
 */

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface TarFile {
  /** "/"-separated path inside the archive. */
  path: string;
  content: Uint8Array;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function put(block: Uint8Array, offset: number, text: string): void {
  block.set(encoder.encode(text), offset);
}

/** Splits a UTF-8 path over ustar's prefix (155 bytes) and name (100 bytes), or null if it cannot. */
function splitPath(path: string): { prefix: string; name: string } | null {
  if (encoder.encode(path).length <= 100) return { prefix: '', name: path };
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
    const prefix = path.slice(0, slash);
    const name = path.slice(slash + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100) return { prefix, name };
  }
  return null;
}

function header(name: string, prefix: string, size: number, mtime: number, type: '0' | 'x'): Uint8Array {
  const block = new Uint8Array(BLOCK);
  put(block, 0, name);
  put(block, 100, octal(0o644, 8));
  put(block, 108, octal(0, 8));
  put(block, 116, octal(0, 8));
  put(block, 124, octal(size, 12));
  put(block, 136, octal(mtime, 12));
  put(block, 148, '        ');
  put(block, 156, type);
  put(block, 257, 'ustar\u000000');
  put(block, 345, prefix);
  const sum = block.reduce((total, byte) => total + byte, 0);
  put(block, 148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

const padding = (size: number): Uint8Array => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

/** A pax extended-header record: "<length> <key>=<value>\n", the length counting itself. */
function paxRecord(key: string, value: string): Uint8Array {
  const body = ` ${key}=${value}\n`;
  const bodyLength = encoder.encode(body).length;
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length = String(length).length + bodyLength;
  return encoder.encode(`${length}${body}`);
}

/** The tar archive of `files`, each stamped with `modified` (whole seconds). */
export function writeTar(files: readonly TarFile[], modified: Date): Uint8Array {
  const mtime = Math.max(0, Math.floor(modified.getTime() / 1000));
  const parts: Uint8Array[] = [];
  for (const file of files) {
    let split = splitPath(file.path);
    if (split === null) {
      const record = paxRecord('path', file.path);
      parts.push(header('PaxHeaders/long-path', '', record.length, mtime, 'x'), record, padding(record.length));
      split = { prefix: '', name: file.path.slice(-90).replace(/^[^/]*\//, '') };
    }
    parts.push(
      header(split.name, split.prefix, file.content.length, mtime, '0'),
      file.content,
      padding(file.content.length),
    );
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const text = (bytes: Uint8Array): string =>
  decoder.decode(bytes.subarray(0, bytes.indexOf(0) === -1 ? bytes.length : bytes.indexOf(0)));

/**
 * The regular files of a tar archive (ustar, with pax `path` records as written above and by GNU
 * and BSD tar). @throws Error for an archive that is not tar.
 */
export function readTar(archive: Uint8Array): TarFile[] {
  const files: TarFile[] = [];
  let offset = 0;
  let longPath: string | null = null;
  while (offset + BLOCK <= archive.length) {
    const block = archive.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    const size = Number.parseInt(text(block.subarray(124, 136)).trim() || '0', 8);
    if (!Number.isSafeInteger(size) || size < 0) throw new Error('This is not a tar archive.');
    const type = String.fromCharCode(block[156] ?? 0);
    const body = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + size + ((BLOCK - (size % BLOCK)) % BLOCK);
    if (type === 'x') {
      for (const match of decoder.decode(body).matchAll(/\d+ path=([^\n]*)\n/g)) longPath = match[1] ?? null;
      continue;
    }
    if (type !== '0' && type !== '\0') {
      longPath = null;
      continue;
    }
    const prefix = text(block.subarray(345, 500));
    const name = text(block.subarray(0, 100));
    files.push({ path: longPath ?? (prefix === '' ? name : `${prefix}/${name}`), content: body });
    longPath = null;
  }
  if (files.length === 0 && offset === 0) throw new Error('This is not a tar archive.');
  return files;
}
