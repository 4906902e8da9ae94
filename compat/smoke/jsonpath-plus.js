const { JSONPath } = require('jsonpath-plus');
const json = { store: { book: [
  { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
  { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
  { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
], bicycle: { color: 'red', price: 19.95 } } };
console.log(JSONPath({ path: '$.store.book[*].author', json }), JSONPath({ path: '$..price', json }));
console.log(JSONPath({ path: '$..book[?(@.price < 10)].title', json }), JSONPath({ path: '$..book[?(@.isbn)].title', json }));
console.log(JSONPath({ path: '$..book[-1:]', json, resultType: 'path' }), JSONPath({ path: '$.store.*~', json }), JSONPath({ path: '$..book.length', json }));
console.log(JSONPath({ path: '$..book[0,1].title', json, wrap: false }), JSONPath.toPathArray('$.a.b[0]'), JSONPath({ path: '$.store.book[?(@.category === "fiction" && @.price > 10)].title', json }));
