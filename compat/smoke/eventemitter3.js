const EventEmitter = require('eventemitter3');
const ee = new EventEmitter();
const ctx = { name: 'ctx' };
ee.on('data', function (a, b) { console.log('data', a, b, this.name); }, ctx);
ee.once('data', (a) => console.log('once', a));
console.log(ee.emit('data', 1, 2), ee.emit('data', 3), ee.emit('nothing'));
console.log(ee.listenerCount('data'), ee.eventNames());
const sym = Symbol('evt');
ee.on(sym, () => console.log('symbol event'));
ee.emit(sym);
ee.removeAllListeners('data');
console.log(ee.listeners('data'), ee.eventNames().length, typeof EventEmitter.prefixed);
class Bus extends EventEmitter { fire() { this.emit('fire', 'boom'); } }
const bus = new Bus(); bus.addListener('fire', console.log); bus.fire(); bus.off('fire', console.log); bus.fire();
