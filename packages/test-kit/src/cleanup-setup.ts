// A vitest setup file (setupFiles): it runs in every test file before the file's tests are collected.
import { drainFileCleanupsAfterAll } from './cleanup.ts';

drainFileCleanupsAfterAll();
