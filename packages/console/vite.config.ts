import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { scopeFontFaces } from './src/build/scope-font-faces';

/**
 * Writes `.br` and `.gz` next to every text asset of the build (docs/design.md, Targets: the console is
 * measured as transferred): the server sends them as they are, with no compression per request.
 */
/** What the first page may load at once, as transferred. */
const INITIAL_JS_LIMIT = 250 * 1024;

function precompress(): Plugin {
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
      let initialBytes = 0;
      for (const file of walk(outDir).filter((f) => compressible.test(f))) {
        const content = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
      // docs/design.md, Targets: the JavaScript index.html loads at once (entry and preloads), as transferred
      const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
      for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)) {
        initialBytes += statSync(path.join(outDir, `${match[1] ?? ''}.br`)).size;
      }
      const kB = (initialBytes / 1024).toFixed(1);
      if (initialBytes > INITIAL_JS_LIMIT) {
        throw new Error(`initial JavaScript is ${kB} kB as transferred (brotli): over 250 kB`);
      }
      process.stdout.write(`initial JavaScript: ${kB} kB as transferred (brotli), limit 250 kB\n`);
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

// The server listens on PORT (default 4000); in development Vite forwards API calls to it.
const apiTarget = `http://localhost:${process.env.PORT ?? 4000}`;

export default defineConfig({
  plugins: [react(), scopeGraphiqlFonts(), precompress()],
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
    rolldownOptions: {
      output: {
        // Libraries that change rarely get their own long-cached chunks. Mantine stays in the
        // automatic split so each lazy page only pulls the components it renders.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
            },
            // not `graphql`: the API page uses far more of it than Apollo Client, and a group is
            // loaded whole — with it here the API explorer's share would load on every page
            { name: 'apollo', test: /node_modules[\\/](@apollo|rxjs|@wry|optimism)[\\/]/ },
          ],
        },
      },
    },
  },
});
