const dedent = require('dedent');
console.log(dedent`
    first line
      indented more
    last line ${1 + 1}
  `);
console.log(JSON.stringify(dedent('\n      a\n        b\n      c\n    ')), dedent.withOptions({ escapeSpecialCharacters: false })`
  \`raw\` \${x}
`);
const v = 'multi\nline';
console.log(dedent`
  value: ${v}
  done
`);
