import { useCallback, useEffect, useState } from 'preact/hooks';
import { useStore } from '@/components/use-store';
import { UNDO_WINDOW } from '@/utils/storage/schemas';
import type { OptionsState, OptionsStore } from './store';

const selectUndo = (state: OptionsState) => state.undoWindowSeconds;

export function UndoWindow({ options }: { options: OptionsStore }) {
  const saved = useStore(options.store, selectUndo);
  const [value, setValue] = useState(String(saved));
  useEffect(() => setValue(String(saved)), [saved]);
  const commit = useCallback(() => {
    const seconds = Number(value);
    if (value.trim() === '' || !Number.isFinite(seconds)) {
      setValue(String(saved));
      return;
    }
    if (seconds !== saved) void options.setUndoWindow(seconds);
  }, [value, saved, options]);

  return (
    <section aria-labelledby="undo-heading">
      <h2 id="undo-heading">Undo window</h2>
      <p class="muted">
        Each change waits this long before it is sent, so “Undo” can cancel it before any automation
        sees it. At 0, changes go out at once.
      </p>
      <label for="undo-window">Undo window (seconds)</label>
      <input
        id="undo-window"
        type="number"
        min={UNDO_WINDOW.min}
        max={UNDO_WINDOW.max}
        step={1}
        value={value}
        style={{ maxWidth: '8em' }}
        onInput={(event) => setValue(event.currentTarget.value)}
        onChange={commit}
      />
    </section>
  );
}
