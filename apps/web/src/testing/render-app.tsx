import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ServicesProvider, type Services } from '../app/services';
import type { OpenPdf } from '../pdf/pdf-renderer';
import { SessionStore } from '../sessions/session-store';
import { FakeApi, token } from './fake-api';

/** A PDF opener that must not be reached: tests of the viewer pass their own. */
const noPdf: OpenPdf = async () => {
  throw new Error('No PDF renderer in this test.');
};

/** Renders `ui` with fake services: a {@link FakeApi}, a store over jsdom's localStorage, fast polling. */
export function renderWithServices(ui: ReactElement, overrides: Partial<Services> = {}) {
  const api = overrides.client instanceof FakeApi ? overrides.client : new FakeApi();
  const services: Services = {
    client: api,
    store: new SessionStore(localStorage),
    openPdf: noPdf,
    pollIntervalMs: 5,
    ...overrides,
  };
  return { api, services, ...render(<ServicesProvider services={services}>{ui}</ServicesProvider>) };
}

/** Renders the whole app with `api`'s session already open, as after a reload. */
export async function renderOpenSession(api: FakeApi, overrides: Partial<Services> = {}) {
  const { App } = await import('../app/App');
  const store = new SessionStore(localStorage);
  store.save({ sessionId: api.session.sessionId, token, title: api.session.title, lastOpenedAt: '2026-11-25T10:00:00.000Z' });
  store.setActiveId(api.session.sessionId);
  return renderWithServices(<App />, { client: api, store, ...overrides });
}
