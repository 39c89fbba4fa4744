import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { scopeFontFaces } from './src/build/scope-font-faces';
import { INITIAL_JS_LIMIT, initialJavaScript } from './bundle-budget';

/**
 * Writes `.br` and `.gz` next to every text asset of the build (docs/design.md, Targets: the console is
 * measured as transferred): the server sends them as they are, with no compression per request.
 * Then fails the build when the first page's JavaScript passes its budget (bundle-budget.ts).
 */
function precompress(build: { failed: boolean }): Plugin {
  let outDir = '';
  const compressible = /\.(js|css|html|svg|json|txt)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? walk(file) : [file];
    });
  return {
    name: 'twofold-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      // a failed build wrote nothing to compress or check, and its own error is the one to show
      if (build.failed) return;
      for (const file of walk(outDir).filter((f) => compressible.test(f))) {
        const content = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
      const initial = initialJavaScript(outDir);
      const kB = (bytes: number) => (bytes / 1024).toFixed(1);
      const line = `initial JavaScript of /sign-in: ${kB(initial.brotli)} kB as transferred (brotli; gzip ${kB(initial.gzip)} kB), ${initial.files.length} files, limit ${kB(INITIAL_JS_LIMIT)} kB`;
      if (initial.brotli > INITIAL_JS_LIMIT) throw new Error(`${line}: over the limit`);
      process.stdout.write(`${line}\n`);
    },
  };
}

/**
 * GraphiQL's fonts under names of their own (src/build/scope-font-faces.ts): its stylesheet
 * declares Roboto, which Mantine's font stack names too, so opening the API page changed the
 * console's typeface everywhere. The stylesheet still loads only with that page.
 */
function scopeGraphiqlFonts(): Plugin {
  const stylesheet = /[\\/]graphiql[\\/]dist[\\/]style\.css$/;
  return {
    name: 'twofold-graphiql-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!stylesheet.test(id.split('?')[0] ?? '')) return null;
      return { code: scopeFontFaces(code, ['Roboto', 'Fira Code'], 'GraphiQL'), map: null };
    },
  };
}

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Fails the build when a Mantine component of the first load (the entry and what it imports
 * statically) has styles in @mantine/core/styles/ that src/styles/first-screen.ts does not
 * import: it would show unstyled until a lazy page brings src/styles/later.ts. And when a
 * component's styles are in neither list (a Mantine upgrade): it would never be styled.
 */
function firstScreenStyles(build: { failed: boolean }): Plugin {
  const imported = (file: string) =>
    new Set(
      [
        ...readFileSync(fromHere(file), 'utf8').matchAll(/@mantine\/core\/styles\/([\w-]+)\.css/g),
      ].map((match) => match[1]!),
    );
  return {
    name: 'twofold-first-screen-styles',
    apply: 'build',
    generateBundle(_options, bundle) {
      const stylesDir = fromHere('node_modules/@mantine/core/styles');
      const all = readdirSync(stylesDir)
        .filter((name) => name.endsWith('.css') && !name.endsWith('.layer.css'))
        .map((name) => name.slice(0, -'.css'.length));
      const first = imported('src/styles/first-screen.ts');
      const later = imported('src/styles/later.ts');
      const missing = all.filter((name) => !first.has(name) && !later.has(name));
      if (missing.length > 0) {
        build.failed = true;
        throw new Error(`Mantine styles in neither src/styles list: ${missing.join(', ')}`);
      }
      const chunks = new Map(
        Object.values(bundle).flatMap((item) =>
          item.type === 'chunk' ? [[item.fileName, item]] : [],
        ),
      );
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = chunks.get(fileName);
        if (!chunk || initial.has(fileName)) return;
        initial.add(fileName);
        chunk.imports.forEach(visit);
      };
      for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
      const unstyled = new Set<string>();
      for (const fileName of initial) {
        for (const id of chunks.get(fileName)!.moduleIds) {
          const name = /@mantine[\\/]core[\\/]esm[\\/]components[\\/](\w+)[\\/]/.exec(id)?.[1];
          if (name && all.includes(name) && !first.has(name)) unstyled.add(name);
        }
      }
      if (unstyled.size > 0) {
        build.failed = true;
        throw new Error(
          `the first load renders Mantine components whose styles src/styles/first-screen.ts does not import: ${[...unstyled].join(', ')}`,
        );
      }
    },
  };
}

/** Set by a check that failed the build, so that later hooks do not hide its error. */
const build = { failed: false };

// The server listens on PORT (default 4000); in development Vite forwards API calls to it.
const apiTarget = `http://localhost:${process.env.PORT ?? 4000}`;

export default defineConfig({
  plugins: [react(), scopeGraphiqlFonts(), firstScreenStyles(build), precompress(build)],
  resolve: {
    // The shared package's dist is CommonJS; the console bundles its TypeScript sources instead.
    alias: [
      {
        find: /^@twofold\/shared\/graphql$/,
        replacement: fromHere('../shared/src/generated/index.ts'),
      },
      { find: /^@twofold\/shared$/, replacement: fromHere('../shared/src/index.ts') },
    ],
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
      '/schema.graphql': apiTarget,
      // CSV downloads of the users table and the audit log
      '/export': apiTarget,
      // OpenID sign-in: to the provider and back (register <PUBLIC_URL>/oidc/callback there)
      '/oidc': apiTarget,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each chunk imports, read by the initial-JavaScript check
    manifest: true,
    rolldownOptions: {
      output: {
        // docs/performance.md, "Phones load it fast". Libraries that change rarely get their own
        // long-cached chunks. What the first page needs (the entry, the shell and the sign-in
        // page) loads as a handful of files at once; every other page is a lazy chunk (routes.tsx)
        // and the Mantine components only they use come in one more chunk, so a page costs two or
        // three requests, not thirty (each one a round trip on a phone).
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
            },
            // not `graphql`: the API page uses far more of it than Apollo Client, and a group is
            // loaded whole — with it here the API explorer's share would load on every page
            { name: 'apollo', test: /node_modules[\\/](@apollo|rxjs|@wry|optimism)[\\/]/ },
            // the rest of the libraries the first page imports: Mantine's share of it, the forms
            { name: 'initial', tags: ['$initial'], test: /node_modules[\\/]/ },
            // Mantine components only later pages use (tables, menus, dialogs, selects)
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine[\\/](core|hooks)|@floating-ui|react-remove-scroll|react-transition-group|react-number-format|use-sidecar|use-callback-ref|react-style-singleton|tabbable|get-nonce|detect-node-es)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
