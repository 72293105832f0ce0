#!/usr/bin/env node
// The `xtwin` command: registers tsx's loader in this very process and runs src/cli/main.ts, so no
// build step is needed and there is no wrapper process between the shell and xtwin (signals such as
// SIGTERM reach `xtwin serve` itself).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
