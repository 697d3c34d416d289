/// <reference types="vitest/config" />
import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

/** API paths the dev server forwards to a running stepcast server. */
const proxiedPaths = ['/step-images', '/images', '/healthz', '/capabilities', '/preview'];

export default defineConfig(({ mode }) => {
  // STEPCAST_SERVER (from the environment or a .env file) overrides where
  // `npm run dev` sends API requests.
  const env = loadEnv(mode, '.', '');
  const serverAddress = env.STEPCAST_SERVER || 'http://127.0.0.1:8080';
  return {
    plugins: [react()],
    server: {
      proxy: Object.fromEntries(
        proxiedPaths.map((path) => [path, { target: serverAddress, changeOrigin: true }]),
      ),
    },
    build: {
      outDir: 'dist',
      sourcemap: true,
    },
    test: {
      environment: 'jsdom',
      globals: true,
      setupFiles: ['./src/test/setup.ts'],
      css: false,
      restoreMocks: true,
    },
  };
});
