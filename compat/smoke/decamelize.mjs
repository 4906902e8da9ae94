import decamelize from 'decamelize';
console.log(decamelize('unicornRainbow'), decamelize('unicornRainbow', { separator: '-' }));
console.log(decamelize('testGUILabel'), decamelize('testGUILabel', { preserveConsecutiveUppercase: true }));
console.log(decamelize('XMLHttpRequest'), decamelize('XMLHttpRequest', { separator: ' ' }));
console.log(decamelize('thisHasÄUmlaut'), decamelize('already_snake'), decamelize('ID'));
