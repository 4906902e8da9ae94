const inherits = require('inherits');
const { EventEmitter } = require('events');
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return `${this.name} makes a sound`; };
function Dog(name) { Animal.call(this, name); }
inherits(Dog, Animal);
Dog.prototype.speak = function () { return Dog.super_.prototype.speak.call(this) + ' (woof)'; };
const d = new Dog('Rex');
console.log(d.speak(), d instanceof Animal, Dog.super_ === Animal, Object.getPrototypeOf(Dog.prototype) === Animal.prototype, d.constructor.name);
function Stream() { EventEmitter.call(this); }
inherits(Stream, EventEmitter);
const s = new Stream(); s.on('x', (v) => console.log('event', v)); s.emit('x', 1);
