import react from '@vitejs/plugin-react';
import { defineConfig, mergeConfig } from 'vite';
import { projectTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  projectTestConfig('web', { test: { environment: 'jsdom', setupFiles: ['src/testing/setup.ts'] } }),
  defineConfig({
    root: import.meta.dirname,
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false },
    server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  }),
);
