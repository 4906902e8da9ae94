const { of, from, range, firstValueFrom, lastValueFrom, Subject, BehaviorSubject, combineLatest, zip } = require('rxjs');
const { map, filter, scan, reduce, toArray, mergeMap, take, distinctUntilChanged } = require('rxjs/operators');
range(1, 10).pipe(filter((x) => x % 2 === 1), map((x) => x * x), toArray()).subscribe((v) => console.log('squares', v));
of(1, 1, 2, 2, 3).pipe(distinctUntilChanged(), scan((a, b) => a + b, 0)).subscribe({ next: (v) => console.log('scan', v), complete: () => console.log('done') });
const s = new Subject();
s.pipe(take(2)).subscribe((v) => console.log('subject', v));
s.next('a'); s.next('b'); s.next('c');
const b = new BehaviorSubject(0);
combineLatest([b, of('x')]).subscribe((v) => console.log('combine', v));
b.next(1);
zip(of(1, 2), of('a', 'b')).subscribe((v) => console.log('zip', v));
(async () => {
  console.log('first', await firstValueFrom(from([5, 6]).pipe(mergeMap((x) => of(x, x * 10)))));
  console.log('last', await lastValueFrom(from(Promise.resolve(7)).pipe(reduce((a, x) => a + x, 1))));
})();
