import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type FakeGhl, startFakeGhl } from '../../fake-ghl';

/**
 * One in-process fake HighLevel for the test file, fresh state before each test, and every
 * test failing if it sent a request that breaks the OpenAPI contract. Call the returned
 * function inside a test to get the running fake.
 */
export function useFakeGhl(): () => FakeGhl {
  let fake: FakeGhl | undefined;
  beforeAll(async () => {
    fake = await startFakeGhl();
  });
  afterAll(() => fake?.close());
  beforeEach(() => fake?.reset());
  afterEach(() => {
    expect(fake?.violations, 'every request must follow the OpenAPI contract').toEqual([]);
  });
  return () => {
    if (!fake) throw new Error('The fake HighLevel has not started.');
    return fake;
  };
}
