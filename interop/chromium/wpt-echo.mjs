// Drives headless Chromium against `wpt-runner serve`: the page opens
// <base>/webtransport/handlers/echo.py with the certificate pinned by hash and checks the echo of a
// bidirectional stream (ending with the server's FIN), of a unidirectional stream (which echo.py
// answers on a stream of its own) and of a datagram. Prints one JSON object with what it saw.
//
//   node wpt-echo.mjs <https base url, e.g. https://127.0.0.1:4433> <base64 SHA-256 of the certificate>
import { runInChromium } from './browser.mjs';

const [base, hashBase64] = process.argv.slice(2);
if (!base || !hashBase64) {
  console.error('usage: node wpt-echo.mjs <https base url> <base64 certificate sha-256>');
  process.exit(2);
}
console.log(JSON.stringify(await runInChromium(echoInPage, { base, hashBase64 }, [])));

async function echoInPage({ base, hashBase64 }) {
  const hash = Uint8Array.from(atob(hashBase64), c => c.charCodeAt(0));
  const within = (promise, what) => Promise.race([promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), 10000))]);
  const text = bytes => new TextDecoder().decode(bytes);
  async function readAll(readable) {
    const reader = readable.getReader();
    const bytes = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return new Uint8Array(bytes);
      bytes.push(...value);
    }
  }
  const out = {};
  async function check(name, body) {
    try {
      out[name] = await within(body(), name);
    } catch (e) {
      out[name] = { error: String(e) };
    }
  }
  const wt = new WebTransport(`${base}/webtransport/handlers/echo.py`,
      { serverCertificateHashes: [{ algorithm: 'sha-256', value: hash }] });
  await check('ready', async () => { await wt.ready; return true; });
  await check('bidi', async () => {
    const s = await wt.createBidirectionalStream();
    const w = s.writable.getWriter();
    await w.write(new TextEncoder().encode('bidi through wpt-runner'));
    await w.close();
    return text(await readAll(s.readable));
  });
  await check('uni', async () => {
    const incoming = wt.incomingUnidirectionalStreams.getReader();
    const s = await wt.createUnidirectionalStream();
    const w = s.getWriter();
    await w.write(new TextEncoder().encode('uni through wpt-runner'));
    await w.close();
    const { value } = await incoming.read();
    return text(await readAll(value));
  });
  await check('datagram', async () => {
    const w = wt.datagrams.writable.getWriter();
    const r = wt.datagrams.readable.getReader();
    const payload = new TextEncoder().encode('datagram through wpt-runner');
    const again = setInterval(() => w.write(payload), 100);
    try {
      await w.write(payload);
      return text((await r.read()).value);
    } finally {
      clearInterval(again);
    }
  });
  wt.close();
  return out;
}
