/**
 * Calls under the same key while one is still running share its promise, so a burst of
 * callers (two editors opening, a shortcut pressed twice) does the work once.
 */
export function createInFlight<T>() {
  const running = new Map<string, Promise<T>>();
  return function once(key: string, start: () => Promise<T>): Promise<T> {
    const current = running.get(key);
    if (current) return current;
    const started = start().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
