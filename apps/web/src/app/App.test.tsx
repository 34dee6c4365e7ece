import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { SessionStore } from '../sessions/session-store';
import { documentInfo, FakeApi, sessionId, token } from '../testing/fake-api';
import { renderOpenSession, renderWithServices } from '../testing/render-app';
import { App } from './App';

describe('App', () => {
  beforeEach(() => localStorage.clear());

  it('names the product in its main heading and offers to start a session', () => {
    renderWithServices(<App />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Student Helper');
    expect(screen.getByRole('button', { name: 'Start session' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Your sessions' })).toBeNull();
  });

  it('starts a session with its title, keeps its token in the browser and opens it', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    renderWithServices(<App />, { client: api });
    await user.type(screen.getByLabelText('Title (optional)'), 'Compilers');
    await user.click(screen.getByRole('button', { name: 'Start session' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Compilers' })).toBeTruthy();
    expect(api.calls.slice(0, 2)).toEqual(['createSession Compilers', `getSession ${sessionId}`]);
    const stored = new SessionStore(localStorage);
    expect(stored.activeId()).toBe(sessionId);
    expect(stored.list().map(({ sessionId: id, token: t, title }) => ({ id, t, title }))).toEqual([{ id: sessionId, t: token, title: 'Compilers' }]);
  });

  it('resumes the active session after a reload: documents and chat history come back', async () => {
    const store = new SessionStore(localStorage);
    store.save({ sessionId, token, title: 'Compilers', lastOpenedAt: '2026-11-25T10:00:00.000Z' });
    store.setActiveId(sessionId);
    const api = new FakeApi();
    api.session = { ...api.session, documents: [documentInfo({ documentId: 'd-1', filename: 'tracemonkey.pdf' })] };
    api.messages = [
      { messageId: 'm-1', role: 'user', content: 'What is a trace tree?', citations: [], outcome: null, createdAt: '2026-11-25T10:01:00.000Z' },
      {
        messageId: 'm-2',
        role: 'assistant',
        content: 'A tree of traces [1].',
        citations: [{ marker: 1, documentId: 'd-1', documentName: 'tracemonkey.pdf', page: 3, quote: 'trace trees', score: 0.9 }],
        outcome: 'answered',
        createdAt: '2026-11-25T10:01:01.000Z',
      },
    ];
    renderWithServices(<App />, { client: api });
    expect(await screen.findByText('What is a trace tree?')).toBeTruthy();
    const answer = screen.getByRole('article', { name: 'Answer' });
    expect(within(answer).getByRole('button', { name: 'Source 1: tracemonkey.pdf, page 3' }).textContent).toBe('1');
    expect(screen.getByText('Ready · 14 pages')).toBeTruthy();
  });

  it('lists known sessions newest first, opens one, goes back, and forgets one', async () => {
    const user = userEvent.setup();
    const store = new SessionStore(localStorage);
    store.save({ sessionId, token, title: 'Compilers', lastOpenedAt: '2026-11-20T10:00:00.000Z' });
    store.save({ sessionId: 's-2', token: 't2', title: 'Biology', lastOpenedAt: '2026-11-21T10:00:00.000Z' });
    const api = new FakeApi();
    renderWithServices(<App />, { client: api });
    const list = screen.getByRole('list');
    expect(within(list).getAllByRole('button', { name: /^(Biology|Compilers)/ }).map((b) => b.querySelector('.picker__title')?.textContent)).toEqual([
      'Biology',
      'Compilers',
    ]);
    await user.click(screen.getByRole('button', { name: /^Compilers/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Compilers' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'All sessions' }));
    expect(store.activeId()).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Forget Biology' }));
    expect(store.list().map((s) => s.title)).toEqual(['Compilers']);
  });

  it('renames the open session on the server and in the browser', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    const { services } = await renderOpenSession(api);
    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    const input = screen.getByLabelText('Session title');
    await user.clear(input);
    await user.type(input, 'Compilers exam{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Compilers exam' })).toBeTruthy();
    expect(api.calls).toContain('renameSession Compilers exam');
    expect(services.store.get(sessionId)?.title).toBe('Compilers exam');
  });

  it('explains a session whose token is refused and lets the student forget it', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    api.failures.getSession = new ApiError(401, 'UNAUTHORIZED', 'Missing or invalid session token.');
    const { services } = await renderOpenSession(api);
    expect(await screen.findByText('This session’s key is not valid any more.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Forget this session' }));
    expect(services.store.list()).toEqual([]);
    expect(screen.getByRole('button', { name: 'Start session' })).toBeTruthy();
  });

  it('says why a session could not be started', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    api.failures.createSession = new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch');
    renderWithServices(<App />, { client: api });
    await user.click(screen.getByRole('button', { name: 'Start session' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not start a session: The server cannot be reached. Check your connection.',
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Start session' })).toHaveProperty('disabled', false));
  });
});
