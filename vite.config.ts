import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';

/**
 * One Vite build, one entry per app. The server serves dist/web at /:
 * /kiosk/, /display/, /counter/, /admin/, /t/<code> (phone page) and a landing page at /.
 */
export default defineConfig({
  plugins: [preact()],
  root: resolve(import.meta.dirname),
  publicDir: 'public',
  base: '/',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        home: resolve(import.meta.dirname, 'index.html'),
        kiosk: resolve(import.meta.dirname, 'kiosk/index.html'),
        display: resolve(import.meta.dirname, 'display/index.html'),
        counter: resolve(import.meta.dirname, 'counter/index.html'),
        phone: resolve(import.meta.dirname, 'phone/index.html'),
        admin: resolve(import.meta.dirname, 'admin/index.html'),
        slip: resolve(import.meta.dirname, 'slip/index.html'),
        rate: resolve(import.meta.dirname, 'rate/index.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'ws://localhost:3000', ws: true } } },
});
