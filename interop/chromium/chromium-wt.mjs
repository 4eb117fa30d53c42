// Drives headless Chromium (Debian's /usr/bin/chromium, through playwright-core) against a WebTransport
// server of this project and prints one JSON object with what the page saw.
//
//   node chromium-wt.mjs <https base url, e.g. https://127.0.0.1:4433> <base64 SHA-256 of the certificate>
//
// The server (ChromiumInteropTest) routes by path: /echo echoes and chooses the protocol "chat" when
// offered, /record-close records the close the page sends, /server-close closes at once with
// code 7 and reason "server bye", /drain sends WT_DRAIN_SESSION at once.
import { runInChromium } from './browser.mjs';

const [base, hashBase64] = process.argv.slice(2);
if (!base || !hashBase64) {
  console.error('usage: node chromium-wt.mjs <https base url> <base64 certificate sha-256>');
  process.exit(2);
}
console.log(JSON.stringify(await runInChromium(runInPage, { base, hashBase64 }, ['--enable-experimental-web-platform-features', '--enable-blink-features=WebTransportDraining'])));

// Runs inside the page: every check records its outcome (or its error) instead of throwing.
async function runInPage({ base, hashBase64 }) {
  const hash = Uint8Array.from(atob(hashBase64), c => c.charCodeAt(0));
  const options = extra => ({ serverCertificateHashes: [{ algorithm: 'sha-256', value: hash }], ...extra });
  const withTimeout = (promise, ms, what) => Promise.race([promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
  const text = bytes => new TextDecoder().decode(bytes);
  async function readAll(readable) {
    const reader = readable.getReader();
    const chunks = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(...value);
    }
    return new Uint8Array(chunks);
  }
  async function check(name, body) {
    try {
      out[name] = await withTimeout(body(), 10000, name);
    } catch (e) {
      out[name] = { error: String(e && (e.stack || e)) };
    }
  }
  const out = {};

  const wt = new WebTransport(`${base}/echo`, options({ protocols: ['x-unknown', 'chat'] }));
  await check('ready', async () => { await wt.ready; return true; });
  await check('protocol', async () => wt.protocol);
  await check('bidiEcho', async () => {
    const stream = await wt.createBidirectionalStream();
    const writer = stream.writable.getWriter();
    await writer.write(new TextEncoder().encode('hello over a bidirectional stream'));
    await writer.close();
    return text(await readAll(stream.readable)); // ends only when the server's FIN arrives
  });
  await check('uniEcho', async () => {
    const incoming = wt.incomingUnidirectionalStreams.getReader();
    const out = await wt.createUnidirectionalStream();
    const writer = out.getWriter();
    await writer.write(new TextEncoder().encode('hello over a unidirectional stream'));
    await writer.close();
    const { value } = await incoming.read();
    incoming.releaseLock();
    return text(await readAll(value));
  });
  await check('datagramEcho', async () => {
    const writer = wt.datagrams.writable.getWriter();
    const reader = wt.datagrams.readable.getReader();
    const payload = new TextEncoder().encode('hello as a datagram');
    // Datagrams may be lost even on loopback: send until one comes back.
    const sender = setInterval(() => writer.write(payload), 100);
    try {
      await writer.write(payload);
      const { value } = await reader.read();
      return text(value);
    } finally {
      clearInterval(sender);
    }
  });
  await check('clientClose', async () => {
    const closing = new WebTransport(`${base}/record-close`, options({}));
    await closing.ready;
    closing.close({ closeCode: 4242, reason: 'bye from the page' });
    const info = await closing.closed;
    return { closeCode: info.closeCode, reason: info.reason };
  });
  await check('serverClose', async () => {
    const closed = new WebTransport(`${base}/server-close`, options({}));
    await closed.ready;
    const info = await closed.closed;
    return { closeCode: info.closeCode, reason: info.reason };
  });
  await check('draining', async () => {
    const drained = new WebTransport(`${base}/drain`, options({}));
    await drained.ready;
    if (!('draining' in drained)) return `draining is not exposed by this browser (${navigator.userAgent})`;
    await drained.draining;
    drained.close();
    return true;
  });
  wt.close();
  return out;
}
