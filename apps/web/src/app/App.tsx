import { StudySession } from './StudySession';
import { SessionPicker } from '../sessions/SessionPicker';
import { useKnownSessions } from '../sessions/use-known-sessions';
import { useServices } from './services';

/** The whole UI: the session picker, or the open session (restored from storage on reload). */
export function App() {
  const { store } = useServices();
  const known = useKnownSessions(store);
  const active = known.active;
  return (
    <div className="app">
      <header className="app__header">
        <h1 className="app__name">Student Helper</h1>
        {active && (
          <button type="button" className="button button--small button--quiet" onClick={known.close}>
            All sessions
          </button>
        )}
      </header>
      {active ? (
        <StudySession
          key={active.sessionId}
          session={active}
          onRenamed={(title) => known.rename(active.sessionId, title)}
          onForget={() => known.forget(active.sessionId)}
        />
      ) : (
        <SessionPicker known={known} />
      )}
    </div>
  );
}
