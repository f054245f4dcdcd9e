import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Bulk } from '@/entrypoints/background/bulk';
import type { Changes } from '@/entrypoints/background/changes';
import { NO_TOKEN_MESSAGE } from '@/entrypoints/background/connections';
import type { Contacts } from '@/entrypoints/background/contacts';
import type { Injection } from '@/entrypoints/background/injection';
import { createQuickActions } from '@/entrypoints/background/quick-actions';
import { ApiError } from '@/utils/api/errors';
import { ProtocolError } from '@/utils/messages/errors';
import type { InPageToast } from '@/utils/messages/protocol';

const LOCATION = 'Rk7sWq2LmX9dTz4NbV1c';
const CONVERSATION_URL = `https://app.gohighlevel.com/v2/location/${LOCATION}/conversations/conversations/cOnv1234567890abcdef`;
const MISSING_SCOPE =
  'This token may not read conversations. Add the conversations.readonly scope.';

/** Quick actions whose lookups and bulk jobs fail; what the page is told is recorded. */
function failingQuickActions() {
  const injection = {
    togglePopup: vi.fn(async () => true),
    openPopup: vi.fn(async () => true),
    openBulk: vi.fn(async () => false),
    showToast: vi.fn(async (_tabId: number, _toast: InPageToast) => true),
    reinjectAlwaysOn: vi.fn(async () => undefined),
  } satisfies Injection;
  const contacts = {
    contactOfPage: vi.fn(async () => {
      throw new ApiError('missing-scope', MISSING_SCOPE, { status: 401 });
    }),
  } as unknown as Contacts;
  const bulk = {
    start: vi.fn(async () => {
      throw new ProtocolError('no-connection', NO_TOKEN_MESSAGE, LOCATION);
    }),
  } as unknown as Bulk;
  const quickActions = createQuickActions({ changes: {} as Changes, contacts, injection, bulk });
  return { quickActions, toldInPage: () => injection.showToast.mock.calls.map((call) => call[1]) };
}

beforeEach(() => fakeBrowser.reset());

describe('quick actions that fail', () => {
  it('"Edit tags..." on a conversation whose contact cannot be looked up says why in the page', async () => {
    const { quickActions, toldInPage } = failingQuickActions();
    await quickActions.edit(
      3,
      { kind: 'lookup', locationId: LOCATION, url: CONVERSATION_URL },
      LOCATION,
    );
    expect(toldInPage()).toEqual([{ text: MISSING_SCOPE, tone: 'error' }]);
  });

  it('a quick tag on a selection of a sub-account without a token says so in the page', async () => {
    const { quickActions, toldInPage } = failingQuickActions();
    await quickActions.apply(
      3,
      { kind: 'selection', locationId: LOCATION, contactIds: ['AAAAAAAAAAAAAAAAAAAA'] },
      'add',
      'vip',
    );
    expect(toldInPage()).toEqual([{ text: NO_TOKEN_MESSAGE, tone: 'error' }]);
  });

  it('a quick tag on a conversation whose lookup fails says why, and changes nothing', async () => {
    const { quickActions, toldInPage } = failingQuickActions();
    await quickActions.apply(
      3,
      { kind: 'lookup', locationId: LOCATION, url: CONVERSATION_URL },
      'add',
      'vip',
    );
    expect(toldInPage()).toEqual([{ text: MISSING_SCOPE, tone: 'error' }]);
  });
});
