// The YW1 health-code verifier for the browser (docs/health-code-format.md): the same checks, in the same order and
// with the same refusal codes as the server's HealthCodeFormat.Verify, so a venue's device decides offline exactly
// as the server would. Pure: no storage, no network; the caller passes the trusted keys and the time.
//
//   "YW1:" + Base45( zlib( COSE_Sign1( ES256, CBOR claims ) ) )

import { decode, encode } from '../lib/cborg/cborg.js';

export const Prefix = 'YW1:';
export const MaxQrLength = 2048;
export const MaxInflatedBytes = 4096;
export const SkewSeconds = 60;

const Es256 = -7;
const LabelAlg = 1;
const LabelKid = 4;
const ClaimIss = 1;
const ClaimExp = 4;
const ClaimIat = 6;
const MaxEpoch = 253402300799; // 9999-12-31T23:59:59Z, as the server
const Colours = ['green', 'yellow', 'red'];

/** The refusal codes, as documented and as the server's ProblemDetails code. */
export const Reasons = Object.freeze({
    WrongPrefix: 'wrong-prefix',
    TooLarge: 'too-large',
    NotBase45: 'not-base45',
    NotZlib: 'not-zlib',
    InflatedTooLarge: 'inflated-too-large',
    NotCose: 'not-cose',
    WrongAlgorithm: 'wrong-alg',
    MissingKid: 'missing-kid',
    UnknownKid: 'unknown-kid',
    BadSignature: 'bad-signature',
    MalformedClaims: 'malformed-claims',
    MissingClaims: 'missing-claims',
    RetiredKey: 'retired-key',
    NotYetValid: 'not-yet-valid',
    Expired: 'expired',
});

const base45Alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const base45Values = new Map([...base45Alphabet].map((c, i) => [c, i]));

/** RFC 9285 Base45: groups of three characters make two bytes, a last pair makes one; null when invalid. */
export function base45Decode(text) {
    if (text.length % 3 === 1) {
        return null;
    }

    const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
    let o = 0;
    for (let i = 0; i < text.length; i += 3) {
        const c = base45Values.get(text[i]);
        const d = base45Values.get(text[i + 1]);
        if (c === undefined || d === undefined) {
            return null;
        }

        if (i + 2 < text.length) {
            const e = base45Values.get(text[i + 2]);
            const n = e === undefined ? -1 : c + d * 45 + e * 45 * 45;
            if (n < 0 || n > 0xffff) {
                return null;
            }

            out[o++] = n >> 8;
            out[o++] = n & 0xff;
        } else {
            const n = c + d * 45;
            if (n > 0xff) {
                return null;
            }

            out[o++] = n;
        }
    }

    return out;
}

/**
 * zlib inflate with a hard cap: reading stops one byte past MaxInflatedBytes, so a bomb (1 MB of zeros is about 1 KB
 * of QR text) costs at most that much. Returns { bytes } or { error }.
 */
export async function inflateCapped(compressed) {
    if (compressed.length === 0) {
        return { error: Reasons.NotZlib };
    }

    const stream = new DecompressionStream('deflate'); // 'deflate' is the zlib format (RFC 1950)
    const writer = stream.writable.getWriter();
    writer.write(compressed).catch(() => { });
    writer.close().catch(() => { });
    const reader = stream.readable.getReader();
    const out = new Uint8Array(MaxInflatedBytes + 1);
    let total = 0;
    try {
        while (total < out.length) {
            const { done, value } = await reader.read();
            if (done) {
                break;
            }

            const take = Math.min(value.length, out.length - total);
            out.set(value.subarray(0, take), total);
            total += take;
        }
    } catch {
        return { error: Reasons.NotZlib };
    } finally {
        reader.cancel().catch(() => { });
    }

    if (total > MaxInflatedBytes) {
        return { error: Reasons.InflatedTooLarge };
    }

    return total === 0 ? { error: Reasons.NotZlib } : { bytes: out.slice(0, total) };
}

const tagged18 = Symbol('COSE_Sign1 tag');

function decodeCbor(bytes, tags) {
    return decode(bytes, { useMaps: true, rejectDuplicateMapKeys: true, tags });
}

function isInteger(v) {
    return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}

/** A COSE header map: the known labels must have their types (alg int or text, kid bytes), as .NET's decoder checks. */
function headerMap(value) {
    if (!(value instanceof Map)) {
        return null;
    }

    if (value.has(LabelAlg) && !(isInteger(value.get(LabelAlg)) || typeof value.get(LabelAlg) === 'string')) {
        return null;
    }

    if (value.has(LabelKid) && !(value.get(LabelKid) instanceof Uint8Array)) {
        return null;
    }

    return value;
}

/** COSE_Sign1 (tagged 18 or untagged) with an embedded payload, or null. */
function decodeSign1(bytes) {
    let message;
    try {
        const tags = [];
        tags[18] = d => ({ [tagged18]: d() });
        message = decodeCbor(bytes, tags);
    } catch {
        return null;
    }

    if (message && typeof message === 'object' && tagged18 in message) {
        message = message[tagged18];
    }

    if (!Array.isArray(message) || message.length !== 4) {
        return null;
    }

    const [rawProtected, unprotectedValue, payload, signature] = message;
    if (!(rawProtected instanceof Uint8Array) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
        return null; // a null payload is a detached one: not ours
    }

    let protectedHeaders;
    try {
        protectedHeaders = headerMap(rawProtected.length === 0 ? new Map() : decodeCbor(rawProtected));
    } catch {
        return null;
    }

    const unprotectedHeaders = headerMap(unprotectedValue);
    if (!protectedHeaders || !unprotectedHeaders || [...protectedHeaders.keys()].some(k => unprotectedHeaders.has(k))) {
        return null;
    }

    return { rawProtected, protectedHeaders, payload, signature };
}

/** base64url without padding, as kids are written in the trust list. */
export function base64Url(bytes) {
    let s = '';
    for (const b of bytes) {
        s += String.fromCharCode(b);
    }

    return btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * The claims map; unknown keys are ignored, the required ones must be there with their types. Returns { claims } or
 * { error }. (A float where an integer belongs passes here but not on the server; only a trusted key could sign one.)
 */
export function decodeClaims(bytes) {
    let map;
    try {
        map = decodeCbor(bytes);
    } catch {
        return { error: Reasons.MalformedClaims };
    }

    if (!(map instanceof Map)) {
        return { error: Reasons.MalformedClaims };
    }

    let iss = null, iat = null, exp = null, colour = null, subject = null, rule = null;
    for (const [key, value] of map) {
        if (typeof key === 'bigint') {
            return { error: Reasons.MalformedClaims }; // beyond a 64-bit integer on the server
        }

        if (key === ClaimIss && typeof value === 'string') {
            iss = value;
        } else if ((key === ClaimIat || key === ClaimExp) && isInteger(value) && value >= 0) {
            if (typeof value === 'bigint') {
                return { error: Reasons.MalformedClaims };
            }

            if (key === ClaimIat) {
                iat = value;
            } else {
                exp = value;
            }
        } else if (key === 'yw' && value instanceof Map) {
            for (const [name, v] of value) {
                const text = typeof v === 'string' ? v : null;
                if (name === 'c') {
                    colour = text;
                } else if (name === 's') {
                    subject = text;
                } else if (name === 'r') {
                    rule = text;
                }
            }
        }
    }

    if (iss === null || iat === null || exp === null || colour === null || !subject) {
        return { error: Reasons.MissingClaims };
    }

    if (!Colours.includes(colour) || iat > MaxEpoch || exp > MaxEpoch) {
        return { error: Reasons.MalformedClaims };
    }

    return { claims: { issuer: iss, issuedAt: iat, expiresAt: exp, colour, subject, rule } };
}

const importedKeys = new Map();

async function publicKey(trusted) {
    const id = `${trusted.x}.${trusted.y}`;
    let key = importedKeys.get(id);
    if (!key) {
        key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: trusted.x, y: trusted.y, ext: true },
            { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
        importedKeys.set(id, key);
    }

    return key;
}

/** Whether a trusted key's coordinates make a usable P-256 public key (a trust list entry that does not is skipped). */
export async function isUsableKey(trusted) {
    try {
        await publicKey(trusted);
        return true;
    } catch {
        return false;
    }
}

function refuse(reason, kid = null) {
    return { valid: false, reason, kid };
}

/**
 * Verifies a QR text. findKey(kid) answers { x, y, retired } (base64url coordinates, retirement in epoch seconds or
 * null) or null for a kid not in the trust list; nowMs is the time in milliseconds since the epoch. Never throws on
 * bad input: answers { valid: true, claims, kid } or { valid: false, reason, kid }.
 */
export async function verify(qr, findKey, nowMs) {
    if (typeof qr !== 'string' || !qr.startsWith(Prefix)) {
        return refuse(Reasons.WrongPrefix);
    }

    if (qr.length > MaxQrLength) {
        return refuse(Reasons.TooLarge);
    }

    const compressed = base45Decode(qr.substring(Prefix.length));
    if (!compressed) {
        return refuse(Reasons.NotBase45);
    }

    const inflated = await inflateCapped(compressed);
    if (inflated.error) {
        return refuse(inflated.error);
    }

    const message = decodeSign1(inflated.bytes);
    if (!message) {
        return refuse(Reasons.NotCose);
    }

    if (message.protectedHeaders.get(LabelAlg) !== Es256) {
        return refuse(Reasons.WrongAlgorithm);
    }

    const kidBytes = message.protectedHeaders.get(LabelKid);
    if (!(kidBytes instanceof Uint8Array)) {
        return refuse(Reasons.MissingKid);
    }

    const kid = base64Url(kidBytes);
    const trusted = findKey(kid);
    if (!trusted) {
        return refuse(Reasons.UnknownKid, kid);
    }

    // COSE Sig_structure (RFC 9052 §4.4): ["Signature1", protected, external_aad = h'', payload]. The signature is
    // the raw r || s that WebCrypto's ECDSA expects.
    const toBeSigned = encode(['Signature1', message.rawProtected, new Uint8Array(0), message.payload]);
    let signed;
    try {
        signed = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, await publicKey(trusted), message.signature, toBeSigned);
    } catch {
        signed = false;
    }

    if (!signed) {
        return refuse(Reasons.BadSignature, kid);
    }

    const { claims, error } = decodeClaims(message.payload);
    if (!claims) {
        return refuse(error, kid);
    }

    if (trusted.retired != null && claims.issuedAt > trusted.retired + SkewSeconds) {
        return refuse(Reasons.RetiredKey, kid);
    }

    if (claims.issuedAt * 1000 > nowMs + SkewSeconds * 1000) {
        return refuse(Reasons.NotYetValid, kid);
    }

    if (nowMs >= claims.expiresAt * 1000) {
        return refuse(Reasons.Expired, kid);
    }

    return { valid: true, claims, kid };
}
