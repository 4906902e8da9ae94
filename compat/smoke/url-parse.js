const Url = require('url-parse');
const u = new Url('https://user:pass@sub.example.com:8080/p/a/t/h?query=string&x=1#hash', true);
console.log(u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.query, u.hash, u.origin);
console.log(u.toString(), new Url('/foo/bar?x', 'https://example.com/base/').href, new Url('../up', 'https://e.com/a/b/c').href);
u.set('hostname', 'other.org'); u.set('query', { y: '2' });
console.log(u.href, Url.qs.parse('?a=1&b=%20'), Url.extractProtocol('mailto:a@b.c'), new Url('HTTP://EXAMPLE.com:80/').href);
