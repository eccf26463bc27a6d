/** `npm run bench`: each area's measurements, one after the other (they share two cores). */
import { benchRenderer } from './bench-renderer.js';
import { benchSubmission } from './bench-submission.js';
import { benchValidation } from './bench-validation.js';
import { benchVault } from './bench-vault.js';

await benchValidation();
await benchSubmission();
await benchVault();
await benchRenderer();
