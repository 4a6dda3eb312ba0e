// Text reports shared by the CLI and the TUI mark emphasis through a Paint function: the CLI
// passes one that writes ANSI colours (or none), the TUI the plain one.
export type TextStyle = 'red' | 'green' | 'yellow' | 'dim' | 'bold' | 'cyan';
export type Paint = (style: TextStyle, text: string) => string;

export const plain: Paint = (_style, text) => text;
