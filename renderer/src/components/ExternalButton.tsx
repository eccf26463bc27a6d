import type { ReactNode } from 'react';
import { useState } from 'react';
import { describeError } from '../lib/errors.js';

/** Opens an allow-listed page in the system browser through shell.openExternal (never a plain link). */
export function ExternalButton({ url, children }: { url: string; children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  async function open() {
    setMessage(null);
    const result = await window.bitagent.shell.openExternal({ url }); // eng-disable OPEN_EXTERNAL_JS_CHECK -- a contract call: main's safe shell decides, against its https allow-list
    if (!result.ok) setMessage(`Could not open it: ${describeError(result.error)} The address is ${url}`);
    else setMessage('Opened in your browser.');
  }
  return (
    <span className="external">
      <button type="button" className="button" onClick={() => void open()}>
        {children}
        <span aria-hidden="true" className="icon icon-external" />
        <span className="sr-only"> (opens in your browser)</span>
      </button>
      <span role="status" className="muted external-message">
        {message ?? ''}
      </span>
    </span>
  );
}
