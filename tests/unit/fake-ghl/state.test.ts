import { describe, expect, it } from 'vitest';
import { FIRESTORE_ID, LIMITED_TOKEN, SAMPLE, SECOND } from '../../fake-ghl/index';
import { FakeState } from '../../fake-ghl/state';

describe('the seed', () => {
  const state = new FakeState();

  it('uses 20-character alphanumeric IDs for locations, contacts, conversations and opportunities', () => {
    const ids = [
      SAMPLE.locationId,
      SECOND.locationId,
      ...Object.values(SAMPLE.contacts).map((contact) => contact.id),
      ...Object.values(SECOND.contacts).map((contact) => contact.id),
      ...Object.values(SAMPLE.conversations).map((conversation) => conversation.id),
      ...Object.values(SAMPLE.opportunities).map((opportunity) => opportunity.id),
    ];

    expect(ids.filter((id) => !FIRESTORE_ID.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has Sunrise Dental with a few dozen contacts, Ada Lovelace among them, and one deleted', () => {
    expect(state.getLocation(SAMPLE.locationId)?.name).toBe('Sunrise Dental');
    expect(state.contactsOf(SAMPLE.locationId).length).toBeGreaterThanOrEqual(24);
    expect(state.getContact(SAMPLE.contacts.ada.id)).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    expect(state.getContact(SAMPLE.contacts.deleted.id)?.deleted).toBe(true);
    expect(state.contactsOf(SAMPLE.locationId).map((contact) => contact.id)).not.toContain(
      SAMPLE.contacts.deleted.id,
    );
  });

  it('has about 50 location tags, every contact tag among them, with spaces and an emoji', () => {
    const names = state.locationTags(SAMPLE.locationId).map((tag) => tag.name);
    const contactTags = state
      .contactsOf(SAMPLE.locationId, { includeDeleted: true })
      .flatMap((c) => c.tags);

    expect(names.length).toBeGreaterThanOrEqual(45);
    expect(names).toEqual(
      expect.arrayContaining([...contactTags, 'VIP-Client', 'hot-lead', 'newsletter', 'follow-up']),
    );
    expect(names.some((name) => name.includes(' '))).toBe(true);
    expect(names).toContain(SAMPLE.tags.emoji);
  });

  it('points conversations and opportunities at contacts of their own location', () => {
    for (const conversation of [
      ...state.conversationsOf(SAMPLE.locationId),
      ...state.conversationsOf(SECOND.locationId),
    ]) {
      expect(state.getContact(conversation.contactId)?.locationId).toBe(conversation.locationId);
    }
    for (const opportunity of state.opportunitiesOf(SAMPLE.locationId)) {
      expect(state.getContact(opportunity.contactId)?.locationId).toBe(SAMPLE.locationId);
    }
  });

  it('has tokens shaped like PITs, the limited one without tag and conversation reads', () => {
    expect(SAMPLE.token).toMatch(
      /^pit-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(state.getToken(SECOND.token)?.locationId).toBe(SECOND.locationId);
    expect(state.getToken(LIMITED_TOKEN)?.scopes).not.toContain('locations/tags.readonly');
    expect(state.getToken(LIMITED_TOKEN)?.scopes).not.toContain('conversations.readonly');
    expect(state.getToken(LIMITED_TOKEN)?.scopes).toContain('contacts.write');
  });
});

describe('FakeState helpers', () => {
  it('addContacts returns new, distinct, valid IDs of contacts that exist', () => {
    const state = new FakeState();

    const ids = state.addContacts(SAMPLE.locationId, 1000);

    expect(new Set(ids).size).toBe(1000);
    expect(
      ids.every(
        (id) => FIRESTORE_ID.test(id) && state.getContact(id)?.locationId === SAMPLE.locationId,
      ),
    ).toBe(true);
    expect(state.getContact(ids[0] ?? '')?.email).toMatch(/@example\.com$/);
  });

  it('gives the same IDs after every reset, so runs repeat exactly', () => {
    const state = new FakeState();
    const first = state.addContacts(SAMPLE.locationId, 3);
    state.reset();

    expect(state.addContacts(SAMPLE.locationId, 3)).toEqual(first);
  });

  it('reset restores the seed', () => {
    const state = new FakeState();
    state.setContactTags(SAMPLE.contacts.ada.id, []);
    state.deleteContact(SAMPLE.contacts.grace.id);
    state.revokeToken(SAMPLE.token);

    state.reset();

    expect(state.getContact(SAMPLE.contacts.ada.id)?.tags).toEqual(SAMPLE.contacts.ada.tags);
    expect(state.getContact(SAMPLE.contacts.grace.id)?.deleted).toBe(false);
    expect(state.getToken(SAMPLE.token)).toBeDefined();
  });

  it('hands out copies, so a kept snapshot does not change', () => {
    const state = new FakeState();
    const before = state.getContact(SAMPLE.contacts.ada.id);

    state.addTagsToContact(SAMPLE.contacts.ada.id, ['later'], false);

    expect(before?.tags).toEqual(SAMPLE.contacts.ada.tags);
  });

  it('refuses helpers on unknown IDs rather than doing nothing silently', () => {
    const state = new FakeState();

    expect(() => state.deleteContact('nope')).toThrow(/no contact nope/);
    expect(() => state.addContacts('nope', 1)).toThrow(/no location nope/);
  });
});
