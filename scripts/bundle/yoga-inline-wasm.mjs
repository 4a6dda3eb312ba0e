// An esbuild plugin for yoga-layout's Emscripten loader (Ink's layout engine). Its wasm is inlined
// as a base64 data: URL, yet the loader hands that URL to `fetch` whenever `fetch` exists, and on
// Node the first touch of `fetch` loads the whole HTTP client (undici): about 20 ms of a start-up
// that has nothing to download. The loader's own fallback decodes the data: URL in place, so the
// bundle takes that branch. The build fails if the loader changes shape (a yoga-layout upgrade).
import fs from 'node:fs';

const FILE = /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
const FETCH_CHECK = '"function"!=typeof fetch';
/** The two places the loader reaches for fetch: the ArrayBuffer route and the streaming one. */
const EXPECTED = 2;

export const yogaInlineWasm = {
  name: 'yoga-inline-wasm',
  setup(build) {
    build.onLoad({ filter: FILE }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const found = text.split(FETCH_CHECK).length - 1;
      if (found !== EXPECTED) {
        throw new Error(`${args.path}: expected ${EXPECTED} fetch checks in yoga-layout's loader, found ${found}; review scripts/bundle/yoga-inline-wasm.mjs`);
      }
      // `"function"!=typeof fetch` read as true: the loader decodes its inlined wasm itself.
      return { contents: text.replaceAll(FETCH_CHECK, '!0'), loader: 'js' };
    });
  },
};
