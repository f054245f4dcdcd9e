import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { hasListSeparator } from '@/utils/tags/rules';
import { suggest, type TagIndex } from '@/utils/tags/suggest';

const SUGGESTION_LIMIT = 8;

type Option =
  | { kind: 'tag'; tag: string }
  | { kind: 'create'; tag: string; caseVariantOf?: string };

export interface TagComboboxProps {
  label: string;
  index: TagIndex;
  recentTags: readonly string[];
  contactTags: readonly string[];
  /** Resolves false when the tags were refused (the text then stays for correcting). */
  onAdd(tags: string[]): Promise<boolean>;
  onPasteList(text: string): void;
  /** Backspace in the empty input. */
  onBackspaceWhenEmpty(): void;
  /** Escape with nothing open and nothing typed. */
  onEscapeWhenEmpty?(): void;
  /** The text typed but not yet confirmed (a bulk change counts it as chosen). */
  onQueryChange?(query: string): void;
  autoFocus?: boolean;
}

/**
 * The "Add tag" combobox (WAI-ARIA combobox with a listbox popup): suggestions filtered
 * as you type, best first; Enter takes the highlighted option; a new tag needs the
 * "Create tag" option; arrows move, Escape closes the list, then clears, then leaves.
 */
export function TagCombobox(props: TagComboboxProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [highlighted, setHighlighted] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // Focused explicitly: the `autofocus` attribute works once per document, and the in-page
  // popup opens many times on the same page.
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, [props.autoFocus]);

  const result = useMemo(
    () =>
      suggest(props.index, {
        query,
        contactTags: props.contactTags,
        recentTags: props.recentTags,
        limit: SUGGESTION_LIMIT,
      }),
    [props.index, props.contactTags, props.recentTags, query],
  );
  const options: Option[] = useMemo(
    () => [
      ...result.suggestions.map((suggestion) => ({ kind: 'tag' as const, tag: suggestion.tag })),
      ...(result.create ? [{ kind: 'create' as const, ...result.create }] : []),
    ],
    [result],
  );
  const active = open && options.length > 0 ? Math.min(highlighted, options.length - 1) : -1;
  const optionId = (index: number) => `${id}-option-${index}`;

  function reset() {
    props.onQueryChange?.('');
    setQuery('');
    setOpen(false);
    setHighlighted(0);
  }

  async function choose(option: Option) {
    if (await props.onAdd([option.tag])) reset();
  }

  function move(step: number) {
    if (!open) {
      setOpen(true);
      setHighlighted(step > 0 ? 0 : options.length - 1);
      return;
    }
    if (options.length === 0) return;
    setHighlighted((current) => (current + step + options.length) % options.length);
  }

  function onKeyDown(event: KeyboardEvent) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(event.altKey ? 0 : 1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        return;
      case 'Enter': {
        event.preventDefault();
        const option = active >= 0 ? options[active] : undefined;
        if (option) void choose(option);
        // Typed text that cannot be a tag: adding it says why, in words.
        else if (result.invalid) void props.onAdd([query]);
        // A new tag needs the "Create tag" option: show the list rather than guess.
        else if (query.trim() !== '') setOpen(true);
        return;
      }
      case 'Escape':
        event.preventDefault();
        if (open) setOpen(false);
        else if (query !== '') reset();
        else props.onEscapeWhenEmpty?.();
        return;
      case 'Backspace':
        if (query === '') {
          event.preventDefault();
          props.onBackspaceWhenEmpty();
        }
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  }

  function onPaste(event: ClipboardEvent) {
    const text = event.clipboardData?.getData('text') ?? '';
    if (!hasListSeparator(text)) return;
    event.preventDefault();
    props.onPasteList(text);
    reset();
  }

  const hint =
    result.invalid ??
    (result.alreadyOnContact ? `‘${result.alreadyOnContact}’ is already on this contact.` : '');

  return (
    <div class="ct-combobox">
      <input
        type="text"
        role="combobox"
        aria-label={props.label}
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        autoComplete="off"
        spellcheck={false}
        ref={input}
        placeholder="Add a tag…"
        value={query}
        onInput={(event) => {
          setQuery(event.currentTarget.value);
          props.onQueryChange?.(event.currentTarget.value);
          setOpen(event.currentTarget.value.trim() !== '');
          setHighlighted(0);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => setOpen(false)}
      />
      {open && options.length > 0 && (
        <div role="listbox" id={`${id}-listbox`} aria-label="Tag suggestions" class="ct-listbox">
          {options.map((option, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works through the combobox (aria-activedescendant), as the WAI-ARIA pattern has it.
            <div
              key={`${option.kind}:${option.tag}`}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              class={index === active ? 'ct-option ct-active' : 'ct-option'}
              // Keep the focus in the input while clicking an option.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => void choose(option)}
            >
              {option.kind === 'tag' ? (
                option.tag
              ) : (
                <>
                  Create tag “{option.tag}”
                  {option.caseVariantOf && (
                    <span class="ct-note">
                      {' '}
                      (differs from “{option.caseVariantOf}” only by case)
                    </span>
                  )}
                </>
              )}
            </div>
          ))}
        </div>
      )}
      {hint && (
        <p id={`${id}-hint`} class="ct-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
