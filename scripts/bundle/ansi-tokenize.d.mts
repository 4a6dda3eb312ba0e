// Types for scripts/bundle/ansi-tokenize.mjs: the package's own.
export * from '@alcalzone/ansi-tokenize';
