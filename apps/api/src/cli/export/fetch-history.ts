/**
 * Reads everything an export needs from the public API, without a token: the organisation,
 * the signing key and latest checkpoint, and every document's full published history.
 */
import type { ApiClient } from '../api-client.js';
import { progress } from '../output.js';

/** A published version as the API serves it. */
export interface ServedVersion {
  label: string;
  publishedAt: string;
  effectiveAt: string;
  material: boolean;
  changeNote: string;
  contentHash: string;
  previousHash: string | null;
  clauses: { key: string; number: string; heading: string; body: string }[];
  explanations: { segment: { key: string }; summary: string; whatChanges: string; affected: boolean }[];
}

export interface DocumentHistory {
  slug: string;
  title: string;
  /** As served: newest first by effective date, which is not chain order. */
  versions: ServedVersion[];
}

export interface PortalSnapshot {
  organisation: { name: string; isSample: boolean; sampleNotice: string | null };
  publicKeyPem: string;
  keyId: string;
  checkpoint: { sequence: number; payload: string; signature: string } | null;
  documents: DocumentHistory[];
}

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** The largest page the API serves. */
const PAGE_SIZE = 100;

const VERSION_FIELDS = `label publishedAt effectiveAt material changeNote contentHash previousHash
  clauses { key number heading body }
  explanations { segment { key } summary whatChanges affected }`;

/**
 * The checkpoint is read first: a version published while the histories are being read then
 * shows up as a checkpoint that counts fewer versions than the export holds, which the caller
 * detects and answers by reading again.
 */
export async function fetchSnapshot(client: ApiClient): Promise<PortalSnapshot> {
  const head = await client.query<{
    organization: PortalSnapshot['organisation'];
    integrity: { publicKeyPem: string; keyId: string; latestCheckpoint: PortalSnapshot['checkpoint'] };
  }>(
    `query ExportHead {
      organization { name isSample sampleNotice }
      integrity { publicKeyPem keyId latestCheckpoint { sequence payload signature } }
    }`,
  );
  const documents: DocumentHistory[] = [];
  for (const document of await fetchDocuments(client)) {
    const versions = await fetchVersions(client, document.slug);
    progress(`${document.slug}: ${versions.length} version${versions.length === 1 ? '' : 's'}`);
    documents.push({ ...document, versions });
  }
  return {
    organisation: head.organization,
    publicKeyPem: head.integrity.publicKeyPem,
    keyId: head.integrity.keyId,
    checkpoint: head.integrity.latestCheckpoint,
    documents,
  };
}

async function fetchDocuments(client: ApiClient): Promise<{ slug: string; title: string }[]> {
  return paginate(async (after) => {
    const data = await client.query<{ documents: Page<{ slug: string; title: string }> }>(
      `query ExportDocuments($first: Int!, $after: String) {
        documents(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug title } } }
      }`,
      { first: PAGE_SIZE, after },
    );
    return data.documents;
  });
}

async function fetchVersions(client: ApiClient, slug: string): Promise<ServedVersion[]> {
  return paginate(async (after) => {
    const data = await client.query<{ document: { versions: Page<ServedVersion> } }>(
      `query ExportVersions($slug: String!, $first: Int!, $after: String) {
        document(slug: $slug) {
          versions(first: $first, after: $after) {
            pageInfo { hasNextPage endCursor }
            edges { node { ${VERSION_FIELDS} } }
          }
        }
      }`,
      { slug, first: PAGE_SIZE, after },
    );
    return data.document.versions;
  });
}

async function paginate<T>(page: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const { pageInfo, edges } = await page(after);
    nodes.push(...edges.map((edge) => edge.node));
    if (!pageInfo.hasNextPage || pageInfo.endCursor === null || pageInfo.endCursor === after) return nodes;
    after = pageInfo.endCursor;
  }
}
