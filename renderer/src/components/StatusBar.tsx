import { describeError } from '../lib/errors.js';
import { useWizard } from '../store/wizard-store.js';

function time(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "Saving…" / "Saved" / what went wrong, for everyone (role=status). */
export function SaveStatus() {
  const save = useWizard((s) => s.save);
  const flush = useWizard((s) => s.flush);
  let text = '';
  switch (save.state) {
    case 'pending':
    case 'saving':
      text = 'Saving…';
      break;
    case 'saved':
      text = save.at ? `Saved ${time(save.at)}` : 'Saved';
      break;
    case 'error':
      text = `Not saved: ${save.error ? describeError(save.error) : 'unknown problem'}`;
      break;
    case 'unavailable':
      text = `Progress is not being saved. ${save.error ? describeError(save.error) : ''}`;
      break;
    case 'idle':
      text = 'Nothing to save yet';
      break;
  }
  return (
    <div className="save-status" data-state={save.state}>
      <span role="status" data-testid="save-status">
        {text}
      </span>
      {save.state === 'error' && (
        <button type="button" className="button button-small" onClick={() => void flush()}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Online/offline: the browser's view, refined by how the last ConnectWise call went. */
export function OnlineStatus() {
  const online = useWizard((s) => s.browserOnline);
  const cw = useWizard((s) => s.connectwise.state);
  const state = !online
    ? 'offline'
    : cw === 'unreachable'
      ? 'unreachable'
      : cw === 'reached'
        ? 'reached'
        : 'online';
  const text = {
    offline: 'Offline: you can fill everything in; checks wait',
    unreachable: 'Online, but ConnectWise was not reached',
    reached: 'Online: ConnectWise reached',
    online: 'Online',
  }[state];
  return (
    <span className="online-status" data-state={state} role="status" data-testid="online-status">
      <span className="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
