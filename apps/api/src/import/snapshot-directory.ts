/**
 * Dated Markdown snapshots of documents, as `candor import ota` reads them:
 *
 * - the layout `candor export` writes (export-manifest.ts): `<Organisation>/<Document
 *   title>/<YYYY-MM-DDTHH-MM-SSZ>.md`, a second version in the same second with ` <label>` before
 *   `.md`; the manifest, README, withdrawals, `AI features/` and `Consent statistics/` are not
 *   versions and are passed over;
 * - an Open Terms Archive dataset: `<Service>/<Terms type>/<YYYY-MM-DDTHH-MM-SSZ>.md`, usually
 *   under one folder named after the dataset, with a README at its root;
 * - any folder of files named by date alone, `<YYYY-MM-DD>.md` (midnight UTC).
 *
 * Every folder that holds dated files is one document, its name the document's title. Files in
 * Candor's own Version Markdown (an export) also give their label, change note and clauses with
 * the keys they were published with, read by parseVersionMarkdown.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  AI_FEATURES_FOLDER,
  CONSENT_STATISTICS_FOLDER,
  EXPORT_README_FILE,
  MANIFEST_FILE,
  parseIsoInstant,
  parseVersionMarkdown,
} from '@candor/schema/domain';
import { ImportSourceError, type SourceVersion } from './source-version.js';

export interface SnapshotDocument {
  /** The folder's name: the document's title (Candor export) or terms type (Open Terms Archive). */
  document: string;
  /** The folder's path relative to the directory, "/"-separated; "" for the directory itself. */
  folder: string;
  /** Oldest first. */
  versions: SourceVersion[];
}

/** Folders of an export that hold other records than document versions. */
const NOT_DOCUMENT_FOLDERS = new Set([AI_FEATURES_FOLDER, CONSENT_STATISTICS_FOLDER]);
/** `2023-08-07T00-00-00Z`, optionally with milliseconds, or `2023-08-07`; then ` <label>` at most. */
const DATED_FILE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2})-(\d{2})-(\d{2})(?:\.(\d{1,3}))?Z)?(?: (.+))?\.md$/;
const EXPECTED_LAYOUT =
  '<Organisation or service>/<Document title>/<YYYY-MM-DDTHH-MM-SSZ>.md, as `candor export` and Open Terms Archive datasets write them, or <YYYY-MM-DD>.md files';

interface DatedFile {
  /** Relative to the directory, "/"-separated. */
  path: string;
  date: Date;
  /** The ` <label>` after the date, when there is one. */
  suffix: string | undefined;
}

/**
 * Every document folder below `dir` (sorted by path) with its dated snapshots, oldest first; of
 * two snapshots of the same instant, the one without a suffix comes first (the export names the
 * later one in its chain with ` <label>`).
 *
 * @throws ImportSourceError (field `dir`) when `dir` is missing or not a directory, holds no
 * dated Markdown file, names a file by a date that does not exist, or holds a file that is not
 * UTF-8 text or is Version Markdown that does not parse.
 */
export async function readSnapshotDirectory(dir: string): Promise<SnapshotDocument[]> {
  const isDirectory = await stat(dir).then(
    (s) => s.isDirectory(),
    () => null,
  );
  if (isDirectory === null) throw new ImportSourceError(`${dir} does not exist`, 'dir');
  if (!isDirectory) throw new ImportSourceError(`${dir} is not a directory`, 'dir');

  const folders = new Map<string, DatedFile[]>();
  await collect(dir, '', folders);
  if (folders.size === 0) {
    throw new ImportSourceError(`${dir} has no dated Markdown files; expected ${EXPECTED_LAYOUT}`, 'dir');
  }

  const documents: SnapshotDocument[] = [];
  for (const folder of [...folders.keys()].sort()) {
    const files = (folders.get(folder) as DatedFile[]).sort(
      (a, b) =>
        a.date.getTime() - b.date.getTime() ||
        Number(a.suffix !== undefined) - Number(b.suffix !== undefined) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
    const versions = await Promise.all(files.map((file) => readSnapshot(dir, file)));
    documents.push({ document: folder === '' ? basename(resolve(dir)) : basename(folder), folder, versions });
  }
  return documents;
}

async function collect(root: string, folder: string, folders: Map<string, DatedFile[]>): Promise<void> {
  const entries: Dirent[] = await readdir(join(root, folder), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) {
      if (!NOT_DOCUMENT_FOLDERS.has(entry.name)) await collect(root, path, folders);
      continue;
    }
    if (!entry.isFile() || entry.name === MANIFEST_FILE || entry.name === EXPORT_README_FILE) continue;
    const dated = datedFile(path, entry.name);
    if (dated === null) continue;
    const files = folders.get(folder) ?? [];
    files.push(dated);
    folders.set(folder, files);
  }
}

function datedFile(path: string, name: string): DatedFile | null {
  const match = DATED_FILE.exec(name);
  if (match === null) return null;
  const [, day, hour, minute, second, millis, suffix] = match;
  const iso = hour === undefined ? (day as string) : `${day}T${hour}:${minute}:${second}.${millis ?? '000'}Z`;
  const date = parseIsoInstant(iso);
  if (date === null) throw new ImportSourceError(`${path} is named by a date that does not exist`, 'dir');
  return { path, date, suffix };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

async function readSnapshot(root: string, file: DatedFile): Promise<SourceVersion> {
  let markdown: string;
  try {
    markdown = UTF8.decode(await readFile(join(root, file.path)));
  } catch {
    throw new ImportSourceError(`${file.path} is not UTF-8 text`, 'dir');
  }
  const version: SourceVersion = {
    sourceRef: file.path,
    path: file.path,
    date: file.date,
    author: '',
    subject: '',
    markdown,
  };
  if (!isVersionMarkdown(markdown)) return version;

  let parsed: ReturnType<typeof parseVersionMarkdown>;
  try {
    parsed = parseVersionMarkdown(withoutExplanations(markdown));
  } catch (error) {
    throw new ImportSourceError(
      `${file.path} is Candor Version Markdown that cannot be read: ${(error as Error).message}`,
      'dir',
    );
  }
  // The file name keeps whole seconds; the front matter has the exact instant.
  const effectiveAt = parsed.effectiveAt;
  const date =
    effectiveAt !== undefined && Math.floor(effectiveAt.getTime() / 1000) === Math.floor(file.date.getTime() / 1000)
      ? effectiveAt
      : file.date;
  return { ...version, date, subject: parsed.changeNote, label: parsed.label, clauses: parsed.clauses };
}

/** Front matter with a `label` and at least one `## <number> <heading> {#key}` clause line. */
function isVersionMarkdown(markdown: string): boolean {
  const lines = frontMatterLines(markdown);
  if (lines === null) return false;
  return (
    lines.front.some((line) => line.startsWith('label:')) &&
    lines.rest.some((line) => /^## .*\{#[^{}]*\}[ \t]*$/.test(line))
  );
}

function frontMatterLines(markdown: string): { front: string[]; rest: string[] } | null {
  const lines = markdown
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return null;
  const close = lines.findIndex((line, i) => i > 0 && /^---[ \t]*$/.test(line));
  return close === -1 ? null : { front: lines.slice(1, close), rest: lines.slice(close + 1) };
}

/**
 * The file without its `explanations:` block. An export's explanations name the segments of the
 * organisation that published it, which parseVersionMarkdown checks against a list this reader
 * cannot know; an import does not carry them over, so they are dropped before parsing. Exports
 * write the block in YAML's block style: the key at the start of a line, its contents indented.
 */
function withoutExplanations(markdown: string): string {
  const lines = frontMatterLines(markdown);
  if (lines === null) return markdown;
  const front: string[] = [];
  let inExplanations = false;
  for (const line of lines.front) {
    if (/^explanations:/.test(line)) inExplanations = true;
    else if (!/^([ \t]|$)/.test(line)) inExplanations = false;
    if (!inExplanations) front.push(line);
  }
  return ['---', ...front, '---', ...lines.rest].join('\n');
}
