const mime = require('mime-types');
console.log(mime.lookup('json'), mime.lookup('.md'), mime.lookup('file.html'), mime.lookup('folder/file.js'), mime.lookup('folderfile'), mime.lookup('x.mjs'));
console.log(mime.contentType('markdown'), mime.contentType('file.json'), mime.contentType('text/html'), mime.contentType('application/octet-stream'));
console.log(mime.extension('application/octet-stream'), mime.extension('text/html; charset=utf-8'), mime.charset('text/markdown'), mime.charset('image/png'));
console.log(mime.types.wasm, mime.extensions['application/pdf']);
