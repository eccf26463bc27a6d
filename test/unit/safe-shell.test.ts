import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors.js';
import { createSafeShell, isAllowedExternalUrl } from '../../main/shell/safe-shell.js';

describe('the safe shell', () => {
  it.each([
    'https://developer.connectwise.com/ClientID',
    'https://docs.connectwise.com/ConnectWise_Access_Management_Documentation/Integrations/ConnectWise_PSA_integration',
    'https://na.myconnectwise.net/',
    'https://api-eu.myconnectwise.net/v4_6_release/ConnectWise.aspx',
    'HTTPS://DEVELOPER.CONNECTWISE.COM/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://developer.connectwise.com/',
    'https://developer.connectwise.com.evil.example/',
    'https://evilmyconnectwise.net/',
    'https://myconnectwise.net/',
    'https://user:pass@na.myconnectwise.net/',
    'https://na.myconnectwise.net:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://na.myconnectwise.net/share',
    'ms-settings:privacy',
    'https://connectwise.com/',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('opens an allowed link through the port, and refuses others without touching it', async () => {
    const opened: string[] = [];
    const shell = createSafeShell({
      openExternal: async (url) => {
        opened.push(url);
        return 'system-browser';
      },
    });
    await expect(shell.openExternal('https://developer.connectwise.com/ClientID')).resolves.toEqual({
      opened: true,
      via: 'system-browser',
    });
    await expect(shell.openExternal('https://evil.example/')).rejects.toBeInstanceOf(AppFailure);
    expect(opened).toEqual(['https://developer.connectwise.com/ClientID']);
  });
});
