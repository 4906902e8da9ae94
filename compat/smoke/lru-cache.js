const { LRUCache } = require('lru-cache');
const cache = new LRUCache({ max: 3, dispose: (v, k, reason) => console.log('dispose', k, v, reason) });
cache.set('a', 1).set('b', 2).set('c', 3);
cache.get('a');
cache.set('d', 4);
console.log([...cache.keys()], cache.has('b'), cache.size, cache.peek('c'));
const sized = new LRUCache({ maxSize: 10, sizeCalculation: (v) => v.length });
sized.set('x', 'aaaa'); sized.set('y', 'bbbbbb'); sized.set('z', 'cc');
console.log([...sized.entries()], sized.calculatedSize);
const f = new LRUCache({ max: 10, fetchMethod: async (k) => k.toUpperCase() });
(async () => {
  console.log(await f.fetch('hello'), f.get('hello'), cache.delete('a'), [...cache.rkeys()]);
  const t = new LRUCache({ max: 5, ttl: 20, ttlAutopurge: false });
  t.set('k', 'v');
  console.log(t.get('k'), t.getRemainingTTL('k') > 0);
  await new Promise((r) => setTimeout(r, 40));
  console.log(t.get('k'), cache.dump().length);
})();
