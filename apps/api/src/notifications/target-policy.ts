/**
 * Which webhook targets Candor sends to. A partner registers a URL; without a check, a webhook is
 * a way to make the server send requests into its own network (SSRF). Targets whose host is, or
 * resolves to, a loopback, private, link-local, shared or unspecified address are refused unless
 * the operator allows them (CANDOR_WEBHOOKS_ALLOW_PRIVATE: tests and intranet deployments).
 * The address is checked again at each delivery, on what the name resolves to then.
 */
import { isIP } from 'node:net';

export type TargetProblem =
  | { code: 'INVALID_URL'; message: string }
  | { code: 'INSECURE_SCHEME'; message: string }
  | { code: 'PRIVATE_ADDRESS'; message: string };

/** IPv4 ranges no public webhook target lives in (RFC 6890 special-purpose registry). */
const PRIVATE_V4: readonly [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const v4Number = (address: string): number =>
  address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);

function isPrivateV4(address: string): boolean {
  const value = v4Number(address);
  return PRIVATE_V4.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    const start = v4Number(base);
    return value >= start && value < start + size;
  });
}

/** Whether an IP address (v4 or v6) is loopback, private, link-local, unique-local or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return isPrivateV4(address);
  if (kind !== 6) return true;
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1] !== undefined) return isPrivateV4(mapped[1]);
  if (lower === '::' || lower === '::1') return true;
  const first = Number.parseInt(lower.split(':')[0] || '0', 16);
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast.
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}

/**
 * Checks a target URL and the addresses its host resolves to (the caller resolves: DNS is I/O).
 * https is required unless private targets are allowed (a test receiver on loopback speaks http).
 */
export function checkWebhookTarget(
  url: string,
  addresses: readonly string[],
  { allowPrivate }: { allowPrivate: boolean },
): TargetProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: 'INVALID_URL', message: `"${url}" is not an absolute URL` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { code: 'INVALID_URL', message: 'a webhook URL is https:// (or http:// where private targets are allowed)' };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { code: 'INVALID_URL', message: 'a webhook URL carries no user name or password' };
  }
  if (allowPrivate) return null;
  if (parsed.protocol !== 'https:') {
    return { code: 'INSECURE_SCHEME', message: 'a webhook URL must use https://' };
  }
  const blocked = addresses.find(isPrivateAddress);
  if (addresses.length === 0 || blocked !== undefined) {
    return {
      code: 'PRIVATE_ADDRESS',
      message: `${parsed.hostname} ${addresses.length === 0 ? 'does not resolve' : `resolves to ${blocked}, a private or loopback address`}; set CANDOR_WEBHOOKS_ALLOW_PRIVATE=true to allow such targets`,
    };
  }
  return null;
}
