import emojiRegex from 'emoji-regex';
const text = '\u{231A}: ⌚ default emoji presentation\n\u{2194}\u{FE0F}: ↔️ text with VS16\n\u{1F469}: 👩 woman\n\u{1F469}\u{1F3FF}: 👩🏿 with skin tone\n👨‍👩‍👧‍👦 family 🇩🇪 flag #️⃣ keycap ❤ plain heart';
const found = [];
for (const match of text.matchAll(emojiRegex())) found.push(`${match[0]} at ${match.index} (${[...match[0]].length} cp)`);
console.log(found.join('\n'));
console.log('no emoji here'.match(emojiRegex()), 'a😀b😀'.replace(emojiRegex(), '*'));
