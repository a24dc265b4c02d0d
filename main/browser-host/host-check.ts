/*
 * The browser host serves this computer only. A website can point a name of its own at 127.0.0.1
 * (DNS rebinding): the browser then sends that name as Host and as Origin, so "Origin equals Host"
 * holds for the attacker's page. Only names that always mean this computer are accepted as Host.
 */

const IPV4_LOOPBACK = /^127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Whether a Host header names this computer, on the port the host listens on: `localhost`,
 * an address in 127.0.0.0/8 or `[::1]`, written exactly as a browser writes it.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined || host === '') return false;
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return false;
  }
  // The URL parser forgives much ("user@", "0x7f.1", a trailing path); a browser's Host has none of it.
  if (url.host !== host || url.username !== '' || url.pathname !== '/') return false;
  const loopback =
    url.hostname === 'localhost' || url.hostname === '[::1]' || IPV4_LOOPBACK.test(url.hostname);
  return loopback && (url.port === '' ? 80 : Number(url.port)) === port;
}

/** Whether a request comes from one of this host's own pages: a loopback Host and the same origin. */
export function isOwnOrigin(origin: string | undefined, host: string | undefined, port: number): boolean {
  return isLoopbackHost(host, port) && origin === `http://${host ?? ''}`;
}
