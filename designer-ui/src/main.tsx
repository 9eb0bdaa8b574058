import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppClient, createQueryClient, createSession } from './app/client';
import { createI18n, initialLocale } from './app/i18n';
import './styles.css';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}
const locale = initialLocale();
document.documentElement.lang = locale;
const i18n = createI18n(locale);
const session = createSession(i18n);
createRoot(root).render(
  <StrictMode>
    <App session={session} client={createAppClient(i18n, session)} queryClient={createQueryClient()} i18n={i18n} />
  </StrictMode>,
);
