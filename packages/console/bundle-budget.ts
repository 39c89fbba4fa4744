import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * docs/design.md, Targets: the console's initial JavaScript ≤ 250 kB as transferred. Checked at
 * every `vite build` (vite.config.ts) and by the sign-in e2e test, from the build's manifest.
 */
export const INITIAL_JS_LIMIT = 250 * 1024;

/** The page most visits start on; its code is loaded at once when it is not in the entry. */
export const FIRST_PAGE_MODULE = 'src/pages/SignIn/index.tsx';

/** One chunk of a Vite manifest (`build.manifest`), as far as it is read here. */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

export interface InitialJavaScript {
  /** The scripts of index.html, the entry chunk's static imports and the first page's chunks. */
  files: { file: string; bytes: number; brotli: number; gzip: number }[];
  /** Sums over `files`: as built, and as transferred compressed (what the server sends). */
  bytes: number;
  brotli: number;
  gzip: number;
}

/**
 * The JavaScript a visit to `/sign-in` loads before the page can show, read from the build in
 * `outDir`: the scripts index.html loads, the entry chunk's static imports (which it
 * modulepreloads), plus the sign-in page's chunk and its static imports if the page is lazy. Sizes are of the
 * built files compressed as the build precompresses them (brotli 11, gzip 9).
 */
export function initialJavaScript(outDir: string): InitialJavaScript {
  const manifest = JSON.parse(
    readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length !== 1) {
    throw new Error(`expected one entry chunk in the manifest, found ${entries.length}`);
  }
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names ${key} but has no chunk for it`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entries[0]![0]);
  if (manifest[FIRST_PAGE_MODULE]) visit(FIRST_PAGE_MODULE);
  // and classic scripts index.html loads beside the modules (public/early-session.js)
  const names = new Set([
    ...[...seen].map((key) => manifest[key]!.file),
    ...scriptsOfIndexHtml(outDir),
  ]);

  const files = [...names].map((file) => {
    const content = readFileSync(path.join(outDir, file));
    return {
      file,
      bytes: content.length,
      brotli: brotliCompressSync(content, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length,
      gzip: gzipSync(content, { level: 9 }).length,
    };
  });
  const sum = (key: 'bytes' | 'brotli' | 'gzip') => files.reduce((n, f) => n + f[key], 0);
  return { files, bytes: sum('bytes'), brotli: sum('brotli'), gzip: sum('gzip') };
}

/** The JavaScript files index.html loads itself: its module script and its modulepreloads. */
export function scriptsOfIndexHtml(outDir: string): string[] {
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/([^"]+\.js)"/g)].map(
    (match) => match[1]!,
  );
}
