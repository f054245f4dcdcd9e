import { useEffect } from 'preact/hooks';
import { Connections, type Prefill } from './Connections';
import { Domains } from './Domains';
import { QuickTags } from './QuickTags';
import { SettingsFile } from './SettingsFile';
import { Shortcut } from './Shortcut';
import type { OptionsStore } from './store';
import { UndoWindow } from './UndoWindow';

export function App({ options, prefill }: { options: OptionsStore; prefill: Prefill }) {
  useEffect(() => {
    void options.load();
  }, [options]);

  return (
    <main>
      <h1>Contact Tags for HighLevel</h1>
      <Connections options={options} prefill={prefill} />
      <Domains options={options} prefill={prefill.domain} />
      <QuickTags options={options} />
      <UndoWindow options={options} />
      <Shortcut />
      <SettingsFile options={options} />
    </main>
  );
}
