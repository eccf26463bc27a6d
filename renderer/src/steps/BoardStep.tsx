import { useEffect, useId, useRef, useState } from 'react';
import type { BoardSummary, StatusSummary } from '../../../common/schemas/connectwise.js';
import { Field } from '../components/Field.js';
import { StepFrame } from '../components/StepFrame.js';
import { DEFAULT_BOARD, DEFAULT_STATUSES } from '../content/guide.js';
import { describeError } from '../lib/errors.js';
import { boardSchema, problemOf, statusesSchema } from '../lib/validators.js';
import { useWizard } from '../store/wizard-store.js';

type Live =
  | { state: 'off'; reason: string }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; boards: BoardSummary[] };

type LiveStatuses =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; boardId: number; statuses: StatusSummary[] };

/** Open, active statuses with "new" in the name: the ones BitAgent usually works on. */
export function suggestedStatuses(statuses: StatusSummary[]): StatusSummary[] {
  return statuses.filter((s) => !s.closed && !s.inactive && /new/i.test(s.name));
}

export function BoardStep() {
  const draft = useWizard((s) => s.draft);
  const update = useWizard((s) => s.update);
  const flush = useWizard((s) => s.flush);
  const secrets = useWizard((s) => s.secrets);
  const online = useWizard((s) => s.browserOnline);
  const noteConnectWise = useWizard((s) => s.noteConnectWise);
  const [live, setLive] = useState<Live>({ state: 'off', reason: '' });
  const [liveStatuses, setLiveStatuses] = useState<LiveStatuses>({ state: 'idle' });
  const [manual, setManual] = useState(false);
  const [boardError, setBoardError] = useState<string | null>(null);
  const [statusesError, setStatusesError] = useState<string | null>(null);
  const [newStatus, setNewStatus] = useState('');
  const [newStatusError, setNewStatusError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const newStatusRef = useRef<HTMLInputElement>(null);
  const liveId = useId();

  const keysReady = secrets?.clientId.set === true && secrets.publicKey.set && secrets.privateKey.set;

  async function loadStatuses(boardId: number) {
    setLiveStatuses({ state: 'loading' });
    const result = await window.bitagent.connectwise.listStatuses({ boardId });
    noteConnectWise(result);
    if (result.ok) setLiveStatuses({ state: 'ready', boardId, statuses: result.value });
    else setLiveStatuses({ state: 'error', message: describeError(result.error) });
  }

  async function loadBoards() {
    if (!online) {
      setLive({
        state: 'off',
        reason: 'You are offline: type the names; they are checked when you validate.',
      });
      return;
    }
    if (!keysReady) {
      setLive({
        state: 'off',
        reason:
          'Once your Client ID and both keys are stored, the boards and statuses come from your ConnectWise.',
      });
      return;
    }
    setLive({ state: 'loading' });
    await flush(); // ConnectWise is asked with the saved site and Company ID.
    const result = await window.bitagent.connectwise.listBoards({});
    noteConnectWise(result);
    if (!result.ok) {
      if (result.error.code === 'locked') void useWizard.getState().refreshVault();
      setLive({ state: 'error', message: describeError(result.error) });
      return;
    }
    setLive({ state: 'ready', boards: result.value });
    const { board } = useWizard.getState().draft;
    const match = result.value.find((b) => b.name === board);
    if (match) {
      if (useWizard.getState().draft.boardId !== match.id) update({ boardId: match.id });
      await loadStatuses(match.id);
    }
  }

  const unlocked = useWizard((s) => s.vault !== null && s.vault.protection !== 'locked');
  // biome-ignore lint/correctness/useExhaustiveDependencies: load when the step opens, or the keys, the vault or the connection change.
  useEffect(() => {
    void loadBoards();
  }, [online, keysReady, unlocked]);

  function setStatuses(names: string[], known?: StatusSummary[]) {
    const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    const pool = known ?? (liveStatuses.state === 'ready' ? liveStatuses.statuses : []);
    const statusIds = unique.flatMap((name) => {
      const hit = pool.find((s) => s.name === name);
      return hit ? [{ id: hit.id, name: hit.name }] : [];
    });
    update({ statuses: unique, statusIds });
    setStatusesError(problemOf(statusesSchema, unique));
  }

  function addStatus() {
    const name = newStatus.trim();
    if (name === '') {
      setNewStatusError('Type a status name first.');
      return;
    }
    if (draft.statuses.includes(name)) {
      setNewStatusError(`“${name}” is already in the list.`);
      return;
    }
    if (draft.statuses.length >= 50) {
      setNewStatusError('At most 50 statuses.');
      return;
    }
    setStatuses([...draft.statuses, name]);
    setNewStatus('');
    setNewStatusError(null);
    setAnnounce(`Added ${name}.`);
    newStatusRef.current?.focus();
  }

  function removeStatus(name: string) {
    setStatuses(draft.statuses.filter((s) => s !== name));
    setAnnounce(`Removed ${name}.`);
    newStatusRef.current?.focus();
  }

  function onNext(): boolean {
    const b = problemOf(boardSchema, draft.board);
    const s = problemOf(statusesSchema, draft.statuses);
    setBoardError(b);
    setStatusesError(s);
    return !b && !s;
  }

  const useLive = live.state === 'ready' && !manual;
  const boards = live.state === 'ready' ? live.boards : [];
  const selectedBoard = boards.find((b) => b.name === draft.board) ?? null;
  const statusesOnBoard =
    liveStatuses.state === 'ready' && selectedBoard && liveStatuses.boardId === selectedBoard.id
      ? liveStatuses.statuses
      : null;
  const suggested = statusesOnBoard ? suggestedStatuses(statusesOnBoard) : [];
  const missing = statusesOnBoard
    ? draft.statuses.filter((n) => !statusesOnBoard.some((s) => s.name === n))
    : [];

  return (
    <StepFrame
      step="board"
      onNext={onNext}
      intro={
        <p>
          Which service board BitAgent works on, and which ticket statuses it may update. Usually that is the
          statuses with “new” in their name, so BitAgent only touches new tickets.
        </p>
      }
    >
      <div className="live-state" id={liveId} aria-live="polite">
        {live.state === 'loading' && <p className="muted">Getting your boards from ConnectWise…</p>}
        {live.state === 'off' && live.reason && <p className="muted">{live.reason}</p>}
        {live.state === 'error' && (
          <p className="inline-alert inline-alert-warn">
            Could not get the boards from ConnectWise. {live.message} You can type the names instead.
          </p>
        )}
        {live.state === 'ready' && !manual && (
          <p className="muted">Filled from your ConnectWise: pick the board, then the statuses.</p>
        )}
      </div>
      <div className="actions-inline">
        {live.state !== 'loading' && online && keysReady && (
          <button type="button" className="button button-small" onClick={() => void loadBoards()}>
            {live.state === 'ready' ? 'Refresh from ConnectWise' : 'Try ConnectWise again'}
          </button>
        )}
        {live.state === 'ready' && (
          <button type="button" className="button button-small" onClick={() => setManual((m) => !m)}>
            {manual ? 'Pick from ConnectWise instead' : 'Type the names instead'}
          </button>
        )}
      </div>

      {useLive ? (
        <Field label="Service board" error={boardError}>
          {(aria) => (
            <select
              {...aria}
              className="input select"
              value={selectedBoard ? String(selectedBoard.id) : ''}
              onChange={(e) => {
                const board = boards.find((b) => String(b.id) === e.target.value);
                if (!board) return;
                update({ board: board.name, boardId: board.id, statusIds: [] });
                setBoardError(null);
                void loadStatuses(board.id);
              }}
            >
              {!selectedBoard && (
                <option value="">
                  {draft.board ? `“${draft.board}” is not a board here: pick one` : 'Pick a board'}
                </option>
              )}
              {boards.map((b) => (
                <option key={b.id} value={String(b.id)}>
                  {b.name}
                  {b.inactive ? ' (inactive)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field
          label="Service board"
          error={boardError}
          hint={`The board’s name exactly as in ConnectWise. The guide’s example is “${DEFAULT_BOARD}”.`}
        >
          {(aria) => (
            <input
              {...aria}
              className="input"
              value={draft.board}
              maxLength={200}
              autoComplete="off"
              onChange={(e) => {
                update({ board: e.target.value, boardId: null, statusIds: [] });
                if (boardError) setBoardError(problemOf(boardSchema, e.target.value));
              }}
              onBlur={() => setBoardError(problemOf(boardSchema, draft.board))}
            />
          )}
        </Field>
      )}
      {selectedBoard?.inactive && useLive && (
        <p className="inline-alert inline-alert-warn">This board is inactive in ConnectWise.</p>
      )}

      {useLive && statusesOnBoard ? (
        <fieldset className="fieldset" aria-describedby={statusesError ? 'statuses-error' : undefined}>
          <legend className="field-label">Ticket statuses on “{draft.board}”</legend>
          {suggested.length > 0 && (
            <p className="muted">
              Suggested: the open statuses with “new” in their name.{' '}
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  setStatuses(
                    suggested.map((s) => s.name),
                    statusesOnBoard,
                  );
                  setAnnounce(`Chose the ${suggested.length} suggested statuses.`);
                }}
              >
                Use the {suggested.length} suggested
              </button>
            </p>
          )}
          <ul className="status-options">
            {statusesOnBoard.map((s) => {
              const checked = draft.statuses.includes(s.name);
              const isSuggested = suggested.includes(s);
              return (
                <li key={s.id}>
                  <label className="tick">
                    <input
                      type="checkbox"
                      checked={checked}
                      onChange={(e) =>
                        setStatuses(
                          e.target.checked
                            ? [...draft.statuses, s.name]
                            : draft.statuses.filter((n) => n !== s.name),
                          statusesOnBoard,
                        )
                      }
                    />
                    <span className="status-name">{s.name}</span>
                    {isSuggested && <span className="tag tag-good">suggested</span>}
                    {s.closed && <span className="tag">closed</span>}
                    {s.inactive && <span className="tag">inactive</span>}
                  </label>
                </li>
              );
            })}
          </ul>
          {missing.length > 0 && (
            <div className="inline-alert inline-alert-error" data-testid="missing-statuses">
              <p>Not on this board (check the spelling, or remove):</p>
              <ul className="chips">
                {missing.map((name) => (
                  <RemovableChip key={name} name={name} bad onRemove={removeStatus} />
                ))}
              </ul>
            </div>
          )}
          {statusesError && (
            <p id="statuses-error" className="field-error">
              {statusesError}
            </p>
          )}
        </fieldset>
      ) : (
        <fieldset className="fieldset" aria-describedby={statusesError ? 'statuses-error' : undefined}>
          <legend className="field-label">Ticket statuses</legend>
          {useLive && liveStatuses.state === 'loading' && (
            <p className="muted">Getting the board’s statuses…</p>
          )}
          {useLive && liveStatuses.state === 'error' && (
            <p className="inline-alert inline-alert-warn">
              Could not get the statuses. {liveStatuses.message}
            </p>
          )}
          <p className="field-hint">
            Exactly as in ConnectWise, including any * or brackets. The guide’s are:{' '}
            {DEFAULT_STATUSES.join(', ')}.
          </p>
          {draft.statuses.length > 0 ? (
            <ul className="chips" aria-label="Chosen statuses">
              {draft.statuses.map((name) => (
                <RemovableChip key={name} name={name} onRemove={removeStatus} />
              ))}
            </ul>
          ) : (
            <p className="muted">No statuses yet.</p>
          )}
          <div className="add-row">
            <Field label="Add a status" error={newStatusError}>
              {(aria) => (
                <input
                  {...aria}
                  ref={newStatusRef}
                  className="input"
                  value={newStatus}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e) => {
                    setNewStatus(e.target.value);
                    if (newStatusError) setNewStatusError(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      addStatus();
                    }
                  }}
                />
              )}
            </Field>
            <button type="button" className="button" onClick={addStatus}>
              Add
            </button>
          </div>
          {(draft.statuses.join('\n') !== DEFAULT_STATUSES.join('\n') || draft.board !== DEFAULT_BOARD) && (
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => {
                update({
                  board: DEFAULT_BOARD,
                  boardId: null,
                  statuses: [...DEFAULT_STATUSES],
                  statusIds: [],
                });
                setAnnounce('Back to the guide’s board and statuses.');
              }}
            >
              Use the guide’s board and statuses
            </button>
          )}
          {statusesError && (
            <p id="statuses-error" className="field-error">
              {statusesError}
            </p>
          )}
        </fieldset>
      )}
      <p className="sr-only" role="status">
        {announce}
      </p>
    </StepFrame>
  );
}

/** A status name with its remove button (named for screen readers). */
function RemovableChip({
  name,
  bad = false,
  onRemove,
}: {
  name: string;
  bad?: boolean;
  onRemove: (name: string) => void;
}) {
  return (
    <li className={bad ? 'chip chip-bad' : 'chip'}>
      <span className="chip-text">{name}</span>
      <button type="button" className="chip-remove" onClick={() => onRemove(name)}>
        <span aria-hidden="true">×</span>
        <span className="sr-only">Remove {name}</span>
      </button>
    </li>
  );
}
