import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

/**
 * Write a .br and a .gz beside every text file of the build: the server sends them as they are
 * (@fastify/static's preCompressed) instead of compressing each response again.
 */
function precompress(): Plugin {
  return {
    name: 'duban-precompress',
    apply: 'build',
    writeBundle() {
      for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(js|css|html|svg|json)$/u.test(entry.name)) continue;
        const path = join(entry.parentPath, entry.name);
        if (path.includes(`${outDir}/.vite`)) continue;
        const bytes = readFileSync(path);
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          }),
        );
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * antd's form context (imported by every input, select and picker) takes only FormProvider from
 * rc-field-form, but rc-field-form's index assigns to its default export at load time, so the
 * whole form library and its validator came with any page that has an input. Point that one
 * import at the module that defines FormProvider.
 */
function formContextOnly(): Plugin {
  return {
    name: 'duban-form-context-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source !== 'rc-field-form' || !importer?.replaceAll('\\', '/').endsWith('antd/es/form/context.js'))
        return null;
      return this.resolve('rc-field-form/es/FormContext', importer, { skipSelf: true });
    },
  };
}

// The app is served by the Duban server from dist/web; in development Vite proxies /api to it.
export default defineConfig({
  plugins: [react(), formContextOnly(), precompress()],
  root: fileURLToPath(new URL('./src', import.meta.url)),
  build: {
    outDir,
    emptyOutDir: true,
    // The bundle-size test reads which chunks each page loads from the manifest.
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.DUBAN_PORT ?? 3000}` },
  },
});
