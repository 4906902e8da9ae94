const short = require('short-uuid');
const translator = short.createTranslator();
const uuid = 'a44521d0-0fb8-4ade-8002-3385545c3318';
const s = translator.fromUUID(uuid);
console.log(s, translator.toUUID(s), translator.alphabet);
console.log(short.createTranslator(short.constants.uuid25Base36).fromUUID('00000000-0000-0000-0000-000000000001'), short.createTranslator('0123456789abcdef').fromUUID(uuid), short.createTranslator(short.constants.cookieBase90).fromUUID(uuid));
const gen = translator.generate();
console.log(gen.length <= translator.maxLength, translator.validate(gen), translator.validate('short', true), translator.uuid().length, translator.maxLength, short.generate().length > 0);
