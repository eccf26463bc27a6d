/**
 * The wizard's state: the draft (non-secret, autosaved through draft.save), where the user is, and what the
 * app knows about the vault, the secrets (set or not, never their values), ConnectWise and the last check.
 *
 * Secrets never enter this store: typed values live in their field's component state until secrets.set.
 */
import { create } from 'zustand';
import type { AppError } from '../../../common/errors.js';
import type { CompanyInfoResult } from '../../../common/schemas/connectwise.js';
import { DEFAULT_DRAFT, type Draft, type DraftPatch } from '../../../common/schemas/draft.js';
import type { RecipientInfo } from '../../../common/schemas/submission.js';
import type { ValidationReport } from '../../../common/schemas/validation.js';
import type { RecoveryNotice, SecretsStatus, VaultStatus } from '../../../common/schemas/vault.js';
import type { WizardStep } from '../../../common/schemas/wizard.js';
import { isNetworkError } from '../lib/errors.js';
import { commitTypedSecrets } from '../lib/secret-commits.js';

export const SAVE_DELAY_MS = 400;

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'unavailable';
export type ConnectWiseState = 'unknown' | 'reached' | 'unreachable';

/** Draft fields a validation report depends on: changing one makes the last report out of date. */
const REPORT_INPUTS: ReadonlySet<keyof Draft> = new Set([
  'site',
  'region',
  'companyId',
  'memberIdentifier',
  'roleName',
  'board',
  'boardId',
  'statuses',
  'statusIds',
]);

interface WizardState {
  ready: boolean;
  draft: Draft;
  step: WizardStep;
  /** Set when the app opened on a saved draft: the step the user was on. */
  resume: { step: WizardStep; savedAt: string } | null;
  recovery: RecoveryNotice | null;
  /** Why the draft cannot be saved (draft.load failed), when it cannot. */
  persistenceError: AppError | null;
  save: { state: SaveState; at: string | null; error: AppError | null };
  vault: VaultStatus | null;
  vaultError: AppError | null;
  secrets: SecretsStatus | null;
  secretsError: AppError | null;
  recipient: RecipientInfo | null;
  browserOnline: boolean;
  connectwise: { state: ConnectWiseState; at: number };
  /** The last companyinfo answer, for the site step (not saved: it is re-checked on demand). */
  companyInfo: { site: string; companyId: string; value: CompanyInfoResult } | null;
  report: ValidationReport | null;
  /** The report was made before the latest changes. */
  reportStale: boolean;
  /** Move focus to the step heading when a step appears (after the user navigates, not on first load). */
  focusOnStep: boolean;
  /** A message for screen readers about navigation that did not happen. */
  navMessage: string | null;

  init(): Promise<void>;
  update(patch: DraftPatch): void;
  flush(): Promise<void>;
  goTo(step: WizardStep): Promise<boolean>;
  refreshVault(): Promise<void>;
  refreshSecrets(): Promise<void>;
  setSecrets(status: SecretsStatus): void;
  setVault(status: VaultStatus): void;
  noteConnectWise(outcome: { ok: true } | { ok: false; error: AppError }): void;
  setCompanyInfo(info: WizardState['companyInfo']): void;
  setReport(report: ValidationReport): void;
  markReportStale(): void;
  forgetEverything(): Promise<AppError | null>;
}

let pending: DraftPatch = {};
let timer: ReturnType<typeof setTimeout> | undefined;
let chain: Promise<void> = Promise.resolve();

function mergePending(patch: DraftPatch) {
  pending = { ...pending, ...patch };
}

export const useWizard = create<WizardState>((set, get) => {
  async function send(): Promise<void> {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    const patch = pending;
    pending = {};
    if (Object.keys(patch).length === 0) return;
    if (get().persistenceError) {
      set({ save: { state: 'unavailable', at: null, error: get().persistenceError } });
      return;
    }
    set((s) => ({ save: { ...s.save, state: 'saving' } }));
    const result = await window.bitagent.draft.save(patch);
    if (result.ok) {
      const stillPending = Object.keys(pending).length > 0;
      set({ save: { state: stillPending ? 'pending' : 'saved', at: result.value.savedAt, error: null } });
    } else {
      // Keep what failed so the next save carries it again (unless the patch itself was refused).
      if (result.error.code !== 'invalid-input') pending = { ...patch, ...pending };
      set((s) => ({ save: { state: 'error', at: s.save.at, error: result.error } }));
    }
  }

  function schedule() {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      chain = chain.then(send);
    }, SAVE_DELAY_MS);
  }

  return {
    ready: false,
    draft: DEFAULT_DRAFT,
    step: 'welcome',
    resume: null,
    recovery: null,
    persistenceError: null,
    save: { state: 'idle', at: null, error: null },
    vault: null,
    vaultError: null,
    secrets: null,
    secretsError: null,
    recipient: null,
    browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
    connectwise: { state: 'unknown', at: 0 },
    companyInfo: null,
    report: null,
    reportStale: false,
    focusOnStep: false,
    navMessage: null,

    async init() {
      const api = window.bitagent;
      // The draft first: the first step waits for it. The rest follows, so it does not compete with it.
      const loaded = await api.draft.load({});
      void get().refreshVault();
      void get().refreshSecrets();
      void api.submission.recipient({}).then((r) => {
        if (r.ok) set({ recipient: r.value });
      });
      if (loaded.ok) {
        const { draft, savedAt, recovery } = loaded.value;
        const resumable = savedAt !== null && draft.currentStep !== 'welcome';
        set({
          ready: true,
          draft,
          step: resumable ? 'welcome' : draft.currentStep,
          resume: resumable ? { step: draft.currentStep, savedAt } : null,
          recovery,
          report: draft.lastReport,
          save: { state: savedAt ? 'saved' : 'idle', at: savedAt, error: null },
        });
      } else {
        set({
          ready: true,
          persistenceError: loaded.error,
          save: { state: 'unavailable', at: null, error: loaded.error },
        });
      }
    },

    update(patch) {
      const s = get();
      const touchesReport = Object.keys(patch).some((k) => REPORT_INPUTS.has(k as keyof Draft));
      if (touchesReport && s.report && !s.reportStale) {
        // The last report no longer describes what would be sent: keep showing it, but never export on it.
        const staled: DraftPatch = { ...patch, lastReport: null };
        set({ draft: { ...s.draft, ...staled }, reportStale: true, save: { ...s.save, state: 'pending' } });
        mergePending(staled);
      } else {
        set({ draft: { ...s.draft, ...patch }, save: { ...s.save, state: 'pending' } });
        mergePending(patch);
      }
      schedule();
    },

    async flush() {
      chain = chain.then(send);
      await chain;
    },

    async goTo(step) {
      if (step === get().step) return true;
      const committed = await commitTypedSecrets();
      if (!committed) {
        set({
          navMessage: 'Not moved: a key on this page could not be stored yet. See the message on the page.',
        });
        return false;
      }
      // Welcome is where everyone can go back to; it is not where a returning user should resume.
      const seen = `seen.${step}`;
      const { checklist } = get().draft;
      const patch: DraftPatch = checklist[seen] ? {} : { checklist: { ...checklist, [seen]: true } };
      if (step !== 'welcome') patch.currentStep = step;
      if (Object.keys(patch).length > 0) get().update(patch);
      set({ step, focusOnStep: true, navMessage: null });
      await get().flush();
      return true;
    },

    async refreshVault() {
      const r = await window.bitagent.vault.status({});
      if (r.ok) set({ vault: r.value, vaultError: null });
      else set({ vaultError: r.error });
    },

    async refreshSecrets() {
      const r = await window.bitagent.secrets.status({});
      if (r.ok) set({ secrets: r.value, secretsError: null });
      else {
        set({ secretsError: r.error });
        if (r.error.code === 'locked') void get().refreshVault();
      }
    },

    setSecrets(status) {
      set({ secrets: status, secretsError: null });
      get().markReportStale();
    },

    setVault(status) {
      set({ vault: status, vaultError: null });
    },

    noteConnectWise(outcome) {
      if (outcome.ok) set({ connectwise: { state: 'reached', at: Date.now() } });
      else if (isNetworkError(outcome.error)) set({ connectwise: { state: 'unreachable', at: Date.now() } });
      else if (outcome.error.code !== 'not-available' && outcome.error.code !== 'locked')
        // Any answer from ConnectWise (even "unauthorized") means the site was reached.
        set({ connectwise: { state: 'reached', at: Date.now() } });
    },

    setCompanyInfo(info) {
      set({ companyInfo: info });
    },

    setReport(report) {
      set({ report, reportStale: false });
      get().update({ lastReport: report });
    },

    markReportStale() {
      const s = get();
      if (s.report && !s.reportStale) {
        set({ reportStale: true });
        get().update({ lastReport: null });
      }
    },

    async forgetEverything() {
      const r = await window.bitagent.vault.forget({ confirm: true });
      if (!r.ok) return r.error;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = {};
      set({
        draft: DEFAULT_DRAFT,
        step: 'welcome',
        resume: null,
        recovery: null,
        report: null,
        reportStale: false,
        companyInfo: null,
        vault: r.value,
        save: { state: 'idle', at: null, error: null },
        focusOnStep: true,
      });
      await get().refreshSecrets();
      return null;
    },
  };
});

/** Saves whatever is waiting, as soon as possible (leaving the page, hiding the window). */
export function flushDraftNow(): void {
  void useWizard.getState().flush();
}
