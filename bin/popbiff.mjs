#!/usr/bin/env node
// The npm `bin` entry: the real program is the bundle that `npm run build` writes.
try {
  await import('../dist/host/popbiff.mjs');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('popbiff.mjs')) throw error;
  process.stderr.write('popbiff: the host is not built yet. Run npm run build first.\n');
  process.exitCode = 1;
}
