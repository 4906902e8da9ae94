/* crypto.js - Node's `crypto` module (global `crypto` and require('crypto'))
 * over the one-shot OpenSSL natives of src/bindings/js_crypto.c.
 *
 * Most natives keep no state, so most streaming objects here keep bytes
 * instead: a GCM cipher its input until final() (update() re-runs the
 * counter mode over what it has, which yields the same bytes as a
 * streaming context would), and a CBC cipher only the partial block and
 * the chaining IV, as CBC allows.  A Hash or Hmac keeps its first 64 KB
 * and digests them in one call; past that it feeds a native context piece
 * by piece (a hashed stream is never held whole).  Those contexts and
 * asymmetric KeyObjects' EVP_PKEYs live in native handles freed by the
 * handle's finalizer when the object is collected, so a request that
 * drops a Hash half-way leaks nothing.
 *
 * Errors carry Node's class, message and .code.
 *
 * Needs: rt.nodeError, rt.received, rt.argTypeError, rt.domException
 *   (buffer.js); rt.builtins (module.js).  When called: rt.inspect
 *   (console.js); rt.utf8Encode (buffer.js); setImmediate (timers.js); the
 *   natives of bindings/js_crypto.c.
 * Provides: rt.outOfRange, rt.builtins.crypto; the globals crypto and
 *   CryptoKey.  crypto.subtle needs Promise (promise.js) when called.
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
    if (h._ctx) {
        feed(h);
        var r = sys.cryptoHashFinal(h._ctx, fmt);
        h._ctx = null;
        return fmt ? r : encodeOut(wrap(r), enc);
    }
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

/* Up to HASH_KEEP bytes (or 64 pieces) of input are kept and digested in
 * one native call at digest(), the cheapest for the usual short input;
 * past that the hash moves to an OpenSSL context that takes each piece
 * as it comes (sys.cryptoHashStart), so that hashing a stream of any
 * length holds one piece at a time. */
var HASH_KEEP = 64 * 1024;

/* The kept pieces into h's context, which is made first if need be. */
function feed(h) {
    var parts = h._parts, i;
    if (!h._ctx) {
        var key = h._key;
        h._ctx = sys.cryptoHashStart(h._alg, typeof key === 'string' ? rt.utf8Encode(key) : key);
    }
    for (i = 0; i < parts.length; i++)
        if (!sys.cryptoHashUpdate(h._ctx, parts[i]))     /* a non-ASCII string */
            sys.cryptoHashUpdate(h._ctx, toBytes(parts[i]));
    h._parts = [];
    h._kept = 0;
}

Hash.prototype.update = function (data, enc) {
    if (this._done)
        throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    var d = input(data, enc);
    this._parts.push(d);
    this._kept = (this._kept || 0) + d.length;
    if (this._ctx || this._kept > HASH_KEEP || this._parts.length > 64)
        feed(this);
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
    h._kept = this._kept;
    if (this._ctx) h._ctx = sys.cryptoHashCopy(this._ctx);
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
    this._key = typeof key === 'string' ? key : secretBytes(key, 'key');
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

/* HKDF (RFC 5869) on this module's HMAC: extract a pseudorandom key from
 * the key material and the salt, then expand it with info into keylen
 * bytes.  An ArrayBuffer, as Node returns. */
function hkdfSync(digest, ikm, salt, info, keylen) {
    if (typeof digest !== 'string') throw argType('digest', 'of type string', digest);
    var key = ikm instanceof KeyObject && ikm._type === 'secret' ? ikm.export() : bytesOf(ikm, 'utf8', 'ikm', true);
    var s = bytesOf(salt, 'utf8', 'salt', true), i = bytesOf(info, 'utf8', 'info', true);
    validInt(keylen, 'length', 0, 2147483647);
    if (i.length > 1024)
        throw outOfRange('info', 'must not contain more than 1024 bytes', i.length);
    var hashLen;
    try {
        hashLen = new Hash(digest).digest().length;
    } catch (e) {
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
    }
    if (keylen > 255 * hashLen)
        throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    var prk = new Hmac(digest, s.length ? s : Buffer.alloc(hashLen)).update(key).digest();
    var out = Buffer.alloc(keylen), t = Buffer.alloc(0);
    for (var n = 1, at = 0; at < keylen; n++) {
        t = new Hmac(digest, prk).update(Buffer.concat([t, i, Buffer.from([n])])).digest();
        t.copy(out, at, 0, Math.min(t.length, keylen - at));
        at += t.length;
    }
    return out.buffer.slice(out.byteOffset, out.byteOffset + keylen);
}

function hkdf(digest, ikm, salt, info, keylen, cb) {
    if (typeof cb !== 'function')
        throw argType('callback', 'of type function', cb);
    var key = hkdfSync(digest, ikm, salt, info, keylen);
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
    this._key = secretBytes(key, 'key');
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

/* --- keys --- */

/* A KeyObject: 'secret' keeps its bytes in _bytes; 'public' and 'private'
 * an EVP_PKEY handle of js_crypto.c in _handle (a public KeyObject may
 * share a private key's handle: only its public half is ever used).  The
 * constructor is Node's, which refuses anything but a type and a handle,
 * so user code cannot make one by hand either. */
function KeyObject(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private')
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'type' is invalid. Received " + rt.inspect(type));
    if (handle === null || typeof handle !== 'object')
        throw argType('handle', 'of type object', handle);
    this._type = type;
    if (type === 'secret') this._bytes = handle.bytes;
    else this._handle = handle.handle;
}

function defineGetter(proto, name, get) {
    Object.defineProperty(proto, name, { get: get, configurable: true, enumerable: false });
}

defineGetter(KeyObject.prototype, 'type', function () { return this._type; });

function SecretKeyObject(h) { KeyObject.call(this, 'secret', h); }
SecretKeyObject.prototype = Object.create(KeyObject.prototype);
SecretKeyObject.prototype.constructor = SecretKeyObject;
defineGetter(SecretKeyObject.prototype, 'symmetricKeySize', function () { return this._bytes.length; });

function AsymmetricKeyObject(type, h) { KeyObject.call(this, type, h); }
AsymmetricKeyObject.prototype = Object.create(KeyObject.prototype);
AsymmetricKeyObject.prototype.constructor = AsymmetricKeyObject;

function keyInfo(k) {
    if (!k._info) k._info = sys.cryptoKeyInfo(k._handle, false);
    return k._info;
}

var CURVE_JWK = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' };
var JWK_CURVE = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1', secp256k1: 'secp256k1' };

defineGetter(AsymmetricKeyObject.prototype, 'asymmetricKeyType', function () { return keyInfo(this).type; });
/* publicExponent is a BigInt, as in Node.  The runtime's bigint is an
 * object (bigint.js) that only code rewritten by the front end handles
 * like a primitive (Number(e), e === 65537n), so the front end rewrites
 * every file that names publicExponent as one that uses BigInt. */
defineGetter(AsymmetricKeyObject.prototype, 'asymmetricKeyDetails', function () {
    var i = keyInfo(this);
    if (i.type === 'rsa' || i.type === 'rsa-pss')
        return { modulusLength: i.bits, publicExponent: G.BigInt(i.e) };
    if (i.type === 'ec')
        return { namedCurve: i.curve };
    if (i.type === 'dsa')
        return { modulusLength: i.bits };
    return {};
});

function PublicKeyObject(h) { AsymmetricKeyObject.call(this, 'public', h); }
PublicKeyObject.prototype = Object.create(AsymmetricKeyObject.prototype);
PublicKeyObject.prototype.constructor = PublicKeyObject;

function PrivateKeyObject(h) { AsymmetricKeyObject.call(this, 'private', h); }
PrivateKeyObject.prototype = Object.create(AsymmetricKeyObject.prototype);
PrivateKeyObject.prototype.constructor = PrivateKeyObject;

function b64url(buf) {
    return buf.toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function optObject(o, name) {
    if (o === undefined) return {};
    if (o === null || typeof o !== 'object')
        throw argType(name, 'of type object', o);
    return o;
}

KeyObject.prototype.export = function (options) {
    options = optObject(options, 'options');
    if (this._type === 'secret') {
        if (options.format === 'jwk')
            return { kty: 'oct', k: b64url(this._bytes) };
        if (options.format !== undefined && options.format !== 'buffer')
            throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.format' must be one of: undefined, 'buffer', 'jwk'. Received " + rt.inspect(options.format));
        return Buffer.from(this._bytes);
    }
    var priv = this._type === 'private', fmt = options.format, info = keyInfo(this);
    if (fmt === 'jwk') {
        var p = sys.cryptoKeyInfo(this._handle, true), jwk;
        if (info.type === 'rsa') {
            jwk = { kty: 'RSA', n: b64url(wrap(p.n)), e: b64url(wrap(p.e_)) };
            if (priv) {
                jwk.d = b64url(wrap(p.d)); jwk.p = b64url(wrap(p.p)); jwk.q = b64url(wrap(p.q));
                jwk.dp = b64url(wrap(p.dp)); jwk.dq = b64url(wrap(p.dq)); jwk.qi = b64url(wrap(p.qi));
            }
        } else if (info.type === 'ec') {
            if (!CURVE_JWK[info.curve])
                throw nodeError(Error, 'ERR_CRYPTO_JWK_UNSUPPORTED_CURVE', 'Unsupported JWK EC curve: ' + info.curve + '.');
            /* members in Node's order */
            jwk = { kty: 'EC', x: b64url(wrap(p.x)), y: b64url(wrap(p.y)), crv: CURVE_JWK[info.curve] };
            if (priv) jwk.d = b64url(wrap(p.d));
        } else if (/^(ed|x)(25519|448)$/.test(info.type)) {
            jwk = { crv: info.type.charAt(0) === 'e' ? 'Ed' + info.type.slice(2) : 'X' + info.type.slice(1) };
            if (priv) jwk.d = b64url(wrap(p.d));
            jwk.x = b64url(wrap(p.x));
            jwk.kty = 'OKP';
        } else {
            throw nodeError(Error, 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE', 'Unsupported JWK Key Type.');
        }
        return jwk;
    }
    if (fmt !== 'pem' && fmt !== 'der')
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.format' is invalid. Received " + rt.inspect(fmt));
    var type = options.type, structure;
    if (!priv) {
        if (type === 'spki') structure = 'SubjectPublicKeyInfo';
        else if (type === 'pkcs1' && info.type === 'rsa') structure = 'type-specific';
        else throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.type' is invalid. Received " + rt.inspect(type));
    } else {
        if (type === 'pkcs8') structure = 'PrivateKeyInfo';
        else if ((type === 'pkcs1' && info.type === 'rsa') || (type === 'sec1' && info.type === 'ec')) structure = 'type-specific';
        else throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.type' is invalid. Received " + rt.inspect(type));
    }
    var cipher, pass;
    if (priv && options.cipher !== undefined) {
        if (typeof options.cipher !== 'string')
            throw argType('options.cipher', 'of type string', options.cipher);
        if (options.passphrase === undefined)
            throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.passphrase' is invalid. Received undefined");
        cipher = options.cipher;
        pass = bytesOf(options.passphrase, 'utf8', 'options.passphrase');
    }
    var out = wrap(sys.cryptoKeyExport(this._handle, priv, fmt === 'der', structure, cipher, pass));
    return fmt === 'pem' ? out.toString('latin1') : out;
};

KeyObject.prototype.equals = function (other) {
    if (!(other instanceof KeyObject))
        throw argType('otherKeyObject', 'an instance of KeyObject', other);
    if (other._type !== this._type) return false;
    if (this._type === 'secret')
        return this._bytes.length === other._bytes.length && timingSafeEqual(this._bytes, other._bytes);
    return sys.cryptoKeyEquals(this._handle, other._handle);
};

function createSecretKey(key, encoding) {
    if (typeof key === 'string')
        key = Buffer.from(key, encoding);
    else if (isView(key) || key instanceof ArrayBuffer)
        key = bytesOf(key, undefined, 'key', true);
    else
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "key" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView. ' + received(key));
    return new SecretKeyObject({ bytes: key });
}

/* The key material of createPublicKey/createPrivateKey/sign/...: a string
 * or buffer (PEM), or { key, format, type, passphrase, encoding }. */
function asymmetricKey(key, priv, name, creating) {
    var fmt = 'pem', type, pass, data, enc;
    if (key instanceof KeyObject) {
        /* createPrivateKey takes no KeyObject at all; sign() & co. no secret one */
        if (creating && priv)
            throw argType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', key);
        if (key._type === 'secret' || (priv && key._type !== 'private'))
            throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + key._type + ', expected private.');
        return priv ? key : new PublicKeyObject({ handle: key._handle });
    }
    if (typeof key === 'string' || isView(key) || key instanceof ArrayBuffer) {
        data = key;
    } else if (key !== null && typeof key === 'object') {
        if (key.key instanceof KeyObject) return asymmetricKey(key.key, priv, name, creating);
        data = key.key;
        if (key.format !== undefined) fmt = key.format;
        type = key.type;
        pass = key.passphrase;
        enc = key.encoding;
        if (fmt === 'jwk')
            return fromJwk(data, priv);
        if (typeof data !== 'string' && !isView(data) && !(data instanceof ArrayBuffer))
            throw argType('key.key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', data);
    } else {
        throw argType(name, creating && priv ? 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView' :
                      'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
    }
    if (fmt !== 'pem' && fmt !== 'der')
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.format' is invalid. Received " + rt.inspect(fmt));
    if (fmt === 'der') {
        var ok = priv ? type === 'pkcs1' || type === 'pkcs8' || type === 'sec1' : type === 'pkcs1' || type === 'spki';
        if (!ok)
            throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.type' is invalid. Received " + rt.inspect(type));
    }
    var bytes = bytesOf(data, enc || 'utf8', 'key', true);
    /* DER has no label saying what it holds: tell the decoder */
    var hint = fmt !== 'der' ? [] : type === 'spki' ? ['SubjectPublicKeyInfo'] : type === 'pkcs1' ? ['type-specific', 'RSA'] :
        type === 'sec1' ? ['type-specific', 'EC'] : [];
    var h = sys.cryptoKeyParse(bytes, fmt === 'der', priv,
                               pass === undefined || pass === null ? undefined : bytesOf(pass, 'utf8', 'key.passphrase', true),
                               hint[0], hint[1]);
    return priv ? new PrivateKeyObject({ handle: h }) : new PublicKeyObject({ handle: h });
}

function b64urlBytes(s, name) {
    if (typeof s !== 'string')
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "key.' + name + '" property must be of type string. ' + received(s));
    return Buffer.from(s, 'base64');
}

function fromJwk(jwk, priv) {
    if (jwk === null || typeof jwk !== 'object')
        throw argType('key.key', 'of type object', jwk);
    var parts = {}, kind, i, names;
    /* createPrivateKey requires d (its check names the missing member) */
    var isPriv = priv || jwk.d !== undefined;
    if (jwk.kty === 'RSA') {
        kind = 'RSA';
        names = isPriv ? ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] : ['n', 'e'];
        for (i = 0; i < names.length; i++)
            parts[names[i]] = b64urlBytes(jwk[names[i]], names[i]);
    } else if (jwk.kty === 'EC') {
        kind = 'EC';
        if (!JWK_CURVE[jwk.crv])
            throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'key.crv' must be one of: 'P-256', 'secp256k1', 'P-384', 'P-521'. Received " + rt.inspect(jwk.crv));
        parts.crv = JWK_CURVE[jwk.crv];
        parts.x = b64urlBytes(jwk.x, 'x');
        parts.y = b64urlBytes(jwk.y, 'y');
        if (isPriv) parts.d = b64urlBytes(jwk.d, 'd');
    } else if (jwk.kty === 'OKP') {
        var okp = { Ed25519: 'ED25519', Ed448: 'ED448', X25519: 'X25519', X448: 'X448' };
        if (!okp[jwk.crv])
            throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'key.crv' must be one of: 'Ed25519', 'Ed448', 'X25519', 'X448'. Received " + rt.inspect(jwk.crv));
        kind = okp[jwk.crv];
        parts.x = b64urlBytes(jwk.x, 'x');
        if (isPriv) parts.d = b64urlBytes(jwk.d, 'd');
    } else {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'key.kty' must be one of: 'RSA', 'EC', 'OKP'. Received " + rt.inspect(jwk.kty));
    }
    var h = sys.cryptoKeyFromJwk(kind, parts, isPriv);
    return priv ? new PrivateKeyObject({ handle: h }) : new PublicKeyObject({ handle: h });
}

function createPrivateKey(key) { return asymmetricKey(key, true, 'key', true); }
function createPublicKey(key) { return asymmetricKey(key, false, 'key'); }

/* The bytes of a secret key for HMAC, ciphers and KDFs. */
function secretBytes(key, name) {
    if (key instanceof KeyObject) {
        if (key._type !== 'secret')
            throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + key._type + ', expected secret.');
        return key._bytes;
    }
    return bytesOf(key, 'utf8', name, true);
}

/* --- signatures --- */

var RSA_PKCS1_PADDING = 1, RSA_NO_PADDING = 3, RSA_PKCS1_OAEP_PADDING = 4, RSA_PKCS1_PSS_PADDING = 6;
var RSA_PSS_SALTLEN_DIGEST = -1, RSA_PSS_SALTLEN_MAX_SIGN = -2, RSA_PSS_SALTLEN_AUTO = -2;

/* Node's digest names for signing: 'RSA-SHA256', 'sha256WithRSAEncryption',
 * 'ecdsa-with-SHA256' all mean sha256. */
function sigName(alg) {
    return String(alg).toLowerCase().replace(/^rsa-/, '').replace(/^ecdsa-with-/, '').replace(/withrsaencryption$/, '');
}

function sigDigest(alg) {
    if (alg === null || alg === undefined) return null;
    var a = sigName(alg);
    if (sys.cryptoDigestSize(a) === undefined)
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + alg);
    return a;
}

function sigOptions(key) {
    var o = key !== null && typeof key === 'object' && !(key instanceof KeyObject) && !isView(key) ? key : {};
    var padding = o.padding === undefined ? 0 : o.padding;
    var salt = o.saltLength === undefined ? -100 : o.saltLength;
    if (o.dsaEncoding !== undefined && o.dsaEncoding !== 'der' && o.dsaEncoding !== 'ieee-p1363')
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.dsaEncoding' is invalid. Received " + rt.inspect(o.dsaEncoding));
    /* Node signs PSS with the largest salt unless told otherwise */
    if (padding === RSA_PKCS1_PSS_PADDING && salt === -100) salt = RSA_PSS_SALTLEN_MAX_SIGN;
    return { padding: padding, salt: salt, p1363: o.dsaEncoding === 'ieee-p1363' };
}

function signWith(alg, data, key) {
    var k = asymmetricKey(key, true, 'key'), o = sigOptions(key);
    return wrap(sys.cryptoSign(k._handle, sigDigest(alg), data, o.padding, o.salt, o.p1363));
}

function verifyWith(alg, data, key, sig) {
    var k = key instanceof KeyObject && key._type === 'private' ? key : asymmetricKey(key, false, 'key');
    var o = sigOptions(key);
    if (o.padding === RSA_PKCS1_PSS_PADDING && o.salt === RSA_PSS_SALTLEN_MAX_SIGN) o.salt = RSA_PSS_SALTLEN_AUTO;
    return sys.cryptoVerify(k._handle, sigDigest(alg), data, sig, o.padding, o.salt, o.p1363);
}

function initSign(s, algorithm) {
    if (typeof algorithm !== 'string')
        throw argType('algorithm', 'of type string', algorithm);
    /* Node's message here names no digest, unlike sign()'s */
    if (sys.cryptoDigestSize(sigName(algorithm)) === undefined)
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
    s._alg = sigDigest(algorithm);
    s._parts = [];
}

function Sign(algorithm) {
    if (!(this instanceof Sign)) return new Sign(algorithm);
    initSign(this, algorithm);
}
Sign.prototype.update = function (data, enc) {
    this._parts.push(toBytes(input(data, enc)));
    return this;
};
Sign.prototype.sign = function (key, enc) {
    var data = join(this._parts.length ? this._parts : [Buffer.alloc(0)]);
    this._parts = [];
    return encodeOut(signWith(this._alg, data, key), enc);
};

function Verify(algorithm) {
    if (!(this instanceof Verify)) return new Verify(algorithm);
    initSign(this, algorithm);
}
Verify.prototype.update = Sign.prototype.update;
Verify.prototype.verify = function (key, sig, enc) {
    var data = join(this._parts.length ? this._parts : [Buffer.alloc(0)]);
    this._parts = [];
    return verifyWith(this._alg, data, key, bytesOf(sig, enc || 'utf8', 'signature'));
};

function oneShot(f, cb) {
    if (cb === undefined) return f();
    if (typeof cb !== 'function')
        throw argType('callback', 'of type function', cb);
    var r, err = null;
    try { r = f(); } catch (e) { err = e; }
    setImmediate(function () { cb(err, r); });
}

function signOneShot(alg, data, key, cb) {
    if (alg !== null && alg !== undefined && typeof alg !== 'string')
        throw argType('algorithm', 'of type string', alg);
    var d = bytesOf(data, undefined, 'data');
    return oneShot(function () { return signWith(alg, d, key); }, cb);
}

function verifyOneShot(alg, data, key, sig, cb) {
    if (alg !== null && alg !== undefined && typeof alg !== 'string')
        throw argType('algorithm', 'of type string', alg);
    var d = bytesOf(data, undefined, 'data'), s = bytesOf(sig, undefined, 'signature');
    return oneShot(function () { return verifyWith(alg, d, key, s); }, cb);
}

/* --- key generation --- */

function encodeKey(k, enc) {
    return enc === undefined ? k : k.export(enc);
}

function generateKeyPairSync(type, options) {
    options = optObject(options, 'options');
    var h;
    if (type === 'rsa' || type === 'rsa-pss') {
        if (typeof options.modulusLength !== 'number')
            throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "options.modulusLength" property must be of type number. ' + received(options.modulusLength));
        validInt(options.modulusLength, 'options.modulusLength', 0, 2147483647);
        var e = options.publicExponent === undefined ? 65537 : validInt(options.publicExponent, 'options.publicExponent', 0, 4294967295);
        h = sys.cryptoKeyGenerate(type === 'rsa' ? 'RSA' : 'RSA-PSS', options.modulusLength, e, undefined);
    } else if (type === 'ec') {
        if (typeof options.namedCurve !== 'string')
            throw argType('options.namedCurve', 'of type string', options.namedCurve);
        var c = JWK_CURVE[options.namedCurve] || options.namedCurve;
        if (c === 'P-256' || c === 'secp256r1') c = 'prime256v1';
        try {
            h = sys.cryptoKeyGenerate('EC', 0, 0, c);
        } catch (err) {
            throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
        }
    } else if (type === 'ed25519' || type === 'ed448' || type === 'x25519' || type === 'x448') {
        h = sys.cryptoKeyGenerate(type.toUpperCase(), 0, 0, undefined);
    } else if (type === 'dh') {
        h = dhKeyPair(options);
    } else {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'type' must be a supported key type. Received " + rt.inspect(type));
    }
    var priv = new PrivateKeyObject({ handle: h }), pub = new PublicKeyObject({ handle: h });
    return { publicKey: encodeKey(pub, options.publicKeyEncoding), privateKey: encodeKey(priv, options.privateKeyEncoding) };
}

/* generateKeyPair('dh'): a group by name, or a prime (with a generator,
 * 2 by default), or a new prime of primeLength bits; Node's checks. */
function dhKeyPair(o) {
    var group = o.group, prime = o.prime, len = o.primeLength, gen = o.generator;
    if (group !== undefined) {
        if (prime !== undefined) throw nodeError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "group" cannot be used in combination with option "prime"');
        if (len !== undefined) throw nodeError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "group" cannot be used in combination with option "primeLength"');
        if (gen !== undefined) throw nodeError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "group" cannot be used in combination with option "generator"');
        if (typeof group !== 'string') throw argType('options.group', 'of type string', group);
        var g = new DiffieHellmanGroup(group);
        return sys.cryptoDhKeyGenerate(g.getPrime(), 2);
    }
    if (prime !== undefined) {
        if (len !== undefined) throw nodeError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "prime" cannot be used in combination with option "primeLength"');
        if (!isBufferSource(prime)) throw argType('options.prime', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', prime);
    } else if (len !== undefined) {
        validInt(len, 'options.primeLength', 0, 2147483647);
    } else {
        throw nodeError(TypeError, 'ERR_MISSING_OPTION', 'At least one of the group, prime, or primeLength options is required');
    }
    if (gen !== undefined) validInt(gen, 'options.generator', 0, 2147483647);
    else gen = 2;
    if (prime === undefined) prime = wrap(sys.dhGenerate(len, gen));
    return sys.cryptoDhKeyGenerate(dhBytes(prime), gen);
}

/* crypto.diffieHellman({ privateKey, publicKey }): the secret of two
 * KeyObjects of one type among dh, ec, x25519 and x448. */
var DH_KEY_TYPES = ['dh', 'ec', 'x448', 'x25519'];
function statelessDiffieHellman(options) {
    if (options === null || typeof options !== 'object') throw argType('options', 'of type object', options);
    var priv = options.privateKey, pub = options.publicKey;
    if (!(priv instanceof KeyObject))
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.privateKey' is invalid. Received " + rt.inspect(priv));
    if (!(pub instanceof KeyObject))
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.publicKey' is invalid. Received " + rt.inspect(pub));
    if (priv.type !== 'private')
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + priv.type + ', expected private.');
    if (pub.type !== 'public' && pub.type !== 'private')
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + pub.type + ', expected public.');
    var a = priv.asymmetricKeyType, b = pub.asymmetricKeyType;
    if (a !== b || DH_KEY_TYPES.indexOf(a) < 0)
        throw nodeError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY', 'Incompatible key types for Diffie-Hellman: ' + a + ' and ' + b);
    return wrap(sys.cryptoPkeyDerive(priv._handle, pub._handle));
}

function generateKeyPair(type, options, cb) {
    if (typeof options === 'function') { cb = options; options = undefined; }
    if (typeof cb !== 'function')
        throw argType('callback', 'of type function', cb);
    var r = generateKeyPairSync(type, options);
    setImmediate(function () { cb(null, r.publicKey, r.privateKey); });
}

/* --- ECDH (createECDH) ---
 *
 * The key is kept as bytes (_priv, the scalar; _pub, the uncompressed
 * point), as setPrivateKey and generateKeys replace it; the natives of
 * js_crypto.c take the curve by name and these bytes on each call. */

var curveList = null;
function getCurves() {
    if (curveList === null) {
        var all = sys.cryptoEcdhCurves().sort();
        curveList = all.filter(function (c, i) { return i === 0 || c !== all[i - 1]; });
    }
    return curveList.slice();
}

/* A key argument: a string in enc (UTF-8 by default) or any buffer. */
function ecdhKeyBytes(key, enc, name) {
    if (typeof key === 'string')
        return Buffer.from(key, enc === undefined || enc === null || enc === 'buffer' ? 'utf8' : enc);
    if (isView(key))
        return Buffer.from(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
    if (key instanceof ArrayBuffer)
        return Buffer.from(new Uint8Array(key));
    throw argType(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', key);
}

function ecdhFormat(format) {
    if (format) {
        if (format === 'compressed') return 2;
        if (format === 'hybrid') return 6;
        if (format !== 'uncompressed')
            throw nodeError(TypeError, 'ERR_CRYPTO_ECDH_INVALID_FORMAT', 'Invalid ECDH format: ' + format);
    }
    return 4;
}

function ecdhOut(buf, enc) {
    return encodeOut(buf, enc || undefined);
}

/* A point re-encoded as format (a number of ecdhFormat); a point that is
 * not on the curve is Node's "Failed to convert Buffer to EC_POINT". */
function ecdhPoint(curve, point, format) {
    try {
        return wrap(sys.cryptoEcdhConvert(curve, point, format));
    } catch (e) {
        if (e.code === 'ERR_CRYPTO_INVALID_CURVE')
            throw nodeError(TypeError, e.code, e.message);
        throw nodeError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to convert Buffer to EC_POINT');
    }
}

function ECDH(curve) {
    if (!(this instanceof ECDH)) return new ECDH(curve);
    if (typeof curve !== 'string')
        throw argType('curve', 'of type string', curve);
    if (getCurves().indexOf(curve) < 0)
        throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
    this._curve = curve;
    this._priv = null;
    this._pub = null;
}

ECDH.prototype.generateKeys = function (encoding, format) {
    var k = sys.cryptoEcdhKeys(this._curve, undefined);
    this._priv = wrap(k.priv);
    this._pub = wrap(k.pub);
    return this.getPublicKey(encoding, format);
};

ECDH.prototype.getPublicKey = function (encoding, format) {
    var f = ecdhFormat(format);
    if (this._pub === null)
        throw nodeError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to get ECDH public key');
    return ecdhOut(f === 4 ? Buffer.from(this._pub) : ecdhPoint(this._curve, this._pub, f), encoding);
};

ECDH.prototype.getPrivateKey = function (encoding) {
    if (this._priv === null)
        throw nodeError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to get ECDH private key');
    return ecdhOut(Buffer.from(this._priv), encoding);
};

/* The public key follows: d*G, computed by the native. */
ECDH.prototype.setPrivateKey = function (key, encoding) {
    var k = sys.cryptoEcdhKeys(this._curve, ecdhKeyBytes(key, encoding, 'key'));
    this._priv = wrap(k.priv);
    this._pub = wrap(k.pub);
    return this;
};

/* Deprecated in Node, kept as it is: only the public half changes, so the
 * pair may no longer match, which Node allows as well. */
ECDH.prototype.setPublicKey = function (key, encoding) {
    this._pub = ecdhPoint(this._curve, ecdhKeyBytes(key, encoding, 'key'), 4);
    return this;
};

ECDH.prototype.computeSecret = function (key, inEnc, outEnc) {
    var peer = ecdhKeyBytes(key, inEnc, 'key');
    if (this._priv === null) {
        if (this._pub === null)
            throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_KEYPAIR', 'Invalid key pair');
        throw nodeError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to compute ECDH key');
    }
    try {
        return ecdhOut(wrap(sys.cryptoEcdhSecret(this._curve, this._priv, peer)), outEnc);
    } catch (e) {
        throw nodeError(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Public key is not valid for specified curve');
    }
};

ECDH.convertKey = function (key, curve, inEnc, outEnc, format) {
    if (typeof curve !== 'string')
        throw argType('curve', 'of type string', curve);
    var k = ecdhKeyBytes(key, inEnc, 'key'), f = ecdhFormat(format);
    if (k.length === 0)     /* Node answers an empty key with '' */
        return '';
    return ecdhOut(ecdhPoint(curve, k, f), outEnc);
};

/* --- finite-field Diffie-Hellman ---
 *
 * A DiffieHellman keeps its prime, generator and keys as Buffers; the
 * natives of js_dh.c do the arithmetic on OpenSSL's DH (see there why it
 * is the legacy API: verifyError is DH_check's bit set). */

var DH_GROUPS = ['modp1', 'modp2', 'modp5', 'modp14', 'modp15', 'modp16', 'modp17', 'modp18'];
var DH_ARG_TYPES = 'one of type number or string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';

function dhInt32(v, name) {
    if (Math.floor(v) !== v)
        throw outOfRange(name, 'an integer', v);
    if (v < -2147483648 || v > 2147483647)
        throw outOfRange(name, '>= -2147483648 && <= 2147483647', v);
}

function dhBytes(v, enc) {
    if (typeof v === 'string') return Buffer.from(v, enc === undefined || enc === 'buffer' ? 'utf8' : enc);
    return ecdhKeyBytes(v, enc, 'key');
}

function isBufferSource(v) { return isView(v) || v instanceof ArrayBuffer; }

/* the state, under a symbol as Node's is (Object.keys shows verifyError only) */
var kDH = Symbol('kHandle');
function dhSetup(dh, prime, gen) {
    Object.defineProperty(dh, kDH, { value: { prime: prime, gen: gen, priv: null, pub: null } });
}

/* createDiffieHellman(prime, [primeEncoding], [generator],
 * [generatorEncoding]) or createDiffieHellman(primeLength, [generator]):
 * Node 20's checks and errors; a length makes a new safe prime. */
function DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding) {
    if (!(this instanceof DiffieHellman)) return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
    if (typeof sizeOrKey !== 'number' && typeof sizeOrKey !== 'string' && !isBufferSource(sizeOrKey))
        throw argType('sizeOrKey', DH_ARG_TYPES, sizeOrKey);
    if (typeof sizeOrKey === 'number') dhInt32(sizeOrKey, 'sizeOrKey');
    /* an encoding that is not one is the generator */
    if (keyEncoding && !Buffer.isEncoding(keyEncoding) && keyEncoding !== 'buffer') {
        genEncoding = generator;
        generator = keyEncoding;
        keyEncoding = false;
    }
    keyEncoding = keyEncoding || 'buffer';
    genEncoding = genEncoding || 'buffer';
    if (!generator) generator = 2;
    else if (typeof generator === 'number') dhInt32(generator, 'generator');
    else if (typeof generator === 'string') generator = dhBytes(generator, genEncoding);
    else if (!isBufferSource(generator)) throw argType('generator', DH_ARG_TYPES, generator);
    else generator = dhBytes(generator);
    var gen = typeof generator === 'number' ? Buffer.from([generator < 0 ? 0 : generator > 255 ? 0 : generator]) : generator;
    if (typeof generator === 'number' && generator > 255) {
        gen = Buffer.alloc(4);
        gen.writeUInt32BE(generator);
    }
    var prime;
    if (typeof sizeOrKey === 'number') {
        /* Node's native takes a length with a numeric generator only */
        if (typeof generator !== 'number') throw new Error('Initialization failed');
        prime = wrap(sys.dhGenerate(sizeOrKey, generator));
    } else prime = dhBytes(sizeOrKey, keyEncoding);
    var verify = sys.dhCheck(prime, gen);
    dhSetup(this, prime, gen);
    Object.defineProperty(this, 'verifyError', { value: verify, enumerable: true, writable: false, configurable: false });
}

/* getDiffieHellman(name) / createDiffieHellmanGroup(name): one of the
 * RFC 2409 and RFC 3526 groups, generator 2; no setters. */
function DiffieHellmanGroup(name) {
    if (!(this instanceof DiffieHellmanGroup)) return new DiffieHellmanGroup(name);
    if (typeof name !== 'string') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Group name must be a string');
    var i = DH_GROUPS.indexOf(name);
    if (i < 0) throw nodeError(Error, 'ERR_CRYPTO_UNKNOWN_DH_GROUP', 'Unknown DH group');
    var prime = wrap(sys.dhGroupPrime(i)), gen = Buffer.from([2]);
    dhSetup(this, prime, gen);
    Object.defineProperty(this, 'verifyError', { value: sys.dhCheck(prime, gen), enumerable: true, writable: false, configurable: false });
}

function dhState(what) {
    return nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'No ' + what + ' key - did you forget to generate one?');
}

var dhMethods = {
    /* a private key already set is kept, as Node's (DH_generate_key) */
    generateKeys: function (encoding) {
        var k = sys.dhKeys(this[kDH].prime, this[kDH].gen, this[kDH].priv === null ? undefined : this[kDH].priv);
        this[kDH].priv = wrap(k.priv);
        this[kDH].pub = wrap(k.pub);
        return encodeOut(Buffer.from(this[kDH].pub), encoding);
    },
    computeSecret: function (key, inEnc, outEnc) {
        var peer = dhBytes(key, inEnc);
        if (this[kDH].priv === null) throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_KEYTYPE', 'Invalid key type');
        return encodeOut(wrap(sys.dhSecret(this[kDH].prime, this[kDH].gen, this[kDH].priv, peer)), outEnc);
    },
    getPrime: function (encoding) { return encodeOut(Buffer.from(this[kDH].prime), encoding); },
    getGenerator: function (encoding) { return encodeOut(Buffer.from(this[kDH].gen), encoding); },
    getPublicKey: function (encoding) {
        if (this[kDH].pub === null) throw dhState('public');
        return encodeOut(Buffer.from(this[kDH].pub), encoding);
    },
    getPrivateKey: function (encoding) {
        if (this[kDH].priv === null) throw dhState('private');
        return encodeOut(Buffer.from(this[kDH].priv), encoding);
    }
};
function def(o, k, v) {
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: false, configurable: true });
}
Object.keys(dhMethods).forEach(function (k) {
    def(DiffieHellman.prototype, k, dhMethods[k]);
    def(DiffieHellmanGroup.prototype, k, dhMethods[k]);
});
/* the keys are taken as they are; the public one does not follow the
 * private one (Node 20's setPrivateKey leaves it) */
def(DiffieHellman.prototype, 'setPublicKey', function (key, encoding) {
    this[kDH].pub = dhBytes(key, encoding);
    return this;
});
def(DiffieHellman.prototype, 'setPrivateKey', function (key, encoding) {
    this[kDH].priv = dhBytes(key, encoding);
    return this;
});

/* --- X509Certificate ---
 *
 * The certificate lives in a handle of js_x509.c; what the getters read
 * is asked of OpenSSL once (x509Info) and kept. */

var X509_FLAGS = { always: 0x1, noWildcards: 0x2, noPartial: 0x4, multiLabel: 0x8, singleLabel: 0x10, never: 0x20 };

function X509Certificate(buffer) {
    if (!(this instanceof X509Certificate))
        throw new TypeError("Class constructor X509Certificate cannot be invoked without 'new'");
    if (typeof buffer === 'string') buffer = Buffer.from(buffer);
    if (!isView(buffer))
        throw argType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', buffer);
    var h = sys.x509Parse(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    Object.defineProperty(this, '_x509', { value: { handle: h, info: null, publicKey: null } });
}

function x509Info(c) {
    var st = c._x509;
    if (!st.info) {
        st.info = sys.x509Info(st.handle);
        st.info.raw = wrap(st.info.raw);
    }
    return st.info;
}

['subject', 'subjectAltName', 'issuer', 'infoAccess', 'validFrom', 'validTo', 'fingerprint',
 'fingerprint256', 'fingerprint512', 'keyUsage', 'serialNumber', 'raw', 'ca'].forEach(function (k) {
    defineGetter(X509Certificate.prototype, k, function () { return x509Info(this)[k]; });
});
defineGetter(X509Certificate.prototype, 'issuerCertificate', function () { return undefined; });
defineGetter(X509Certificate.prototype, 'publicKey', function () {
    var st = this._x509;
    if (!st.publicKey) st.publicKey = new PublicKeyObject({ handle: sys.x509PublicKey(st.handle) });
    return st.publicKey;
});

/* Node's options of checkHost and checkEmail as X509_CHECK_FLAG_* */
function x509Flags(options) {
    if (options === undefined) return 0;
    if (options === null || typeof options !== 'object')
        throw argType('options', 'of type object', options);
    var flags = 0, subject = options.subject === undefined ? 'default' : options.subject;
    if (subject === 'always') flags |= X509_FLAGS.always;
    else if (subject === 'never') flags |= X509_FLAGS.never;
    else if (subject !== 'default')
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.subject' is invalid. Received " + rt.inspect(subject));
    ['wildcards', 'partialWildcards', 'multiLabelWildcards', 'singleLabelSubdomains'].forEach(function (k) {
        if (options[k] !== undefined && typeof options[k] !== 'boolean')
            throw argType('options.' + k, 'of type boolean', options[k]);
    });
    if (options.wildcards === false) flags |= X509_FLAGS.noWildcards;
    if (options.partialWildcards === false) flags |= X509_FLAGS.noPartial;
    if (options.multiLabelWildcards === true) flags |= X509_FLAGS.multiLabel;
    if (options.singleLabelSubdomains === true) flags |= X509_FLAGS.singleLabel;
    return flags;
}

function x509String(v, name) {
    if (typeof v !== 'string') throw argType(name, 'of type string', v);
    return v;
}

var X509P = X509Certificate.prototype;
def(X509P, 'checkHost', function (name, options) {
    x509String(name, 'name');
    return sys.x509CheckHost(this._x509.handle, name, x509Flags(options));
});
def(X509P, 'checkEmail', function (email, options) {
    x509String(email, 'email');
    return sys.x509CheckEmail(this._x509.handle, email, x509Flags(options)) ? email : undefined;
});
def(X509P, 'checkIP', function (ip) {
    x509String(ip, 'ip');
    var r = sys.x509CheckIP(this._x509.handle, ip);
    if (r === -1) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Invalid IP');
    return r ? ip : undefined;
});
def(X509P, 'checkIssued', function (otherCert) {
    if (!(otherCert instanceof X509Certificate))
        throw argType('otherCert', 'an instance of X509Certificate', otherCert);
    return sys.x509CheckIssued(this._x509.handle, otherCert._x509.handle);
});
def(X509P, 'checkPrivateKey', function (pkey) {
    if (!(pkey instanceof KeyObject)) throw argType('pkey', 'an instance of KeyObject', pkey);
    if (pkey.type !== 'private')
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'pkey' is invalid. Received " + rt.inspect(pkey));
    return sys.x509CheckPrivateKey(this._x509.handle, pkey._handle);
});
def(X509P, 'verify', function (pkey) {
    if (!(pkey instanceof KeyObject)) throw argType('pkey', 'an instance of KeyObject', pkey);
    if (pkey.type !== 'public')
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'pkey' is invalid. Received " + rt.inspect(pkey));
    return sys.x509Verify(this._x509.handle, pkey._handle);
});
def(X509P, 'toString', function () { return sys.x509Pem(this._x509.handle); });
def(X509P, 'toJSON', function () { return sys.x509Pem(this._x509.handle); });

/* [[name, value], ...] as an object without prototype; a name seen
 * again makes an array of its values, as Node's legacy objects do */
function x509Parts(parts) {
    var o = Object.create(null);
    parts.forEach(function (p) {
        var k = p[0], v = p[1];
        if (!Object.prototype.hasOwnProperty.call(o, k)) o[k] = v;
        else if (Array.isArray(o[k])) o[k].push(v);
        else o[k] = [o[k], v];
    });
    return o;
}

/* toLegacyObject(): the object tls's getPeerCertificate gives, keys in
 * Node's order */
def(X509P, 'toLegacyObject', function () {
    var i = x509Info(this), o = {}, L = i.legacy;
    o.subject = x509Parts(i.subjectParts);
    o.issuer = x509Parts(i.issuerParts);
    if (i.subjectAltName !== undefined) o.subjectaltname = i.subjectAltName;
    if (i.infoAccess !== undefined) {
        var ia = Object.create(null);
        i.infoAccess.split('\n').forEach(function (line) {
            var c = line.indexOf(':');
            if (c < 0) return;
            var k = line.slice(0, c), v = line.slice(c + 1);
            (ia[k] = ia[k] || []).push(v);
        });
        o.infoAccess = ia;
    }
    o.ca = i.ca;
    if (L.modulus !== undefined) o.modulus = L.modulus;
    if (L.bits !== undefined) o.bits = L.bits;
    if (L.exponent !== undefined) o.exponent = L.exponent;
    if (L.pubkey !== undefined) o.pubkey = wrap(L.pubkey);
    if (L.asn1Curve !== undefined) o.asn1Curve = L.asn1Curve;
    if (L.nistCurve !== undefined) o.nistCurve = L.nistCurve;
    o.valid_from = i.validFrom;
    o.valid_to = i.validTo;
    o.fingerprint = i.fingerprint;
    o.fingerprint256 = i.fingerprint256;
    o.fingerprint512 = i.fingerprint512;
    if (i.keyUsage !== undefined) o.ext_key_usage = i.keyUsage.slice();
    o.serialNumber = i.serialNumber;
    o.raw = Buffer.from(i.raw);
    return o;
});

/* --- RSA encryption --- */

/* mode: 1 publicEncrypt, 0 privateDecrypt, 2 privateEncrypt, 3
 * publicDecrypt (sys.cryptoPkeyCrypt's) */
function pkeyCrypt(mode, dfltPadding) {
    return function (key, buffer) {
        /* privateDecrypt reads a public key's PEM as well and leaves it to
         * OpenSSL to say it has no private part, as Node does */
        var isObj = key instanceof KeyObject || (key !== null && typeof key === 'object' && key.key instanceof KeyObject);
        var k = mode === 1 || mode === 3 ? (key instanceof KeyObject && key._type === 'private' ? key : asymmetricKey(key, false, 'key'))
                    : asymmetricKey(key, mode === 2 || isObj, 'key');
        var o = key !== null && typeof key === 'object' && !(key instanceof KeyObject) && !isView(key) ? key : {};
        var padding = o.padding === undefined ? dfltPadding : o.padding;
        /* Node 20 refuses it (the Marvin timing attack) unless started with a revert flag */
        if (mode === 0 && padding === RSA_PKCS1_PADDING)
            throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with --security-revert=CVE-2023-46809');
        var md = padding === RSA_PKCS1_OAEP_PADDING ? sigDigest(o.oaepHash === undefined ? 'sha1' : o.oaepHash) : null;
        var label = o.oaepLabel === undefined ? undefined : bytesOf(o.oaepLabel, undefined, 'oaepLabel');
        return wrap(sys.cryptoPkeyCrypt(k._handle, mode, bytesOf(buffer, 'utf8', 'buffer'), padding, md, label));
    };
}

/* --- Web Crypto (crypto.subtle), a subset over the KeyObjects above ---
 *
 * Written from the Web Cryptography API specification for what npm
 * packages (jose) reach for: digest; HMAC; AES-GCM; ECDSA; RSASSA-PKCS1-v1_5,
 * RSA-PSS and RSA-OAEP; Ed25519.  Each method returns a promise, rejected
 * with a DOMException where the specification says so. */

var HASHES = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
var ALGS = ['HMAC', 'AES-GCM', 'AES-CBC', 'ECDSA', 'ECDH', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'Ed25519',
            'PBKDF2', 'HKDF'];
var WEB_CURVES = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };

function notSupported(msg) { return domError('NotSupportedError', 9, msg || 'Unrecognized algorithm name'); }
function invalidAccess(msg) { return domError('InvalidAccessError', 15, msg); }

/* An AlgorithmIdentifier as { name (canonical case), ...its members }. */
function normAlg(a) {
    if (typeof a === 'string') a = { name: a };
    if (a === null || typeof a !== 'object' || typeof a.name !== 'string')
        throw notSupported();
    var up = a.name.toUpperCase(), out = {}, k, i;
    for (k in a) out[k] = a[k];
    for (i = 0; i < ALGS.length; i++)
        if (ALGS[i].toUpperCase() === up) out.name = ALGS[i];
    for (k in HASHES)
        if (k === up) out.name = k;
    if (ALGS.indexOf(out.name) < 0 && !HASHES[out.name])
        throw notSupported();
    if (out.hash !== undefined) out.hash = normHash(out.hash);
    return out;
}

function normHash(h) {
    var n = (typeof h === 'string' ? h : h && h.name || '').toUpperCase();
    if (!HASHES[n]) throw notSupported();
    return { name: n };
}

function arrayBuffer(buf) {
    return new Uint8Array(buf).buffer;
}

function source(data, name) {
    return bytesOf(data, undefined, name || 'data', true);
}

function CryptoKey() {
    throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}
Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });
defineGetter(CryptoKey.prototype, 'type', function () { return this._type; });
defineGetter(CryptoKey.prototype, 'extractable', function () { return this._extractable; });
defineGetter(CryptoKey.prototype, 'algorithm', function () { return this._algorithm; });
defineGetter(CryptoKey.prototype, 'usages', function () { return this._usages.slice(); });

function cryptoKey(keyObject, algorithm, extractable, usages) {
    var k = Object.create(CryptoKey.prototype);
    k._key = keyObject;
    k._type = keyObject._type;
    k._algorithm = algorithm;
    k._extractable = !!extractable;
    k._usages = usages;
    return k;
}

var PUBLIC_USES = ['verify', 'encrypt', 'wrapKey'];

function splitUsages(usages, pub) {
    var out = [];
    for (var i = 0; i < usages.length; i++)
        if ((PUBLIC_USES.indexOf(usages[i]) >= 0) === pub && out.indexOf(usages[i]) < 0) out.push(usages[i]);
    return out;
}

function keyAlgorithm(alg, keyObject) {
    var a = { name: alg.name };
    if (alg.name === 'HMAC') {
        a.hash = alg.hash;
        a.length = keyObject.symmetricKeySize * 8;
    } else if (alg.name === 'AES-GCM' || alg.name === 'AES-CBC') {
        a.length = keyObject.symmetricKeySize * 8;
    } else if (alg.name === 'ECDSA' || alg.name === 'ECDH') {
        var c = keyObject.asymmetricKeyDetails.namedCurve, n;
        for (n in WEB_CURVES) if (WEB_CURVES[n] === c) a.namedCurve = n;
        if (!a.namedCurve) throw notSupported('Unsupported named curve');
    } else if (alg.name.slice(0, 3) === 'RSA') {
        var d = keyObject.asymmetricKeyDetails, e = keyInfo(keyObject).e, bytes = [];
        while (e > 0) { bytes.unshift(e % 256); e = Math.floor(e / 256); }
        a.modulusLength = d.modulusLength;
        a.publicExponent = new Uint8Array(bytes);
        a.hash = alg.hash;
    }
    return a;
}

function usagesArg(u) {
    if (!Array.isArray(u)) throw argType('keyUsages', 'an instance of Array', u);
    return u.slice();
}

/* A raw EC point (uncompressed) as a public KeyObject of the Web curve
 * named; DataError when it is none. */
function ecRawKey(data, namedCurve) {
    var p = source(data, 'keyData'), curve = WEB_CURVES[namedCurve];
    if (!curve) throw notSupported('Unsupported named curve');
    try {
        p = ecdhPoint(curve, p, 4);
        var half = (p.length - 1) / 2;
        return createPublicKey({ key: { kty: 'EC', crv: namedCurve, x: b64url(p.slice(1, 1 + half)), y: b64url(p.slice(1 + half)) }, format: 'jwk' });
    } catch (e) {
        throw domError('DataError', 0, 'Invalid keyData');
    }
}

function importKeySync(format, data, alg, extractable, usages) {
    alg = normAlg(alg);
    usages = usagesArg(usages);
    var ko, n = alg.name;
    if (n === 'PBKDF2' || n === 'HKDF') {
        /* key material for the derivations: raw only, never extractable */
        if (format !== 'raw') throw notSupported('Unable to import ' + n + ' key with format ' + format);
        for (var d = 0; d < usages.length; d++)
            if (usages[d] !== 'deriveBits' && usages[d] !== 'deriveKey')
                throw domError('SyntaxError', 12, 'Unsupported key usage for a ' + n + ' key');
        if (extractable) throw domError('SyntaxError', 12, n + ' keys are not extractable');
        ko = createSecretKey(source(data, 'keyData'));
        return cryptoKey(ko, { name: n }, false, usages);
    }
    if (format === 'raw' && (n === 'ECDSA' || n === 'ECDH')) {
        ko = ecRawKey(data, alg.namedCurve);
        return cryptoKey(ko, keyAlgorithm(alg, ko), true, usages);
    }
    if (n === 'HMAC' || n === 'AES-GCM' || n === 'AES-CBC') {
        if (format === 'raw') ko = createSecretKey(source(data, 'keyData'));
        else if (format === 'jwk' && data && data.kty === 'oct') ko = createSecretKey(Buffer.from(String(data.k), 'base64'));
        else throw notSupported('Unsupported key format');
        if (n !== 'HMAC' && [16, 24, 32].indexOf(ko.symmetricKeySize) < 0)
            throw domError('DataError', 0, 'Invalid key length');
        if (n === 'HMAC' && !alg.hash) throw argType('algorithm.hash', 'of type object', alg.hash);
        /* WebCrypto's list of what each kind of secret key may do */
        var allowed = n === 'HMAC' ? ['sign', 'verify'] : ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];
        for (var u = 0; u < usages.length; u++)
            if (allowed.indexOf(usages[u]) < 0)
                throw domError('SyntaxError', 12, 'Unsupported key usage for ' + (n === 'HMAC' ? 'an HMAC' : 'an AES') + ' key');
    } else {
        if (format === 'spki') ko = createPublicKey({ key: source(data, 'keyData'), format: 'der', type: 'spki' });
        else if (format === 'pkcs8') ko = createPrivateKey({ key: source(data, 'keyData'), format: 'der', type: 'pkcs8' });
        else if (format === 'jwk') ko = data && data.d !== undefined ? createPrivateKey({ key: data, format: 'jwk' }) : createPublicKey({ key: data, format: 'jwk' });
        else if (format === 'raw' && n === 'Ed25519') ko = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(source(data, 'keyData')) }, format: 'jwk' });
        else throw notSupported('Unsupported key format');
        var t = ko.asymmetricKeyType;
        var ok = n === 'Ed25519' ? t === 'ed25519' : n === 'ECDSA' || n === 'ECDH' ? t === 'ec' : t === 'rsa' || t === 'rsa-pss';
        if (!ok) throw domError('DataError', 0, 'Invalid key type');
        if ((n === 'ECDSA' || n === 'ECDH') && alg.namedCurve !== undefined && WEB_CURVES[alg.namedCurve] !== ko.asymmetricKeyDetails.namedCurve)
            throw domError('DataError', 0, 'Named curve mismatch');
    }
    return cryptoKey(ko, keyAlgorithm(alg, ko), ko._type === 'public' ? true : extractable, usages);
}

var HMAC_BLOCK = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };

function generateKeySync(alg, extractable, usages) {
    alg = normAlg(alg);
    usages = usagesArg(usages);
    var n = alg.name, pair;
    if (n === 'HMAC' || n === 'AES-GCM' || n === 'AES-CBC') {
        var bits = alg.length !== undefined ? alg.length : HMAC_BLOCK[alg.hash && alg.hash.name];
        if (n !== 'HMAC' && [128, 192, 256].indexOf(bits) < 0)
            throw domError('OperationError', 0, 'Invalid key length');
        var ko = createSecretKey(randomBytes(Math.ceil(bits / 8)));
        return cryptoKey(ko, keyAlgorithm(alg, ko), extractable, usages);
    }
    if (n === 'ECDSA' || n === 'ECDH') {
        if (!WEB_CURVES[alg.namedCurve]) throw notSupported('Unsupported named curve');
        pair = generateKeyPairSync('ec', { namedCurve: WEB_CURVES[alg.namedCurve] });
    } else if (n === 'Ed25519') {
        pair = generateKeyPairSync('ed25519');
    } else {
        var e = 0, pe = alg.publicExponent ? new Uint8Array(alg.publicExponent) : new Uint8Array([1, 0, 1]);
        for (var i = 0; i < pe.length; i++) e = e * 256 + pe[i];
        pair = generateKeyPairSync('rsa', { modulusLength: alg.modulusLength, publicExponent: e });
    }
    return {
        publicKey: cryptoKey(pair.publicKey, keyAlgorithm(alg, pair.publicKey), true, splitUsages(usages, true)),
        privateKey: cryptoKey(pair.privateKey, keyAlgorithm(alg, pair.privateKey), extractable, splitUsages(usages, false))
    };
}

function checkKey(key, alg, usage) {
    if (!(key instanceof CryptoKey) && !(key && key._key instanceof KeyObject))
        throw argType('key', 'an instance of CryptoKey', key);
    if (key._algorithm.name !== alg.name)
        throw invalidAccess('The requested operation is not valid for the provided key');
    if (key._usages.indexOf(usage) < 0)
        throw invalidAccess('The requested operation is not valid for the provided key');
}

function sigParams(alg, key) {
    var n = alg.name, hash = key._algorithm.hash;
    if (n === 'ECDSA') return [HASHES[alg.hash.name], { key: key._key, dsaEncoding: 'ieee-p1363' }];
    if (n === 'RSA-PSS') return [HASHES[hash.name], { key: key._key, padding: RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength }];
    if (n === 'RSASSA-PKCS1-v1_5') return [HASHES[hash.name], key._key];
    if (n === 'Ed25519') return [null, key._key];
    throw notSupported();
}

function signSync(alg, key, data) {
    alg = normAlg(alg);
    checkKey(key, alg, 'sign');
    data = source(data);
    if (alg.name === 'HMAC')
        return arrayBuffer(new Hmac(HASHES[key._algorithm.hash.name], key._key).update(data).digest());
    var p = sigParams(alg, key);
    return arrayBuffer(signWith(p[0], data, p[1]));
}

function verifySync(alg, key, sig, data) {
    alg = normAlg(alg);
    checkKey(key, alg, 'verify');
    data = source(data);
    sig = source(sig, 'signature');
    if (alg.name === 'HMAC') {
        var mac = new Hmac(HASHES[key._algorithm.hash.name], key._key).update(data).digest();
        return mac.length === sig.length && timingSafeEqual(mac, sig);
    }
    var p = sigParams(alg, key);
    return verifyWith(p[0], data, p[1], sig);
}

function cipherSync(encrypt, alg, key, data) {
    alg = normAlg(alg);
    checkKey(key, alg, encrypt ? 'encrypt' : 'decrypt');
    data = source(data);
    var n = alg.name;
    if (n === 'RSA-OAEP') {
        var o = { key: key._key, oaepHash: HASHES[key._algorithm.hash.name], padding: RSA_PKCS1_OAEP_PADDING };
        if (alg.label !== undefined) o.oaepLabel = source(alg.label, 'label');
        return arrayBuffer((encrypt ? cryptoModule.publicEncrypt : cryptoModule.privateDecrypt)(o, data));
    }
    var cname = 'aes-' + key._algorithm.length + (n === 'AES-GCM' ? '-gcm' : '-cbc');
    if (key._algorithm.length === 192)
        throw notSupported('Unsupported key length');
    var iv = source(alg.iv, 'iv');
    if (n === 'AES-CBC') {
        var cb = encrypt ? new Cipher(cname, key._key, iv) : new Decipher(cname, key._key, iv);
        try {
            return arrayBuffer(join([cb.update(data), cb.final()]));
        } catch (err) {
            throw domError('OperationError', 0, 'The operation failed for an operation-specific reason');
        }
    }
    var tagLen = alg.tagLength === undefined ? 16 : alg.tagLength / 8;
    if ([4, 8, 12, 13, 14, 15, 16].indexOf(tagLen) < 0)
        throw domError('OperationError', 0, 'Invalid tag length');
    var c = encrypt ? new Cipher(cname, key._key, iv, { authTagLength: tagLen }) : new Decipher(cname, key._key, iv, { authTagLength: tagLen });
    if (alg.additionalData !== undefined) c.setAAD(source(alg.additionalData, 'additionalData'));
    if (encrypt)
        return arrayBuffer(join([c.update(data), c.final(), c.getAuthTag()]));
    if (data.length < tagLen)
        throw domError('OperationError', 0, 'The provided data is too small.');
    c.setAuthTag(data.slice(data.length - tagLen));
    try {
        return arrayBuffer(join([c.update(data.slice(0, data.length - tagLen)), c.final()]));
    } catch (err) {
        throw domError('OperationError', 0, 'The operation failed for an operation-specific reason');
    }
}

var JWK_ALG = {
    HMAC: { 'SHA-1': 'HS1', 'SHA-256': 'HS256', 'SHA-384': 'HS384', 'SHA-512': 'HS512' },
    'RSASSA-PKCS1-v1_5': { 'SHA-1': 'RS1', 'SHA-256': 'RS256', 'SHA-384': 'RS384', 'SHA-512': 'RS512' },
    'RSA-PSS': { 'SHA-1': 'PS1', 'SHA-256': 'PS256', 'SHA-384': 'PS384', 'SHA-512': 'PS512' },
    'RSA-OAEP': { 'SHA-1': 'RSA-OAEP', 'SHA-256': 'RSA-OAEP-256', 'SHA-384': 'RSA-OAEP-384', 'SHA-512': 'RSA-OAEP-512' }
};

function exportKeySync(format, key) {
    if (!(key instanceof CryptoKey))
        throw argType('key', 'an instance of CryptoKey', key);
    if (!key._extractable)
        /* sic: Node 20 names this one InvalidAccessException */
        throw domError('InvalidAccessException', 0, 'key is not extractable');
    var ko = key._key, a = key._algorithm;
    if (format === 'raw') {
        if (ko._type === 'secret') return arrayBuffer(ko.export());
        if (ko._type === 'public' && a.name === 'Ed25519') return arrayBuffer(Buffer.from(ko.export({ format: 'jwk' }).x, 'base64'));
        if (ko._type === 'public' && (a.name === 'ECDSA' || a.name === 'ECDH')) {
            var j = ko.export({ format: 'jwk' });
            return arrayBuffer(join([Buffer.from([4]), Buffer.from(j.x, 'base64'), Buffer.from(j.y, 'base64')]));
        }
    } else if (format === 'spki' && ko._type === 'public') {
        return arrayBuffer(ko.export({ type: 'spki', format: 'der' }));
    } else if (format === 'pkcs8' && ko._type === 'private') {
        return arrayBuffer(ko.export({ type: 'pkcs8', format: 'der' }));
    } else if (format === 'jwk') {
        var jwk = ko.export({ format: 'jwk' });
        if (a.name === 'AES-GCM' || a.name === 'AES-CBC') jwk.alg = 'A' + a.length + a.name.slice(4);
        else if (JWK_ALG[a.name]) jwk.alg = JWK_ALG[a.name][a.hash.name];
        jwk.key_ops = key._usages.slice();
        jwk.ext = true;
        return jwk;
    }
    throw notSupported('Unsupported export format');
}

/* deriveBits(algorithm, baseKey, length): PBKDF2, HKDF and ECDH, with
 * Node 20's errors. */
function missingParam(type, name) {
    return nodeError(TypeError, 'ERR_MISSING_OPTION', "Failed to normalize algorithm: passed algorithm can not be converted to '" +
                     type + "' because '" + name + "' is required in '" + type + "'.");
}
function operationError(msg) {
    return domError('OperationError', 0, msg || 'The operation failed for an operation-specific reason');
}

function deriveBitsSync(alg, key, length, usage) {
    alg = normAlg(alg);
    if (!(key instanceof CryptoKey)) throw argType('baseKey', 'an instance of CryptoKey', key);
    var n = alg.name;
    if (n === 'PBKDF2' || n === 'HKDF') {
        var type = n === 'PBKDF2' ? 'Pbkdf2Params' : 'HkdfParams';
        var need = n === 'PBKDF2' ? ['hash', 'salt', 'iterations'] : ['hash', 'salt', 'info'];
        for (var i = 0; i < need.length; i++)
            if (alg[need[i]] === undefined) throw missingParam(type, need[i]);
    } else if (n === 'ECDH') {
        if (alg['public'] === undefined) throw missingParam('EcdhKeyDeriveParams', 'public');
    } else {
        throw notSupported();
    }
    if (key._algorithm.name !== n) throw invalidAccess('Key algorithm mismatch');
    if (key._usages.indexOf(usage || 'deriveBits') < 0)
        throw invalidAccess('baseKey does not have deriveBits usage');
    if (n === 'ECDH') {
        var pub = alg['public'];
        if (!(pub instanceof CryptoKey) || pub._type !== 'public')
            throw invalidAccess('algorithm.public must be a public key');
        if (pub._algorithm.name !== 'ECDH') throw invalidAccess('Keys must be ECDH keys');
        if (pub._algorithm.namedCurve !== key._algorithm.namedCurve) throw invalidAccess('Named curve mismatch');
        var secret = statelessDiffieHellman({ privateKey: key._key, publicKey: pub._key });
        if (length === null || length === undefined) return arrayBuffer(secret);
        if (length > secret.length * 8) throw operationError('derived bit length is too small');
        var out = Buffer.from(secret.slice(0, Math.ceil(length / 8)));
        if (length % 8) out[out.length - 1] &= 0xff << (8 - length % 8);
        return arrayBuffer(out);
    }
    if (length === null || length === undefined) throw operationError('length cannot be null');
    if (length % 8) throw operationError('length must be a multiple of 8');
    if (length === 0) return new ArrayBuffer(0);
    var hash = HASHES[alg.hash.name], ikm = key._key.export();
    if (n === 'PBKDF2') {
        if (alg.iterations === 0) throw operationError('iterations cannot be zero');
        return arrayBuffer(pbkdf2Sync(ikm, source(alg.salt, 'salt'), alg.iterations, length / 8, hash));
    }
    try {
        return hkdfSync(hash, ikm, source(alg.salt, 'salt'), source(alg.info, 'info'), length / 8);
    } catch (e) {
        throw operationError();
    }
}

/* The length of key derivedKeyAlg needs, in bits (AES: its length; HMAC:
 * its length or its hash's block). */
function derivedLength(a) {
    if (a.name === 'AES-GCM' || a.name === 'AES-CBC') {
        if (a.length === undefined) throw missingParam('AesDerivedKeyParams', 'length');
        return a.length;
    }
    if (a.name === 'HMAC') {
        if (a.hash === undefined) throw missingParam('HmacImportParams', 'hash');
        return a.length !== undefined ? a.length : HMAC_BLOCK[a.hash.name];
    }
    if (a.name === 'HKDF' || a.name === 'PBKDF2') return null;
    throw notSupported();
}

function deriveKeySync(alg, key, derivedAlg, extractable, usages) {
    var d = normAlg(derivedAlg);
    var bits = deriveBitsSync(alg, key, derivedLength(d), 'deriveKey');
    return importKeySync('raw', bits, d, extractable, usages);
}

function promised(f) {
    return function () {
        var args = arguments, self = this;
        return new Promise(function (resolve) { resolve(f.apply(self, args)); });
    };
}

var subtle = {
    digest: promised(function (alg, data) {
        alg = normAlg(alg);
        if (!HASHES[alg.name]) throw notSupported();
        return arrayBuffer(new Hash(HASHES[alg.name]).update(source(data)).digest());
    }),
    importKey: promised(importKeySync),
    generateKey: promised(generateKeySync),
    exportKey: promised(exportKeySync),
    deriveBits: promised(function (alg, key, length) { return deriveBitsSync(alg, key, length); }),
    deriveKey: promised(deriveKeySync),
    sign: promised(signSync),
    verify: promised(verifySync),
    encrypt: promised(function (alg, key, data) { return cipherSync(true, alg, key, data); }),
    decrypt: promised(function (alg, key, data) { return cipherSync(false, alg, key, data); })
};

/* The object is shared with the runtime (put back after each request,
 * harden.js): one per worker, as in Node. */
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
    /* randomFill(buf, [offset, [size]], cb): randomFillSync, told on a later turn */
    randomFill: function (buf, offset, size, cb) {
        if (typeof offset === 'function') { cb = offset; offset = undefined; size = undefined; }
        else if (typeof size === 'function') { cb = size; size = undefined; }
        if (typeof cb !== 'function') throw argType('callback', 'of type function', cb);
        cryptoModule.randomFillSync(buf, offset, size);
        setImmediate(function () { cb(null, buf); });
    },
    randomInt: randomInt,
    randomUUID: function () { return randomUUID(); },
    getRandomValues: getRandomValues,
    timingSafeEqual: timingSafeEqual,
    pbkdf2Sync: pbkdf2Sync,
    pbkdf2: pbkdf2,
    hkdfSync: hkdfSync,
    hkdf: hkdf,
    scryptSync: scryptSync,
    scrypt: scrypt,
    createCipheriv: function (algorithm, key, iv, options) { return new Cipher(algorithm, key, iv, options); },
    createDecipheriv: function (algorithm, key, iv, options) { return new Decipher(algorithm, key, iv, options); },
    getHashes: function () { return sys.cryptoHashes(); },
    getCiphers: function () { return ['aes-128-cbc', 'aes-128-gcm', 'aes-256-cbc', 'aes-256-gcm']; },
    Hash: Hash,
    Hmac: Hmac,
    KeyObject: KeyObject,
    createSecretKey: createSecretKey,
    createPublicKey: createPublicKey,
    createPrivateKey: createPrivateKey,
    createSign: function (algorithm, options) { return new Sign(algorithm, options); },
    createVerify: function (algorithm, options) { return new Verify(algorithm, options); },
    sign: signOneShot,
    verify: verifyOneShot,
    generateKeyPairSync: generateKeyPairSync,
    generateKeyPair: generateKeyPair,
    createECDH: function (curve) { return new ECDH(curve); },
    createDiffieHellman: function (sizeOrKey, keyEncoding, generator, genEncoding) {
        return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
    },
    getDiffieHellman: function (name) { return new DiffieHellmanGroup(name); },
    diffieHellman: statelessDiffieHellman,
    createDiffieHellmanGroup: function (name) { return new DiffieHellmanGroup(name); },
    DiffieHellman: DiffieHellman,
    DiffieHellmanGroup: DiffieHellmanGroup,
    X509Certificate: X509Certificate,
    ECDH: ECDH,
    getCurves: getCurves,
    publicEncrypt: pkeyCrypt(1, RSA_PKCS1_OAEP_PADDING),
    privateDecrypt: pkeyCrypt(0, RSA_PKCS1_OAEP_PADDING),
    privateEncrypt: pkeyCrypt(2, RSA_PKCS1_PADDING),
    publicDecrypt: pkeyCrypt(3, RSA_PKCS1_PADDING),
    Sign: Sign,
    Verify: Verify,
    constants: {
        RSA_PKCS1_PADDING: RSA_PKCS1_PADDING,
        RSA_NO_PADDING: RSA_NO_PADDING,
        RSA_PKCS1_OAEP_PADDING: RSA_PKCS1_OAEP_PADDING,
        RSA_PKCS1_PSS_PADDING: RSA_PKCS1_PSS_PADDING,
        RSA_PSS_SALTLEN_DIGEST: RSA_PSS_SALTLEN_DIGEST,
        RSA_PSS_SALTLEN_MAX_SIGN: RSA_PSS_SALTLEN_MAX_SIGN,
        RSA_PSS_SALTLEN_AUTO: RSA_PSS_SALTLEN_AUTO
    }
};
cryptoModule.webcrypto = { getRandomValues: getRandomValues, randomUUID: cryptoModule.randomUUID, subtle: subtle, CryptoKey: CryptoKey };
/* the global crypto is the module here, so it carries Web Crypto's members too */
cryptoModule.subtle = subtle;
G.CryptoKey = CryptoKey;

rt.builtins.crypto = function () { return cryptoModule; };
G.crypto = cryptoModule;
