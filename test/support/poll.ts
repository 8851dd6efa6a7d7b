/**
 * Polling with a deadline, for what a test can only observe from outside (another process, a pipe):
 * call `probe` until it returns a value other than undefined; throws after `deadlineMs`.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined> | T | undefined, deadlineMs: number, what: string, intervalMs = 5): Promise<T> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`Not within ${deadlineMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
