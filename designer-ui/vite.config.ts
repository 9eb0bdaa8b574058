import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const backend = process.env.TESSERA_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      // the browser's Origin (the Vite server) would be a foreign origin to Tessera's CORS filter
      '/graphql': { target: backend, changeOrigin: true, headers: { origin: backend } },
    },
  },
  build: {
    outDir: 'dist',
    // GraphiQL brings the Monaco editor (several MB); it is loaded only on /graphiql.
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's React-Compiler output starts modules with "use no memo"; bundling drops it harmlessly.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') {
          warn(warning);
        }
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // page tests render whole screens in jsdom; on a 2-core machine shared with builds 5 s was seen to run out
    testTimeout: 15_000,
  },
});
