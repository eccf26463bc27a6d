import { type FormEvent, useState } from 'react';
import { PassphraseSchema } from '../../../common/schemas/vault.js';
import { describeError } from '../lib/errors.js';
import { commitTypedSecrets } from '../lib/secret-commits.js';
import { useWizard } from '../store/wizard-store.js';
import { Field } from './Field.js';

export type VaultNeed = 'choose' | 'unlock' | 'unavailable' | null;

export function useVaultNeed(): VaultNeed {
  const vault = useWizard((s) => s.vault);
  const vaultError = useWizard((s) => s.vaultError);
  if (!vault) return vaultError ? 'unavailable' : null;
  if (vault.protection === 'locked') return 'unlock';
  if (vault.protection === 'none-yet' && vault.passphraseRequired) return 'choose';
  return null;
}

/**
 * Where there is no OS keychain (Linux without one, the browser harness), the keys are sealed with a passphrase
 * the user chooses here (twice), and enters again when they come back.
 */
export function VaultPanel({ headingLevel = 3 }: { headingLevel?: 2 | 3 }) {
  const need = useVaultNeed();
  const vaultError = useWizard((s) => s.vaultError);
  const setVault = useWizard((s) => s.setVault);
  const refreshSecrets = useWizard((s) => s.refreshSecrets);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ passphrase?: string; again?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const H = headingLevel === 2 ? 'h2' : 'h3';

  if (need === null) return null;
  if (need === 'unavailable')
    return (
      <section className="panel panel-warn" aria-labelledby="vault-heading">
        <H id="vault-heading" className="panel-title">
          Keys cannot be stored yet
        </H>
        <p>
          {vaultError ? describeError(vaultError) : ''} What you type stays on this page until storage works.
        </p>
      </section>
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    const parsed = PassphraseSchema.safeParse(passphrase);
    if (!parsed.success) next.passphrase = 'Use at least 10 characters. A short sentence works well.';
    if (need === 'choose' && !next.passphrase && again !== passphrase)
      next.again = 'The two passphrases are not the same. Type it again.';
    setErrors(next);
    if (next.passphrase || next.again) {
      document.getElementById(next.passphrase ? 'vault-passphrase' : 'vault-again')?.focus();
      return;
    }
    setBusy(true);
    const result = await window.bitagent.vault.unlock({ passphrase });
    setBusy(false);
    if (!result.ok) {
      setErrors({ form: describeError(result.error) });
      return;
    }
    setPassphrase('');
    setAgain('');
    setVault(result.value);
    await refreshSecrets();
    // Anything typed while the vault was closed is stored now.
    await commitTypedSecrets();
  }

  const choose = need === 'choose';
  return (
    <section className="panel panel-vault" aria-labelledby="vault-heading">
      <H id="vault-heading" className="panel-title">
        <span aria-hidden="true" className="icon icon-lock" />
        {choose ? 'Choose a passphrase to seal your keys' : 'Enter your passphrase'}
      </H>
      {choose ? (
        <p>
          This computer has no system keychain the app can use, so your Client ID and keys are sealed with a
          passphrase you choose. You will need it when you come back. Nobody else ever sees it.
        </p>
      ) : (
        <p>Your Client ID and keys are sealed on this computer. Enter your passphrase to use them.</p>
      )}
      <form className="vault-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          id="vault-passphrase"
          label="Passphrase"
          error={errors.passphrase}
          hint={choose ? 'At least 10 characters.' : undefined}
        >
          {(aria) => (
            <input
              {...aria}
              type="password"
              className="input"
              autoComplete={choose ? 'new-password' : 'current-password'}
              value={passphrase}
              maxLength={1024}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          )}
        </Field>
        {choose && (
          <Field id="vault-again" label="Passphrase again" error={errors.again}>
            {(aria) => (
              <input
                {...aria}
                type="password"
                className="input"
                autoComplete="new-password"
                value={again}
                maxLength={1024}
                onChange={(e) => setAgain(e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="actions-inline">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Working…' : choose ? 'Set passphrase' : 'Unlock'}
          </button>
        </div>
        <div role="alert" className="form-error">
          {errors.form ?? ''}
        </div>
        {!choose && (
          <p className="muted">
            Forgot it? The keys cannot be recovered: use “Forget everything” on the Welcome step and enter
            them again.
          </p>
        )}
      </form>
    </section>
  );
}
