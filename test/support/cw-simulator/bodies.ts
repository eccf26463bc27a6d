/** The error bodies ConnectWise sends (connectwise-api.md §2), and the HTML a web page answers with. */

export const SECURITY_403 = {
  code: 'Security',
  message: 'You do not have security permission to perform this action.',
  errors: null,
};

export const UNAUTHORIZED_401 = { code: 'Unauthorized', message: 'Unauthorized', errors: null };
export const USER_NOT_AUTHENTICATED_401 = {
  code: 'ConnectWiseApi',
  message: 'UserNotAuthenticated',
  errors: null,
};

/** Quotes the Client ID it was given, as some servers do: the client must never repeat it. */
export const clientId400 = (given: string | undefined) => ({
  code: 'InvalidObject',
  message: given ? `clientId ${given} is not a registered client id.` : 'clientId header is required.',
  errors: [{ code: 'InvalidField', message: 'clientId is invalid', resource: 'request', field: 'clientId' }],
});

export const notFound404 = (message = 'The requested resource was not found.') => ({
  code: 'NotFound',
  message,
  errors: null,
});

export const throttled429 = { code: 'TooManyRequests', message: 'Too many requests. Please retry later.' };
export const server500 = {
  code: 'UnexpectedError',
  message: 'An unexpected error occurred: timeout expired.',
};
export const badConditions400 = (why: string) => ({
  code: 'InvalidObject',
  message: `conditions could not be parsed: ${why}`,
  errors: null,
});

export const LOGIN_PAGE_HTML =
  '<!DOCTYPE html><html><head><title>ConnectWise Manage</title></head><body><form id="login">Company</form></body></html>';
export const WEB_SITE_HTML =
  '<!DOCTYPE html><html><head><title>Welcome to our MSP</title></head><body><h1>We manage IT.</h1></body></html>';
export const NOT_FOUND_HTML =
  '<!DOCTYPE html><html><body><h1>404 - File or directory not found.</h1></body></html>';
