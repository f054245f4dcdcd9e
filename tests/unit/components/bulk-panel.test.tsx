// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkPanel } from '@/components/bulk/BulkPanel';
import { paste, settle } from '../support/dom';
import { createStubClient } from '../support/stub-client';

const LOCATION = 'Rk7sWq2LmX9dTz4NbV1c';
const contactIds = Array.from({ length: 3 }, (_, index) => `Contact${index}`.padEnd(20, '0'));

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

async function setup() {
  const stub = createStubClient({
    'location.tags': () => ({ tags: ['newsletter', 'vip'], recent: [] }),
  });
  await act(async () => {
    render(
      <BulkPanel client={stub.client} locationId={LOCATION} contactIds={contactIds} />,
      container,
    );
  });
  await settle();
  const input = container.querySelector<HTMLInputElement>('[role="combobox"]');
  if (!input) throw new Error('no combobox');
  return { stub, input };
}

const chosen = () =>
  [...container.querySelectorAll('[aria-label="Chosen tags"] .ct-chip-text')].map(
    (chip) => chip.textContent,
  );
const alertText = () => container.querySelector('[role="alert"]')?.textContent;

describe('bulk panel: choosing tags', () => {
  it('a pasted list keeps its good tags and explains the pieces left out, as the tag editor does', async () => {
    const { input } = await setup();
    const long = 'x'.repeat(120);
    await paste(input, `alpha, beta\r\ngamma,, ${long}\rdelta`);
    expect(chosen()).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(alertText()).toContain(`‘${long}’ was left out: A tag can be at most 100 characters`);
  });

  it('a pasted list over the limit is refused as a whole, and says so', async () => {
    const { input } = await setup();
    const many = Array.from({ length: 101 }, (_, index) => `tag ${index}`);
    await paste(input, [...many, 'bad\u0007tag'].join(','));
    expect(chosen()).toEqual([]);
    expect(alertText()).toContain('At most 100 tags at once: this has 101.');
  });
});
