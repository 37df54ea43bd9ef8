/**
 * The Content-Security-Policy the shell puts on every response, the same policy as the renderer's
 * <meta http-equiv="Content-Security-Policy">. In dev mode Vite's hot-reload socket (ws:// on the dev server's
 * host) must be allowed to connect. Pure: no 'electron' import.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export function contentSecurityPolicy(devServerUrl?: string): string {
  let hmr = '';
  if (devServerUrl) {
    const u = new URL(devServerUrl);
    const ws = u.protocol === 'https:' ? 'wss:' : 'ws:';
    hmr = ` ${ws}//${u.host}`;
  }
  return CSP_DIRECTIVES.map(([k, v]) => (k === 'connect-src' ? `${k} ${v}${hmr}` : `${k} ${v}`)).join('; ');
}
