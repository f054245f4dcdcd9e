import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OPEN_POPUP_COMMAND } from '@/utils/commands';

/**
 * Says which key opens the in-page popup, or that none does: Chrome silently leaves a
 * suggested key unbound when another extension has taken it.
 */
export function Shortcut() {
  const [shortcut, setShortcut] = useState<string | undefined | null>(null);
  useEffect(() => {
    void browser.commands.getAll().then((commands) => {
      setShortcut(
        commands.find((command) => command.name === OPEN_POPUP_COMMAND)?.shortcut || undefined,
      );
    });
  }, []);
  if (shortcut === null) return null;
  return (
    <section aria-labelledby="shortcut-heading">
      <h2 id="shortcut-heading">Keyboard shortcut</h2>
      {shortcut ? (
        <p>
          <kbd>{shortcut}</kbd> opens the tag popup on a HighLevel page. Quick tags 1–9 can have
          keys of their own.
        </p>
      ) : (
        <p class="bad" role="alert">
          No key opens the tag popup: Alt+Shift+G is taken (by another extension, perhaps). Choose a
          key for “Open the tag popup”.
        </p>
      )}
      <button
        type="button"
        onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}
      >
        Open shortcut settings
      </button>
    </section>
  );
}
