// Bindings every screen shares: help and quit. Ctrl+C is Ink's and quits from anywhere.
import type { Binding } from './keymap.js';

export const HELP_BINDING: Binding<'help'> = {
  command: 'help',
  keys: ['?', 'F1'],
  description: 'this help',
  category: 'General',
  footer: 'help',
  footerKeys: ['?'],
};
export const QUIT_BINDING: Binding<'quit'> = {
  command: 'quit',
  keys: ['q'],
  description: 'quit (Ctrl+C quits from any screen)',
  category: 'General',
  footer: 'quit',
};
