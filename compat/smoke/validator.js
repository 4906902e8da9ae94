const validator = require('validator');
console.log(validator.isEmail('foo@bar.com'), validator.isEmail('foo@bar'), validator.isEmail('"quoted"@example.com', { allow_utf8_local_part: true }));
console.log(validator.isURL('https://example.com/path?q=1'), validator.isURL('ftp://x', { protocols: ['http', 'https'] }), validator.isFQDN('sub.example.co.uk'));
console.log(validator.isIP('192.168.1.1'), validator.isIP('::ffff:127.0.0.1', 6), validator.isUUID('123e4567-e89b-12d3-a456-426614174000'));
console.log(validator.isCreditCard('4111111111111111'), validator.isIBAN('DE89370400440532013000'), validator.isISBN('978-3-16-148410-0'));
console.log(validator.isJSON('{"a":1}'), validator.isBase64('aGVsbG8='), validator.isHexColor('#ff0'), validator.isMobilePhone('+14155552671', 'en-US'));
console.log(validator.isStrongPassword('Abcdef1!'), validator.isISO8601('2024-02-29T13:45:30Z'), validator.isAlpha('Äpfel', 'de-DE'), validator.isPostalCode('10115', 'DE'));
console.log(validator.escape('<a href="x">&</a>'), validator.normalizeEmail('Foo.Bar+tag@GMail.com'), validator.trim('  x  '), validator.toInt('42abc'));
console.log(validator.isSlug('my-slug'), validator.isJWT('eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo'), validator.blacklist('abc123', '0-9'));
