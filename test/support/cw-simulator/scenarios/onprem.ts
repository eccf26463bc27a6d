/** On-premise servers: the MSP's own host, codebase v4_6_release/, no SiteUrl. */
import { variant } from './healthy.js';

export const onPremise = variant({
  name: 'on-premise',
  description: 'One host, codebase v4_6_release/, companyinfo without SiteUrl.',
  topology: 'single',
  siteUrl: 'none',
  company: {
    companyId: 'demo_msp',
    companyName: 'Demo MSP',
    codebase: 'v4_6_release/',
    versionCode: 'v2024.1',
    versionNumber: 'v4.6.99999',
    isCloud: false,
  },
  system: { version: 'v2024.1.99999', isCloud: false, serverTimeZone: 'GMT Standard Time' },
});

/** The first companyinfo still names the old codebase: the API 404s until discovery runs again. */
export const justUpgraded = variant({
  name: 'just-upgraded',
  description: 'companyinfo first reports v2024_2/, but the API already moved to v2025_1/.',
  staleCodebaseOnce: 'v2024_2/',
});
