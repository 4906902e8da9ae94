import stringWidth from 'string-width';
console.log(stringWidth('a'), stringWidth('abc'), stringWidth('古'), stringWidth('\u001B[1m古\u001B[22m'));
console.log(stringWidth('😀'), stringWidth('👨‍👩‍👧‍👦'), stringWidth('🇩🇪'), stringWidth('e\u0301'));
console.log(stringWidth('アイウ'), stringWidth('한국어'), stringWidth('\u200B'), stringWidth(''));
console.log(stringWidth('Ⅻ'), stringWidth('Ⅻ', { ambiguousIsNarrow: false }), stringWidth('\u001B[31mx\u001B[39m', { countAnsiEscapeCodes: true }));
