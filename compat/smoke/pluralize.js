const pluralize = require('pluralize');
console.log(pluralize('test'), pluralize('test', 1), pluralize('test', 5, true), pluralize.singular('tests'), pluralize.plural('person'), pluralize.singular('people'));
console.log(['box', 'child', 'mouse', 'octopus', 'sheep', 'analysis', 'cactus', 'quiz', 'Category', 'HOUSE'].map((w) => pluralize(w)));
pluralize.addIrregularRule('koala', 'koalii'); pluralize.addUncountableRule('paper'); pluralize.addPluralRule(/gex$/i, 'gexii');
console.log(pluralize('koala'), pluralize('paper'), pluralize('regex'), pluralize.isPlural('test'), pluralize.isSingular('test'));
