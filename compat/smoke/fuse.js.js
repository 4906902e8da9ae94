const Fuse = require('fuse.js');
const books = [
  { title: "Old Man's War", author: { firstName: 'John', lastName: 'Scalzi' }, tags: ['fiction'] },
  { title: 'The Lock Artist', author: { firstName: 'Steve', lastName: 'Hamilton' }, tags: ['thriller'] },
  { title: 'HTML5', author: { firstName: 'Remy', lastName: 'Sharp' }, tags: ['nonfiction', 'web'] },
  { title: 'Right Ho Jeeves', author: { firstName: 'P.D', lastName: 'Woodhouse' }, tags: ['fiction', 'humor'] },
];
const fuse = new Fuse(books, { keys: ['title', 'author.lastName', { name: 'tags', weight: 0.3 }], includeScore: true, includeMatches: true, threshold: 0.4 });
const r = fuse.search('jeves');
console.log(r.map((x) => [x.item.title, x.refIndex, x.score.toFixed(4)]), JSON.stringify(r[0].matches));
console.log(fuse.search('scalzy').map((x) => x.item.title), fuse.search({ $and: [{ tags: 'fiction' }, { title: 'war' }] }).map((x) => x.item.title));
const ext = new Fuse(books, { keys: ['title'], useExtendedSearch: true });
console.log(ext.search("'Lock | ^HTML").map((x) => x.item.title), ext.search('!Old !Right !HTML').map((x) => x.item.title));
const strings = new Fuse(['apple', 'apricot', 'banana', 'grape']);
console.log(strings.search('aple', { limit: 2 }).map((x) => x.item), Fuse.version.split('.').length);
