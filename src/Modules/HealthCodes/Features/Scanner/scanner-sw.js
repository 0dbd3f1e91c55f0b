// The scanner page's service worker (scope /scan, served at /scan-sw.js): keeps the page and the files it loaded, so
// the scanner opens and works with no network at all — after a reload, a restarted browser or phone. Network first:
// the server's fresh page whenever it answers, the kept copy when it does not answer within seconds (the copy is
// marked X-Yiwang-Offline: 1). The trust list and the uploads never pass through here: the page handles those.

const CacheName = 'yiwang-scanner-v1';

function kept(url) {
    const u = new URL(url, self.location.origin);
    return u.origin === self.location.origin
        && !u.pathname.startsWith('/api/') && !u.pathname.startsWith('/.well-known/') && !u.pathname.startsWith('/_blazor');
}

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', event => event.waitUntil((async () => {
    for (const name of await caches.keys()) {
        if (name !== CacheName) {
            await caches.delete(name);
        }
    }

    await self.clients.claim();
})()));

// The page names what it loaded (its resource timing entries): exactly what it needs to start again offline.
self.addEventListener('message', event => {
    if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) {
        return;
    }

    event.waitUntil(caches.open(CacheName).then(cache => Promise.all(event.data.urls.filter(kept)
        .map(url => cache.add(new Request(url, { cache: 'reload' })).catch(() => { })))));
});

function timeout(ms) {
    return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

self.addEventListener('fetch', event => {
    const request = event.request;
    if (request.method !== 'GET' || !kept(request.url)) {
        return;
    }

    const network = fetch(request).then(async response => {
        if (response.ok && response.type === 'basic') {
            const cache = await caches.open(CacheName);
            await cache.put(request, response.clone());
        }

        return response;
    });
    event.waitUntil(network.catch(() => { }));
    event.respondWith((async () => {
        try {
            // A server that does not answer within seconds (overloaded, as in Xi'an) counts as no server.
            return await Promise.race([network, timeout(request.mode === 'navigate' ? 4000 : 8000)]);
        } catch {
            // Any /scan?venue=… falls back to the kept page: the pairing itself is in the page's localStorage.
            const cached = await caches.match(request, { ignoreSearch: new URL(request.url).pathname === '/scan' });
            if (!cached) {
                return network;
            }

            const headers = new Headers(cached.headers);
            headers.set('X-Yiwang-Offline', '1');
            return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
        }
    })());
});
