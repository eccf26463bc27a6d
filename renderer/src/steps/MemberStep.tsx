import { useState } from 'react';
import { ClickPath } from '../components/ClickPath.js';
import { CopyList, CopyValue } from '../components/CopyValue.js';
import { Field } from '../components/Field.js';
import { SecretField } from '../components/SecretField.js';
import { StepFrame } from '../components/StepFrame.js';
import { useVaultNeed, VaultPanel } from '../components/VaultPanel.js';
import {
  API_KEY_DESCRIPTION,
  API_KEYS_CLICK_PATH,
  MEMBER_CLICK_PATH,
  memberFields,
  PRIVATE_KEY_EXAMPLE,
  PUBLIC_KEY_EXAMPLE,
} from '../content/guide.js';
import { keyProblem, keyWarning, memberIdentifierSchema, problemOf, stripLabel } from '../lib/validators.js';
import { useWizard } from '../store/wizard-store.js';

export function MemberStep() {
  const draft = useWizard((s) => s.draft);
  const update = useWizard((s) => s.update);
  const vaultNeed = useVaultNeed();
  // The keys as typed, in this step's state only: sent to the vault, then cleared.
  const [publicKey, setPublicKey] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [memberError, setMemberError] = useState<string | null>(null);

  return (
    <StepFrame
      step="member"
      intro={
        <p>
          BitAgent signs in to ConnectWise as its own API member, with the role from Step B. Here you create
          that member and its pair of keys.
        </p>
      }
    >
      <ol className="click-steps">
        <li>
          In ConnectWise, go to <ClickPath parts={MEMBER_CLICK_PATH} /> and click{' '}
          <kbd className="click-part">+</kbd> to add an API member.
        </li>
        <li>
          <p>Fill in the New Member form:</p>
          <CopyList>
            {memberFields(draft.memberIdentifier, draft.roleName).map((field) => (
              <CopyValue
                key={field.label}
                label={field.label}
                value={field.value}
                note={field.note}
                example={field.example}
              />
            ))}
          </CopyList>
        </li>
        <li>
          <div className="inline-alert inline-alert-warn">
            <strong>Save the member first</strong> (the save icon at the top). The API Keys tab only works on
            a saved member.
          </div>
        </li>
        <li>
          <p>
            Click <ClickPath parts={API_KEYS_CLICK_PATH} /> to create a key. Give it this description:
          </p>
          <CopyList>
            <CopyValue label="Description" value={API_KEY_DESCRIPTION} />
          </CopyList>
        </li>
        <li>
          <p>
            Click <strong>Save</strong> (the save icon at the top), <strong>not Save &amp; Close</strong>:
            ConnectWise then shows the two keys.
          </p>
          <div className="inline-alert inline-alert-warn">
            <strong>The private key is shown only once.</strong> Paste both keys below before you leave that
            screen. If you lose the private key, delete that key in ConnectWise and make a new one.
          </div>
        </li>
      </ol>

      <section aria-labelledby="keys-title">
        <h3 id="keys-title">Your API keys</h3>
        {vaultNeed && <VaultPanel />}
        <div className="keys-grid">
          <SecretField
            name="publicKey"
            label="Public key"
            hint={
              <>
                16 letters and digits, like <code>{PUBLIC_KEY_EXAMPLE}</code>.
              </>
            }
            value={publicKey}
            onChange={setPublicKey}
            masked
            maxLength={200}
            blocking={(v) => keyProblem('publicKey', v, privateKey)}
            warning={keyWarning}
            clean={stripLabel}
            malformedText="The stored public key does not look like a ConnectWise key. Paste it again."
          />
          <SecretField
            name="privateKey"
            label="Private key"
            hint={
              <>
                16 letters and digits, like <code>{PRIVATE_KEY_EXAMPLE}</code>.
              </>
            }
            value={privateKey}
            onChange={setPrivateKey}
            masked
            maxLength={200}
            blocking={(v) => keyProblem('privateKey', v, publicKey)}
            warning={keyWarning}
            clean={stripLabel}
            malformedText="The stored private key does not look like a ConnectWise key. Paste it again."
          />
        </div>
      </section>

      <details className="details">
        <summary>I used a different Member ID</summary>
        <Field
          label="Member ID you created"
          error={memberError}
          hint="The guide uses “BitAgent”. If yours differs, type it exactly here."
        >
          {(aria) => (
            <input
              {...aria}
              className="input"
              value={draft.memberIdentifier}
              maxLength={100}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => update({ memberIdentifier: e.target.value })}
              onBlur={() => setMemberError(problemOf(memberIdentifierSchema, draft.memberIdentifier))}
            />
          )}
        </Field>
      </details>
    </StepFrame>
  );
}
