// Rehearsal worker bootstrap: worker threads do not inherit tsx's loader, so register it here, then
// run the TypeScript worker (see rehearsals.ts).
import { register } from 'tsx/esm/api';

register();
await import('./rehearsalMain.ts');
