import type { APIRoute } from 'astro';
import { loadCollections } from '../../../lib/collections';
import { documentFeed } from '../../../lib/feeds';
import type { SiteCollections } from '../../../lib/page-props';
import type { DocumentEntry } from '../../../lib/schemas';

interface Props {
  site: SiteCollections;
  document: DocumentEntry;
}

export async function getStaticPaths() {
  const site = await loadCollections();
  return site.documents.map((document) => ({ params: { slug: document.slug }, props: { site, document } }));
}

export const GET: APIRoute<Props> = ({ props, site }) =>
  new Response(documentFeed(props.site, site, props.document), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  });
