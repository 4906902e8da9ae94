/* crypto.js - Node's `crypto` module (global `crypto` and require('crypto'))
 * over the one-shot OpenSSL natives of src/bindings/js_crypto.c.
 *
 * The natives keep no state, so the streaming objects here keep bytes
 * instead: a Hash or Hmac holds its input until digest(), a GCM cipher its
 * input until final() (update() re-runs the counter mode over what it has,
 * which yields the same bytes as a streaming context would), and a CBC
 * cipher only the partial block and the chaining IV, as CBC allows.  No
 * OpenSSL context ever outlives a native call, so a request that drops a
 * Hash half-way leaks nothing.
 *
 * Errors carry Node's class, message and .code.
 *
 * Needs: rt.nodeError, rt.received, rt.argTypeError, rt.domException
 *   (buffer.js); rt.builtins (module.js).  When called: rt.inspect
 *   (console.js); rt.utf8Encode (buffer.js); setImmediate (timers.js); the
 *   natives of bindings/js_crypto.c.
 * Provides: rt.outOfRange, rt.builtins.crypto; the global crypto.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();

var nodeError = rt.nodeError, received = rt.received, argType = rt.argTypeError;

function outOfRange(name, range, v) {
    return nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' +
                     range + '. Received ' + (typeof v === 'string' ? "'" + v + "'" : rt.inspect(v)));
}
rt.outOfRange = outOfRange;

function isView(v) {
    return v !== null && typeof v === 'object' && ArrayBuffer.isView(v);
}

/* Bytes of data (string in enc, or a view), as something the natives take.
 * Views are copied: Node consumes input at once, so later writes to the
 * caller's buffer must not change what is hashed. */
function bytesOf(data, enc, name, alsoArrayBuffer) {
    if (typeof data === 'string')
        return Buffer.from(data, enc === 'buffer' ? 'utf8' : enc);
    if (isView(data))
        return Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (alsoArrayBuffer && data instanceof ArrayBuffer)
        return Buffer.from(new Uint8Array(data));
    throw argType(name, alsoArrayBuffer ?
                  'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey' :
                  'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

/* A native's plain result (ArrayBuffer or plain buffer) as a Buffer. */
function wrap(raw) {
    return Buffer.from(raw instanceof ArrayBuffer ? raw : new Uint8Array(raw).buffer);
}

/* Parts (views, or strings kept by Hash#update) as one view. */
function join(parts) {
    var n = 0, i, p;
    for (i = 0; i < parts.length; i++)
        if (typeof parts[i] === 'string')
            parts[i] = rt.utf8Encode(parts[i]);
    if (parts.length === 1) return parts[0];
    for (i = 0; i < parts.length; i++) n += parts[i].length;
    var out = Buffer.alloc(n), off = 0;
    for (i = 0; i < parts.length; i++) {
        p = parts[i];
        out.set(p, off);
        off += p.length;
    }
    return out;
}

function encodeOut(buf, enc) {
    return enc === undefined || enc === 'buffer' ? buf : buf.toString(enc);
}

function validInt(v, name, min, max) {
    if (typeof v !== 'number')
        throw argType(name, 'of type number', v);
    if (v !== Math.floor(v) || !isFinite(v))
        throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name +
                        '" is out of range. It must be an integer. Received ' + rt.inspect(v));
    if (v < min || v > max)
        throw outOfRange(name, '>= ' + min + ' && <= ' + max, v);
    return v;
}

/* --- hashes and HMACs --- */

/* What update() keeps: a string in UTF-8 as it is (strings do not change,
 * and the digest native reads an ASCII one without a Buffer being made),
 * anything else as the bytes bytesOf copies. */
function input(data, enc) {
    if (typeof data === 'string') {
        if (enc === undefined || enc === 'utf8' || enc === 'utf-8' || enc === 'buffer')
            return data;
    } else if (data instanceof Uint8Array) {
        return new Uint8Array(data);    /* a copy of the view's bytes (bytesOf's, made cheaper) */
    }
    return bytesOf(data, enc, 'data');
}

function toBytes(x) {
    return typeof x === 'string' ? rt.utf8Encode(x) : x;
}

/* The digest of h's input (keyed: HMAC), encoded as enc.  'hex' and
 * 'base64' come back from the native as strings. */
function finish(h, key, enc) {
    var parts = h._parts, fmt = enc === 'hex' || enc === 'base64' ? enc : undefined;
    var data = parts.length === 0 ? '' : parts.length === 1 ? parts[0] : join(parts);
    var out = sys.cryptoDigest(h._alg, data, key, fmt);
    if (out === null)       /* a non-ASCII string: its UTF-8 bytes */
        out = sys.cryptoDigest(h._alg, toBytes(data), key === undefined ? undefined : toBytes(key), fmt);
    h._parts = [];
    return fmt ? out : encodeOut(wrap(out), enc);
}

function Hash(algorithm) {
    if (!(this instanceof Hash)) return new Hash(algorithm);
    if (typeof algorithm !== 'string')
        throw argType('algorithm', 'of type string', algorithm);
    if (sys.cryptoDigestSize(algorithm) === undefined)
        throw new Error('Digest method not supported');
    this._alg = algorithm;
    this._parts = [];
    this._done = false;
}

Hash.prototype.update = function (data, enc) {
    if (this._done)
        throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this._parts.push(input(data, enc));
    if (this._parts.length > 64)
        this._parts = [join(this._parts)];
    return this;
};

Hash.prototype.digest = function (enc) {
    if (this._done)
        throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this._done = true;
    return finish(this, undefined, enc);
};

Hash.prototype.copy = function () {
    if (this._done)
        throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    var h = new Hash(this._alg);
    h._parts = this._parts.slice();
    return h;
};

function Hmac(algorithm, key) {
    if (!(this instanceof Hmac)) return new Hmac(algorithm, key);
    if (typeof algorithm !== 'string')
        throw argType('hmac', 'of type string', algorithm);
    if (sys.cryptoDigestSize(algorithm) === undefined)
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + algorithm);
    this._alg = algorithm;
    /* a string key is read as UTF-8, like update()'s strings */
    this._key = typeof key === 'string' ? key : bytesOf(key, 'utf8', 'key', true);
    this._parts = [];
    this._done = false;
}

Hmac.prototype.update = Hash.prototype.update;

Hmac.prototype.digest = function (enc) {
    /* Node answers a second digest() of an Hmac with nothing, not an error. */
    if (this._done)
        return encodeOut(Buffer.alloc(0), enc);
    this._done = true;
    return finish(this, this._key, enc);
};

function hashOneShot(algorithm, data, enc) {
    return new Hash(algorithm).update(data).digest(enc === undefined ? 'hex' : enc);
}

/* --- random --- */

function randomBytes(size, cb) {
    validInt(size, 'size', 0, 2147483647);
    if (cb !== undefined && typeof cb !== 'function')
        throw argType('callback', 'of type function', cb);
    var buf = wrap(sys.cryptoRandom(size));
    if (!cb) return buf;
    setImmediate(function () { cb(null, buf); });
}

var domError = rt.domException;

function getRandomValues(ta) {
    if (!isView(ta) || ta instanceof Float32Array || ta instanceof Float64Array || ta instanceof DataView)
        throw domError('TypeMismatchError', 17, 'The data argument must be an integer-type TypedArray');
    if (ta.byteLength > 65536)
        throw domError('QuotaExceededError', 22, 'The requested length exceeds 65,536 bytes');
    new Uint8Array(ta.buffer, ta.byteOffset, ta.byteLength).set(new Uint8Array(sys.cryptoRandom(ta.byteLength)));
    return ta;
}

var HEX = '0123456789abcdef';

function randomUUID() {
    var b = new Uint8Array(sys.cryptoRandom(16)), s = '';
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    for (var i = 0; i < 16; i++) {
        if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
        s += HEX.charAt(b[i] >> 4) + HEX.charAt(b[i] & 15);
    }
    return s;
}

var MAX_SAFE = 9007199254740991;

/* A uniform integer in [min, max): rejection sampling over 48 random bits. */
function randomInt(min, max, cb) {
    if (max === undefined || typeof max === 'function') {
        cb = max;
        max = min;
        min = 0;
    }
    if (typeof min !== 'number' || min !== Math.floor(min) || Math.abs(min) > MAX_SAFE)
        throw argType('min', 'a safe integer', min);
    if (typeof max !== 'number' || max !== Math.floor(max) || Math.abs(max) > MAX_SAFE)
        throw argType('max', 'a safe integer', max);
    if (max <= min)
        throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "max" is out of range. It must be greater than the value of "min" (' +
                        min + '). Received ' + max);
    var range = max - min, RAND_MAX = 281474976710655;
    if (range > RAND_MAX)
        throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "max - min" is out of range. It must be <= ' +
                        RAND_MAX + '. Received ' + range);
    var limit = RAND_MAX - (RAND_MAX % range), x;
    do {
        var b = new Uint8Array(sys.cryptoRandom(6));
        x = ((b[0] * 256 + b[1]) * 256 + b[2]) * 16777216 + (b[3] * 65536 + b[4] * 256 + b[5]);
    } while (x >= limit);
    var n = min + (x % range);
    if (typeof cb !== 'function') return n;
    setImmediate(function () { cb(null, n); });
}

/* --- comparison and key derivation --- */

function timingSafeEqual(a, b) {
    /* the native answers undefined unless both are buffers of one length */
    var r = sys.cryptoTimingSafeEqual(a, b);
    if (r !== undefined)
        return r;
    /* Node's message here has no "Received ..." tail. */
    if (!isView(a) && !(a instanceof ArrayBuffer))
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
    if (!isView(b) && !(b instanceof ArrayBuffer))
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
    throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    var p = bytesOf(password, 'utf8', 'password', true), s = bytesOf(salt, 'utf8', 'salt', true);
    validInt(iterations, 'iterations', 1, 2147483647);
    validInt(keylen, 'keylen', 0, 2147483647);
    if (typeof digest !== 'string')
        throw argType('digest', 'of type string', digest);
    var out = sys.cryptoPbkdf2(p, s, iterations, keylen, digest);
    if (out === undefined)
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
    return wrap(out);
}

function pbkdf2(password, salt, iterations, keylen, digest, cb) {
    if (typeof cb !== 'function')
        throw argType('callback', 'of type function', cb);
    var key = pbkdf2Sync(password, salt, iterations, keylen, digest);
    setImmediate(function () { cb(null, key); });
}

function scryptParams(o) {
    o = o || {};
    function pick(a, b, dflt) {
        if (o[a] !== undefined && o[b] !== undefined)
            throw nodeError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "' + a + '" cannot be used in combination with option "' + b + '"');
        var v = o[a] !== undefined ? o[a] : o[b] !== undefined ? o[b] : dflt;
        return validInt(v, a, 0, MAX_SAFE);
    }
    var N = pick('N', 'cost', 16384), r = pick('r', 'blockSize', 8), p = pick('p', 'parallelization', 1);
    var maxmem = o.maxmem === undefined ? 32 * 1024 * 1024 : validInt(o.maxmem, 'maxmem', 0, MAX_SAFE);
    /* Node's own check: N a power of two above 1, and the memory it needs
     * within maxmem. */
    if (N < 2 || (N & (N - 1)) !== 0 || 128 * N * r > maxmem)
        throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params');
    return [N, r, p, maxmem];
}

function scryptSync(password, salt, keylen, options) {
    var pw = bytesOf(password, 'utf8', 'password', true), s = bytesOf(salt, 'utf8', 'salt', true);
    validInt(keylen, 'keylen', 0, 2147483647);
    var q = scryptParams(options);
    /* OpenSSL counts the memory a little more generously than Node. */
    return wrap(sys.cryptoScrypt(pw, s, keylen, q[0], q[1], q[2], q[3] + 256 * q[1] * (q[2] + 2) + 1024));
}

function scrypt(password, salt, keylen, options, cb) {
    if (typeof options === 'function') {
        cb = options;
        options = undefined;
    }
    if (typeof cb !== 'function')
        throw argType('callback', 'of type function', cb);
    var key = scryptSync(password, salt, keylen, options);
    setImmediate(function () { cb(null, key); });
}

/* --- ciphers --- */

function Cipheriv(encrypt, algorithm, key, iv, options) {
    if (typeof algorithm !== 'string')
        throw argType('cipher', 'of type string', algorithm);
    var info = sys.cryptoCipherInfo(algorithm);
    if (info === undefined)
        throw nodeError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
    this._alg = algorithm.toLowerCase();
    this._enc = encrypt;
    this._key = bytesOf(key, 'utf8', 'key', true);
    if (this._key.length !== info[0])
        throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    if (iv === null || iv === undefined)
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
    this._iv = bytesOf(iv, 'utf8', 'iv', true);
    this._gcm = info[3];
    if (this._gcm ? this._iv.length === 0 : this._iv.length !== info[1])
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
    this._tagLen = 16;
    if (options && options.authTagLength !== undefined) {
        var t = options.authTagLength;
        if (!this._gcm || typeof t !== 'number' || !(t === 4 || t === 8 || (t >= 12 && t <= 16)))
            throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', 'Invalid authentication tag length: ' + t);
        this._tagLen = t;
    }
    this._pending = Buffer.alloc(0);   /* CBC: bytes not yet a whole block; GCM: all input */
    this._emitted = 0;                 /* GCM: output bytes already returned */
    this._aad = null;
    this._tag = null;
    this._padding = true;
    this._finished = false;
}

function stateError(op) {
    return nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation ' + op);
}

function runCipher(c, data, iv, padding, final) {
    return sys.cryptoCipher(c._alg, c._enc, c._key, iv, data, padding, c._aad,
                            c._enc ? c._tagLen : c._tag, final);
}

Cipheriv.prototype.update = function (data, inEnc, outEnc) {
    if (this._finished)
        throw stateError('update');
    var bytes = bytesOf(data, inEnc, 'data');
    var all = join([this._pending, bytes]), out;
    if (this._gcm) {
        this._pending = all;
        var r = runCipher(this, all, this._iv, false, false);
        out = wrap(r[0]).slice(this._emitted);
        this._emitted += out.length;
        return encodeOut(out, outEnc);
    }
    /* CBC: whole blocks now; a decipher with padding keeps its last block
     * back for final(), which strips the padding. */
    var n = all.length - (all.length % 16);
    if (!this._enc && this._padding && n === all.length && n > 0) n -= 16;
    if (n === 0) {
        this._pending = all;
        return encodeOut(Buffer.alloc(0), outEnc);
    }
    var res = wrap(runCipher(this, all.slice(0, n), this._iv, false, false)[0]);
    this._iv = Buffer.from(this._enc ? res.slice(n - 16, n) : all.slice(n - 16, n));
    this._pending = Buffer.from(all.slice(n));
    return encodeOut(res, outEnc);
};

Cipheriv.prototype.final = function (outEnc) {
    if (this._finished)
        throw stateError('final');
    this._finished = true;
    if (this._gcm && !this._enc && !this._tag)
        throw new Error('Unsupported state or unable to authenticate data');
    var r = runCipher(this, this._pending, this._iv, this._padding, true);
    if (r === null) {
        if (this._gcm)
            throw new Error('Unsupported state or unable to authenticate data');
        if (this._pending.length % 16)
            throw nodeError(Error, 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'error:1C80006B:Provider routines::wrong final block length');
        throw nodeError(Error, 'ERR_OSSL_BAD_DECRYPT', 'error:1C800064:Provider routines::bad decrypt');
    }
    var out = wrap(r[0]);
    if (this._gcm) {
        out = out.slice(this._emitted);
        if (this._enc) this._tag = wrap(r[1]);
    }
    this._pending = Buffer.alloc(0);
    return encodeOut(out, outEnc);
};

Cipheriv.prototype.setAutoPadding = function (on) {
    if (this._finished)
        throw stateError('setAutoPadding');
    this._padding = on === undefined ? true : !!on;
    return this;
};

Cipheriv.prototype.setAAD = function (buf) {
    if (!this._gcm || this._finished || this._emitted || this._pending.length)
        throw stateError('setAAD');
    this._aad = bytesOf(buf, 'utf8', 'buffer');
    return this;
};

Cipheriv.prototype.getAuthTag = function () {
    if (!this._gcm || !this._enc || !this._finished || !this._tag)
        throw stateError('getAuthTag');
    return Buffer.from(this._tag);
};

Cipheriv.prototype.setAuthTag = function (tag) {
    if (!this._gcm || this._enc || this._finished || this._tag)
        throw stateError('setAuthTag');
    var t = bytesOf(tag, 'utf8', 'buffer');
    if (!(t.length === 4 || t.length === 8 || (t.length >= 12 && t.length <= 16)))
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', 'Invalid authentication tag length: ' + t.length);
    this._tag = t;
    return this;
};

function Cipher(algorithm, key, iv, options) {
    Cipheriv.call(this, true, algorithm, key, iv, options);
}
Cipher.prototype = Object.create(Cipheriv.prototype);
Cipher.prototype.constructor = Cipher;

function Decipher(algorithm, key, iv, options) {
    Cipheriv.call(this, false, algorithm, key, iv, options);
}
Decipher.prototype = Object.create(Cipheriv.prototype);
Decipher.prototype.constructor = Decipher;

/* The object is frozen with the runtime: one per worker, as in Node. */
var cryptoModule = {
    createHash: function (algorithm, options) { return new Hash(algorithm, options); },
    createHmac: function (algorithm, key, options) { return new Hmac(algorithm, key, options); },
    hash: hashOneShot,
    randomBytes: randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync: function (buf, offset, size) {
        if (!isView(buf) && !(buf instanceof ArrayBuffer))
            throw argType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
        var u = new Uint8Array(buf instanceof ArrayBuffer ? buf : buf.buffer,
                               buf instanceof ArrayBuffer ? 0 : buf.byteOffset, buf.byteLength);
        offset = offset === undefined ? 0 : validInt(offset, 'offset', 0, u.length);
        size = size === undefined ? u.length - offset : validInt(size, 'size', 0, u.length - offset);
        u.set(new Uint8Array(sys.cryptoRandom(size)), offset);
        return buf;
    },
    randomInt: randomInt,
    randomUUID: function () { return randomUUID(); },
    getRandomValues: getRandomValues,
    timingSafeEqual: timingSafeEqual,
    pbkdf2Sync: pbkdf2Sync,
    pbkdf2: pbkdf2,
    scryptSync: scryptSync,
    scrypt: scrypt,
    createCipheriv: function (algorithm, key, iv, options) { return new Cipher(algorithm, key, iv, options); },
    createDecipheriv: function (algorithm, key, iv, options) { return new Decipher(algorithm, key, iv, options); },
    getHashes: function () { return sys.cryptoHashes(); },
    getCiphers: function () { return ['aes-128-cbc', 'aes-128-gcm', 'aes-256-cbc', 'aes-256-gcm']; },
    Hash: Hash,
    Hmac: Hmac,
    constants: {}
};
cryptoModule.webcrypto = { getRandomValues: getRandomValues, randomUUID: cryptoModule.randomUUID };

rt.builtins.crypto = function () { return cryptoModule; };
G.crypto = cryptoModule;
