// An esbuild plugin for the `yaml` package: its parser reads process.env.LOG_TOKENS for every
// token and its composer process.env.LOG_STREAM for every document (debug switches). Reading
// process.env is a getenv() each time, about a fifth of the parse of a large cluster dump.
// The bundle reads them as unset; nothing else in the package changes.
import fs from 'node:fs';

const FILES = /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](?:parse[\\/]parser|compose[\\/]composer)\.js$/;
const SWITCHES = /\bnode_process\.env\.LOG_(?:TOKENS|STREAM)\b/g;

export const yamlWithoutDebugEnv = {
  name: 'yaml-without-debug-env',
  setup(build) {
    build.onLoad({ filter: FILES }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replace(SWITCHES, 'undefined'), loader: 'js' };
    });
  },
};
