import { type ReactNode, useEffect, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** Writes text to the clipboard; says "Copied" (visibly and to screen readers) for a moment after. */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    timer.current = setTimeout(() => setState('idle'), 2500);
  }

  return (
    <span className="copy">
      <button
        type="button"
        className="button button-small copy-button"
        data-state={state}
        onClick={() => void copy()}
        disabled={text === ''}
      >
        <span aria-hidden="true" className="copy-icon" />
        {state === 'copied' ? 'Copied' : 'Copy'}
        <span className="sr-only"> {what}</span>
      </button>
      <span className="sr-only" role="status">
        {state === 'copied' ? `Copied ${what}: ${text}` : state === 'failed' ? `Could not copy ${what}.` : ''}
      </span>
      {state === 'failed' && (
        <span className="copy-failed">Could not copy: select the text and press Ctrl+C.</span>
      )}
    </span>
  );
}

/** A value to type into ConnectWise exactly as shown, with its copy button. */
export function CopyValue({
  label,
  value,
  note,
  example,
}: {
  label: string;
  value: string;
  note?: string | undefined;
  example?: boolean | undefined;
}) {
  return (
    <div className="copy-value">
      <dt className="copy-label">{label}</dt>
      <dd className="copy-body">
        <code className="copy-text">{value}</code>
        <CopyButton text={value} what={label} />
        {(note || example) && (
          <span className="copy-note">
            {example ? 'Example: use your own. ' : ''}
            {note}
          </span>
        )}
      </dd>
    </div>
  );
}

/** A list of CopyValues (a <dl>). */
export function CopyList({ children }: { children: ReactNode }) {
  return <dl className="copy-list">{children}</dl>;
}
