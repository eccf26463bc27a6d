import { useEffect } from 'react';
import { useAppStore } from './store/app-store.js';

export function App() {
  const info = useAppStore((s) => s.info);
  const infoError = useAppStore((s) => s.infoError);
  const loadInfo = useAppStore((s) => s.loadInfo);

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>BitAgent ConnectWise Onboarding</h1>
        <p className="app-version" data-testid="app-version">
          {info
            ? `Version ${info.version}${info.runtime === 'harness' ? ' (browser)' : ''}`
            : infoError
              ? infoError.message
              : 'Loading…'}
        </p>
      </header>
      <main className="app-main">
        <p>Connect BitAgent to your ConnectWise PSA, step by step.</p>
      </main>
    </div>
  );
}
