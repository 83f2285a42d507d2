/**
 * What `candor init` sets up, read from its flags or from a small YAML file, as the
 * OrganizationSpec initOrganization takes. Only the shape is checked here (every problem named by
 * its field, all at once); the values themselves (key spelling, lengths, addresses, segments that
 * exist) are the definition services' to validate, so init and the admin mutations refuse the
 * same things with the same words.
 */

import type { OrganizationSpec } from '@candor/schema';
import { DOCUMENT_KINDS, DomainValidationError, type ValidationProblem } from '@candor/schema/domain';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { UsageError } from './errors.js';

type DocumentSpec = OrganizationSpec['documents'][number];

/** The file's shape, as `pnpm candor init --help` documents it. */
const FILE_FIELDS = {
  top: ['organization', 'segments', 'documents', 'features'],
  organization: ['name', 'slug', 'legalName', 'description', 'website', 'contactEmail'],
  segment: ['key', 'name', 'description'],
  document: ['slug', 'title', 'description', 'kind', 'noticePeriodDays', 'segments'],
  feature: ['slug', 'name', 'description', 'noticePeriodDays'],
} as const;

/**
 * A lowercase slug from a name: accents folded, words of a-z0-9 joined by single hyphens, cut at a
 * word boundary to 64 characters ("Acme Health, Inc." → "acme-health-inc").
 */
export function slugFrom(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > 64) break;
    slug = next;
  }
  return slug;
}

// --------------------------------------------------------------------------------------------
// From flags

export interface InitFlagValues {
  name: string;
  slug?: string | undefined;
  legalName?: string | undefined;
  description?: string | undefined;
  website?: string | undefined;
  contact?: string | undefined;
  /** `key=Name` each. */
  segments: readonly string[];
  /** `slug=Title` each. */
  documents: readonly string[];
  /** `slug=a,b` each. */
  documentSegments: readonly string[];
  /** `slug=kind` each. */
  documentKinds: readonly string[];
  /** `slug=days` each. */
  documentNoticeDays: readonly string[];
  /** `slug=Name` each. */
  features: readonly string[];
}

/**
 * The spec the flags describe.
 *
 * @throws UsageError (topic `init`) for a pair without `=`, a document option naming a document
 * no `--document` defines, or a notice period that is not a whole number.
 */
export function specFromFlags(values: InitFlagValues): OrganizationSpec {
  const documents: DocumentSpec[] = values.documents.map((pair) => {
    const [slug, title] = splitPair(pair, 'document', 'slug=Title');
    return { slug, title };
  });
  const documentNamed = (flag: string, slug: string): DocumentSpec => {
    const found = documents.find((d) => d.slug === slug);
    if (found === undefined)
      throw new UsageError(
        `--${flag} names "${slug}", which no --document defines (documents: ${documents.map((d) => d.slug).join(', ') || 'none'})`,
        'init',
      );
    return found;
  };
  for (const pair of values.documentSegments) {
    const [slug, keys] = splitPair(pair, 'document-segments', 'slug=segment,segment');
    documentNamed('document-segments', slug).segments = splitList(keys);
  }
  for (const pair of values.documentKinds) {
    const [slug, kind] = splitPair(pair, 'document-kind', 'slug=kind');
    documentNamed('document-kind', slug).kind = kind as DocumentSpec['kind'] & string;
  }
  for (const pair of values.documentNoticeDays) {
    const [slug, days] = splitPair(pair, 'document-notice-days', 'slug=days');
    if (!/^\d+$/.test(days))
      throw new UsageError(`--document-notice-days ${slug}= must be a whole number of days; got "${days}"`, 'init');
    documentNamed('document-notice-days', slug).noticePeriodDays = Number(days);
  }
  return {
    organization: definedOnly({
      slug: values.slug ?? slugFrom(values.name),
      name: values.name,
      legalName: values.legalName,
      description: values.description,
      website: values.website,
      contactEmail: values.contact,
    }) as OrganizationSpec['organization'],
    segments: values.segments.map((pair) => {
      const [key, name] = splitPair(pair, 'segment', 'key=Name');
      return { key, name };
    }),
    documents,
    features: values.features.map((pair) => {
      const [slug, name] = splitPair(pair, 'feature', 'slug=Name');
      return { slug, name };
    }),
  };
}

function splitPair(pair: string, flag: string, form: string): [string, string] {
  const at = pair.indexOf('=');
  const left = at === -1 ? '' : pair.slice(0, at).trim();
  const right = at === -1 ? '' : pair.slice(at + 1).trim();
  if (left === '' || right === '') throw new UsageError(`--${flag} must be ${form}; got "${pair}"`, 'init');
  return [left, right];
}

/** "a, b,c" → ["a", "b", "c"]. */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

// --------------------------------------------------------------------------------------------
// From a YAML file

/**
 * The spec a YAML file describes (shape in FILE_FIELDS; `pnpm candor init --help` shows an
 * example). Unknown fields are refused, so a misspelt `contactEmial:` is not silently dropped.
 *
 * @throws DomainValidationError listing every problem, each naming its field
 * (`documents[1].segments`) and line.
 */
export function specFromYaml(text: string): OrganizationSpec {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const problems: ValidationProblem[] = [];
  const add = (field: string, message: string, node?: Node | null): void => {
    const offset = node?.range?.[0];
    problems.push({ field, message, ...(offset === undefined ? {} : { line: lines.linePos(offset).line }) });
  };
  for (const error of document.errors) {
    problems.push({
      field: 'yaml',
      message: error.message.split('\n')[0] ?? error.message,
      line: error.linePos?.[0]?.line,
    });
  }
  if (problems.length > 0) throw new DomainValidationError(problems, 'The organisation file');

  const root = document.contents;
  if (!isMap(root)) {
    add('file', `must be a map with ${FILE_FIELDS.top.join(', ')}`, root);
    throw new DomainValidationError(problems, 'The organisation file');
  }
  const reader = new MapReader(add);
  const top = reader.fields(root, '', FILE_FIELDS.top);

  const orgNode = top.get('organization');
  let organization: Record<string, unknown> = {};
  if (orgNode === undefined)
    add('organization', 'is required (name, and optionally slug, legalName, website, contactEmail)', root);
  else if (!isMap(orgNode))
    add('organization', 'must be a map (name, slug, legalName, description, website, contactEmail)', orgNode);
  else {
    const org = reader.fields(orgNode, 'organization', FILE_FIELDS.organization);
    const name = reader.text(org, 'organization', 'name', { required: true });
    organization = definedOnly({
      slug: reader.text(org, 'organization', 'slug') ?? (name === undefined ? undefined : slugFrom(name)),
      name,
      legalName: reader.text(org, 'organization', 'legalName'),
      description: reader.text(org, 'organization', 'description'),
      website: reader.text(org, 'organization', 'website'),
      contactEmail: reader.text(org, 'organization', 'contactEmail'),
    });
  }

  const segments = reader.list(top, 'segments', { required: true }).map(([item, field]) => {
    const fields = reader.fields(item, field, FILE_FIELDS.segment);
    return definedOnly({
      key: reader.text(fields, field, 'key', { required: true }),
      name: reader.text(fields, field, 'name', { required: true }),
      description: reader.text(fields, field, 'description'),
    });
  });
  const documents = reader.list(top, 'documents').map(([item, field]) => {
    const fields = reader.fields(item, field, FILE_FIELDS.document);
    const slug = reader.text(fields, field, 'slug', { required: true });
    const title = reader.text(fields, field, 'title', { required: true });
    const description = reader.text(fields, field, 'description');
    const kind = reader.text(fields, field, 'kind');
    if (kind !== undefined && !(DOCUMENT_KINDS as readonly string[]).includes(kind))
      add(`${field}.kind`, `must be one of ${DOCUMENT_KINDS.join(', ')}; got "${kind}"`, fields.get('kind'));
    return definedOnly({
      slug,
      title,
      description,
      kind,
      noticePeriodDays: reader.wholeNumber(fields, field, 'noticePeriodDays'),
      segments: reader.textList(fields, field, 'segments'),
    });
  });
  const features = reader.list(top, 'features').map(([item, field]) => {
    const fields = reader.fields(item, field, FILE_FIELDS.feature);
    return definedOnly({
      slug: reader.text(fields, field, 'slug', { required: true }),
      name: reader.text(fields, field, 'name', { required: true }),
      description: reader.text(fields, field, 'description'),
      noticePeriodDays: reader.wholeNumber(fields, field, 'noticePeriodDays'),
    });
  });
  if (problems.length > 0) throw new DomainValidationError(problems, 'The organisation file');
  return { organization, segments, documents, features } as unknown as OrganizationSpec;
}

/** A map's entries by key, with the map itself (whose line a missing field is reported at). */
class Fields extends Map<string, Node | null> {
  constructor(readonly node: Node | null) {
    super();
  }
}

/** Reads maps, lists and scalars of the parsed file, reporting each wrong shape by its field. */
class MapReader {
  constructor(private readonly add: (field: string, message: string, node?: Node | null) => void) {}

  /** The map's entries by key; unknown keys are reported. A non-map gives no entries (reported). */
  fields(node: unknown, field: string, allowed: readonly string[]): Fields {
    const entries = new Fields(isMap(node) ? node : null);
    if (!isMap(node)) {
      this.add(field || 'file', `must be a map with ${allowed.join(', ')}`, node as Node);
      return entries;
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const at = field === '' ? key : `${field}.${key}`;
      if (!allowed.includes(key)) this.add(at, `is not a field here; expected ${allowed.join(', ')}`, pair.key as Node);
      else entries.set(key, (pair.value as Node | null) ?? null);
    }
    return entries;
  }

  /** A list's items with their field names (`segments[0]`); absent or null is an empty list. */
  list(fields: Fields, name: string, { required = false } = {}): [Node, string][] {
    const node = fields.get(name);
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
      if (required) this.add(name, 'is required: a list with at least one entry', fields.node);
      return [];
    }
    if (!isSeq(node)) {
      this.add(name, 'must be a list ("- " entries)', node);
      return [];
    }
    return node.items.map((item, i) => [item as Node, `${name}[${i}]`]);
  }

  text(fields: Fields, field: string, name: string, { required = false } = {}): string | undefined {
    const node = fields.get(name);
    const at = `${field}.${name}`;
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
      if (required) this.add(at, 'is required', fields.node);
      return undefined;
    }
    if (!isScalar(node) || typeof node.value === 'object') {
      this.add(at, 'must be text', node);
      return undefined;
    }
    return String(node.value);
  }

  wholeNumber(fields: Fields, field: string, name: string): number | undefined {
    const node = fields.get(name);
    if (node === undefined || node === null) return undefined;
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < 0) {
      this.add(`${field}.${name}`, 'must be a whole number of days', node);
      return undefined;
    }
    return node.value;
  }

  textList(fields: Fields, field: string, name: string): string[] | undefined {
    const node = fields.get(name);
    if (node === undefined || node === null) return undefined;
    if (!isSeq(node) || !node.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
      this.add(`${field}.${name}`, 'must be a list of segment keys, e.g. [consumer, business]', node);
      return undefined;
    }
    return node.items.map((item) => String((item as { value: unknown }).value));
  }
}

/** The object without its undefined members (the services read `undefined` as "not given"). */
function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
