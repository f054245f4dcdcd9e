import { act } from 'preact/test-utils';

/** Lets pending answers and the renders they cause happen. */
export async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Pastes `text` into `input` as the browser would, then lets the result render. */
export async function paste(input: HTMLElement, text: string) {
  await act(async () => {
    const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(event, 'clipboardData', { value: { getData: () => text } });
    input.dispatchEvent(event);
  });
  await settle();
}

/** The button whose accessible name (its text, or aria-label) is `name`, if any. */
export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find(
    (button) => (button.getAttribute('aria-label') ?? button.textContent?.trim()) === name,
  );
}

/** Types `text` into `input` (replacing what it held), as one input event. */
export async function typeText(input: HTMLInputElement, text: string) {
  await act(async () => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
