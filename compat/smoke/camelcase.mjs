import camelCase from 'camelcase';
console.log(camelCase('foo-bar'), camelCase('foo_bar'), camelCase('Foo-Bar'), camelCase('Foo-Bar', { pascalCase: true }));
console.log(camelCase('розовый_пушистый_единорог'), camelCase('--foo.bar'), camelCase('__foo__bar__'));
console.log(camelCase(['foo', 'bar']), camelCase('fooBAR', { preserveConsecutiveUppercase: true }));
console.log(camelCase('lorem-ipsum', { locale: 'en-US' }), camelCase('i-stanbul', { locale: 'tr-TR' }));
console.log(camelCase('XMLHttpRequest'), camelCase('foo bar baz 2x'));
