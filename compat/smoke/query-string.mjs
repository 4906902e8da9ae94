import queryString from 'query-string';
console.log(queryString.parse('?foo=bar&abc=xyz&abc=123&empty=&flag'));
console.log(queryString.parse('foo[]=1&foo[]=2&n=5&b=true', { arrayFormat: 'bracket', parseNumbers: true, parseBooleans: true }));
console.log(queryString.parse('foo=1,2,3', { arrayFormat: 'comma' }), queryString.parse('a=%E2%82%AC+x'));
console.log(queryString.stringify({ b: 2, a: [1, 'x y'], c: null, d: undefined, e: '' }), queryString.stringify({ a: [1, 2] }, { arrayFormat: 'index', sort: false }));
console.log(queryString.parseUrl('https://foo.bar?foo=bar#hash', { parseFragmentIdentifier: true }), queryString.stringifyUrl({ url: 'https://x.dev/?a=1', query: { b: 'ü' } }));
console.log(queryString.pick('https://x.dev?a=1&b=2&c=3', ['a', 'c']), queryString.exclude('?a=1&b=2', ['a']), queryString.extract('https://x.dev/p?q=1#h'));
