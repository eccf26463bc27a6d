import type { ReactNode } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type { AppError } from '../../../common/errors.js';
import type { SubmissionPreview } from '../../../common/schemas/submission.js';
import type { WizardStep } from '../../../common/schemas/wizard.js';
import { CopyButton } from '../components/CopyValue.js';
import { Field } from '../components/Field.js';
import { StepFrame } from '../components/StepFrame.js';
import { describeError } from '../lib/errors.js';
import { STEP_TITLES } from '../lib/steps.js';
import { problemOf, unvalidatedReasonSchema } from '../lib/validators.js';
import { useWizard } from '../store/wizard-store.js';
import { STATUS_TEXT } from './ValidateStep.js';

/** Which step fixes a field the preview says is missing. */
const FIELD_STEPS: Record<string, WizardStep> = {
  site: 'site',
  companyId: 'site',
  apiBase: 'site',
  codebase: 'site',
  clientId: 'client-id',
  contact: 'client-id',
  contactEmail: 'client-id',
  'contact.email': 'client-id',
  contactName: 'client-id',
  'contact.name': 'client-id',
  email: 'client-id',
  publicKey: 'member',
  privateKey: 'member',
  memberIdentifier: 'member',
  roleName: 'role',
  board: 'board',
  statuses: 'board',
};

/** How the preview's field names read to a person. */
const FIELD_LABELS: Record<string, string> = {
  contactName: 'Your name',
  contactEmail: 'Your email (Technical Contact Email)',
  site: 'Site address',
  companyId: 'Company ID',
  clientId: 'Client ID',
  memberIdentifier: 'Member ID',
  roleName: 'Role ID',
  publicKey: 'Public key',
  privateKey: 'Private key',
  board: 'Service board',
  statuses: 'Ticket statuses',
};

function stepFor(field: string): WizardStep | null {
  return FIELD_STEPS[field] ?? FIELD_STEPS[field.split('.').pop() ?? ''] ?? null;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

export function ReviewStep() {
  const draft = useWizard((s) => s.draft);
  const report = useWizard((s) => s.report);
  const reportStale = useWizard((s) => s.reportStale);
  const update = useWizard((s) => s.update);
  const flush = useWizard((s) => s.flush);
  const goTo = useWizard((s) => s.goTo);
  const setSecrets = useWizard((s) => s.setSecrets);
  const refreshVault = useWizard((s) => s.refreshVault);
  const [preview, setPreview] = useState<SubmissionPreview | null>(null);
  const [previewError, setPreviewError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(true);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirmUnvalidated, setConfirmUnvalidated] = useState(false);
  const [forgetState, setForgetState] = useState<'idle' | 'confirm' | 'done' | string>('idle');
  const doneRef = useRef<HTMLHeadingElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const sentId = useId();

  const validated = report?.ok === true && !reportStale;

  async function loadPreview() {
    setLoading(true);
    await flush();
    const result = await window.bitagent.submission.preview({});
    setLoading(false);
    if (result.ok) {
      setPreview(result.value);
      setPreviewError(null);
    } else {
      setPreview(null);
      setPreviewError(result.error);
      if (result.error.code === 'locked') void refreshVault();
    }
  }

  // When the step opens, and again once the vault is unlocked (the preview needs the sealed keys).
  const unlocked = useWizard((s) => s.vault !== null && s.vault.protection !== 'locked');
  // biome-ignore lint/correctness/useExhaustiveDependencies: loadPreview reads the latest state itself.
  useEffect(() => {
    void loadPreview();
  }, [unlocked]);

  async function exportFile() {
    setExportError(null);
    let reason: string | undefined;
    if (!validated) {
      const problem = problemOf(unvalidatedReasonSchema, draft.unvalidatedReason);
      setReasonError(problem);
      if (problem) {
        reasonRef.current?.focus();
        return;
      }
      reason = draft.unvalidatedReason.trim();
    }
    setExporting(true);
    await flush();
    const result = await window.bitagent.submission.export(
      reason === undefined ? {} : { unvalidatedReason: reason },
    );
    setExporting(false);
    if (!result.ok) {
      if (result.error.code === 'locked') void refreshVault();
      setExportError(
        result.error.code === 'cancelled'
          ? 'Export cancelled: no file was written.'
          : describeError(result.error),
      );
      return;
    }
    update({
      lastExport: {
        path: result.value.path,
        fingerprint: result.value.signer.fingerprint,
        at: new Date().toISOString(),
      },
    });
    await flush();
    setForgetState('idle');
    setTimeout(() => doneRef.current?.focus(), 0);
  }

  async function forgetKeys() {
    const result = await window.bitagent.secrets.set({ clientId: null, publicKey: null, privateKey: null });
    if (result.ok) {
      setSecrets(result.value);
      setForgetState('done');
    } else setForgetState(`Nothing was removed. ${describeError(result.error)}`);
  }

  const payload = preview?.payload;
  const cw = payload?.connectwise;
  const missing = preview?.missing ?? [];
  const exported = draft.lastExport;

  return (
    <StepFrame
      step="review"
      intro={
        <p>
          Check what will be sent, then export the file. It is signed by this computer and encrypted so that
          only BitAgent can open it. Send it to your BitAgent representative the way they asked.
        </p>
      }
    >
      {exported && (
        <section className="panel panel-done" aria-labelledby="done-title" data-testid="export-done">
          <h3 id="done-title" ref={doneRef} tabIndex={-1}>
            <span aria-hidden="true" className="icon icon-ok" />
            Your submission file is ready
          </h3>
          <p>
            Read this fingerprint to your BitAgent representative. It proves the file came from this computer:
          </p>
          <p className="fingerprint" data-testid="fingerprint">
            {exported.fingerprint}
          </p>
          <p className="fingerprint-actions">
            <CopyButton text={exported.fingerprint} what="fingerprint" />
          </p>
          <p>
            The file is at{' '}
            <code className="path" data-testid="export-path">
              {exported.path}
            </code>{' '}
            <CopyButton text={exported.path} what="file location" />
          </p>
          <div className="forget-keys">
            <h4>Forget the stored keys now?</h4>
            <p>
              The file holds everything BitAgent needs. You can remove the Client ID and keys from this
              computer now; you would paste them again only to make a new file.
            </p>
            {forgetState === 'idle' && (
              <button type="button" className="button" onClick={() => setForgetState('confirm')}>
                Forget the stored keys…
              </button>
            )}
            {forgetState === 'confirm' && (
              <fieldset className="actions-inline confirm">
                <legend className="sr-only">Confirm forgetting the keys</legend>
                <button type="button" className="button button-danger" onClick={() => void forgetKeys()}>
                  Yes, forget the Client ID and keys
                </button>
                <button type="button" className="button" onClick={() => setForgetState('idle')}>
                  Keep them
                </button>
              </fieldset>
            )}
            <p role="status" className="muted">
              {forgetState === 'done'
                ? 'The Client ID and keys were removed from this computer. The file still has them.'
                : forgetState !== 'idle' && forgetState !== 'confirm'
                  ? forgetState
                  : ''}
            </p>
          </div>
        </section>
      )}

      <section aria-labelledby={sentId}>
        <h3 id={sentId}>What will be sent</h3>
        {loading && <p className="muted">Preparing the preview…</p>}
        {previewError && !loading && (
          <div className="inline-alert inline-alert-error" role="alert">
            Could not prepare the preview. {describeError(previewError)}{' '}
            <button type="button" className="button button-small" onClick={() => void loadPreview()}>
              Try again
            </button>
          </div>
        )}
        {payload && cw && (
          <dl className="facts facts-wide" data-testid="review-facts">
            <Fact label="Your name">{payload.contact.name || <em>not given</em>}</Fact>
            <Fact label="Your email">{payload.contact.email || <em>not given</em>}</Fact>
            <Fact label="Site">{cw.site}</Fact>
            <Fact label="API address">{cw.apiBase || <em>found when validated</em>}</Fact>
            <Fact label="Company ID">{cw.companyId}</Fact>
            <Fact label="Client ID" testId="review-client-id">
              <code>{cw.clientId}</code>
            </Fact>
            <Fact label="Public key" testId="review-public-key">
              <code>{cw.publicKey}</code>
            </Fact>
            <Fact label="Private key" testId="review-private-key">
              <code>{cw.privateKey}</code>
            </Fact>
            <Fact label="API member">{cw.memberIdentifier}</Fact>
            <Fact label="Security role">{cw.roleName}</Fact>
            <Fact label="Service board">
              {cw.board.name}
              {cw.board.id !== null ? <span className="muted"> (id {cw.board.id})</span> : null}
            </Fact>
            <Fact label="Ticket statuses">
              <ul className="plain-list">
                {cw.statuses.map((s) => (
                  <li key={`${s.id}-${s.name}`}>
                    {s.name}
                    {s.id !== null ? <span className="muted"> (id {s.id})</span> : null}
                  </li>
                ))}
              </ul>
            </Fact>
          </dl>
        )}
        {payload && (
          <p className="muted">
            The keys are masked: they are sealed on this computer and never shown back, by design. To change
            one, paste it again on{' '}
            <button type="button" className="link-button" onClick={() => void goTo('client-id')}>
              {STEP_TITLES['client-id']}
            </button>{' '}
            or{' '}
            <button type="button" className="link-button" onClick={() => void goTo('member')}>
              {STEP_TITLES.member}
            </button>
            .
          </p>
        )}
        {missing.length > 0 && (
          <div className="inline-alert inline-alert-error" data-testid="missing">
            <p>
              <strong>Still missing before you can export:</strong>
            </p>
            <ul>
              {missing.map((field) => {
                const step = stepFor(field);
                return (
                  <li key={field}>
                    {FIELD_LABELS[field] ?? field}
                    {step && (
                      <>
                        {' '}
                        <button type="button" className="link-button" onClick={() => void goTo(step)}>
                          Go to step: {STEP_TITLES[step]}
                        </button>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </section>

      <section aria-labelledby="review-validation">
        <h3 id="review-validation">Validation</h3>
        {validated && report ? (
          <div className="inline-alert inline-alert-ok" data-testid="review-validation">
            <p>
              <strong>Passed</strong> on {new Date(report.checkedAt).toLocaleString()}:{' '}
              {report.checks.filter((c) => c.status === 'pass').length} of {report.checks.length} checks
              passed. The report goes in the file.
            </p>
            {report.checks.some((c) => c.status !== 'pass') && (
              <ul className="plain-list">
                {report.checks
                  .filter((c) => c.status !== 'pass')
                  .map((c) => (
                    <li key={c.id}>
                      {c.title}: {STATUS_TEXT[c.status]}
                    </li>
                  ))}
              </ul>
            )}
          </div>
        ) : (
          <div className="inline-alert inline-alert-warn" data-testid="review-validation">
            <p>
              {report && !reportStale
                ? 'The last check found problems.'
                : report
                  ? 'You changed things since the last check.'
                  : 'Not validated yet.'}{' '}
              A file that passed validation lets BitAgent connect on the first try.{' '}
              <button type="button" className="link-button" onClick={() => void goTo('validate')}>
                Go to step: Validate
              </button>
            </p>
            {!confirmUnvalidated ? (
              <button
                type="button"
                className="button button-small"
                onClick={() => setConfirmUnvalidated(true)}
              >
                Export without a passing check…
              </button>
            ) : (
              <Field
                label="Why are you sending it without a passing check?"
                hint="This reason goes in the file, so your BitAgent representative knows."
                error={reasonError}
              >
                {(aria) => (
                  <textarea
                    {...aria}
                    ref={reasonRef}
                    className="input textarea"
                    rows={3}
                    maxLength={1000}
                    value={draft.unvalidatedReason}
                    onChange={(e) => {
                      update({ unvalidatedReason: e.target.value });
                      if (reasonError) setReasonError(problemOf(unvalidatedReasonSchema, e.target.value));
                    }}
                  />
                )}
              </Field>
            )}
          </div>
        )}
      </section>

      {preview && (
        <section aria-labelledby="review-file">
          <h3 id="review-file">The file</h3>
          <p>
            Signed by this computer (fingerprint <code>{preview.signer.fingerprint}</code>) and encrypted for
            BitAgent
            {preview.recipient.development ? ' (development key: for testing only)' : ''}.
          </p>
        </section>
      )}

      {(validated || confirmUnvalidated) && (
        <div className="actions-inline export-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => void exportFile()}
            disabled={exporting || missing.length > 0 || !preview}
          >
            {exporting
              ? 'Exporting…'
              : validated
                ? exported
                  ? 'Export again…'
                  : 'Export submission file…'
                : 'Export without a passing check'}
          </button>
        </div>
      )}
      <div role="alert" className="form-error">
        {exportError ?? ''}
      </div>
    </StepFrame>
  );
}
