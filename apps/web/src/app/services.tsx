import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';
import type { OpenPdf } from '../pdf/pdf-renderer';
import type { SessionStore } from '../sessions/session-store';

/** What the UI talks to; `main.tsx` wires the real ones, tests pass fakes. */
export interface Services {
  client: ApiClient;
  store: SessionStore;
  openPdf: OpenPdf;
  /** How often documents still processing are polled. */
  pollIntervalMs: number;
}

const ServicesContext = createContext<Services | undefined>(undefined);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a <ServicesProvider> above it.');
  return services;
}
