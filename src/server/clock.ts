/** Milliseconds since the epoch. Injected so tests control time (lockouts, expiry) without sleeping. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

/** A clock tests can move forward. */
export function manualClock(start = Date.parse('2026-11-27T12:00:00Z')): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  const clock = (() => now) as Clock & { advance(ms: number): void; set(ms: number): void };
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (ms) => {
    now = ms;
  };
  return clock;
}
