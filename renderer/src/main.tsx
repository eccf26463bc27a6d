import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { useAppStore } from './store/app-store.js';
import { useWizard } from './store/wizard-store.js';
import './styles.css';

// Ask for the saved draft before React's first render, so the two overlap.
void useWizard
  .getState()
  .init()
  .finally(() => useAppStore.getState().loadInfo());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
