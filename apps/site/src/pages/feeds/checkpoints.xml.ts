import type { APIRoute } from 'astro';
import { loadCollections } from '../../lib/collections';
import { checkpointsFeed } from '../../lib/feeds';

export const GET: APIRoute = async ({ site }) =>
  new Response(checkpointsFeed(await loadCollections(), site), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  });
