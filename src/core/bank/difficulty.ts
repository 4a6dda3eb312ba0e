// A scenario's difficulty as five dots: on its own so that the practice browser shows it
// without loading describe.ts (which needs the engine).
export function difficultyDots(d: number): string {
  const n = Math.min(5, Math.max(1, Math.round(d)));
  return '●'.repeat(n) + '○'.repeat(5 - n);
}
