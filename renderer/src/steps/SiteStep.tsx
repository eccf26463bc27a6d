import { useId, useRef, useState } from 'react';
import type { Region } from '../../../common/schemas/draft.js';
import { Field } from '../components/Field.js';
import { StepFrame } from '../components/StepFrame.js';
import { describeError } from '../lib/errors.js';
import { normaliseSite, REGION_OPTIONS, regionHost, siteProblemText } from '../lib/site.js';
import { companyIdSchema, problemOf } from '../lib/validators.js';
import { useWizard } from '../store/wizard-store.js';

export function SiteStep() {
  const draft = useWizard((s) => s.draft);
  const update = useWizard((s) => s.update);
  const online = useWizard((s) => s.browserOnline);
  const companyInfo = useWizard((s) => s.companyInfo);
  const setCompanyInfo = useWizard((s) => s.setCompanyInfo);
  const noteConnectWise = useWizard((s) => s.noteConnectWise);
  // Coming back to a step with a problem shows it straight away (the step list says it needs attention).
  const [companyError, setCompanyError] = useState<string | null>(() =>
    draft.companyId.trim() === '' ? null : problemOf(companyIdSchema, draft.companyId),
  );
  const [siteError, setSiteError] = useState<string | null>(() => {
    const initial = normaliseSite(draft.site);
    return 'problem' in initial && initial.problem !== 'empty' ? siteProblemText(initial.problem) : null;
  });
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const companyRef = useRef<HTMLInputElement>(null);
  const siteRef = useRef<HTMLInputElement>(null);
  const checkId = useId();

  const normalised = normaliseSite(draft.site);
  const siteOk = 'site' in normalised;
  const shownInfo =
    companyInfo &&
    companyInfo.site === draft.site &&
    companyInfo.companyId.toLowerCase() === draft.companyId.trim().toLowerCase()
      ? companyInfo.value
      : null;

  function checkCompany(value = draft.companyId): string | null {
    const problem = problemOf(companyIdSchema, value);
    setCompanyError(problem);
    return problem;
  }

  /** Normalises what was pasted; returns the problem, if any. */
  function settleSite(): string | null {
    // Read the store directly: this also runs just after a paste, before a re-render.
    const { site, region } = useWizard.getState().draft;
    const result = normaliseSite(site);
    if ('problem' in result) {
      const text = siteProblemText(result.problem);
      setSiteError(text);
      return text;
    }
    setSiteError(null);
    if (result.site !== site || result.region !== region)
      update({ site: result.site, region: result.region });
    return null;
  }

  function pickRegion(region: Region) {
    const host = regionHost(region);
    setSiteError(null);
    if (host) update({ region, site: host });
    else {
      // On-premise: keep an on-premise address already typed, else start empty and go there.
      const current = normaliseSite(draft.site);
      update({ region, site: 'region' in current && current.region === 'on-premise' ? draft.site : '' });
      setTimeout(() => siteRef.current?.focus(), 0);
    }
  }

  async function check() {
    setCheckError(null);
    const companyProblem = checkCompany();
    const siteProblem = settleSite();
    if (companyProblem || siteProblem) {
      (companyProblem ? companyRef : siteRef).current?.focus();
      return;
    }
    const result = normaliseSite(draft.site);
    if (!('site' in result)) return;
    setChecking(true);
    const companyId = draft.companyId.trim();
    const answer = await window.bitagent.connectwise.companyInfo({ site: result.site, companyId });
    setChecking(false);
    noteConnectWise(answer);
    if (answer.ok) setCompanyInfo({ site: result.site, companyId, value: answer.value });
    else {
      setCompanyInfo(null);
      setCheckError(describeError(answer.error));
    }
  }

  function onNext(): boolean {
    const companyProblem = draft.companyId.trim() === '' ? null : checkCompany();
    const siteProblem = settleSite();
    if (companyProblem) companyRef.current?.focus();
    else if (siteProblem) siteRef.current?.focus();
    return !companyProblem && !siteProblem;
  }

  return (
    <StepFrame
      step="site"
      onNext={onNext}
      intro={
        <p>Tell us which ConnectWise PSA you sign in to. Nothing is sent anywhere until you click Check.</p>
      }
    >
      <Field
        label="Company ID"
        error={companyError}
        hint={
          <>
            The company you type on the ConnectWise login form (the first field), not your company’s display
            name. It is <strong>case-sensitive</strong>.
          </>
        }
      >
        {(aria) => (
          <input
            {...aria}
            ref={companyRef}
            className="input"
            value={draft.companyId}
            maxLength={100}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            onChange={(e) => {
              update({ companyId: e.target.value });
              if (companyError) checkCompany(e.target.value);
            }}
            onBlur={() => {
              const trimmed = draft.companyId.trim();
              if (trimmed !== draft.companyId) update({ companyId: trimmed });
              checkCompany(trimmed);
            }}
          />
        )}
      </Field>

      <fieldset className="fieldset">
        <legend className="field-label">Where is your ConnectWise?</legend>
        <div className="region-grid">
          {REGION_OPTIONS.map((option) => (
            <label key={option.region} className="radio-card">
              <input
                type="radio"
                name="region"
                value={option.region}
                checked={draft.region === option.region}
                onChange={() => pickRegion(option.region)}
                onClick={() => pickRegion(option.region)}
              />
              <span className="radio-text">
                <span className="radio-label">{option.label}</span>
                <span className="radio-hint">{option.host ?? 'Your own server address'}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <Field
        label="Site address"
        error={siteError}
        hint={
          draft.region === 'on-premise'
            ? 'The address of your ConnectWise server, as in your browser. You can paste the whole address.'
            : 'Filled in from your choice above. You can also paste the address from your browser: it is tidied up for you.'
        }
      >
        {(aria) => (
          <input
            {...aria}
            ref={siteRef}
            className="input input-mono"
            value={draft.site}
            maxLength={500}
            inputMode="url"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder={draft.region === 'on-premise' ? 'https://connectwise.example.com' : undefined}
            onChange={(e) => {
              update({ site: e.target.value });
              if (siteError) setSiteError(null);
            }}
            onBlur={() => void settleSite()}
            onPaste={() => setTimeout(() => settleSite(), 0)}
          />
        )}
      </Field>
      {siteOk && !siteError && (
        <p className="muted site-understood" data-testid="site-understood">
          {REGION_OPTIONS.find((o) => o.region === normalised.region)?.label}: API calls go to{' '}
          <code>{normalised.apiHost}</code>.
        </p>
      )}

      <section className="check-box" aria-labelledby={checkId}>
        <h3 id={checkId}>Check with ConnectWise (optional)</h3>
        <p>
          Asks your site what it knows about this Company ID. No key is needed.{' '}
          {online ? '' : 'You are offline: '}
          {online ? '' : 'try this once you are back online.'}
        </p>
        <button
          type="button"
          className="button"
          onClick={() => void check()}
          disabled={checking || !online}
          aria-describedby={`${checkId}-result`}
        >
          {checking ? 'Checking…' : 'Check'}
        </button>
        <div id={`${checkId}-result`} aria-live="polite" className="check-result">
          {checking && <p className="muted">Asking ConnectWise…</p>}
          {checkError && !checking && (
            <p className="inline-alert inline-alert-error" role="alert">
              {checkError}
            </p>
          )}
          {shownInfo && !checking && (
            <dl className="facts" data-testid="company-info">
              <div>
                <dt>Company</dt>
                <dd>{shownInfo.companyName}</dd>
              </div>
              <div>
                <dt>Company ID</dt>
                <dd>
                  {shownInfo.companyId}
                  {companyInfo && companyInfo.value.companyId !== draft.companyId.trim() && (
                    <button
                      type="button"
                      className="button button-small inline-fix"
                      onClick={() => update({ companyId: shownInfo.companyId })}
                    >
                      Use “{shownInfo.companyId}”
                    </button>
                  )}
                </dd>
              </div>
              <div>
                <dt>Version</dt>
                <dd>{shownInfo.version}</dd>
              </div>
              <div>
                <dt>Hosting</dt>
                <dd>
                  {shownInfo.isCloud ? 'Cloud (hosted by ConnectWise)' : 'On-premise (your own server)'}
                </dd>
              </div>
              <div>
                <dt>API address</dt>
                <dd>
                  <code>{shownInfo.apiBase}</code>
                </dd>
              </div>
            </dl>
          )}
        </div>
      </section>
    </StepFrame>
  );
}
