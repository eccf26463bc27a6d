import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { SecretName } from '../../../common/schemas/vault.js';
import { describeError } from '../lib/errors.js';
import { registerSecretCommit } from '../lib/secret-commits.js';
import { useWizard } from '../store/wizard-store.js';
import { Field } from './Field.js';

export interface SecretFieldProps {
  name: SecretName;
  label: string;
  hint?: ReactNode;
  /** What is typed (component state of the step, never the store). */
  value: string;
  onChange(value: string): void;
  /** A problem that keeps the value from being stored (shown as an error). */
  blocking(value: string): string | null;
  /** A problem worth a warning; the value is stored anyway. */
  warning?(value: string): string | null;
  /** What is sent: the value cleaned of labels and spaces. */
  clean?(value: string): string;
  masked?: boolean;
  /** What the stored value looks like when it is malformed. */
  malformedText: string;
  placeholder?: string;
  maxLength: number;
}

/**
 * A secret the vault keeps. What is typed stays in the step's state until it is sent with secrets.set (when the
 * field loses focus, or before the wizard leaves the step), then it is cleared: the vault never gives a value
 * back, so after that the field says "stored" and, to change it, the user pastes it again.
 */
export function SecretField(props: SecretFieldProps) {
  const { name, label, value, onChange, masked = false, maxLength } = props;
  const stored = useWizard((s) => s.secrets?.[name] ?? null);
  const secretsError = useWizard((s) => s.secretsError);
  const setSecrets = useWizard((s) => s.setSecrets);
  const refreshVault = useWizard((s) => s.refreshVault);
  const [revealed, setRevealed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [justStored, setJustStored] = useState(false);
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const inFlight = useRef<Promise<boolean> | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  async function commitNow(): Promise<boolean> {
    const p = latest.current;
    const raw = p.value;
    if (raw.trim() === '') return true;
    const problem = p.blocking(raw);
    if (problem) {
      setError(problem);
      return false;
    }
    const clean = p.clean ? p.clean(raw) : raw.trim();
    const result = await window.bitagent.secrets.set({ [p.name]: clean });
    if (!result.ok) {
      if (result.error.code === 'locked') {
        void refreshVault();
        setError('Not stored yet: choose or enter your passphrase above first. What you typed is kept here.');
      } else setError(`Not stored. ${describeError(result.error)}`);
      return false;
    }
    setSecrets(result.value);
    setError(null);
    setRevealed(false);
    setJustStored(true);
    // Only clear what was sent: the user may have kept typing.
    if (latest.current.value === raw) latest.current.onChange('');
    return true;
  }

  function commit(): Promise<boolean> {
    inFlight.current ??= commitNow().finally(() => {
      inFlight.current = null;
    });
    return inFlight.current;
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: commit reads the latest props through a ref.
  useEffect(() => registerSecretCommit(commit), []);

  async function paste() {
    setPasteNote(null);
    try {
      const text = await navigator.clipboard.readText();
      if (text.trim() === '') {
        setPasteNote('The clipboard is empty.');
        return;
      }
      onChange(text.trim().slice(0, maxLength));
      setError(null);
      setJustStored(false);
      inputRef.current?.focus();
    } catch {
      setPasteNote('The app may not read the clipboard here: click in the field and press Ctrl+V.');
      inputRef.current?.focus();
    }
  }

  const warning = value.trim() !== '' ? (props.warning?.(value) ?? null) : null;
  const isSet = stored?.set === true;
  const storedMalformed = isSet && stored?.wellFormed === false && value === '';

  return (
    <Field
      label={label}
      hint={props.hint}
      error={error}
      warning={warning ?? (storedMalformed ? props.malformedText : null)}
      className="secret-field"
      after={
        <div className="secret-status" aria-live="polite">
          {value === '' && isSet && (
            <p className="stored">
              <span aria-hidden="true" className="icon icon-lock" />
              {justStored ? 'Stored just now' : 'Stored'} (sealed on this computer). It is never shown again:
              to change it, paste it again here.
            </p>
          )}
          {value === '' && !isSet && stored !== null && <p className="muted">Not entered yet.</p>}
          {value === '' && secretsError && secretsError.code !== 'locked' && (
            <p className="muted">{describeError(secretsError)}</p>
          )}
          {value !== '' && !error && <p className="muted">Stored when you leave this field.</p>}
          {pasteNote && <p className="muted">{pasteNote}</p>}
        </div>
      }
    >
      {(aria) => (
        <div className="secret-row">
          <input
            {...aria}
            ref={inputRef}
            name={name}
            type={masked && !revealed ? 'password' : 'text'}
            className="input input-mono"
            value={value}
            placeholder={props.placeholder}
            maxLength={maxLength}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            data-secret={name}
            onChange={(e) => {
              onChange(e.target.value);
              setJustStored(false);
              if (error) setError(null);
            }}
            onBlur={() => void commit()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void commit();
            }}
          />
          <button type="button" className="button button-small" onClick={() => void paste()}>
            Paste<span className="sr-only"> {label}</span>
          </button>
          {masked && (
            <button
              type="button"
              className="button button-small"
              aria-pressed={revealed}
              disabled={value === ''}
              title={
                value === ''
                  ? 'Only what you type here can be shown; stored keys are never shown back.'
                  : undefined
              }
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => setRevealed((r) => !r)}
            >
              {revealed ? 'Hide' : 'Reveal'}
              <span className="sr-only"> {label}</span>
            </button>
          )}
        </div>
      )}
    </Field>
  );
}
