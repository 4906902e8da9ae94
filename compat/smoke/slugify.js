const slugify = require('slugify');
console.log(slugify('some string'), slugify('Some String!', { lower: true, strict: true }), slugify('Crème brûlée & Café', { lower: true }));
console.log(slugify('unicode ♥ is ☢', { replacement: '_' }), slugify('  trim  me  ', { trim: true }), slugify('Ökonomie Straße', { locale: 'de' }));
slugify.extend({ '☢': 'radioactive' });
console.log(slugify('unicode ♥ is ☢'), slugify('a.b*c+d~e', { remove: /[*+~.()'"!:@]/g }), slugify('Привет мир'), slugify('tiếng việt', { locale: 'vi' }));
