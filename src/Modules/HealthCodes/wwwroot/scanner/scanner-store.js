// What the scanner page keeps on the device: the pairing and the trust list in localStorage, the scans waiting for
// upload in IndexedDB (both survive reloads and a lost network). docs/scanner-page.md lists what is cached.

import { isUsableKey } from './healthcode.js';

const PairingKey = 'yiwang.scanner.pairing';
const TrustKey = 'yiwang.scanner.trust-list';
const StatsKey = 'yiwang.scanner.stats';
const UnknownKidRefreshMs = 60_000;

function readJson(name) {
    try {
        return JSON.parse(localStorage.getItem(name) ?? 'null');
    } catch {
        return null;
    }
}

/** The venue this device scans for: { venue, key, name }; the key authenticates uploads. */
export const Pairing = {
    get() {
        const p = readJson(PairingKey);
        return p && typeof p.venue === 'string' && typeof p.key === 'string' ? p : null;
    },
    set(venue, key, name) {
        localStorage.setItem(PairingKey, JSON.stringify({ venue, key, name: name || null }));
    },
    clear() {
        localStorage.removeItem(PairingKey);
    },
};

/** Upload counters per venue: refused scans (the server's verdict) and the last upload. */
export const Stats = {
    get(venue) {
        const all = readJson(StatsKey) ?? {};
        return all[venue] ?? { refused: 0, lastUpload: null };
    },
    update(venue, change) {
        const all = readJson(StatsKey) ?? {};
        all[venue] = { ...(all[venue] ?? { refused: 0, lastUpload: null }), ...change(all[venue] ?? { refused: 0, lastUpload: null }) };
        localStorage.setItem(StatsKey, JSON.stringify(all));
        return all[venue];
    },
};

/**
 * The trust list (a JWK Set), cached with the time it was fetched, its ETag and max-age, and the server clock's offset
 * from the device's (from the Date header) so a device with a wrong clock still judges expiry by the issuer's time.
 * Refreshed when online and older than its max-age, and at most once a minute when a code names an unknown kid.
 */
export class TrustList {
    constructor(url) {
        this.url = url;
        this.state = readJson(TrustKey);
        this.keys = new Map();
        this.lastUnknownKidRefresh = 0;
        this.pending = null;
        this.index();
    }

    index() {
        this.keys = new Map();
        for (const k of this.state?.keys ?? []) {
            this.keys.set(k.kid, k);
        }
    }

    get loaded() {
        return this.state !== null;
    }

    get fetchedAt() {
        return this.state?.fetchedAt ?? null;
    }

    get count() {
        return this.keys.size;
    }

    /** Milliseconds to add to the device clock to get the server's. */
    get clockOffset() {
        return this.state?.clockOffset ?? 0;
    }

    now() {
        return Date.now() + this.clockOffset;
    }

    find(kid) {
        return this.keys.get(kid) ?? null;
    }

    get stale() {
        return !this.state || Date.now() - this.state.fetchedAt > (this.state.maxAge ?? 300) * 1000;
    }

    /** Fetches the list (conditionally); true when the cache is now fresh. Never throws; one fetch at a time. */
    refresh() {
        this.pending ??= this.fetchList().finally(() => { this.pending = null; });
        return this.pending;
    }

    async fetchList() {
        if (!navigator.onLine) {
            return false;
        }

        try {
            const headers = this.state?.etag ? { 'If-None-Match': this.state.etag } : {};
            // A server that hangs (overloaded) must not hold up scanning: give up after a few seconds.
            const response = await fetch(this.url, { headers, cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(5000) });
            const serverDate = Date.parse(response.headers.get('Date') ?? '');
            const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('Cache-Control') ?? '')?.[1] ?? 300);
            const common = {
                fetchedAt: Date.now(),
                maxAge,
                clockOffset: Number.isNaN(serverDate) ? (this.state?.clockOffset ?? 0) : serverDate - Date.now(),
            };
            if (response.status === 304 && this.state) {
                this.state = { ...this.state, ...common };
            } else if (response.ok) {
                const keys = [];
                for (const k of (await response.json()).keys ?? []) {
                    const usable = k && k.kty === 'EC' && k.crv === 'P-256' && typeof k.kid === 'string'
                        && typeof k.x === 'string' && typeof k.y === 'string' && await isUsableKey(k);
                    if (usable) {
                        keys.push({ kid: k.kid, x: k.x, y: k.y, retired: typeof k.yw_retired === 'number' ? k.yw_retired : null });
                    }
                }

                this.state = { ...common, etag: response.headers.get('ETag'), keys };
            } else {
                return false;
            }

            localStorage.setItem(TrustKey, JSON.stringify(this.state));
            this.index();
            return true;
        } catch {
            return false;
        }
    }

    /** A code named a kid the cache lacks (a key rotated minutes ago?): refresh, but not more than once a minute. */
    async refreshForUnknownKid() {
        if (Date.now() - this.lastUnknownKidRefresh < UnknownKidRefreshMs) {
            return false;
        }

        this.lastUnknownKidRefresh = Date.now();
        return this.refresh();
    }
}

/** The scans waiting for upload, in IndexedDB: { id, qr, scannedAt, venue }. */
export class ScanQueue {
    static open() {
        return new Promise((resolve, reject) => {
            const request = indexedDB.open('yiwang-scanner', 1);
            request.onupgradeneeded = () => {
                const store = request.result.createObjectStore('scans', { keyPath: 'id' });
                store.createIndex('venue', 'venue');
            };
            request.onsuccess = () => resolve(new ScanQueue(request.result));
            request.onerror = () => reject(request.error);
        });
    }

    constructor(db) {
        this.db = db;
    }

    run(mode, work) {
        return new Promise((resolve, reject) => {
            const tx = this.db.transaction('scans', mode);
            let result;
            Promise.resolve(work(tx.objectStore('scans'))).then(r => { result = r; });
            tx.oncomplete = () => resolve(result);
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error);
        });
    }

    add(scan) {
        return this.run('readwrite', store => { store.add(scan); });
    }

    count(venue) {
        return this.run('readonly', store => new Promise(resolve => {
            const request = store.index('venue').count(IDBKeyRange.only(venue));
            request.onsuccess = () => resolve(request.result);
        }));
    }

    /** Up to n scans of the venue, oldest first. */
    take(venue, n) {
        return this.run('readonly', store => new Promise(resolve => {
            const request = store.index('venue').getAll(IDBKeyRange.only(venue));
            request.onsuccess = () => resolve(request.result.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt)).slice(0, n));
        }));
    }

    remove(ids) {
        return this.run('readwrite', store => {
            for (const id of ids) {
                store.delete(id);
            }
        });
    }
}
