const Negotiator = require('negotiator');
const n = new Negotiator({ headers: { accept: 'text/html, application/*;q=0.2, image/jpeg;q=0.8', 'accept-language': 'en;q=0.8, es, pt', 'accept-charset': 'utf-8, iso-8859-1;q=0.8, utf-7;q=0.2', 'accept-encoding': 'gzip, compress;q=0.2, identity;q=0.5' } });
console.log(n.mediaTypes(), n.mediaType(['application/json', 'text/plain']), n.mediaTypes(['text/html', 'image/jpeg', 'application/xml']));
console.log(n.languages(), n.language(['fr', 'en']), n.charsets(), n.charset(['iso-8859-1', 'utf-7']));
console.log(n.encodings(), n.encoding(['deflate', 'gzip']), n.encodings(['br', 'identity'], { preferred: ['identity'] }));
