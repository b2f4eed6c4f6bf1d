import { describe, expect, it } from 'vitest';
import { startServers, substituteServers } from './servers.js';

describe('case servers', () => {
  it('answer listed routes with status, headers and body, 404 otherwise; stop cleanly', async () => {
    const servers = await startServers({
      api: { routes: { '/items': { status: 201, headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' } } },
    });
    try {
      const base = servers.urls.api ?? '';
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ok = await fetch(`${base}/items?x=1`);
      expect([ok.status, ok.headers.get('content-type'), await ok.text()]).toEqual([201, 'application/json', '{"a":1}']);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await servers.stop();
    }
  });

  it('drop the connection after close_after_bytes; hang never answers', async () => {
    const servers = await startServers({ s: { routes: { '/cut': { body: 'x'.repeat(1000), close_after_bytes: 10 }, '/hang': { hang: true } } } });
    try {
      const cut = await fetch(`${servers.urls.s}/cut`);
      await expect(cut.text()).rejects.toThrow();
      const hang = await Promise.race([fetch(`${servers.urls.s}/hang`).then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 200))]);
      expect(hang).toBe('waiting');
    } finally {
      await servers.stop();
    }
  });

  it('substitute {server.NAME}, refusing unknown names', () => {
    expect(substituteServers('base={server.api}/x', { api: 'http://127.0.0.1:1' })).toBe('base=http://127.0.0.1:1/x');
    expect(() => substituteServers('{server.nope}', {})).toThrow(/nope/);
  });
});
