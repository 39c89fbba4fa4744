import { Resolver } from 'node:dns/promises';

/** What DNS says about a name's TXT records. */
export type TxtAnswer =
  | { kind: 'records'; records: string[][] }
  /** The name does not exist or holds no TXT record. */
  | { kind: 'none' }
  /** No answer in time, or the servers failed: nothing can be concluded. */
  | { kind: 'failed'; error: string };

export interface TxtLookup {
  lookup(name: string): Promise<TxtAnswer>;
}

/** Answers meaning "no such record", as opposed to "no answer". */
const absent = new Set(['ENOTFOUND', 'ENODATA', 'NOTFOUND', 'NODATA']);

/**
 * TXT lookups through a resolver of their own: the configured servers (DNS_SERVERS), or the
 * system's. Each lookup is bounded by `timeoutMs` as a whole, whatever the retries.
 */
export class DnsTxtLookup implements TxtLookup {
  constructor(private readonly options: { servers: readonly string[]; timeoutMs: number }) {}

  async lookup(name: string): Promise<TxtAnswer> {
    // a resolver per lookup: cancel() stops every query of a resolver, not just this one
    const resolver = new Resolver({ timeout: Math.min(2_000, this.options.timeoutMs), tries: 2 });
    if (this.options.servers.length > 0) resolver.setServers([...this.options.servers]);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        resolver.cancel();
        reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' }));
      }, this.options.timeoutMs);
    });
    try {
      const records = await Promise.race([resolver.resolveTxt(name), deadline]);
      return records.length === 0 ? { kind: 'none' } : { kind: 'records', records };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && absent.has(code)) return { kind: 'none' };
      return { kind: 'failed', error: typeof code === 'string' ? code : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
