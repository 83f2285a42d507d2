/**
 * Which database a Prisma client (or interactive-transaction client) talks to. Prisma 6 keeps it
 * in `_activeProvider` on both; the rare code that must differ by provider asks here.
 */
export type Provider = 'sqlite' | 'postgresql';

export function providerOf(client: object): Provider {
  const provider = (client as { _activeProvider?: unknown })._activeProvider;
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  throw new Error(`Unknown database provider: ${String(provider)}`);
}
