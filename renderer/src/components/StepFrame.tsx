import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { WizardStep } from '../../../common/schemas/wizard.js';
import { preloadSteps } from '../lib/lazy-steps.js';
import { nextStep, previousStep, STEP_TITLES, stepIndex } from '../lib/steps.js';
import { useWizard } from '../store/wizard-store.js';

let markedInteractive = false;

export interface StepFrameProps {
  step: WizardStep;
  intro?: ReactNode;
  children: ReactNode;
  /** Runs before Next: false keeps the user here (the step shows why and moves focus to the problem). */
  onNext?: () => boolean | Promise<boolean>;
  nextLabel?: string;
  hideNext?: boolean;
}

/** A step: its heading (focused when the step appears), its content, and Back / Next. */
export function StepFrame({ step, intro, children, onNext, nextLabel, hideNext }: StepFrameProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const focusOnStep = useWizard((s) => s.focusOnStep);
  const goTo = useWizard((s) => s.goTo);
  const navMessage = useWizard((s) => s.navMessage);
  const [busy, setBusy] = useState(false);
  const next = nextStep(step);
  const previous = previousStep(step);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the step first appears.
  useEffect(() => {
    if (focusOnStep) heading.current?.focus();
    if (!markedInteractive) {
      markedInteractive = true;
      performance.mark('wizard-interactive');
      setTimeout(() => void preloadSteps(), 0);
    }
  }, []);

  async function goNext() {
    if (!next || busy) return;
    setBusy(true);
    try {
      if (onNext && !(await onNext())) return;
      await goTo(next);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="step" aria-labelledby={`step-${step}-title`} data-step={step}>
      <p className="step-count">Step {stepIndex(step) + 1} of 8</p>
      <h2 id={`step-${step}-title`} ref={heading} tabIndex={-1} className="step-title">
        {STEP_TITLES[step]}
      </h2>
      {intro && <div className="step-intro">{intro}</div>}
      <div className="step-body">{children}</div>
      <div className="step-actions">
        {previous ? (
          <button type="button" className="button" onClick={() => void goTo(previous)}>
            <span aria-hidden="true">← </span>Back<span className="sr-only">: {STEP_TITLES[previous]}</span>
          </button>
        ) : (
          <span />
        )}
        {next && !hideNext && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void goNext()}
            disabled={busy}
          >
            {nextLabel ?? `Next: ${STEP_TITLES[next]}`}
            <span aria-hidden="true"> →</span>
          </button>
        )}
      </div>
      <div role="alert" className="nav-message">
        {navMessage ?? ''}
      </div>
    </section>
  );
}
