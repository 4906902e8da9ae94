import { camelCase, capitalCase, constantCase, dotCase, kebabCase, noCase, pascalCase, pascalSnakeCase, pathCase, sentenceCase, snakeCase, trainCase, split } from 'change-case';
const input = 'Hello World, version2 of the XMLParser!';
for (const f of [camelCase, capitalCase, constantCase, dotCase, kebabCase, noCase, pascalCase, pascalSnakeCase, pathCase, sentenceCase, snakeCase, trainCase]) console.log(f.name, JSON.stringify(f(input)));
console.log(split('fooBarBaz_qux-QUUX'), camelCase('version 1.2.10', { mergeAmbiguousCharacters: true }), kebabCase('_private_value', { prefixCharacters: '_' }));
console.log(pascalCase('Ünïcödé wörds ärë fïnë'), snakeCase('ABCDef'), camelCase('foo bar', { locale: 'tr' }));
