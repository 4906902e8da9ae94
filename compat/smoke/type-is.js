const typeis = require('type-is');
const req = { headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': '10' } };
console.log(typeis(req, ['json']), typeis(req, ['text/*']), typeis(req, ['html', 'application/*']), typeis(req, '+json'));
console.log(typeis.hasBody(req), typeis.hasBody({ headers: {} }), typeis.hasBody({ headers: { 'transfer-encoding': 'chunked' } }));
console.log(typeis.is('text/html; charset=utf-8', ['html']), typeis.is('application/vnd.api+json', ['+json']), typeis.is('image/png', ['image/*', 'png']));
console.log(typeis.normalize('urlencoded'), typeis.normalize('multipart'), typeis.match('text/*', 'text/plain'), typeis.match('text/*', 'image/png'));
