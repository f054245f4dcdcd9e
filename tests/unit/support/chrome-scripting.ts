import { vi } from 'vitest';
import { browser } from 'wxt/browser';

/** A stand-in for Chrome's permissions and script registry, which the fake browser lacks. */
export function fakeChromeScripting(
  grantedHosts: string[],
  registeredHosts: string[],
  onRevoked = () => {},
) {
  const granted = new Set(grantedHosts.map((host) => `https://${host}/*`));
  const registered = new Map(registeredHosts.map((host) => [`always-on:${host}`, host]));
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async ({ origins }) =>
    (origins ?? []).every((origin) => granted.has(origin)),
  );
  vi.spyOn(browser.permissions, 'remove').mockImplementation(async ({ origins }) => {
    for (const origin of origins ?? []) granted.delete(origin);
    onRevoked(); // Chrome's permissions.onRemoved, whose listener syncs.
    return true;
  });
  // Chrome answers from another process: a task later, so concurrent callers overlap.
  vi.spyOn(browser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => {
    const ids = [...registered.keys()];
    await new Promise((answered) => setTimeout(answered));
    return ids.map((id) => ({ id }));
  });
  // Chrome refuses a whole call that names an ID twice over: registered, or not there.
  const register = vi
    .spyOn(browser.scripting, 'registerContentScripts')
    .mockImplementation(async (scripts) => {
      const taken = scripts.find((script) => registered.has(script.id));
      if (taken) throw new Error(`Duplicate script ID '${taken.id}'`);
      for (const script of scripts) registered.set(script.id, script.id);
    });
  vi.spyOn(browser.scripting, 'unregisterContentScripts').mockImplementation(async (filter) => {
    const missing = filter?.ids?.find((id) => !registered.has(id));
    if (missing) throw new Error(`Nonexistent script ID '${missing}'`);
    for (const id of filter?.ids ?? []) registered.delete(id);
  });
  const inject = vi.spyOn(browser.scripting, 'executeScript').mockImplementation(async () => []);
  vi.spyOn(browser.tabs, 'query').mockImplementation(async () => [{ id: 12 } as never]);
  return { registered, register, inject };
}
