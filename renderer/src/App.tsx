import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import type { WizardStep } from '../../common/schemas/wizard.js';
import { OnlineStatus, SaveStatus } from './components/StatusBar.js';
import { StepNav } from './components/StepNav.js';
import { useVaultNeed, VaultPanel } from './components/VaultPanel.js';
import { preloadSteps } from './lib/lazy-steps.js';
import { WelcomeStep } from './steps/WelcomeStep.js';
import { useAppStore } from './store/app-store.js';
import { flushDraftNow, useWizard } from './store/wizard-store.js';

const later = (name: keyof Awaited<ReturnType<typeof preloadSteps>>) =>
  lazy(async () => ({ default: (await preloadSteps())[name] }));

const STEPS: Record<WizardStep, ComponentType> = {
  welcome: WelcomeStep,
  site: later('SiteStep'),
  'client-id': later('ClientIdStep'),
  role: later('RoleStep'),
  member: later('MemberStep'),
  board: later('BoardStep'),
  validate: later('ValidateStep'),
  review: later('ReviewStep'),
};

/** Steps that use the stored keys: there, a locked vault is asked to open first. */
const USES_KEYS: ReadonlySet<WizardStep> = new Set(['board', 'validate', 'review']);

function Version() {
  const info = useAppStore((s) => s.info);
  const infoError = useAppStore((s) => s.infoError);
  return (
    <p className="app-version" data-testid="app-version">
      {info
        ? `Version ${info.version}${info.runtime === 'harness' ? ' (browser)' : ''}`
        : infoError
          ? infoError.message
          : 'Loading…'}
    </p>
  );
}

function DevelopmentNotice() {
  const development = useWizard((s) => s.recipient?.development === true);
  if (!development) return null;
  return (
    <div className="dev-notice" role="note" data-testid="development-notice">
      <strong>Development key.</strong> This copy of the app encrypts files to BitAgent’s test key: BitAgent
      cannot open a file exported from it. Use it only to try things out.
    </div>
  );
}

export function App() {
  const ready = useWizard((s) => s.ready);
  const step = useWizard((s) => s.step);
  const vaultNeed = useVaultNeed();

  useEffect(() => {
    const online = () => useWizard.setState({ browserOnline: navigator.onLine });
    const hidden = () => {
      if (document.visibilityState === 'hidden') flushDraftNow();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', online);
    window.addEventListener('beforeunload', flushDraftNow);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', online);
      window.removeEventListener('beforeunload', flushDraftNow);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, []);

  const Step = STEPS[step];
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to the current step
      </a>
      <header className="app-header">
        <div className="app-header-row">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <h1>BitAgent ConnectWise Onboarding</h1>
          </div>
          <div className="app-status">
            <SaveStatus />
            <OnlineStatus />
          </div>
        </div>
        <DevelopmentNotice />
      </header>
      <div className="layout">
        <StepNav />
        <main id="main" className="app-main" tabIndex={-1}>
          {!ready ? (
            <p role="status" className="muted">
              Loading your progress…
            </p>
          ) : (
            <>
              {vaultNeed === 'unlock' && USES_KEYS.has(step) && <VaultPanel headingLevel={2} />}
              <Suspense
                fallback={
                  <p role="status" className="muted">
                    Loading the step…
                  </p>
                }
              >
                <Step key={step} />
              </Suspense>
            </>
          )}
        </main>
      </div>
      <footer className="app-footer">
        <Version />
        <p className="muted">
          Your keys never leave this computer except inside the encrypted file you export.
        </p>
      </footer>
    </div>
  );
}
