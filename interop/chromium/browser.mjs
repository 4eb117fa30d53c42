// Runs a function in a page of headless Chromium (Debian's /usr/bin/chromium, through
// playwright-core). The page comes from http://localhost, which is a secure context, as WebTransport
// requires; the function's result is returned.
import http from 'node:http';
import { chromium } from 'playwright-core';

export async function runInChromium(pageFunction, argument, extraFlags = []) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>webtransport interop</title>');
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--enable-quic', ...extraFlags],
  });
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://localhost:${server.address().port}/`);
    return await tab.evaluate(pageFunction, argument);
  } finally {
    await browser.close();
    server.close();
  }
}
