import type { BackgroundClient } from '@/utils/messages/client';
import { ContactFinder, type ContactGroup, type FoundContact } from './ContactFinder';
import type { PageTarget } from './page-target';

/** The page shows no contact: say why, offer a token when that is missing, and find one. */
export function NoContact(props: {
  client: BackgroundClient;
  target: Extract<PageTarget, { kind: 'none' }>;
  onOpen(contact: FoundContact): void;
  onMany(groups: ContactGroup[]): void;
}) {
  const { client, target } = props;
  return (
    <>
      <h2 class="ct-name">No contact on this page</h2>
      {target.problem && (
        <p class="ct-problem" role="alert">
          {target.problem}
        </p>
      )}
      {target.noConnection && target.locationId && (
        <button
          type="button"
          class="ct-primary"
          onClick={() => void client.ask('options.open', { locationId: target.locationId ?? '' })}
        >
          Add a token for this sub-account
        </button>
      )}
      <ContactFinder
        client={client}
        locationId={target.locationId}
        onOpen={props.onOpen}
        onMany={props.onMany}
      />
    </>
  );
}
