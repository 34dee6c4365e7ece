export const sessionRepositoryDefaults = {
  /** Title of a session created without one. */
  title: 'Untitled session',
} as const;
