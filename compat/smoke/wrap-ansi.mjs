import wrapAnsi from 'wrap-ansi';
const input = 'The quick brown \u001B[31mfox jumped over \u001B[39mthe lazy \u001B[32mdog and then ran away with the unicorn.\u001B[39m';
console.log(JSON.stringify(wrapAnsi(input, 20)));
console.log(wrapAnsi('Lorem ipsum dolor sit amet, consectetur adipiscing elit, 古古古古古古 sed do', 16, { hard: true }));
console.log(JSON.stringify(wrapAnsi('a verylongwordthatdoesnotfit b', 10, { hard: false, trim: false })), JSON.stringify(wrapAnsi('  x\ny  ', 5, { trim: true, wordWrap: false })));
