/** Authentication failures: how ConnectWise refuses wrong keys, and a company whose ID has capitals. */
import { variant } from './healthy.js';

/** Wrong keys answered with the other 401 body seen in the wild. */
export const userNotAuthenticated = variant({
  name: 'user-not-authenticated',
  description: 'Wrong keys are refused with {"code":"ConnectWiseApi","message":"UserNotAuthenticated"}.',
  authFailure: 'user-not-authenticated',
});

/** On some cloud hosts a wrong company or key surfaces as a 404 [reported]. */
export const authAsNotFound = variant({
  name: 'auth-as-not-found',
  description: 'Wrong keys are refused with a 404.',
  authFailure: 'not-found',
});

/** companyinfo finds "demomsp" as "DemoMSP"; the API needs the exact case. */
export const mixedCaseCompany = variant({
  name: 'mixed-case-company',
  description: 'The login company is DemoMSP; keys only work with that exact case.',
  company: {
    companyId: 'DemoMSP',
    companyName: 'Demo MSP',
    codebase: 'v2025_1/',
    versionCode: 'v2025.1',
    versionNumber: 'v4.6.112233',
    isCloud: false,
  },
});
