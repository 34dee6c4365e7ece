import { beforeEach, describe, expect, it } from 'vitest';
import { activeSessionStorageKey, SessionStore, sessionsStorageKey, type KnownSession } from './session-store';

const older: KnownSession = { sessionId: 's-1', token: 't1', title: 'Biology', lastOpenedAt: '2026-11-01T10:00:00.000Z' };
const newer: KnownSession = { sessionId: 's-2', token: 't2', title: 'Compilers', lastOpenedAt: '2026-11-20T10:00:00.000Z' };

describe('SessionStore', () => {
  let store: SessionStore;
  beforeEach(() => {
    localStorage.clear();
    store = new SessionStore(localStorage);
  });

  it('lists saved sessions newest first and finds one by id', () => {
    store.save(older);
    store.save(newer);
    expect(store.list()).toEqual([newer, older]);
    expect(store.get('s-1')).toEqual(older);
    expect(store.get('nope')).toBeUndefined();
  });

  it('replaces a session saved again and updates fields', () => {
    store.save(older);
    store.save({ ...older, token: 't1b' });
    store.update('s-1', { title: 'Cell biology' });
    store.update('unknown', { title: 'ignored' });
    expect(store.list()).toEqual([{ ...older, token: 't1b', title: 'Cell biology' }]);
  });

  it('forgets a session and clears it as the active one', () => {
    store.save(older);
    store.setActiveId('s-1');
    expect(localStorage.getItem(activeSessionStorageKey)).toBe('s-1');
    store.forget('s-1');
    expect(store.list()).toEqual([]);
    expect(store.activeId()).toBeUndefined();
  });

  it('survives storage it cannot read: bad JSON, a non-array, and malformed entries', () => {
    localStorage.setItem(sessionsStorageKey, '{not json');
    expect(store.list()).toEqual([]);
    localStorage.setItem(sessionsStorageKey, '{"sessionId":"s"}');
    expect(store.list()).toEqual([]);
    localStorage.setItem(sessionsStorageKey, JSON.stringify([older, { sessionId: 's-x' }, null, 'text']));
    expect(store.list()).toEqual([older]);
  });
});
