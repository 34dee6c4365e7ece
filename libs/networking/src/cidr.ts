/**
 * IPv4 CIDR arithmetic for validating a subnet layout before anything is created. Four
 * functions over 32-bit integers; a dependency would be larger than the code.
 */
export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
}

export function parseCidr(cidr: string): Ipv4Range {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  if (!match || octets.some((o) => o > 255) || prefix > 32) throw new Error(`'${cidr}' is not an IPv4 CIDR block`);
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) throw new Error(`'${cidr}' has host bits set (network address expected)`);
  return { first: address, last: address + size - 1 };
}

export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  return b.first >= a.first && b.last <= a.last;
}

export function cidrsOverlap(x: string, y: string): boolean {
  const a = parseCidr(x);
  const b = parseCidr(y);
  return a.first <= b.last && b.first <= a.last;
}
