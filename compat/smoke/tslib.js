const tslib = require('tslib');
const { __awaiter, __generator, __assign, __rest, __spreadArray, __extends, __decorate, __values, __read } = tslib;
console.log(__assign({ a: 1 }, { b: 2 }), __rest({ a: 1, b: 2, c: 3 }, ['a']));
console.log(__spreadArray(__spreadArray([], [1, 2], false), [3], false));
function Base() { this.x = 1; }
Base.prototype.hi = function () { return 'hi ' + this.x; };
const Derived = (function (_super) { __extends(D, _super); function D() { const t = _super.call(this) || this; t.x = 2; return t; } return D; })(Base);
console.log(new Derived().hi(), new Derived() instanceof Base);
const f = () => __awaiter(void 0, void 0, void 0, function () { let v; return __generator(this, function (_a) { switch (_a.label) { case 0: return [4, Promise.resolve(21)]; case 1: v = _a.sent(); return [2, v * 2]; } }); });
f().then((v) => console.log('awaiter', v));
const it = __values([10, 20]); console.log(it.next().value, __read([1, 2, 3], 2));
const log = (t, k) => console.log('decorated', k);
class C { m() {} }
__decorate([log], C.prototype, 'm', null);
