const { diffChars, diffWords, diffLines, createPatch, applyPatch, parsePatch, structuredPatch, diffJson, diffArrays } = require('diff');
const show = (parts) => parts.map((p) => (p.added ? `+[${p.value}]` : p.removed ? `-[${p.value}]` : p.value)).join('');
console.log(show(diffChars('beep boop', 'beep boob blah')), '|', show(diffWords('The quick brown fox', 'The slow brown dog')));
console.log(show(diffLines('a\nb\nc\n', 'a\nB\nc\nd\n')), diffArrays([1, 2, 3], [1, 3, 4]).map((p) => `${p.added ? '+' : p.removed ? '-' : '='}${p.value}`));
const patch = createPatch('file.txt', 'line1\nline2\nline3\n', 'line1\nline two\nline3\nline4\n', 'old', 'new', { context: 1 });
console.log(patch);
console.log(JSON.stringify(applyPatch('line1\nline2\nline3\n', patch)), parsePatch(patch)[0].hunks.length, structuredPatch('a', 'b', 'x\n', 'y\n').hunks[0].lines);
console.log(show(diffJson({ a: 1, b: [1, 2] }, { a: 2, b: [1, 2] })), applyPatch('totally different\n', patch));
