import { useEffect, useState } from 'preact/hooks';
import { parseContactRefs } from '@/utils/detect/contact-refs';
import type { BackgroundClient } from '@/utils/messages/client';
import type { ContactSummary } from '@/utils/messages/protocol';

/** Searching waits this long after the last keystroke. */
const SEARCH_DEBOUNCE_MS = 250;

export interface FoundContact {
  locationId: string;
  contactId: string;
}

/**
 * When the page shows no contact: find one by name, e-mail or phone, or paste contact IDs
 * or links (a pasted address-bar URL is reduced to what is needed).
 */
export function ContactFinder(props: {
  client: BackgroundClient;
  /** The sub-account searched and assumed for bare IDs. */
  locationId?: string;
  onOpen(contact: FoundContact): void;
  /** Several contacts pasted: one group per sub-account, for bulk tagging. */
  onMany(groups: ContactGroup[]): void;
}) {
  const { client, locationId, onOpen } = props;
  return (
    <div>
      {locationId && <ContactSearch client={client} locationId={locationId} onOpen={onOpen} />}
      <PasteBox locationId={locationId} onOpen={onOpen} onMany={props.onMany} />
    </div>
  );
}

export interface ContactGroup {
  locationId: string;
  contactIds: string[];
}

function ContactSearch(props: {
  client: BackgroundClient;
  locationId: string;
  onOpen(contact: FoundContact): void;
}) {
  const { client, locationId } = props;
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ContactSummary[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    if (query.trim().length < 2) {
      setResults(undefined);
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      const answer = await client.ask('contacts.search', { locationId, query });
      if (!current) return;
      setProblem(answer.ok ? undefined : answer.error.message);
      setResults(answer.ok ? answer.value.contacts : undefined);
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, locationId, query]);

  return (
    <div class="ct-section">
      <label for="ct-search">Search contacts</label>
      <input
        id="ct-search"
        type="search"
        placeholder="Name, e-mail or phone"
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      {problem && (
        <p class="ct-problem" role="alert">
          {problem}
        </p>
      )}
      {results && results.length === 0 && (
        <p class="ct-muted">No contact matches “{query.trim()}”.</p>
      )}
      {results && results.length > 0 && (
        <ul class="ct-list" aria-label="Search results">
          {results.map((contact) => (
            <li key={contact.id}>
              <button
                type="button"
                class="ct-result"
                onClick={() => props.onOpen({ locationId, contactId: contact.id })}
              >
                <strong>{contact.name}</strong>
                {(contact.email || contact.phone) && (
                  <span class="ct-muted">
                    {' '}
                    · {[contact.email, contact.phone].filter(Boolean).join(' · ')}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function PasteBox(props: {
  locationId?: string;
  onOpen(contact: FoundContact): void;
  onMany(groups: ContactGroup[]): void;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  /** Contacts found beside refused input: the user decides after reading the reasons. */
  const [found, setFound] = useState<FoundContact[]>([]);

  function proceed(contacts: FoundContact[]) {
    const [only] = contacts;
    if (only && contacts.length === 1) props.onOpen(only);
    if (contacts.length > 1) props.onMany(groupByLocation(contacts));
  }

  function open(event: Event) {
    event.preventDefault();
    const parsed = parseContactRefs(text, { locationId: props.locationId });
    const found = parsed.refs.flatMap((ref) =>
      ref.locationId ? [{ locationId: ref.locationId, contactId: ref.contactId }] : [],
    );
    const withoutLocation = parsed.refs.length - found.length;
    const reasons = [
      ...parsed.refused.map((item) => `“${item.input}”: ${item.reason}.`),
      ...(parsed.refusedCount > parsed.refused.length
        ? [`…and ${parsed.refusedCount - parsed.refused.length} more not understood.`]
        : []),
      ...(withoutLocation > 0
        ? [
            `${withoutLocation} bare ID${withoutLocation > 1 ? 's need' : ' needs'} a sub-account: paste contact links instead.`,
          ]
        : []),
    ];
    setProblem(
      reasons.length > 0
        ? reasons.join(' ')
        : found.length === 0
          ? 'Paste a contact ID or a contact’s link.'
          : undefined,
    );
    // With refusals, the reasons stay in sight and the contacts found wait for a click.
    setFound(reasons.length > 0 ? found : []);
    if (reasons.length === 0) proceed(found);
  }

  return (
    <form class="ct-section" onSubmit={open}>
      <label for="ct-paste">Contact IDs or links</label>
      <textarea
        id="ct-paste"
        rows={3}
        spellcheck={false}
        autoComplete="off"
        placeholder="One or more contact IDs or links, e.g. https://app.gohighlevel.com/v2/location/…/contacts/detail/…"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <div class="ct-row">
        <button type="submit" class="ct-secondary">
          Open tag editor
        </button>
      </div>
      {problem && (
        <p class="ct-problem" role="alert">
          {problem}
        </p>
      )}
      {found.length > 0 && (
        <button type="button" class="ct-secondary" onClick={() => proceed(found)}>
          Go on with the {found.length === 1 ? 'contact' : `${found.length} contacts`} found
        </button>
      )}
    </form>
  );
}

/** Links of another sub-account use that sub-account's token: one group (job) per location. */
function groupByLocation(contacts: FoundContact[]): ContactGroup[] {
  const groups = new Map<string, string[]>();
  for (const { locationId, contactId } of contacts) {
    groups.set(locationId, [...(groups.get(locationId) ?? []), contactId]);
  }
  return [...groups].map(([locationId, contactIds]) => ({ locationId, contactIds }));
}
