import type { Plugin } from 'graphql-yoga';

/**
 * Security headers on every response (API, health, site). The site ships no third-party
 * resources, so its pages can forbid framing and cross-origin referrers outright.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

export function useSecurityHeaders(): Plugin {
  const entries = Object.entries(SECURITY_HEADERS);
  return {
    onResponse({ response }) {
      for (const [name, value] of entries) {
        if (!response.headers.has(name)) response.headers.set(name, value);
      }
    },
  };
}
