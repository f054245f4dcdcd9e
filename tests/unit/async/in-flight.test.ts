import { describe, expect, it } from 'vitest';
import { createInFlight } from '@/utils/async/in-flight';

/** A piece of work the test finishes by hand. */
function work() {
  let finish: (value: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

describe('in-flight sharing', () => {
  it('callers under one key share the running call; other keys and later calls start their own', async () => {
    const once = createInFlight<string>();
    const started: string[] = [];
    const first = work();
    const run = (key: string, piece: ReturnType<typeof work>) =>
      once(key, () => {
        started.push(key);
        return piece.promise;
      });
    const a1 = run('a', first);
    const a2 = run('a', work());
    const b = work();
    const b1 = run('b', b);
    expect(started).toEqual(['a', 'b']);
    first.finish('one');
    b.finish('bee');
    expect(await Promise.all([a1, a2, b1])).toEqual(['one', 'one', 'bee']);
    const again = work();
    const a3 = run('a', again);
    again.finish('two');
    expect(await a3).toBe('two');
    expect(started).toEqual(['a', 'b', 'a']);
  });

  it('a failed call is shared by its callers and does not stick', async () => {
    const once = createInFlight<string>();
    const failing = work();
    const both = [once('k', () => failing.promise), once('k', () => work().promise)];
    failing.fail(new Error('offline'));
    for (const call of both) await expect(call).rejects.toThrow('offline');
    const next = work();
    const retried = once('k', () => next.promise);
    next.finish('back');
    expect(await retried).toBe('back');
  });
});
