import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use. Modules define their batch functions next to
 * their service and fetch them through `get`, so lists never issue one query per row.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  private readonly maps = new Map<string, Map<unknown, unknown>>();

  /**
   * A per-request map of values already known (e.g. read with a list's page), for fields that
   * can then answer synchronously instead of through a loader's promise.
   */
  known<K, V>(name: string): Map<K, V> {
    let map = this.maps.get(name) as Map<K, V> | undefined;
    if (!map) {
      map = new Map<K, V>();
      this.maps.set(name, map);
    }
    return map;
  }

  get<K, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
    cacheKeyFn?: (key: K) => unknown,
  ): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, unknown>(batch, { maxBatchSize: 500, cacheKeyFn });
      this.loaders.set(name, loader);
    }
    return loader;
  }
}

/** Orders batch results like `keys`, with `fallback` where a key has no row. */
export function byKeys<K, V, F>(
  keys: readonly K[],
  rows: V[],
  keyOf: (row: V) => K,
  fallback: F,
): (V | F)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? fallback);
}
