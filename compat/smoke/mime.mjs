import mime, { Mime } from 'mime';
import standardTypes from 'mime/types/standard.js';
console.log(mime.getType('txt'), mime.getType('json'), mime.getType('dir/file.HTML'), mime.getType('.png'), mime.getType('archive.tar.gz'), mime.getType('noext'));
console.log(mime.getExtension('text/plain'), mime.getExtension('application/json; charset=utf-8'), mime.getExtension('image/svg+xml'), [...mime.getAllExtensions('image/jpeg')]);
const custom = new Mime(standardTypes).define({ 'text/x-custom': ['cust', 'cst'] });
console.log(custom.getType('file.cst'), custom.getExtension('text/x-custom'), custom.getType('file.webp'));
