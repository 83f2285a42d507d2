import type { APIRoute } from 'astro';
import { loadCollections } from '../../../lib/collections';
import { type VersionProps, versionPaths } from '../../../lib/page-props';
import { versionJson } from '../../../lib/version-json';

export async function getStaticPaths() {
  return versionPaths(await loadCollections());
}

export const GET: APIRoute<VersionProps> = ({ props }) =>
  new Response(versionJson(props.organization, props.version, props.document.title), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
