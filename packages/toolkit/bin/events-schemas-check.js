#!/usr/bin/env node
// Committed so that npm links the command at install time, before the first build.
import { enableCompileCache } from 'node:module';

// Node caches compiled modules on disk (os.tmpdir()): repeated runs skip most of the start-up, which is most of
// a check's time on a small catalog. Must run before the checker's modules load.
enableCompileCache();
await import('../dist/cli/schemas-check.js');
