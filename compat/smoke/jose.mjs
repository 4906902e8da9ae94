import * as jose from 'jose';
const secret = new TextEncoder().encode('cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2');
const jwt = await new jose.SignJWT({ 'urn:example:claim': true }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(1700000000)
  .setIssuer('urn:example:issuer').setAudience('urn:example:audience').setExpirationTime(1700007200).sign(secret);
console.log(jwt);
const { payload, protectedHeader } = await jose.jwtVerify(jwt, secret, { issuer: 'urn:example:issuer', audience: 'urn:example:audience', currentDate: new Date(1700000100000) });
console.log(protectedHeader, payload);
try { await jose.jwtVerify(jwt, secret, { currentDate: new Date(1800000000000) }); } catch (e) { console.log(e.code, e.claim); }
console.log(jose.decodeJwt(jwt), jose.base64url.encode('hi?'), new TextDecoder().decode(jose.base64url.decode('aGk_')));
const { publicKey, privateKey } = await jose.generateKeyPair('ES256');
const jws = await new jose.CompactSign(new TextEncoder().encode('payload')).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
console.log(new TextDecoder().decode((await jose.compactVerify(jws, publicKey)).payload));
const cek = new Uint8Array(32).map((_, i) => i * 3);
const jwe = await new jose.CompactEncrypt(new TextEncoder().encode('secret text')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(cek);
console.log(new TextDecoder().decode((await jose.compactDecrypt(jwe, cek)).plaintext), await jose.calculateJwkThumbprint({ kty: 'oct', k: 'AQAB' }));
