import { useState } from 'react';
import { CopyButton, CopyList, CopyValue } from '../components/CopyValue.js';
import { ExternalButton } from '../components/ExternalButton.js';
import { Field } from '../components/Field.js';
import { SecretField } from '../components/SecretField.js';
import { StepFrame } from '../components/StepFrame.js';
import { useVaultNeed, VaultPanel } from '../components/VaultPanel.js';
import { CLIENT_ID_EXAMPLE, CLIENT_ID_FORM, CLIENT_ID_URL } from '../content/guide.js';
import { describeError } from '../lib/errors.js';
import { clientIdProblem, contactEmailSchema, contactNameSchema, problemOf } from '../lib/validators.js';
import { useWizard } from '../store/wizard-store.js';

const TYPE_TEXT = { private: 'Private', public: 'Public' } as const;

export function ClientIdStep() {
  const draft = useWizard((s) => s.draft);
  const update = useWizard((s) => s.update);
  const flush = useWizard((s) => s.flush);
  const vaultNeed = useVaultNeed();
  const [clientId, setClientId] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [laterMessage, setLaterMessage] = useState<string | null>(null);

  function checkEmail(value = draft.contactEmail) {
    const problem = value.trim() === '' ? null : problemOf(contactEmailSchema, value);
    setEmailError(problem);
    return problem;
  }

  async function saveForLater() {
    await flush();
    const { save } = useWizard.getState();
    setLaterMessage(
      save.state === 'error' || save.state === 'unavailable'
        ? `Not saved: ${save.error ? describeError(save.error) : 'unknown problem'}`
        : 'Saved. You can close the app now. When you open it again, choose “Resume where you left off”. Meanwhile, you can already do Steps B and C.',
    );
  }

  function onNext(): boolean {
    const problem = checkEmail();
    if (problem) document.getElementById('contact-email')?.focus();
    return !problem;
  }

  return (
    <StepFrame
      step="client-id"
      onNext={onNext}
      intro={
        <p>
          ConnectWise gives every integration a Client ID. You ask for one once, at developer.connectwise.com.
          Approval can take up to 3 business days, so start here.
        </p>
      }
    >
      <ol className="click-steps">
        <li>
          Open <strong>developer.connectwise.com/ClientID</strong> and sign in with your ConnectWise
          credentials.
          <div className="click-action">
            <ExternalButton url={CLIENT_ID_URL}>Open developer.connectwise.com</ExternalButton>
          </div>
        </li>
        <li>
          Click the <strong>ClientID</strong> button in the header.
        </li>
        <li>
          Scroll down and click <strong>Create New Integration</strong>.
        </li>
        <li>
          Fill in the <strong>ClientID Access Request Form</strong> with these values, then click{' '}
          <strong>Submit</strong>.
        </li>
      </ol>

      <section className="form-values" aria-labelledby="form-values-title">
        <h3 id="form-values-title">What to enter in the form</h3>
        <CopyList>
          <CopyValue label="Integration Name" value={CLIENT_ID_FORM.integrationName} />
          <CopyValue label="Description" value={CLIENT_ID_FORM.description} />
          <CopyValue
            label="Integration Type"
            value={TYPE_TEXT[draft.integrationType]}
            note={
              draft.integrationType === 'private'
                ? 'Private: for your own ConnectWise only. Most MSPs choose this.'
                : 'Public: an integration offered to every ConnectWise user.'
            }
          />
        </CopyList>
        <Field
          id="contact-email"
          label="Technical Contact Email"
          error={emailError}
          hint="Your email: ConnectWise writes to it about the Client ID. BitAgent may contact you there too."
          className="field-copy"
          after={<CopyButton text={draft.contactEmail.trim()} what="Technical Contact Email" />}
        >
          {(aria) => (
            <input
              {...aria}
              type="email"
              className="input"
              value={draft.contactEmail}
              maxLength={254}
              autoComplete="email"
              placeholder="you@example.com"
              onChange={(e) => {
                update({ contactEmail: e.target.value });
                if (emailError) checkEmail(e.target.value);
              }}
              onBlur={() => {
                const trimmed = draft.contactEmail.trim();
                if (trimmed !== draft.contactEmail) update({ contactEmail: trimmed });
                checkEmail(trimmed);
              }}
            />
          )}
        </Field>
        <CopyList>
          <CopyValue label="Product" value={CLIENT_ID_FORM.product} />
        </CopyList>
        <fieldset className="fieldset fieldset-compact">
          <legend className="field-label">Integration Type you chose</legend>
          <div className="radio-row">
            {(['private', 'public'] as const).map((type) => (
              <label key={type} className="radio-inline">
                <input
                  type="radio"
                  name="integration-type"
                  checked={draft.integrationType === type}
                  onChange={() => update({ integrationType: type })}
                />
                {TYPE_TEXT[type]}
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          label="Your name"
          error={nameError}
          hint="So your BitAgent representative knows who sent the file. It goes in the file."
        >
          {(aria) => (
            <input
              {...aria}
              className="input"
              value={draft.contactName}
              maxLength={200}
              autoComplete="name"
              onChange={(e) => update({ contactName: e.target.value })}
              onBlur={() => setNameError(problemOf(contactNameSchema, draft.contactName))}
            />
          )}
        </Field>
      </section>

      <aside className="note" aria-labelledby="wait-title">
        <h3 id="wait-title">
          <span aria-hidden="true" className="icon icon-clock" />
          Approval can take up to 3 business days
        </h3>
        <p>
          Submit the request a few days before you need BitAgent connected. ConnectWise emails the Technical
          Contact when the Client ID is ready.
        </p>
        <button type="button" className="button" onClick={() => void saveForLater()}>
          Save and come back later
        </button>
        <p role="status" className="muted">
          {laterMessage ?? ''}
        </p>
      </aside>

      <section aria-labelledby="client-id-title">
        <h3 id="client-id-title">When you have it: your Client ID</h3>
        {vaultNeed && <VaultPanel />}
        <SecretField
          name="clientId"
          label="Client ID"
          hint={
            <>
              From ConnectWise’s approval. It looks like <code>{CLIENT_ID_EXAMPLE}</code>.
            </>
          }
          value={clientId}
          onChange={setClientId}
          maxLength={100}
          placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
          blocking={clientIdProblem}
          malformedText="The stored Client ID does not look like a GUID. Paste it again."
        />
      </section>
    </StepFrame>
  );
}
