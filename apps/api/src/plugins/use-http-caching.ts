import type { Plugin } from 'graphql-yoga';
import { PRIVATE_CACHE_CONTROL } from '../cache/http-caching.js';

/** The path of an absolute URL, without building a URL object on every response. */
export function pathnameOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  let end = start;
  while (end < url.length && url[end] !== '?' && url[end] !== '#') end += 1;
  return url.slice(start, end);
}

/**
 * Every GraphQL answer that the response cache did not mark public (authenticated requests,
 * mutations, errors, POSTs) is `private, no-store`: no browser or CDN keeps it.
 */
export function useHttpCaching(graphqlEndpoint: string): Plugin {
  return {
    onResponse({ request, response }) {
      if (response.headers.has('cache-control') || pathnameOf(request.url) !== graphqlEndpoint) return;
      response.headers.set('cache-control', PRIVATE_CACHE_CONTROL);
    },
  };
}
