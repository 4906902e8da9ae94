const fresh = require('fresh');
console.log(fresh({ 'if-none-match': '"foo"' }, { etag: '"foo"' }), fresh({ 'if-none-match': '"foo"' }, { etag: '"bar"' }));
console.log(fresh({ 'if-none-match': 'W/"foo", "baz"' }, { etag: '"foo"' }), fresh({ 'if-none-match': '*' }, { etag: '"x"' }));
// If-Modified-Since against Last-Modified: HTTP dates
console.log(fresh({ 'if-modified-since': 'Sat, 01 Jan 2000 00:00:00 GMT' }, { 'last-modified': 'Fri, 31 Dec 1999 00:00:00 GMT' }), fresh({ 'if-modified-since': 'Sat, 01 Jan 2000 00:00:00 GMT' }, { 'last-modified': 'Sun, 02 Jan 2000 00:00:00 GMT' }));
console.log(fresh({ 'cache-control': 'no-cache', 'if-none-match': '"a"' }, { etag: '"a"' }), fresh({}, {}));
