import { useEffect, useRef, useState } from 'react';
import {
  CHECK_IDS,
  type CheckId,
  type CheckResult,
  type CheckStatus,
} from '../../../common/schemas/validation.js';
import { StepFrame } from '../components/StepFrame.js';
import { describeError } from '../lib/errors.js';
import { STEP_TITLES } from '../lib/steps.js';
import { useWizard } from '../store/wizard-store.js';

/** What each check looks at, shown before it has run (and when offline: what will be checked). */
export const CHECK_LABELS: Record<CheckId, { title: string; what: string }> = {
  input: {
    title: 'Everything is filled in',
    what: 'Company ID, site, Client ID, both keys, a board and statuses.',
  },
  site: { title: 'Your site answers', what: 'Your ConnectWise site is reachable, and where its API is.' },
  company: { title: 'Company ID', what: 'ConnectWise knows your Company ID (it is case-sensitive).' },
  'client-id': { title: 'Client ID', what: 'ConnectWise accepts your Client ID.' },
  keys: { title: 'API keys', what: 'The public and private keys sign in.' },
  member: { title: 'API member', what: 'The keys belong to an active API member.' },
  permissions: { title: 'Permissions', what: 'The role has every right BitAgent needs.' },
  'least-privilege': {
    title: 'No extra permissions',
    what: 'The role has no more rights than BitAgent needs.',
  },
  board: { title: 'Service board', what: 'The board exists and is active.' },
  statuses: { title: 'Ticket statuses', what: 'Each status exists on that board and is open.' },
};

export const STATUS_TEXT: Record<CheckStatus, string> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  unverified: 'Could not verify',
  skipped: 'Skipped',
};

type Row = { id: CheckId; state: 'idle' | 'waiting' | 'running' | 'done'; result?: CheckResult };

function newRunId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function CheckRow({
  row,
  onGoTo,
}: {
  row: Row;
  onGoTo?: (step: NonNullable<CheckResult['step']>) => void;
}) {
  const label = CHECK_LABELS[row.id];
  const result = row.result;
  const status = row.state === 'done' && result ? result.status : row.state;
  return (
    <li className="check-row" data-status={status} data-check={row.id}>
      <span className="check-icon" aria-hidden="true">
        {row.state === 'running' ? <span className="spinner" /> : null}
      </span>
      <div className="check-main">
        <p className="check-title">
          <span>{result?.title ?? label.title}</span>{' '}
          <span className="check-badge">
            {row.state === 'idle'
              ? 'Not checked yet'
              : row.state === 'waiting'
                ? 'Waiting'
                : row.state === 'running'
                  ? 'Checking…'
                  : result
                    ? STATUS_TEXT[result.status]
                    : ''}
          </span>
        </p>
        <p className="check-detail">{result ? result.detail : label.what}</p>
        {result?.fix && result.status !== 'pass' && (
          <p className="check-fix">
            <strong>How to fix: </strong>
            {result.fix}
          </p>
        )}
        {result?.step && result.status !== 'pass' && result.status !== 'skipped' && onGoTo && (
          <button
            type="button"
            className="button button-small"
            onClick={() => onGoTo(result.step as NonNullable<CheckResult['step']>)}
          >
            Go to step: {STEP_TITLES[result.step]}
            <span className="sr-only"> (to fix {result.title})</span>
          </button>
        )}
      </div>
    </li>
  );
}

export function ValidateStep() {
  const report = useWizard((s) => s.report);
  const reportStale = useWizard((s) => s.reportStale);
  const online = useWizard((s) => s.browserOnline);
  const setReport = useWizard((s) => s.setReport);
  const flush = useWizard((s) => s.flush);
  const goTo = useWizard((s) => s.goTo);
  const noteConnectWise = useWizard((s) => s.noteConnectWise);
  const refreshVault = useWizard((s) => s.refreshVault);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const runId = useRef<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(
    () =>
      window.bitagent.on('validation.progress', (p) => {
        if (p.runId !== runId.current) return;
        setRows((current) =>
          (current ?? []).map((row) =>
            row.id === p.checkId
              ? p.state === 'done' && p.result
                ? { id: row.id, state: 'done', result: p.result }
                : { id: row.id, state: 'running' }
              : row,
          ),
        );
      }),
    [],
  );

  async function run() {
    if (running) return;
    setError(null);
    setRunning(true);
    const id = newRunId();
    runId.current = id;
    setRows(CHECK_IDS.map((c) => ({ id: c, state: 'waiting' })));
    await flush(); // validation reads the saved draft
    const result = await window.bitagent.validation.run({ runId: id });
    setRunning(false);
    runId.current = null;
    if (!result.ok) {
      setRows(null);
      noteConnectWise(result);
      if (result.error.code === 'locked') void refreshVault();
      setError(describeError(result.error));
      return;
    }
    const value = result.value;
    const reached = value.checks.some((c) => c.id === 'site' && c.status === 'pass');
    if (reached) noteConnectWise({ ok: true });
    setReport(value);
    setRows(null);
    summaryRef.current?.focus();
  }

  const shownRows: Row[] =
    rows ??
    (report
      ? report.checks.map((c) => ({ id: c.id, state: 'done' as const, result: c }))
      : CHECK_IDS.map((c) => ({ id: c, state: 'idle' as const })));
  const problems = report?.checks.filter((c) => c.status === 'fail').length ?? 0;
  const warnings = report?.checks.filter((c) => c.status === 'warn' || c.status === 'unverified').length ?? 0;

  return (
    <StepFrame
      step="validate"
      intro={
        <p>
          Checks everything against your live ConnectWise, read-only: nothing in it is changed. Each check
          says what it saw and, if something is wrong, how to fix it.
        </p>
      }
    >
      {!online && (
        <div className="inline-alert inline-alert-info" role="status">
          <strong>You are offline.</strong> Once you are online, Validate checks the items below against your
          ConnectWise.
        </div>
      )}
      <div className="actions-inline">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void run()}
          disabled={running || !online}
        >
          {running ? 'Validating…' : report ? 'Validate again' : 'Validate now'}
        </button>
      </div>
      <div role="alert" className="form-error">
        {error ? `Could not validate. ${error}` : ''}
      </div>

      <div
        ref={summaryRef}
        tabIndex={-1}
        className="validate-summary"
        role="status"
        data-testid="validation-summary"
      >
        {running
          ? 'Validating…'
          : report && !rows
            ? reportStale
              ? 'You changed things since this check. Validate again before you export.'
              : report.ok
                ? `All checks passed${warnings ? `, with ${warnings} to look at` : ''}. Checked ${new Date(report.checkedAt).toLocaleString()}.`
                : `${problems} ${problems === 1 ? 'problem' : 'problems'} to fix${warnings ? ` and ${warnings} to look at` : ''}.`
            : ''}
      </div>
      {report?.connection && !rows && !reportStale && (
        <p className="muted">
          Connected to <code>{report.connection.apiBase}</code> (
          {report.connection.isCloud ? 'cloud' : 'on-premise'}, version {report.connection.version}).
        </p>
      )}

      <h3>{rows ? 'Checking' : report ? 'Results' : 'What is checked'}</h3>
      <ul className="checks" aria-busy={running} data-stale={reportStale && !rows ? 'true' : undefined}>
        {shownRows.map((row) => (
          <CheckRow key={row.id} row={row} onGoTo={(step) => void goTo(step)} />
        ))}
      </ul>
    </StepFrame>
  );
}
