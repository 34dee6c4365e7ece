/** How the API release (the folder `student-helper-deploy` unpacks on the instance) is laid out. */
export const apiReleaseDefaults = {
  /** Where `nx run api:build-release` writes the folder, from the workspace root. */
  outdir: 'dist/apps/api-release',
  /**
   * The server entry, relative to the release root: the path the ApiServer's systemd unit runs
   * (`@student-helper/compute`'s `API_SERVER_DEFAULTS.entrypoint`), and the workspace's own, so
   * that `main.js` finds the web build at `../../web/dist` in both.
   */
  entrypoint: 'apps/api/dist/main.js',
  /** The web build, where the server's default `WEB_DIST_DIR` points. */
  webDist: 'apps/web/dist',
} as const;
