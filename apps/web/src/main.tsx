import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apiBase } from './api/api-base';
import { createApiClient } from './api/api-client';
import { App } from './app/App';
import { ServicesProvider, type Services } from './app/services';
import { defaultPollIntervalMs } from './app/services.defaults';
import { openPdfWithPdfJs } from './pdf/pdfjs-renderer';
import { SessionStore } from './sessions/session-store';
import './styles.css';

const services: Services = {
  client: createApiClient({ baseUrl: apiBase }),
  store: new SessionStore(window.localStorage),
  openPdf: openPdfWithPdfJs,
  pollIntervalMs: defaultPollIntervalMs,
};

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <ServicesProvider services={services}>
      <App />
    </ServicesProvider>
  </StrictMode>,
);
