/**
 * Whose IP budget a request spends. The socket's peer address, unless the operator says a proxy
 * sits in front (CANDOR_TRUST_PROXY=true): then the last X-Forwarded-For entry, the one that proxy
 * appended (earlier entries are whatever the client claimed). Requests with neither (in-process
 * `yoga.fetch`) share one `unknown` budget.
 */
export const UNKNOWN_ADDRESS = 'unknown';

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

export function clientAddress(request: Request, serverContext: unknown, trustProxy: boolean): string {
  const remote = (serverContext as NodeServerContext | undefined)?.req?.socket?.remoteAddress;
  return addressOf(request.headers.get('x-forwarded-for'), remote, trustProxy);
}

/** The same, from the raw parts (the node-level fast path has no fetch Request). */
export function addressOf(
  forwardedFor: string | null | undefined,
  remote: string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy && forwardedFor != null) {
    const last = forwardedFor.slice(forwardedFor.lastIndexOf(',') + 1).trim();
    if (last !== '') return normalizeAddress(last);
  }
  return remote === undefined || remote === '' ? UNKNOWN_ADDRESS : normalizeAddress(remote);
}

/** `::ffff:203.0.113.5` (IPv4 on a dual-stack socket) and `203.0.113.5` are one client. */
export const normalizeAddress = (address: string): string =>
  address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address.toLowerCase();
