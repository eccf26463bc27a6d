/** A cloud region: a login host and a separate API host named by companyinfo's SiteUrl. */
import { variant } from './healthy.js';

export const cloudSplit = variant({
  name: 'cloud-split',
  description: 'Login host and API host apart (like na.myconnectwise.net and api-na.myconnectwise.net).',
  topology: 'split',
  siteUrl: 'api',
  company: {
    companyId: 'demo_msp',
    companyName: 'Demo MSP',
    codebase: 'v2025_1/',
    versionCode: 'v2025.1',
    versionNumber: 'v4.6.112233',
    isCloud: true,
  },
  system: {
    version: 'v2025.1.112233',
    isCloud: true,
    cloudRegion: 'NA',
    serverTimeZone: 'Eastern Standard Time',
  },
});
