import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TagOp } from '@/utils/api/client';
import type { BackgroundClient } from '@/utils/messages/client';
import type { JobView } from '@/utils/messages/protocol';
import { TagCombobox } from '../tag-editor/TagCombobox';
import { useStore } from '../use-store';
import { type BulkState, type BulkStore, createBulkStore } from './bulk-store';

export interface BulkPanelProps {
  client: BackgroundClient;
  locationId: string;
  contactIds: string[];
  /** HighLevel says this many are selected, more than the page holds rows for. */
  claimed?: number;
  /** Every contact row on the page, offered as "Select all on this page". */
  allOnPage?: string[];
  /** Tags chosen beforehand (a quick tag on a big selection): straight to the confirmation. */
  preset?: { op: TagOp; tags: string[] };
}

const selectAll = (state: BulkState) => state;
const quoted = (tags: readonly string[]) => tags.map((tag) => `‘${tag}’`).join(', ');

/** Many contacts at once: choose tags, confirm, watch the job, retry what can succeed. */
export function BulkPanel(props: BulkPanelProps) {
  const { client, locationId } = props;
  const bulk = useMemo(
    () => createBulkStore(client, locationId, props.contactIds, props.preset),
    [client, locationId, props.contactIds, props.preset],
  );
  useEffect(() => bulk.start(), [bulk]);
  const state = useStore(bulk.store, selectAll);
  const count = state.contactIds.length;
  const { job, confirming } = state;

  return (
    <div class="ct-bulk">
      <h2 class="ct-name">{count} contacts selected</h2>
      {props.claimed !== undefined && props.claimed > count && (
        <p class="ct-muted">
          HighLevel says {props.claimed.toLocaleString('en')} are selected; {count} are on this
          page, and only those will be changed.
        </p>
      )}
      {!job && props.allOnPage && props.allOnPage.length > count && (
        <button type="button" class="ct-link" onClick={() => bulk.selectAll(props.allOnPage ?? [])}>
          Select all on this page ({props.allOnPage.length})
        </button>
      )}
      {!job && !confirming && <Choose state={state} bulk={bulk} count={count} />}
      {!job && confirming && (
        <div class="ct-confirm">
          <p>
            {confirming.op === 'add' ? 'Add' : 'Remove'}{' '}
            {confirming.tags.map((tag, index) => (
              <span key={tag}>
                {index > 0 && ', '}‘{tag}’{confirming.newTags.includes(tag) && <em> (new tag)</em>}
              </span>
            ))}{' '}
            {confirming.op === 'add' ? 'to' : 'from'} {count} contacts?
          </p>
          <div class="ct-row">
            <button
              type="button"
              class="ct-primary"
              disabled={state.starting}
              onClick={() => void bulk.confirm()}
            >
              Confirm
            </button>
            <button
              type="button"
              class="ct-secondary"
              disabled={state.starting}
              onClick={bulk.back}
            >
              Back
            </button>
          </div>
        </div>
      )}
      {job && <Progress job={job} onCancel={bulk.cancel} onRetry={bulk.retry} />}
      {state.alert && (
        <div class="ct-alert" role="alert">
          <span>{state.alert}</span>
          <button type="button" class="ct-link" aria-label="Dismiss" onClick={bulk.dismissAlert}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

function Choose(props: { state: BulkState; bulk: BulkStore; count: number }) {
  const { state, bulk, count } = props;
  return (
    <>
      {state.chosen.length > 0 && (
        <ul class="ct-chips" aria-label="Chosen tags">
          {state.chosen.map((tag) => (
            <li key={tag} class="ct-chip">
              <span class="ct-chip-text">{tag}</span>
              <button
                type="button"
                class="ct-chip-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => bulk.unchoose(tag)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Above the combobox: its suggestions drop over what follows, never over these. */}
      <div class="ct-row ct-bulk-actions">
        <button
          type="button"
          class="ct-primary"
          disabled={state.starting}
          onClick={() => void bulk.apply('add')}
        >
          Add to {count} contacts
        </button>
        <button
          type="button"
          class="ct-secondary"
          disabled={state.starting}
          onClick={() => void bulk.apply('remove')}
        >
          Remove from {count} contacts
        </button>
      </div>
      <TagCombobox
        label="Tag"
        index={state.index}
        recentTags={[]}
        contactTags={state.chosen}
        onAdd={bulk.choose}
        onPasteList={(text) => void bulk.choosePasted(text)}
        onBackspaceWhenEmpty={bulk.unchooseLast}
        onQueryChange={bulk.setTyped}
        autoFocus
      />
    </>
  );
}

function Progress(props: { job: JobView; onCancel(): void; onRetry(): void }) {
  const { job } = props;
  const [now, setNow] = useState(Date.now());
  const undoOpen = job.undoUntil !== undefined && job.undoUntil > now;
  useEffect(() => {
    if (job.undoUntil === undefined) return;
    const timer = setTimeout(
      () => setNow(Date.now()),
      Math.max(0, job.undoUntil - Date.now()) + 50,
    );
    return () => clearTimeout(timer);
  }, [job.undoUntil]);
  const settled = job.done + job.failed;
  return (
    <div class="ct-job">
      <p>
        {job.op === 'add' ? 'Adding' : 'Removing'} {quoted(job.tags)}
      </p>
      {!job.finished && (
        <div
          class="ct-progress"
          role="progressbar"
          aria-label="Bulk progress"
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={settled}
        >
          <div
            class="ct-progress-bar"
            style={{ width: `${job.total ? (100 * settled) / job.total : 0}%` }}
          />
        </div>
      )}
      <p class="ct-muted">
        {job.done} done · {job.failed} failed · {job.pending} pending
        {job.notDone > 0 && ` · ${job.notDone} not done`}
      </p>
      {job.problem && <p class="ct-muted">Waiting: {job.problem}</p>}
      {job.finished && <p class="ct-summary">{job.text}</p>}
      <div class="ct-row">
        {undoOpen && (
          <button type="button" class="ct-secondary" onClick={props.onCancel}>
            Undo
          </button>
        )}
        {!undoOpen && !job.finished && (
          <button type="button" class="ct-secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        {job.finished && job.retryableFailed > 0 && (
          <button type="button" class="ct-primary" onClick={props.onRetry}>
            Retry failed
          </button>
        )}
      </div>
      {job.failures.length > 0 && (
        <ul class="ct-list" aria-label="Failures">
          {job.failures.map((failure) => (
            <li key={failure.contactId}>
              <code>{failure.contactId}</code>: {failure.reason}
              {!failure.retryable && <span class="ct-muted"> (not retried)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
