#!/usr/bin/env node
// Entry point of the `paperboy` command: runs the compiled composition root (`npm run build` first).
import '../dist/main.js';
