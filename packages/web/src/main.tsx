import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { languageReady } from './i18n';
import './global.css';

const root = document.getElementById('root');
// The first paint is in the browser's last language, whose messages may still be loading.
void languageReady.then(() => {
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
