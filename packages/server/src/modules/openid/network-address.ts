/**
 * Pure: which IP addresses a tenant's OpenID provider may make the server connect to. Every
 * address is read as 128 bits (IPv4 as its IPv4-mapped IPv6 form), so `127.0.0.1`,
 * `2130706433`, `0x7f.1` and `::ffff:7f00:1` are one address and get one answer.
 */

/** What kind of network an address belongs to; only `public` is reachable on a tenant's word. */
export enum AddressKind {
  PUBLIC = 'public',
  LOOPBACK = 'loopback',
  /** RFC 1918, IPv6 unique local (fc00::/7) and the old site-local (fec0::/10). */
  PRIVATE = 'private',
  LINK_LOCAL = 'link-local',
  /** Carrier-grade NAT, 100.64.0.0/10 (RFC 6598). */
  SHARED = 'shared',
  UNSPECIFIED = 'unspecified',
  /** Multicast, broadcast, "this network", documentation, benchmarking and future-use ranges. */
  RESERVED = 'reserved',
}

const MAPPED_PREFIX = 0xffffn << 32n;

/**
 * An IPv4 address in any form `inet_aton` (and so the WHATWG URL parser) accepts: one to four
 * parts, each decimal, octal (leading 0) or hexadecimal (0x), the last part filling the
 * remaining bytes (`127.1`, `2130706433`). Null when it is not one.
 */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return null;
    if (!Number.isSafeInteger(value)) return null;
    numbers.push(value);
  }
  const last = numbers.pop()!;
  if (numbers.some((value) => value > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  return numbers.reduce((sum, value, index) => sum + value * 256 ** (3 - index), 0) + last;
}

/** A canonical dotted-quad IPv4 address (as an IPv6 address's last 32 bits are written). */
function parseDottedQuad(text: string): number | null {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return null;
  const bytes = text.split('.').map(Number);
  if (bytes.some((byte) => byte > 255)) return null;
  return bytes.reduce((sum, byte) => sum * 256 + byte, 0);
}

/** An IPv6 address (brackets and a zone id allowed) as 128 bits; null when it is not one. */
export function parseIpv6(text: string): bigint | null {
  let value = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  value = value.replace(/%[\w.-]+$/, '');
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): number[] | null => {
    if (half === '') return [];
    const pieces = half.split(':');
    const groups: number[] = [];
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseDottedQuad(piece);
        if (v4 === null) return null;
        groups.push(Math.floor(v4 / 65536), v4 % 65536);
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === null || tail === null) return null;
  // a dotted quad only at the very end
  if (halves.length === 2 && head.length > 0 && halves[0]!.includes('.')) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((sum, group) => (sum << 16n) | BigInt(group), 0n);
}

/** The 128 bits of an IP address in any of the forms above; null for a host name. */
export function addressBits(text: string): bigint | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return MAPPED_PREFIX | BigInt(v4);
  return parseIpv6(text);
}

interface Range {
  bits: bigint;
  prefix: number;
}

/** A network such as `10.0.0.0/8` or `fd00::/8` (a bare address is a /32 or /128). */
export function parseNetwork(text: string): Range | null {
  const [address = '', length, ...rest] = text.trim().split('/');
  if (rest.length > 0) return null;
  const isV4 = parseIpv4(address) !== null && /^[\d.]+$/.test(address);
  const bits = isV4 ? addressBits(address) : parseIpv6(address);
  if (bits === null) return null;
  const max = isV4 ? 32 : 128;
  const size = length === undefined ? max : /^\d{1,3}$/.test(length) ? Number(length) : NaN;
  if (!(size >= 0 && size <= max)) return null;
  return { bits, prefix: isV4 ? size + 96 : size };
}

function within(bits: bigint, range: Range): boolean {
  const shift = BigInt(128 - range.prefix);
  return bits >> shift === range.bits >> shift;
}

const v4 = (network: string) => parseNetwork(network)!;
const v6 = (network: string) => parseNetwork(network)!;

/** Checked in order: the first range holding the address names its kind. */
const ranges: readonly [Range, AddressKind][] = [
  [v4('0.0.0.0/32'), AddressKind.UNSPECIFIED],
  [v4('0.0.0.0/8'), AddressKind.RESERVED],
  [v4('10.0.0.0/8'), AddressKind.PRIVATE],
  [v4('100.64.0.0/10'), AddressKind.SHARED],
  [v4('127.0.0.0/8'), AddressKind.LOOPBACK],
  [v4('169.254.0.0/16'), AddressKind.LINK_LOCAL],
  [v4('172.16.0.0/12'), AddressKind.PRIVATE],
  [v4('192.0.0.0/24'), AddressKind.RESERVED],
  [v4('192.0.2.0/24'), AddressKind.RESERVED],
  [v4('192.168.0.0/16'), AddressKind.PRIVATE],
  [v4('198.18.0.0/15'), AddressKind.RESERVED],
  [v4('198.51.100.0/24'), AddressKind.RESERVED],
  [v4('203.0.113.0/24'), AddressKind.RESERVED],
  [v4('224.0.0.0/4'), AddressKind.RESERVED],
  [v4('240.0.0.0/4'), AddressKind.RESERVED],
  [v6('::/128'), AddressKind.UNSPECIFIED],
  [v6('::1/128'), AddressKind.LOOPBACK],
  [v6('100::/64'), AddressKind.RESERVED],
  [v6('2001::/32'), AddressKind.RESERVED], // Teredo: an IPv4 address hides in it, obfuscated
  [v6('2001:db8::/32'), AddressKind.RESERVED],
  [v6('64:ff9b:1::/48'), AddressKind.PRIVATE],
  [v6('fc00::/7'), AddressKind.PRIVATE],
  [v6('fe80::/10'), AddressKind.LINK_LOCAL],
  [v6('fec0::/10'), AddressKind.PRIVATE],
  [v6('ff00::/8'), AddressKind.RESERVED],
];

/**
 * IPv6 forms that carry an IPv4 address a gateway or the kernel may connect to: NAT64
 * (64:ff9b::/96), 6to4 (2002::/16, the address in bits 16–47) and the old IPv4-compatible
 * form (::/96). They are judged by the IPv4 address inside.
 */
function embeddedIpv4(bits: bigint): bigint | null {
  const low32 = bits & 0xffffffffn;
  if (within(bits, v6('64:ff9b::/96'))) return MAPPED_PREFIX | low32;
  if (within(bits, v6('::/96'))) return MAPPED_PREFIX | low32;
  if (within(bits, v6('2002::/16'))) return MAPPED_PREFIX | ((bits >> 80n) & 0xffffffffn);
  return null;
}

/** The kind of an IP address in any form; null when `text` is not an IP address. */
export function classifyAddress(text: string): AddressKind | null {
  const bits = addressBits(text);
  if (bits === null) return null;
  const kindOf = (address: bigint): AddressKind =>
    ranges.find(([range]) => within(address, range))?.[1] ?? AddressKind.PUBLIC;
  const direct = kindOf(bits);
  if (direct !== AddressKind.PUBLIC) return direct;
  const inner = embeddedIpv4(bits);
  return inner === null ? direct : kindOf(inner);
}

/** Networks the operator opened to providers (OPENID_ALLOWED_NETWORKS), parsed. */
export type AllowedNetworks = readonly Range[];

export function parseNetworks(list: readonly string[]): AllowedNetworks {
  return list.map((network) => {
    const range = parseNetwork(network);
    if (!range) throw new Error(`not a network: ${network}`);
    return range;
  });
}

/**
 * Whether a provider's host may be connected to at `address`: a public address, or one in a
 * network the operator opened. A host name (not an address) is never reachable as such: it is
 * judged by what it resolves to.
 */
export function addressAllowed(address: string, allowed: AllowedNetworks = []): boolean {
  const kind = classifyAddress(address);
  if (kind === null) return false;
  if (kind === AddressKind.PUBLIC) return true;
  const bits = addressBits(address)!;
  return allowed.some((range) => within(bits, range));
}
