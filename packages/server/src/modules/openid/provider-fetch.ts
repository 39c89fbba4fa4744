import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { CustomFetch } from 'openid-client';
import {
  Agent,
  buildConnector,
  fetch as undiciFetch,
  type RequestInit as UndiciRequestInit,
} from 'undici';
import { type AllowedNetworks, addressAllowed } from './network-address';

/** A connection refused because its address is not one a provider may have. */
export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
  readonly code = 'ERR_FORBIDDEN_ADDRESS';
}

/** `dns.lookup`'s shape, as `net.connect` calls it. */
export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (
    error: NodeJS.ErrnoException | null,
    address: string | LookupAddress[],
    family?: number,
  ) => void,
) => void;

/** What openid-client's `customFetch` is given and must answer. */
export type ProviderFetch = CustomFetch;

export interface ProviderNetworkOptions {
  /**
   * Whether addresses are checked: a Twofold whose PUBLIC_URL is on localhost (development,
   * tests) talks to providers on its own machine; any other refuses every address that is not
   * public, unless the operator opened its network.
   */
  guard: boolean;
  /** Networks the operator opened to providers (an internal identity provider). */
  allowedNetworks?: AllowedNetworks;
  /** Resolves host names; dns.lookup by default (tests point it at their own answers). */
  lookup?: LookupFunction;
  /** Certificates to trust besides the system's (tests' self-signed providers). */
  ca?: string;
  /** Milliseconds a connection may take to open. */
  connectTimeoutMs?: number;
}

/**
 * A `lookup` that resolves every address of the host and refuses the connection when any of them
 * is not allowed: a host with one loopback record among public ones cannot be steered onto it.
 * The address checked is the one connected to, so a name that resolves elsewhere the second time
 * (DNS rebinding) is checked again.
 */
export function guardedLookup(
  allowed: (address: string) => boolean,
  lookup: LookupFunction = dns.lookup,
): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      if (list.length === 0 || list.some(({ address }) => !allowed(address))) {
        return callback(new ForbiddenAddressError('the host resolves to a refused address'), []);
      }
      if (options.all) return callback(null, list);
      const [first] = list;
      return callback(null, first!.address, first!.family);
    });
  };
}

/**
 * The fetch openid-client uses for every request to a provider (discovery, token, keys,
 * userinfo): an undici agent whose connections check the address they open, and no redirect
 * followed.
 */
export function providerFetch(options: ProviderNetworkOptions): ProviderFetch {
  const allowed = (address: string) =>
    !options.guard || addressAllowed(address, options.allowedNetworks ?? []);
  const connector = buildConnector({
    ...(options.guard ? { lookup: guardedLookup(allowed, options.lookup) } : {}),
    ...(!options.guard && options.lookup ? { lookup: options.lookup } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
    timeout: options.connectTimeoutMs ?? 10_000,
  });
  const agent = new Agent({
    connect(connectOptions, callback) {
      // net.connect skips the lookup for an address written in the URL: checked here instead
      const host = connectOptions.hostname.replace(/^\[(.*)\]$/, '$1');
      if (isIP(host) !== 0 && !allowed(host)) {
        callback(new ForbiddenAddressError('the address is refused'), null);
        return;
      }
      connector(connectOptions, callback);
    },
  });
  return async (url, init) => {
    const response = await undiciFetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body as UndiciRequestInit['body'],
      signal: init.signal,
      // a provider's redirect is never followed, wherever it points
      redirect: 'manual',
      dispatcher: agent,
    });
    // undici's own Response: openid-client accepts it (it checks the class by its tag)
    return response;
  };
}

/** Whether `error` (or what caused it) is a refused address, for the operator's log. */
export function isForbiddenAddress(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    if (cause instanceof ForbiddenAddressError) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
