/** `bitagent-cw validate`'s readable output: one block per check, its status coloured, then the fixes. */
import type { CheckStatus, ValidationReport } from '../../common/schemas/validation.js';

const COLOURS: Record<CheckStatus, string> = {
  pass: '\u001b[32m',
  warn: '\u001b[33m',
  fail: '\u001b[31m',
  unverified: '\u001b[36m',
  skipped: '\u001b[90m',
};
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';
const LABELS: Record<CheckStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  unverified: 'UNVERIFIED',
  skipped: 'SKIPPED',
};

/** Colour only for a terminal, and never when NO_COLOR says so (https://no-color.org); FORCE_COLOR overrides. */
export function wantsColour(env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTty;
}

export function formatReport(report: ValidationReport, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
  const lines: string[] = [paint(BOLD, 'BitAgent ConnectWise validation'), ''];
  const pad = ' '.repeat(14);
  for (const check of report.checks) {
    const label = paint(COLOURS[check.status], LABELS[check.status].padEnd(10));
    lines.push(`  ${label}  ${check.title}`);
    lines.push(`${pad}${check.detail}`);
    // A skipped check's fix is "fix the other one first", already said where that one failed.
    if (check.fix && check.status !== 'skipped')
      lines.push(`${pad}Fix: ${check.fix}${check.step ? ` (wizard step: ${check.step})` : ''}`);
  }
  lines.push('');
  if (report.connection) {
    const c = report.connection;
    lines.push(`API: ${c.apiBase} (${c.isCloud ? 'cloud' : 'on-premise'}, ${c.version})`);
  }
  if (report.board) lines.push(`Board: ${report.board.name} (id ${report.board.id})`);
  if (report.statuses.length > 0)
    lines.push(`Statuses: ${report.statuses.map((s) => `${s.name} (id ${s.id})`).join(', ')}`);

  const count = (status: CheckStatus) => report.checks.filter((c) => c.status === status).length;
  const parts = (['fail', 'warn', 'unverified', 'skipped', 'pass'] as const)
    .filter((s) => count(s) > 0)
    .map(
      (s) =>
        `${count(s)} ${s === 'fail' ? 'failed' : s === 'warn' ? 'warning' : s === 'pass' ? 'passed' : s}`,
    );
  const verdict = report.ok
    ? paint(COLOURS.pass, 'No check failed.')
    : paint(COLOURS.fail, 'BitAgent cannot work until the failed checks are fixed.');
  lines.push(`Result: ${verdict} ${parts.join(', ')} (${(report.durationMs / 1000).toFixed(1)} s)`);
  return lines.join('\n');
}
