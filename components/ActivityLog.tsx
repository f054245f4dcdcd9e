import { useEffect, useState } from 'preact/hooks';
import type { BackgroundClient } from '@/utils/messages/client';
import type { ActivityItem } from '@/utils/messages/protocol';

/** "Recent changes": every change and its fate, so nothing happens out of sight. */
export function ActivityLog({ client }: { client: BackgroundClient }) {
  const [items, setItems] = useState<ActivityItem[] | undefined>();
  useEffect(() => {
    const load = async () => {
      const answer = await client.ask('activity.list', {});
      if (answer.ok) setItems(answer.value.items);
    };
    void load();
    return client.listen(
      [{ topic: 'activity' }],
      () => void load(),
      () => void load(),
    );
  }, [client]);

  return (
    <section class="ct-section" aria-labelledby="recent-changes">
      <h3 id="recent-changes">Recent changes</h3>
      {items?.length === 0 && <p class="ct-muted">No changes yet.</p>}
      <ul class="ct-list ct-activity" aria-label="Recent changes">
        {(items ?? []).map((item) => (
          <li key={item.id}>
            <span>
              {item.op === 'add' ? 'Add' : 'Remove'} {item.tags.map((tag) => `‘${tag}’`).join(', ')}{' '}
              {item.op === 'add' ? 'to' : 'from'}{' '}
              {item.contactCount
                ? `${item.contactCount} contacts`
                : (item.contactName ?? item.contactId)}
            </span>{' '}
            <span class={`ct-state-${item.state}`}>· {item.state}</span>
            {item.reason && <span class="ct-muted"> · {item.reason}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
