// The venue scanner page (/scan): reads citizens' codes from the camera (jsQR) or a keyboard-wedge scanner, verifies
// them offline against the cached trust list, shows the colour full screen, queues valid scans in IndexedDB and
// uploads them in batches whenever the network is there. docs/scanner-page.md.

import { verify, Reasons } from './healthcode.js';
import { Pairing, ScanQueue, Stats, TrustList } from './scanner-store.js';

const TrustListUrl = '/.well-known/yiwang/trust-list.json';
const BatchSize = 1000;
const ShowResultMs = 3000;
const SameCodeMs = 5000;
const UploadEveryMs = 15_000;
const MaxBackoffMs = 300_000;
const FrameEveryMs = 150;

const $ = id => document.getElementById(id);
const text = JSON.parse($('scanner-text').textContent);
const root = $('scanner');

const state = {
    pairing: null,
    queue: null,
    trust: new TrustList(TrustListUrl),
    queued: 0,
    uploading: false,
    failures: 0,
    nextTryAt: 0,
    authRefused: false,
    stream: null,
    lastSeen: { qr: null, at: 0 },
    hideTimer: 0,
    work: Promise.resolve(),
};

function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');
}

function time(ms) {
    return new Date(ms).toLocaleTimeString(document.documentElement.lang, { hour12: false });
}

// ---- Pairing: /scan?venue=CODE#key=KEY stores the pair and drops the key from the address at once. ----

function pairFromAddress() {
    const url = new URL(location.href);
    const venue = url.searchParams.get('venue')?.trim().toUpperCase();
    const key = new URLSearchParams(url.hash.slice(1)).get('key')?.trim();
    if (venue && key) {
        const before = Pairing.get();
        const name = root.dataset.venueCode === venue ? root.dataset.venueName : before?.venue === venue ? before.name : null;
        Pairing.set(venue, key, name);
        history.replaceState(null, '', `/scan?venue=${encodeURIComponent(venue)}`);
    }

    let pairing = Pairing.get();
    if (pairing && !pairing.name && root.dataset.venueCode === pairing.venue && root.dataset.venueName) {
        Pairing.set(pairing.venue, pairing.key, root.dataset.venueName);
        pairing = Pairing.get();
    }

    return pairing;
}

function onPairSubmit(e) {
    e.preventDefault();
    const venue = $('pair-venue').value.trim().toUpperCase();
    const key = $('pair-key').value.trim();
    if (!venue || !key) {
        return;
    }

    Pairing.set(venue, key, null);
    if (navigator.onLine) {
        location.assign(`/scan?venue=${encodeURIComponent(venue)}`); // the server fills in the venue's name
    } else {
        start();
    }
}

async function onUnpair() {
    const waiting = state.pairing ? await state.queue.count(state.pairing.venue) : 0;
    if (waiting > 0 && !confirm(format(text.unpairConfirm, { n: waiting }))) {
        return;
    }

    Pairing.clear();
    stopCamera();
    state.pairing = null;
    render();
}

// ---- Status ----

async function render() {
    const p = state.pairing;
    root.dataset.paired = p ? 'true' : 'false';
    $('pair-panel').hidden = !!p;
    $('scan-panel').hidden = !p;
    const online = navigator.onLine;
    const net = $('net-status');
    net.dataset.online = String(online);
    net.textContent = online ? text.online : text.offline;
    if (!p) {
        return;
    }

    $('venue-name').textContent = p.name ?? '';
    $('venue-code').textContent = p.venue;
    state.queued = await state.queue.count(p.venue);
    $('queue-count').textContent = String(state.queued);
    const stats = Stats.get(p.venue);
    $('refused-count').textContent = String(stats.refused);
    const last = $('last-upload');
    if (state.authRefused) {
        last.textContent = text.pairingRefused;
        last.dataset.state = 'refused';
    } else if (state.failures > 0) {
        last.textContent = format(text.uploadFailed, { time: time(state.nextTryAt) });
        last.dataset.state = 'failed';
    } else if (stats.lastUpload) {
        last.textContent = format(text.lastUpload, { time: time(stats.lastUpload.at), stored: stats.lastUpload.stored, duplicates: stats.lastUpload.duplicates, refused: stats.lastUpload.refused });
        last.dataset.state = 'ok';
    } else {
        last.textContent = text.neverUploaded;
        last.dataset.state = 'none';
    }

    const trust = $('trust-status');
    trust.textContent = state.trust.loaded
        ? format(text.trustList, { keys: state.trust.count, time: time(state.trust.fetchedAt) })
        : text.noTrustList;
    trust.dataset.loaded = String(state.trust.loaded);
}

// ---- The answer, full screen ----

function showResult(result) {
    const box = $('scan-result');
    clearTimeout(state.hideTimer);
    if (result.valid) {
        const words = text.colours[result.claims.colour];
        box.dataset.colour = result.claims.colour;
        box.dataset.reason = '';
        $('result-word').textContent = words.zh;
        $('result-word-en').textContent = words.en;
        $('result-hint').textContent = words.hint;
        $('result-reason').textContent = '';
        $('result-reason-en').textContent = '';
    } else {
        const reason = text.reasons[result.reason] ?? text.reasons.invalid;
        box.dataset.colour = 'invalid';
        box.dataset.reason = result.reason;
        $('result-word').textContent = text.invalid.zh;
        $('result-word-en').textContent = text.invalid.en;
        $('result-hint').textContent = text.invalid.hint;
        $('result-reason').textContent = reason.zh;
        $('result-reason-en').textContent = reason.en;
    }

    box.hidden = false;
    state.hideTimer = setTimeout(hideResult, ShowResultMs);
}

function hideResult() {
    $('scan-result').hidden = true;
}

// ---- A code read: verify offline, show, queue ----

function onCode(qr) {
    const now = Date.now();
    if (qr === state.lastSeen.qr && now - state.lastSeen.at < SameCodeMs) {
        state.lastSeen.at = now; // the same code still in front of the camera is one scan
        return;
    }

    state.lastSeen = { qr, at: now };
    state.work = state.work.then(() => check(qr)).catch(() => { });
}

async function check(qr) {
    if (!state.pairing) {
        return;
    }

    if (!globalThis.crypto?.subtle || !globalThis.DecompressionStream) {
        showResult({ valid: false, reason: 'no-crypto' });
        return;
    }

    if (state.trust.stale) {
        // Verification never waits for the network when keys are cached: the refresh runs beside it.
        const refreshing = state.trust.refresh();
        if (!state.trust.loaded) {
            await refreshing;
        }
    }

    if (!state.trust.loaded) {
        showResult({ valid: false, reason: 'no-trust-list' });
        return;
    }

    const find = kid => state.trust.find(kid);
    let result = await verify(qr, find, state.trust.now());
    if (!result.valid && result.reason === Reasons.UnknownKid && await state.trust.refreshForUnknownKid()) {
        result = await verify(qr, find, state.trust.now());
    }

    showResult(result);
    if (result.valid) {
        await state.queue.add({
            id: uuidv7(),
            qr,
            scannedAt: new Date(state.trust.now()).toISOString(),
            venue: state.pairing.venue,
        });
        setTimeout(upload, 1000);
    }

    await render();
}

// ---- Uploads: batches of at most 1000, with backoff when the server or the network fails ----

async function upload() {
    const p = state.pairing;
    if (!p || state.uploading || state.authRefused || !navigator.onLine || Date.now() < state.nextTryAt) {
        return;
    }

    state.uploading = true;
    try {
        for (;;) {
            const batch = await state.queue.take(p.venue, BatchSize);
            if (batch.length === 0) {
                break;
            }

            const response = await fetch(`/api/health-codes/venues/${encodeURIComponent(p.venue)}/scans`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-Venue-Key': p.key },
                body: JSON.stringify({ scans: batch.map(s => ({ id: s.id, qr: s.qr, scannedAt: s.scannedAt })) }),
                credentials: 'omit',
                cache: 'no-store',
                signal: AbortSignal.timeout(60_000),
            });
            if (response.status === 401 || response.status === 403) {
                state.authRefused = true; // keep the scans: they upload once the device is paired with the right key
                break;
            }

            if (!response.ok) {
                throw new Error(`upload: ${response.status}`);
            }

            const answer = await response.json();
            // Everything sent was stored, a duplicate of a stored scan, or refused for good: none of it is retried.
            await state.queue.remove(batch.map(s => s.id));
            const refused = Array.isArray(answer.refused) ? answer.refused.length : 0;
            Stats.update(p.venue, s => ({
                refused: s.refused + refused,
                lastUpload: { at: Date.now(), stored: answer.stored ?? 0, duplicates: answer.duplicates ?? 0, refused },
            }));
            state.failures = 0;
            state.nextTryAt = 0;
            if (batch.length < BatchSize) {
                break;
            }
        }
    } catch {
        state.failures++;
        const wait = Math.min(MaxBackoffMs, 5000 * 2 ** (state.failures - 1));
        state.nextTryAt = Date.now() + wait;
        setTimeout(upload, wait + 100);
    } finally {
        state.uploading = false;
        await render();
    }
}

// ---- Camera: frames into jsQR ----

async function startCamera() {
    if (state.stream) {
        return;
    }

    const message = $('camera-message');
    if (!navigator.mediaDevices?.getUserMedia || !window.jsQR) {
        message.textContent = text.noCamera;
        return;
    }

    try {
        state.stream = await navigator.mediaDevices.getUserMedia({
            audio: false,
            video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
        });
    } catch {
        message.textContent = text.noCamera;
        root.dataset.camera = 'off';
        return;
    }

    const video = $('camera');
    video.srcObject = state.stream;
    await video.play().catch(() => { });
    message.textContent = '';
    root.dataset.camera = 'on';
    $('camera-toggle').textContent = text.stopCamera;
    readFrames();
}

function stopCamera() {
    state.stream?.getTracks().forEach(t => t.stop());
    state.stream = null;
    $('camera').srcObject = null;
    root.dataset.camera = 'off';
    $('camera-toggle').textContent = text.startCamera;
}

function readFrames() {
    const video = $('camera');
    const canvas = $('frame');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const next = () => {
        if (!state.stream) {
            return;
        }

        if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
            const scale = Math.min(1, 960 / Math.max(video.videoWidth, video.videoHeight));
            canvas.width = Math.round(video.videoWidth * scale);
            canvas.height = Math.round(video.videoHeight * scale);
            context.drawImage(video, 0, 0, canvas.width, canvas.height);
            const image = context.getImageData(0, 0, canvas.width, canvas.height);
            const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
            if (found?.data) {
                onCode(found.data);
            }
        }

        setTimeout(next, FrameEveryMs);
    };
    next();
}

// ---- Offline start: a service worker keeps the page and what it loaded (Features/Scanner/scanner-sw.js) ----

async function keepForOffline() {
    if (!('serviceWorker' in navigator)) {
        return;
    }

    try {
        await navigator.serviceWorker.register('/scan-sw.js', { scope: '/scan' });
        const registration = await navigator.serviceWorker.ready;
        const urls = [location.href.split('#')[0], ...performance.getEntriesByType('resource').map(e => e.name)];
        registration.active?.postMessage({ type: 'keep', urls });
    } catch {
        // Without a worker the page still works; it only cannot be opened anew while offline.
    }
}

// ---- Start ----

async function start() {
    state.pairing = Pairing.get();
    state.authRefused = false;
    await render();
    if (!state.pairing) {
        return;
    }

    if (state.trust.stale) {
        await state.trust.refresh();
        await render();
    }

    startCamera();
    upload();
}

async function main() {
    state.queue = await ScanQueue.open();
    state.pairing = pairFromAddress();
    $('pair-form').addEventListener('submit', onPairSubmit);
    $('unpair').addEventListener('click', onUnpair);
    $('camera-toggle').addEventListener('click', () => (state.stream ? stopCamera() : startCamera()));
    $('scan-result').addEventListener('click', hideResult);
    $('manual-form').addEventListener('submit', e => {
        e.preventDefault();
        const input = $('manual-input');
        const value = input.value.trim();
        input.value = '';
        if (value) {
            onCode(value);
        }
    });
    window.addEventListener('online', async () => {
        state.nextTryAt = 0;
        if (state.trust.stale) {
            await state.trust.refresh();
        }

        upload();
        render();
    });
    window.addEventListener('offline', render);
    // A pairing link opened on the page itself only changes the fragment: no reload, so pair here.
    window.addEventListener('hashchange', () => {
        if (new URLSearchParams(location.hash.slice(1)).has('key')) {
            state.pairing = pairFromAddress();
            start();
        }
    });
    setInterval(async () => {
        if (state.trust.stale && navigator.onLine) {
            await state.trust.refresh();
        }

        upload();
        render();
    }, UploadEveryMs);
    if (matchMedia('(pointer: fine)').matches) {
        $('manual-input').focus(); // a PC with a handheld scanner types into this field
    }

    await start();
    root.dataset.ready = 'true';
    keepForOffline();
}

main();

// Scan ids are UUIDv7 (time first): the server's primary-key index takes them in order, which is
// about a fifth faster than random ids at the district's scan rate (docs/venue-scanner-api.md).
function uuidv7() {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    let ms = Date.now();
    for (let i = 5; i >= 0; i--) {
        b[i] = ms % 256;
        ms = Math.floor(ms / 256);
    }
    b[6] = (b[6] & 0x0f) | 0x70;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
