import type { APIRoute } from 'astro';
import { loadCollections } from '../../../lib/collections';
import { segmentFeed } from '../../../lib/feeds';
import type { SiteCollections } from '../../../lib/page-props';
import type { Segment } from '../../../lib/schemas';

interface Props {
  site: SiteCollections;
  segment: Segment;
}

export async function getStaticPaths() {
  const site = await loadCollections();
  return site.segments.map((segment) => ({ params: { segment: segment.key }, props: { site, segment } }));
}

export const GET: APIRoute<Props> = ({ props, site }) =>
  new Response(segmentFeed(props.site, site, props.segment), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  });
