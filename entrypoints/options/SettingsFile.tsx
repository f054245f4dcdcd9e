import type { OptionsStore } from './store';

/** Settings to and from a JSON file (quick tags, per-sub-account lists, undo window; never tokens). */
export function SettingsFile({ options }: { options: OptionsStore }) {
  async function download() {
    const file = await options.exportSettings();
    if (!file) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(
      new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }),
    );
    link.download = 'contact-tags-settings.json';
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function upload(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) await options.importSettings(await file.text());
  }

  return (
    <section aria-labelledby="settings-file-heading">
      <h2 id="settings-file-heading">Settings file</h2>
      <p class="muted">
        Move quick tags, per-sub-account lists and the undo window to another browser or a
        colleague. Tokens are never written to the file.
      </p>
      <div class="row">
        <button type="button" onClick={() => void download()}>
          Export settings
        </button>
        <label class="file-button">
          Import settings
          <input type="file" accept="application/json,.json" onChange={upload} />
        </label>
      </div>
    </section>
  );
}
