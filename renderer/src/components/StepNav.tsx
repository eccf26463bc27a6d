import { WIZARD_STEPS, type WizardStep } from '../../../common/schemas/wizard.js';
import { STATE_LABELS, STEP_TITLES, type StepContext, stepIndex, stepState } from '../lib/steps.js';
import { useWizard } from '../store/wizard-store.js';

function furthestSeen(
  checklist: Record<string, boolean>,
  current: WizardStep,
  saved: WizardStep,
): WizardStep {
  let furthest = stepIndex(current) > stepIndex(saved) ? current : saved;
  for (const step of WIZARD_STEPS)
    if (checklist[`seen.${step}`] && stepIndex(step) > stepIndex(furthest)) furthest = step;
  return furthest;
}

export function useStepContext(): StepContext {
  const draft = useWizard((s) => s.draft);
  const secrets = useWizard((s) => s.secrets);
  const report = useWizard((s) => s.report);
  const reportStale = useWizard((s) => s.reportStale);
  const step = useWizard((s) => s.step);
  return {
    draft,
    secrets,
    report,
    reportStale,
    reached: furthestSeen(draft.checklist, step, draft.currentStep),
  };
}

/** The step list: where the user is (aria-current="step"), and which steps are done or need attention. */
export function StepNav() {
  const step = useWizard((s) => s.step);
  const goTo = useWizard((s) => s.goTo);
  const ctx = useStepContext();
  return (
    <nav className="step-nav" aria-label="Steps">
      <ol>
        {WIZARD_STEPS.map((s, i) => {
          const state = stepState(s, ctx);
          const current = s === step;
          return (
            <li key={s}>
              <button
                type="button"
                className="step-link"
                data-state={state}
                aria-current={current ? 'step' : undefined}
                onClick={() => void goTo(s)}
              >
                <span className="step-marker" aria-hidden="true">
                  {state === 'done' ? '✓' : state === 'attention' ? '!' : i + 1}
                </span>
                <span className="step-name">{STEP_TITLES[s]}</span>
                {state !== 'todo' && <span className="step-state">{STATE_LABELS[state]}</span>}
                {state === 'todo' && <span className="sr-only">, {STATE_LABELS[state]}</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
