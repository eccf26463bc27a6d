import { useRef, useState } from 'react';
import { StepFrame } from '../components/StepFrame.js';
import { describeError } from '../lib/errors.js';
import { STEP_TITLES } from '../lib/steps.js';
import { useWizard } from '../store/wizard-store.js';

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'earlier';
  return d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export function WelcomeStep() {
  const resume = useWizard((s) => s.resume);
  // Where to resume: the step saved last (it moves on as the user does, if they come back here later).
  const lastStep = useWizard((s) => s.draft.currentStep);
  const resumeStep = lastStep === 'welcome' ? (resume?.step ?? 'site') : lastStep;
  const recovery = useWizard((s) => s.recovery);
  const goTo = useWizard((s) => s.goTo);
  const forgetEverything = useWizard((s) => s.forgetEverything);
  const hasDraft = useWizard((s) => s.save.at !== null);
  const [confirming, setConfirming] = useState(false);
  const [forgetMessage, setForgetMessage] = useState<string | null>(null);
  const forgetHeading = useRef<HTMLHeadingElement>(null);

  async function forget() {
    const error = await forgetEverything();
    setConfirming(false);
    forgetHeading.current?.focus();
    setForgetMessage(
      error ? `Nothing was removed. ${describeError(error)}` : 'Everything was removed from this computer.',
    );
  }

  return (
    <StepFrame
      step="welcome"
      nextLabel={resume ? 'Start from the beginning' : 'Start'}
      intro={
        <p className="lead">
          This guide connects BitAgent to your ConnectWise PSA. Keep ConnectWise open in another window: each
          step says exactly where to click and what to type.
        </p>
      }
    >
      {resume && (
        <section className="banner banner-resume" aria-labelledby="resume-title">
          <h3 id="resume-title">Welcome back</h3>
          <p>
            Your progress from {when(resume.savedAt)} is saved. You were at{' '}
            <strong>{STEP_TITLES[resumeStep]}</strong>.
          </p>
          <button type="button" className="button button-primary" onClick={() => void goTo(resumeStep)}>
            Resume where you left off
          </button>
        </section>
      )}
      {recovery && (
        <section className="banner banner-warn" aria-labelledby="recovery-title">
          <h3 id="recovery-title">Saved progress was damaged</h3>
          <p>
            The file could not be read, so it was moved aside to{' '}
            <code className="path">{recovery.movedTo}</code>.
            {recovery.recoveredFields.length > 0
              ? ` These fields were recovered: ${recovery.recoveredFields.join(', ')}.`
              : ' Nothing could be recovered from it.'}{' '}
            Please check each step.
          </p>
        </section>
      )}

      <h3>What you will need</h3>
      <ul className="checklist-plain">
        <li>
          <strong>Admin rights in ConnectWise PSA</strong>, to create a security role and an API member.
        </li>
        <li>
          <strong>About 20 minutes</strong>, plus the wait for your Client ID: ConnectWise can take up to 3
          business days to approve it. You can save and come back at any point.
        </li>
        <li>
          <strong>Your email address</strong>, for ConnectWise’s Client ID request.
        </li>
      </ul>

      <h3>Good to know</h3>
      <ul className="checklist-plain">
        <li>
          <strong>It works offline.</strong> You can fill in every step without a connection; the checks
          against your ConnectWise wait until you are online.
        </li>
        <li>
          <strong>Your keys stay on this computer, encrypted.</strong> The Client ID and API keys are sealed
          here and never shown back. They leave only inside the file you send, which only BitAgent can open.
        </li>
        <li>
          <strong>Nothing in your ConnectWise is changed</strong> by this app. It only reads, to check your
          settings.
        </li>
      </ul>

      {(hasDraft || resume || forgetMessage) && (
        <section className="forget" aria-labelledby="forget-title">
          <h3 id="forget-title" ref={forgetHeading} tabIndex={-1}>
            Start over
          </h3>
          {!confirming ? (
            <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
              Forget everything on this computer…
            </button>
          ) : (
            <fieldset className="confirm">
              <legend>
                This removes your saved progress, the stored Client ID and keys, and the passphrase. It cannot
                be undone.
              </legend>
              <div className="actions-inline">
                <button type="button" className="button button-danger" onClick={() => void forget()}>
                  Yes, forget everything
                </button>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </fieldset>
          )}
          <p role="status" className="muted">
            {forgetMessage ?? ''}
          </p>
        </section>
      )}
    </StepFrame>
  );
}
