// Deterministic stand-ins for the random parts of controller-made names
// (web-7d4b9c6f8d-x2k9p): the same input always yields the same cluster.
// The alphabet is the one Kubernetes uses for generated names (no vowels, no 0/1/3).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** `length` characters from the generated-name alphabet, a pure function of `seed`. */
export function randomLikeString(seed: string, length: number): string {
  // mulberry32 seeded with the hash: a small, well-mixed generator.
  let state = fnv1a(seed);
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = (t ^ (t >>> 14)) >>> 0;
    out += ALPHABET[r % ALPHABET.length];
  }
  return out;
}
