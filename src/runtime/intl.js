/* intl.js - Intl (Collator, NumberFormat, DateTimeFormat, PluralRules,
 * RelativeTimeFormat, ListFormat, Segmenter, Locale, getCanonicalLocales) and the
 * locale-aware methods of String, Number and Date, on ICU.
 *
 * Duktape 2.7 has no Intl and answers toLocaleString with its own fixed
 * format; libraries (luxon, date-fns' format helpers, i18n code) and plain
 * `n.toLocaleString('en-US')` expect what node prints.  Node's V8 builds
 * its Intl on ICU the same way: options become an ICU number skeleton
 * ("currency/EUR .00"), a date skeleton ("yMMMdjm") resolved to the
 * locale's pattern, collator attributes; field positions become
 * formatToParts' parts.  This file does that translation; the natives
 * (bindings/js_icu.c) only call ICU.
 *
 * Formatters are costly to open (a date pattern generator loads the
 * locale's data, ~1 ms), and toLocaleString in a loop would open one per
 * call, so the handles are cached by locale and options; they hold no
 * request's data.
 *
 * Needs: sys.icu* (js_icu.c), sys.hidden; BigInt (bigint.js).  When called:
 *   rt.iter (front-rt.js); rt.isBigInt, rt.bigValue (bigint.js).
 * Provides: rt.exposed (the Segments prototypes), the global Intl;
 *   String.prototype.normalize, localeCompare,
 *   toLocaleUpperCase, toLocaleLowerCase; Number.prototype.toLocaleString,
 *   BigInt.prototype.toLocaleString;
 *   Date.prototype.toLocaleString, toLocaleDateString, toLocaleTimeString,
 *   and toString, toDateString, toTimeString as V8 prints them.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var defProp = Object.defineProperty;
var hasOwn = Object.prototype.hasOwnProperty;
var SLOT = sys.hidden('intl');   /* unseen by Reflect.ownKeys, as node's internal slots */
var DEFAULT_LOCALE = 'en-US';

function method(o, name, fn) {
    defProp(o, name, { value: fn, writable: true, configurable: true });
}

function getter(o, name, fn) {
    defProp(o, name, { get: fn, configurable: true });
}

/* --- locales ----------------------------------------------------------- */

function canonicalize(tag) {
    if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null))
        throw new TypeError('Language ID should be string or object.');
    if (tag instanceof Locale) return tag.toString();
    var c = sys.icuCanonicalTag(String(tag));
    if (c === undefined) throw new RangeError('Incorrect locale information provided');
    return c;
}

function getCanonicalLocales(locales) {
    if (locales === undefined) return [];
    var list = typeof locales === 'string' || locales instanceof Locale ? [locales] : Object(locales);
    var len = Math.floor(Number(list.length)), n = len > 0 ? Math.min(len, 9007199254740991) : 0, out = [];   /* ToLength */
    for (var i = 0; i < n; i++) {
        if (!(i in list)) continue;
        var c = canonicalize(list[i]);
        if (out.indexOf(c) < 0) out.push(c);
    }
    return out;
}

var available = null;
function isAvailable(base) {
    if (!available) {
        available = Object.create(null);
        sys.icuAvailable().forEach(function (t) { available[t] = true; });
    }
    return available[base] === true;
}

/* "de-DE-u-co-phonebk" -> { base: "de-DE", ext: { co: "phonebk" } } */
function splitTag(tag) {
    var m = /^(.*?)(?:-u((?:-[a-z0-9]{2,8})+))?(-[a-wyz0-9]-.*|-x-.*)?$/i.exec(tag);
    var base = m[1], ext = {};
    if (m[2]) {
        var bits = m[2].slice(1).split('-'), key = null;
        for (var i = 0; i < bits.length; i++) {
            if (bits[i].length === 2) { key = bits[i]; ext[key] = 'true'; }
            else if (key) ext[key] = ext[key] === 'true' ? bits[i] : ext[key] + '-' + bits[i];
        }
    }
    return { base: base, ext: ext };
}

/* The first requested locale ICU has data for (itself, or with its region
 * or script dropped), else the default: { locale, base, ext } */
function resolveLocale(locales) {
    var list = getCanonicalLocales(locales);
    for (var i = 0; i < list.length; i++) {
        var t = splitTag(list[i]), b = t.base;
        while (b) {
            if (isAvailable(b)) return { locale: t.base, base: t.base, ext: t.ext };
            var cut = b.lastIndexOf('-');
            b = cut > 0 ? b.slice(0, cut) : '';
        }
    }
    return { locale: DEFAULT_LOCALE, base: DEFAULT_LOCALE, ext: {} };
}

/* the tag ICU is given: the base and the extension keys the caller keeps */
function icuTag(r, keys) {
    var s = '';
    for (var k in keys) if (hasOwn.call(keys, k) && keys[k] !== undefined) s += '-' + k + '-' + keys[k];
    return r.base + (s ? '-u' + s : '');
}

function supportedLocalesOf(locales) {
    return getCanonicalLocales(locales).filter(function (t) {
        var b = splitTag(t).base;
        while (b) {
            if (isAvailable(b)) return true;
            var cut = b.lastIndexOf('-');
            b = cut > 0 ? b.slice(0, cut) : '';
        }
        return false;
    });
}

/* --- options ----------------------------------------------------------- */

function toOptions(o) {
    if (o === undefined) return Object.create(null);
    if (o === null) throw new TypeError('Cannot convert undefined or null to object');
    return Object(o);
}

function getOption(o, name, values, fallback, ctor) {
    var v = o[name];
    if (v === undefined) return fallback;
    if (values === 'boolean') return Boolean(v);
    v = String(v);
    if (values && values.indexOf(v) < 0)
        throw new RangeError('Value ' + v + ' out of range for ' + ctor + ' options property ' + name);
    return v;
}

function getNumberOption(o, name, min, max, fallback) {
    var v = o[name];
    if (v === undefined) return fallback;
    v = Number(v);
    if (v !== v || v < min || v > max) throw new RangeError(name + ' value is out of range.');
    return Math.floor(v);
}

/* A cache of ICU handles by key, bounded: an application uses a few
 * formats, a loop uses one many times. */
var cache = Object.create(null), cached = 0;
function cachedHandle(key, open) {
    var h = cache[key];
    if (h) return h;
    if (++cached > 200) { cache = Object.create(null); cached = 1; }
    return (cache[key] = open());
}

function slot(o, kind, name) {
    var s = o !== null && typeof o === 'object' ? o[SLOT] : undefined;
    if (!s || s.kind !== kind)
        throw new TypeError('Method Intl.' + kind + '.prototype.' + name + ' called on incompatible receiver ' + String(o));
    return s;
}

function hidden(o, v) {
    defProp(o, SLOT, { value: v });
}

/* a copy of what resolvedOptions() reports */
function resolvedOf(o, kind) {
    var s = slot(o, kind, 'resolvedOptions'), out = {};
    for (var k in s.resolved) out[k] = s.resolved[k];
    return out;
}

/* resolvedOptions() and supportedLocalesOf(), alike for every constructor */
function intlCommon(Ctor, kind) {
    method(Ctor.prototype, 'resolvedOptions', function resolvedOptions() { return resolvedOf(this, kind); });
    method(Ctor, 'supportedLocalesOf', supportedLocalesOf);
}

/* --- Collator ---------------------------------------------------------- */

function Collator(locales, options) {
    if (!(this instanceof Collator)) return new Collator(locales, options);
    var o = toOptions(options), r = resolveLocale(locales);
    var usage = getOption(o, 'usage', ['sort', 'search'], 'sort', 'Intl.Collator');
    var numeric = o.numeric !== undefined ? Boolean(o.numeric) : r.ext.kn === 'true' || r.ext.kn === '';
    var caseFirst = getOption(o, 'caseFirst', ['upper', 'lower', 'false'], r.ext.kf || 'false', 'Intl.Collator');
    var sensitivity = getOption(o, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant', 'Intl.Collator');
    var ignore = getOption(o, 'ignorePunctuation', 'boolean', false);
    var strength = sensitivity === 'base' || sensitivity === 'case' ? 0 : sensitivity === 'accent' ? 1 : 2;
    var key = 'C' + r.base + '|' + [strength, sensitivity, numeric, caseFirst, ignore, usage].join('|');
    var h = cachedHandle(key, function () {
        return sys.icuCollator(icuTag(r, usage === 'search' ? { co: 'search' } : {}), strength,
                               sensitivity === 'case', numeric,
                               caseFirst === 'upper' ? 1 : caseFirst === 'lower' ? 2 : 0, ignore);
    });
    hidden(this, { kind: 'Collator', h: h, compare: null,
                   resolved: { locale: r.locale, usage: usage, sensitivity: sensitivity, ignorePunctuation: ignore,
                               collation: 'default', numeric: numeric, caseFirst: caseFirst } });
}
getter(Collator.prototype, 'compare', function () {
    var s = slot(this, 'Collator', 'compare');
    if (!s.compare) s.compare = function (a, b) { return sys.icuCompare(s.h, String(a), String(b)); };
    return s.compare;
});
intlCommon(Collator, 'Collator');

/* --- NumberFormat ------------------------------------------------------ */

var NF = 'Intl.NumberFormat';
var UNITS = ('acre bit byte celsius centimeter day degree fahrenheit fluid-ounce foot gallon gigabit gigabyte ' +
    'gram hectare hour inch kilobit kilobyte kilogram kilometer liter megabit megabyte meter microsecond mile ' +
    'mile-scandinavian milliliter millimeter millisecond minute month nanosecond ounce percent petabyte pound ' +
    'second stone terabit terabyte week yard year').split(' ');

function checkUnit(u) {
    var ok = function (x) { return UNITS.indexOf(x) >= 0; };
    var p = u.split('-per-');
    if (!(p.length === 1 ? ok(u) : p.length === 2 && ok(p[0]) && ok(p[1])))
        throw new RangeError('Invalid unit argument for Intl.NumberFormat() \'' + u + '\'');
}

/* The digit options of NumberFormat and PluralRules (SetNumberFormatDigitOptions) */
function digitOptions(o, minFDdefault, maxFDdefault, notation) {
    var d = { minimumIntegerDigits: getNumberOption(o, 'minimumIntegerDigits', 1, 21, 1) };
    var mnfd = o.minimumFractionDigits, mxfd = o.maximumFractionDigits;
    var mnsd = o.minimumSignificantDigits, mxsd = o.maximumSignificantDigits;
    d.roundingPriority = getOption(o, 'roundingPriority', ['auto', 'morePrecision', 'lessPrecision'], 'auto', NF);
    if (mnsd !== undefined || mxsd !== undefined) {
        d.minimumSignificantDigits = getNumberOption(o, 'minimumSignificantDigits', 1, 21, 1);
        d.maximumSignificantDigits = getNumberOption(o, 'maximumSignificantDigits', d.minimumSignificantDigits, 21, 21);
    } else if (mnfd !== undefined || mxfd !== undefined) {
        var mn = getNumberOption(o, 'minimumFractionDigits', 0, 100, undefined);
        var mx = getNumberOption(o, 'maximumFractionDigits', 0, 100, undefined);
        if (mn === undefined) mn = Math.min(minFDdefault, mx);
        else if (mx === undefined) mx = Math.max(maxFDdefault, mn);
        else if (mn > mx) throw new RangeError('maximumFractionDigits value is out of range.');
        d.minimumFractionDigits = mn;
        d.maximumFractionDigits = mx;
    } else if (notation === 'compact') {
        d.compactRounding = true;
    } else {
        d.minimumFractionDigits = minFDdefault;
        d.maximumFractionDigits = maxFDdefault;
    }
    return d;
}

/* the digit options as resolvedOptions() reports them */
function putDigits(res, d) {
    res.minimumIntegerDigits = d.minimumIntegerDigits;
    if (d.minimumFractionDigits !== undefined) {
        res.minimumFractionDigits = d.minimumFractionDigits;
        res.maximumFractionDigits = d.maximumFractionDigits;
    }
    if (d.minimumSignificantDigits !== undefined) {
        res.minimumSignificantDigits = d.minimumSignificantDigits;
        res.maximumSignificantDigits = d.maximumSignificantDigits;
    }
    return res;
}

function digitSkeleton(d) {
    var s = [];
    if (d.minimumIntegerDigits > 1) s.push('integer-width/*' + new Array(d.minimumIntegerDigits + 1).join('0'));
    if (d.minimumSignificantDigits !== undefined)
        s.push(new Array(d.minimumSignificantDigits + 1).join('@') +
               new Array(d.maximumSignificantDigits - d.minimumSignificantDigits + 1).join('#') +
               (d.trailingZeroDisplay === 'stripIfInteger' ? '/w' : ''));
    else if (d.minimumFractionDigits !== undefined)
        s.push(d.maximumFractionDigits === 0 ? 'precision-integer' :
               '.' + new Array(d.minimumFractionDigits + 1).join('0') +
               new Array(d.maximumFractionDigits - d.minimumFractionDigits + 1).join('#') +
               (d.trailingZeroDisplay === 'stripIfInteger' ? '/w' : ''));
    s.push('rounding-mode-' + ({ ceil: 'ceiling', floor: 'floor', expand: 'up', trunc: 'down',
                                 halfCeil: 'half-ceiling', halfFloor: 'half-floor', halfExpand: 'half-up',
                                 halfTrunc: 'half-down', halfEven: 'half-even' })[d.roundingMode || 'halfExpand']);
    return s;
}

function NumberFormat(locales, options) {
    if (!(this instanceof NumberFormat)) return new NumberFormat(locales, options);
    var o = toOptions(options), r = resolveLocale(locales);
    var nu = r.ext.nu && /^[a-z]{3,8}$/.test(r.ext.nu) ? r.ext.nu : 'latn';
    var style = getOption(o, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal', NF);
    var currency = o.currency, currencyDisplay, currencySign, unit = o.unit, unitDisplay, cd = 0;
    if (currency !== undefined) {
        currency = String(currency);
        if (!/^[A-Za-z]{3}$/.test(currency)) throw new RangeError('Invalid currency code : ' + currency);
        currency = currency.toUpperCase();
    } else if (style === 'currency') throw new TypeError('Currency code is required with currency style.');
    currencyDisplay = getOption(o, 'currencyDisplay', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol', NF);
    currencySign = getOption(o, 'currencySign', ['standard', 'accounting'], 'standard', NF);
    if (unit !== undefined) { unit = String(unit); checkUnit(unit); }
    else if (style === 'unit') throw new TypeError('Unit is required with unit style.');
    unitDisplay = getOption(o, 'unitDisplay', ['short', 'narrow', 'long'], 'short', NF);
    var notation = getOption(o, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard', NF);
    if (style === 'currency') cd = sys.icuCurrencyDigits(currency);
    var d = digitOptions(o, style === 'currency' && notation === 'standard' ? cd : 0,
                         style === 'currency' && notation === 'standard' ? cd : style === 'percent' ? 0 : 3, notation);
    var compactDisplay = getOption(o, 'compactDisplay', ['short', 'long'], 'short', NF);
    var grouping = o.useGrouping;
    grouping = grouping === undefined ? (notation === 'compact' ? 'min2' : 'auto') :
        grouping === true ? 'always' : grouping === false || grouping === '' ? false :
        getOption(o, 'useGrouping', ['min2', 'auto', 'always', 'true', 'false'], 'auto', NF);
    if (grouping === 'true' || grouping === 'false') grouping = notation === 'compact' ? 'min2' : 'auto';
    var signDisplay = getOption(o, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto', NF);
    d.roundingMode = getOption(o, 'roundingMode', ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor',
                                                   'halfExpand', 'halfTrunc', 'halfEven'], 'halfExpand', NF);
    d.trailingZeroDisplay = getOption(o, 'trailingZeroDisplay', ['auto', 'stripIfInteger'], 'auto', NF);

    var sk = [];
    if (style === 'percent') sk.push('percent', 'scale/100');
    else if (style === 'currency') {
        sk.push('currency/' + currency);
        if (currencyDisplay === 'code') sk.push('unit-width-iso-code');
        else if (currencyDisplay === 'name') sk.push('unit-width-full-name');
        else if (currencyDisplay === 'narrowSymbol') sk.push('unit-width-narrow');
    } else if (style === 'unit') {
        sk.push(unit === 'percent' ? 'percent' : 'unit/' + unit);
        sk.push(unitDisplay === 'long' ? 'unit-width-full-name' : unitDisplay === 'narrow' ? 'unit-width-narrow' : 'unit-width-short');
    }
    if (notation === 'scientific') sk.push('scientific');
    else if (notation === 'engineering') sk.push('engineering');
    else if (notation === 'compact') sk.push(compactDisplay === 'long' ? 'compact-long' : 'compact-short');
    sk = sk.concat(digitSkeleton(d));
    if (grouping === false) sk.push('group-off');
    else if (grouping === 'min2') sk.push('group-min2');
    else if (grouping === 'always') sk.push('group-on-aligned');
    var acc = currencySign === 'accounting' && style === 'currency';
    var sign = { auto: acc ? 'sign-accounting' : '', never: 'sign-never',
                 always: acc ? 'sign-accounting-always' : 'sign-always',
                 exceptZero: acc ? 'sign-accounting-except-zero' : 'sign-except-zero',
                 negative: acc ? 'sign-accounting-negative' : 'sign-negative' }[signDisplay];
    if (sign) sk.push(sign);
    if (nu !== 'latn') sk.push('numbering-system/' + nu);
    var skeleton = sk.join(' '), tag = r.base;
    var h = cachedHandle('N' + tag + '|' + skeleton, function () { return sys.icuNumberFormat(tag, skeleton); });

    var res = { locale: r.locale + (nu !== 'latn' ? '-u-nu-' + nu : ''), numberingSystem: nu, style: style };
    if (style === 'currency') { res.currency = currency; res.currencyDisplay = currencyDisplay; res.currencySign = currencySign; }
    if (style === 'unit') { res.unit = unit; res.unitDisplay = unitDisplay; }
    putDigits(res, d);
    res.useGrouping = grouping;
    res.notation = notation;
    if (notation === 'compact') res.compactDisplay = compactDisplay;
    res.signDisplay = signDisplay;
    res.roundingMode = d.roundingMode;
    res.roundingIncrement = 1;
    res.trailingZeroDisplay = d.trailingZeroDisplay;
    res.roundingPriority = d.roundingPriority;
    hidden(this, { kind: 'NumberFormat', h: h, format: null, resolved: res, digits: d });
}

/* a number, or a string of decimal digits kept exact past a double's */
function toIntlNumber(x) {
    if (typeof x === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(x)) return x.trim();
    if (rt.isBigInt(x)) return String(x);
    return Number(x);
}

var NUMBER_PARTS = ['integer', 'fraction', 'decimal', 'exponentSeparator', 'exponentMinusSign', 'exponentInteger',
                    'group', 'currency', 'percentSign', 'literal', 'sign', 'unit', 'compact', 'approximatelySign'];

/* [text, field, begin, end, ...] -> [{ type, value }]: each character
 * takes the innermost field that holds it (an integer field spans its
 * group separators) */
function toParts(f, names, fix) {
    var text = f[0], owner = new Array(text.length), width = new Array(text.length), i, k, out = [];
    for (k = 1; k + 2 < f.length + 1; k += 3) {
        for (i = f[k + 1]; i < f[k + 2]; i++)
            if (owner[i] === undefined || f[k + 2] - f[k + 1] < width[i]) { owner[i] = f[k]; width[i] = f[k + 2] - f[k + 1]; }
    }
    for (i = 0; i < text.length;) {
        var j = i + 1;
        while (j < text.length && owner[j] === owner[i]) j++;
        var type = owner[i] === undefined ? 'literal' : names[owner[i]] || 'literal';
        out.push({ type: fix ? fix(type, text.slice(i, j)) : type, value: text.slice(i, j) });
        i = j;
    }
    return out;
}

function formatNumber(s, x) {
    return sys.icuFormatNumber(s.h, toIntlNumber(x), false);
}

getter(NumberFormat.prototype, 'format', function () {
    var s = slot(this, 'NumberFormat', 'format');
    if (!s.format) s.format = function (x) { return formatNumber(s, x); };
    return s.format;
});
method(NumberFormat.prototype, 'formatToParts', function (x) {
    var s = slot(this, 'NumberFormat', 'formatToParts'), v = toIntlNumber(x);
    return toParts(sys.icuFormatNumber(s.h, v, true), NUMBER_PARTS, function (type, text) {
        if (type === 'sign') return /[-\u2212]/.test(text) ? 'minusSign' : 'plusSign';
        if (type === 'integer' && typeof v === 'number') return v !== v ? 'nan' : v === Infinity || v === -Infinity ? 'infinity' : type;
        return type;
    });
});
intlCommon(NumberFormat, 'NumberFormat');

/* --- PluralRules ------------------------------------------------------- */

function PluralRules(locales, options) {
    if (!(this instanceof PluralRules)) throw new TypeError('Constructor Intl.PluralRules requires \'new\'');
    var o = toOptions(options), r = resolveLocale(locales);
    var type = getOption(o, 'type', ['cardinal', 'ordinal'], 'cardinal', 'Intl.PluralRules');
    var d = digitOptions(o, 0, 3, 'standard');
    var sk = digitSkeleton(d).join(' '), tag = r.base;
    var nf = cachedHandle('N' + tag + '|' + sk, function () { return sys.icuNumberFormat(tag, sk); });
    var h = cachedHandle('P' + tag + '|' + type, function () { return sys.icuPluralRules(tag, type === 'ordinal'); });
    var res = putDigits({ locale: r.locale, type: type }, d);
    hidden(this, { kind: 'PluralRules', h: h, nf: nf, resolved: res });
}
method(PluralRules.prototype, 'select', function (n) {
    var s = slot(this, 'PluralRules', 'select');
    return sys.icuPluralSelect(s.h, s.nf, Number(n));
});
method(PluralRules.prototype, 'resolvedOptions', function resolvedOptions() {
    var s = slot(this, 'PluralRules', 'resolvedOptions'), out = resolvedOf(this, 'PluralRules');
    /* the categories the rules can answer, found by asking them, in the
     * order node 20 lists them (ICU's keyword order: "other" last) */
    var seen = {}, order = ['few', 'many', 'one', 'two', 'zero', 'other'];
    for (var i = 0; i <= 200; i++) { seen[sys.icuPluralSelect(s.h, s.nf, i)] = 1; seen[sys.icuPluralSelect(s.h, s.nf, i + 0.5)] = 1; }
    out.pluralCategories = order.filter(function (c) { return seen[c]; });
    out.roundingIncrement = 1;
    out.roundingMode = 'halfExpand';
    out.roundingPriority = 'auto';
    out.trailingZeroDisplay = 'auto';
    return out;
});
method(PluralRules, 'supportedLocalesOf', supportedLocalesOf);

/* --- DateTimeFormat ---------------------------------------------------- */

var DTF = 'Intl.DateTimeFormat';
var STYLES = ['full', 'long', 'medium', 'short'];
var TWO = ['2-digit', 'numeric'];
var TEXT = ['narrow', 'short', 'long'];
var DATE_FIELDS = [
    ['weekday', TEXT, { narrow: 'EEEEE', short: 'EEE', long: 'EEEE' }],
    ['era', TEXT, { narrow: 'GGGGG', short: 'G', long: 'GGGG' }],
    ['year', TWO, { '2-digit': 'yy', numeric: 'y' }],
    ['month', ['2-digit', 'numeric', 'narrow', 'short', 'long'], { '2-digit': 'MM', numeric: 'M', narrow: 'MMMMM', short: 'MMM', long: 'MMMM' }],
    ['day', TWO, { '2-digit': 'dd', numeric: 'd' }],
    ['dayPeriod', TEXT, { narrow: 'BBBBB', short: 'B', long: 'BBBB' }],
    ['hour', TWO, null],
    ['minute', TWO, { '2-digit': 'mm', numeric: 'm' }],
    ['second', TWO, { '2-digit': 'ss', numeric: 's' }],
    ['fractionalSecondDigits', null, null],
    ['timeZoneName', ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'],
     { short: 'z', long: 'zzzz', shortOffset: 'O', longOffset: 'OOOO', shortGeneric: 'v', longGeneric: 'vvvv' }]
];

/* ICU's UDateFormatField -> formatToParts' type */
var DATE_PARTS = ['era', 'year', 'month', 'day', 'hour', 'hour', 'minute', 'second', 'fractionalSecond', 'weekday',
                  'literal', 'literal', 'literal', 'literal', 'dayPeriod', 'hour', 'hour', 'timeZoneName', 'year',
                  'weekday', 'year', 'literal', 'literal', 'timeZoneName', 'timeZoneName', 'weekday', 'month',
                  'literal', 'literal', 'timeZoneName', 'yearName', 'timeZoneName', 'timeZoneName', 'timeZoneName',
                  'relatedYear', 'dayPeriod', 'dayPeriod', 'literal'];

function canonicalZone(tz) {
    var up = tz.toUpperCase();
    if (up === 'UTC' || up === 'ETC/UTC' || up === 'GMT' || up === 'ETC/GMT' || up === 'ETC/UCT' || up === 'UCT' ||
        up === 'ETC/UNIVERSAL' || up === 'ETC/ZULU' || up === 'ETC/GREENWICH' || up === 'ETC/GMT0' || up === 'GMT0')
        return 'UTC';
    var m = /^([+-])(\d{2}):?(\d{2})$/.exec(tz);
    if (m) return m[1] + m[2] + ':' + m[3];
    var c = sys.icuTimeZone(tz);
    if (c === undefined) return undefined;
    return c === 'Etc/UTC' || c === 'Etc/GMT' ? 'UTC' : c;
}

var defaultZone = null;
function localZone() {
    if (defaultZone === null) defaultZone = canonicalZone(sys.icuTimeZone() || 'UTC') || 'UTC';
    return defaultZone;
}

/* "h:mm:ss a" -> what resolvedOptions reports for each field */
function patternOptions(pattern, res) {
    var re = /'(?:[^']|'')*'|([A-Za-z])\1*/g, m;
    while ((m = re.exec(pattern))) {
        if (!m[1]) continue;
        var n = m[0].length, c = m[1];
        var text = n === 4 ? 'long' : n === 5 ? 'narrow' : 'short';
        if (c === 'y') res.year = n === 2 ? '2-digit' : 'numeric';
        else if (c === 'M' || c === 'L') res.month = n === 1 ? 'numeric' : n === 2 ? '2-digit' : text;
        else if (c === 'd') res.day = n === 2 ? '2-digit' : 'numeric';
        else if (c === 'E' || c === 'c') res.weekday = n <= 3 ? 'short' : text;
        else if (c === 'G') res.era = n <= 3 ? 'short' : text;
        else if (c === 'h' || c === 'H' || c === 'K' || c === 'k') {
            res.hourCycle = { h: 'h12', H: 'h23', K: 'h11', k: 'h24' }[c];
            res.hour12 = c === 'h' || c === 'K';
            res.hour = n === 2 ? '2-digit' : 'numeric';
        } else if (c === 'm') res.minute = n === 2 ? '2-digit' : 'numeric';
        else if (c === 's') res.second = n === 2 ? '2-digit' : 'numeric';
        else if (c === 'S') res.fractionalSecondDigits = n;
        else if (c === 'z') res.timeZoneName = n === 4 ? 'long' : 'short';
        else if (c === 'O') res.timeZoneName = n === 4 ? 'longOffset' : 'shortOffset';
        else if (c === 'v') res.timeZoneName = n === 4 ? 'longGeneric' : 'shortGeneric';
        else if (c === 'B') res.dayPeriod = text;
    }
    return res;
}

/* required: 'date', 'time' or 'any'; defaults: 'date', 'time' or 'all'
 * (ToDateTimeOptions) */
function DateTimeFormat(locales, options, required, defaults) {
    if (!(this instanceof DateTimeFormat)) return new DateTimeFormat(locales, options);
    var o = toOptions(options), r = resolveLocale(locales), i;
    var calendar = o.calendar !== undefined ? String(o.calendar) : r.ext.ca || 'gregory';
    var nu = o.numberingSystem !== undefined ? String(o.numberingSystem) : r.ext.nu || 'latn';
    var hour12 = o.hour12 === undefined ? undefined : Boolean(o.hour12);
    var hourCycle = getOption(o, 'hourCycle', ['h11', 'h12', 'h23', 'h24'], r.ext.hc, DTF);
    if (hour12 !== undefined) hourCycle = undefined;
    var tz = o.timeZone;
    if (tz === undefined) tz = localZone();
    else {
        var c = canonicalZone(String(tz));
        if (c === undefined) throw new RangeError('Invalid time zone specified: ' + String(tz));
        tz = c;
    }
    var chosen = {}, any = false, sk = '';
    for (i = 0; i < DATE_FIELDS.length; i++) {
        var f = DATE_FIELDS[i], v;
        if (f[0] === 'fractionalSecondDigits') {
            v = getNumberOption(o, 'fractionalSecondDigits', 1, 3, undefined);
            if (v !== undefined) { chosen[f[0]] = v; any = true; }
            continue;
        }
        v = getOption(o, f[0], f[1], undefined, DTF);
        if (v !== undefined) { chosen[f[0]] = v; any = true; }
    }
    getOption(o, 'formatMatcher', ['basic', 'best fit'], 'best fit', DTF);
    var dateStyle = getOption(o, 'dateStyle', STYLES, undefined, DTF);
    var timeStyle = getOption(o, 'timeStyle', STYLES, undefined, DTF);
    if ((dateStyle || timeStyle) && any)
        throw new TypeError("Can't set option " + Object.keys(chosen)[0] + ' when ' + (dateStyle ? 'dateStyle' : 'timeStyle') + ' is used');
    required = required || 'any';
    defaults = defaults || 'date';
    if (!dateStyle && !timeStyle) {
        var needDefaults = true;
        if (required !== 'time' && (chosen.weekday || chosen.year || chosen.month || chosen.day)) needDefaults = false;
        if (required !== 'date' && (chosen.dayPeriod || chosen.hour || chosen.minute || chosen.second || chosen.fractionalSecondDigits)) needDefaults = false;
        if (needDefaults && (defaults === 'date' || defaults === 'all')) chosen.year = chosen.month = chosen.day = 'numeric';
        if (needDefaults && (defaults === 'time' || defaults === 'all')) chosen.hour = chosen.minute = chosen.second = 'numeric';
    }
    var hc = hourCycle || (hour12 === true ? 'h12' : hour12 === false ? 'h23' : undefined);
    for (i = 0; i < DATE_FIELDS.length; i++) {
        var name = DATE_FIELDS[i][0], val = chosen[name];
        if (val === undefined) continue;
        if (name === 'hour') {
            var letter = hc === 'h11' ? 'K' : hc === 'h12' ? 'h' : hc === 'h23' ? 'H' : hc === 'h24' ? 'k' : 'j';
            sk += val === '2-digit' ? letter + letter : letter;
        } else if (name === 'fractionalSecondDigits') sk += new Array(val + 1).join('S');
        else sk += DATE_FIELDS[i][2][val];
    }
    var tag = icuTag(r, { ca: calendar !== 'gregory' ? calendar : undefined, nu: nu !== 'latn' ? nu : undefined });
    var ds = dateStyle ? STYLES.indexOf(dateStyle) : -1, ts = timeStyle ? STYLES.indexOf(timeStyle) : -1;
    var key = 'D' + tag + '|' + (sk || ds + '/' + ts) + '|' + tz;
    var h = cachedHandle(key, function () {
        return sys.icuDateFormat(tag, sk, ds, ts, /^[+-]/.test(tz) ? 'GMT' + tz : tz);
    });
    var res = { locale: r.locale, calendar: calendar, numberingSystem: nu, timeZone: tz };
    var pattern = sys.icuDatePattern(h);
    if (dateStyle || timeStyle) {
        var p = patternOptions(pattern, {});
        if (p.hourCycle) { res.hourCycle = p.hourCycle; res.hour12 = p.hour12; }
        if (dateStyle) res.dateStyle = dateStyle;
        if (timeStyle) res.timeStyle = timeStyle;
    } else {
        var all = patternOptions(pattern, {});
        if (all.hourCycle) { res.hourCycle = all.hourCycle; res.hour12 = all.hour12; }
        ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second',
         'fractionalSecondDigits', 'timeZoneName'].forEach(function (n) {
            /* as the locale's pattern shows it, as V8 reports it ("HH:mm":
             * 2-digit, whatever was asked) */
            if (chosen[n] !== undefined && all[n] !== undefined) res[n] = all[n];
        });
    }
    hidden(this, { kind: 'DateTimeFormat', h: h, format: null, resolved: res });
}

function toTime(d) {
    var t = d === undefined ? Date.now() : Number(d);
    if (t !== t || t > 8.64e15 || t < -8.64e15) throw new RangeError('Invalid time value');
    return t;
}

/* CLDR 42 puts a narrow no-break space before AM/PM; node 20's format()
 * prints a plain space there (what code that parses the result expects),
 * its formatToParts() keeps the narrow one */
function formatDate(h, t) {
    var r = sys.icuFormatDate(h, t, false);
    return r.indexOf('\u202f') >= 0 ? r.replace(/\u202f/g, ' ') : r;
}

getter(DateTimeFormat.prototype, 'format', function () {
    var s = slot(this, 'DateTimeFormat', 'format');
    if (!s.format) s.format = function (d) { return formatDate(s.h, toTime(d)); };
    return s.format;
});
method(DateTimeFormat.prototype, 'formatToParts', function (d) {
    var s = slot(this, 'DateTimeFormat', 'formatToParts');
    return toParts(sys.icuFormatDate(s.h, toTime(d), true), DATE_PARTS);
});
intlCommon(DateTimeFormat, 'DateTimeFormat');

/* --- RelativeTimeFormat and ListFormat ---------------------------------- */

var REL_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];

function RelativeTimeFormat(locales, options) {
    if (!(this instanceof RelativeTimeFormat)) throw new TypeError('Constructor Intl.RelativeTimeFormat requires \'new\'');
    var o = toOptions(options), r = resolveLocale(locales);
    var style = getOption(o, 'style', ['long', 'short', 'narrow'], 'long', 'Intl.RelativeTimeFormat');
    var numeric = getOption(o, 'numeric', ['always', 'auto'], 'always', 'Intl.RelativeTimeFormat');
    var tag = r.base;
    var h = cachedHandle('R' + tag + '|' + style, function () {
        return sys.icuRelativeTimeFormat(tag, ['long', 'short', 'narrow'].indexOf(style));
    });
    hidden(this, { kind: 'RelativeTimeFormat', h: h,
                   resolved: { locale: r.locale, style: style, numeric: numeric, numberingSystem: 'latn' } });
}
method(RelativeTimeFormat.prototype, 'format', function (value, unit) {
    var s = slot(this, 'RelativeTimeFormat', 'format'), v = Number(value);
    var u = String(unit), i = REL_UNITS.indexOf(u.replace(/s$/, ''));
    if (i < 0) throw new RangeError('Invalid unit argument for format() \'' + u + '\'');
    if (v !== v || v === Infinity || v === -Infinity) throw new RangeError('Invalid time value');
    return sys.icuFormatRelative(s.h, v, i, s.resolved.numeric === 'always');
});
intlCommon(RelativeTimeFormat, 'RelativeTimeFormat');

function ListFormat(locales, options) {
    if (!(this instanceof ListFormat)) throw new TypeError('Constructor Intl.ListFormat requires \'new\'');
    var o = toOptions(options), r = resolveLocale(locales);
    var type = getOption(o, 'type', ['conjunction', 'disjunction', 'unit'], 'conjunction', 'Intl.ListFormat');
    var style = getOption(o, 'style', ['long', 'short', 'narrow'], 'long', 'Intl.ListFormat');
    var tag = r.base;
    var h = cachedHandle('L' + tag + '|' + type + '|' + style, function () {
        return sys.icuListFormat(tag, ['conjunction', 'disjunction', 'unit'].indexOf(type), ['long', 'short', 'narrow'].indexOf(style));
    });
    hidden(this, { kind: 'ListFormat', h: h, resolved: { locale: r.locale, type: type, style: style } });
}
method(ListFormat.prototype, 'format', function (list) {
    var s = slot(this, 'ListFormat', 'format'), items = [];
    if (list !== undefined) {
        var it = rt.iter ? rt.iter(list) : null, step;
        if (it) while (!(step = it.next()).done) {
            if (typeof step.value !== 'string') throw new TypeError('Iterable yielded ' + String(step.value) + ' which is not a string');
            items.push(step.value);
        }
    }
    return sys.icuFormatList(s.h, items);
});
intlCommon(ListFormat, 'ListFormat');

/* --- Segmenter ---------------------------------------------------------- */

/* ICU's break iterators find the boundaries (sys.icuBreaks: all of a
 * string's at once, as end * 2 + wordLike numbers); a Segments object
 * asks for them the first time it is read and keeps them, and its
 * iterator and containing() look segments up in that list.  Indices are
 * UTF-16 code units, as in V8. */
var GRANULARITIES = ['grapheme', 'word', 'sentence'];
var SEG = 'Intl.Segmenter';

function Segmenter(locales, options) {
    if (!(this instanceof Segmenter)) throw new TypeError('Constructor Intl.Segmenter requires \'new\'');
    /* GetOptionsObject: no ToObject here, unlike the older constructors;
     * V8's message for it */
    if (options !== undefined && (options === null || typeof options !== 'object' && typeof options !== 'function'))
        throw new TypeError('invalid_argument');
    var o = toOptions(options), r = resolveLocale(locales);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', SEG);
    var g = getOption(o, 'granularity', GRANULARITIES, 'grapheme', SEG);
    var tag = r.base;
    var h = cachedHandle('S' + tag + '|' + g, function () {
        return sys.icuBreakIterator(tag, GRANULARITIES.indexOf(g));
    });
    hidden(this, { kind: 'Segmenter', h: h, resolved: { locale: r.locale, granularity: g } });
}

var SegmentsProto = {}, SegmentIteratorProto = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));

/* the hidden state of a Segments object or its iterator, or V8's TypeError */
function segState(o, kind, name) {
    var s = o !== null && typeof o === 'object' ? o[SLOT] : undefined;
    if (!s || s.kind !== kind)
        throw new TypeError('Method %' + kind + '.prototype%.' + name + ' called on incompatible receiver ' +
                            (o !== null && typeof o === 'object' ? '#<Object>' : String(o)));
    return s;
}

function segEnds(seg) {
    if (!seg.ends) seg.ends = seg.input === '' ? [] : sys.icuBreaks(seg.h, seg.input);
    return seg.ends;
}

/* segment k of seg as the object V8 gives: segment, index, input, and
 * isWordLike for word granularity */
function segmentData(seg, k) {
    var ends = segEnds(seg), from = k ? Math.floor(ends[k - 1] / 2) : 0, to = Math.floor(ends[k] / 2);
    var d = { segment: seg.input.slice(from, to), index: from, input: seg.input };
    if (seg.word) d.isWordLike = ends[k] % 2 === 1;
    return d;
}

intlCommon(Segmenter, 'Segmenter');
method(Segmenter.prototype, 'segment', function segment(string) {
    var s = slot(this, 'Segmenter', 'segment');
    /* ToString, which String() is not for a symbol */
    if (typeof string === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    var seg = Object.create(SegmentsProto);
    hidden(seg, { kind: 'Segments', h: s.h, input: String(string), word: s.resolved.granularity === 'word', ends: null });
    return seg;
});
/* the options are optional: V8's length */
defProp(Segmenter, 'length', { value: 0, configurable: true });

method(SegmentsProto, 'containing', function containing(index) {
    var seg = segState(this, 'Segments', 'containing'), n = Number(index);
    n = n !== n ? 0 : n < 0 ? Math.ceil(n) : Math.floor(n);
    if (n < 0 || n >= seg.input.length) return undefined;
    /* the first segment that ends past n */
    var ends = segEnds(seg), lo = 0, hi = ends.length - 1;
    while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (Math.floor(ends[mid] / 2) > n) hi = mid;
        else lo = mid + 1;
    }
    return segmentData(seg, lo);
});
method(SegmentsProto, Symbol.iterator, function () {
    var seg = segState(this, 'Segments', '[Symbol.iterator]'), it = Object.create(SegmentIteratorProto);
    hidden(it, { kind: 'SegmentIterator', seg: seg, k: 0 });
    return it;
});

method(SegmentIteratorProto, 'next', function next() {
    var st = segState(this, 'SegmentIterator', 'next'), ends = segEnds(st.seg);
    if (st.k >= ends.length) return { value: undefined, done: true };
    return { value: segmentData(st.seg, st.k++), done: false };
});
if (typeof SegmentIteratorProto[Symbol.iterator] !== 'function')
    method(SegmentIteratorProto, Symbol.iterator, function () { return this; });
defProp(SegmentIteratorProto, Symbol.toStringTag, { value: 'Segmenter String Iterator', configurable: true });
/* reached from no global: harden.js freezes them through this list */
rt.exposed = (rt.exposed || []).concat([SegmentsProto, SegmentIteratorProto]);

/* --- Locale ------------------------------------------------------------ */

function Locale(tag, options) {
    if (!(this instanceof Locale)) throw new TypeError('Constructor Intl.Locale requires \'new\'');
    if (typeof tag !== 'string' && !(tag instanceof Locale) && (typeof tag !== 'object' || tag === null))
        throw new TypeError('First argument to Intl.Locale constructor can\'t be empty or missing');
    var t = splitTag(canonicalize(tag)), o = toOptions(options);
    var sub = t.base.split('-'), language = sub[0], script, region, i;
    for (i = 1; i < sub.length; i++) {
        if (/^[A-Za-z]{4}$/.test(sub[i]) && script === undefined && region === undefined) script = sub[i];
        else if (/^([A-Za-z]{2}|\d{3})$/.test(sub[i]) && region === undefined) region = sub[i];
    }
    if (o.language !== undefined) language = String(o.language);
    if (o.script !== undefined) script = String(o.script);
    if (o.region !== undefined) region = String(o.region);
    var ext = t.ext;
    [['calendar', 'ca'], ['collation', 'co'], ['hourCycle', 'hc'], ['caseFirst', 'kf'], ['numberingSystem', 'nu']].forEach(function (p) {
        if (o[p[0]] !== undefined) ext[p[1]] = String(o[p[0]]);
    });
    if (o.numeric !== undefined) ext.kn = String(Boolean(o.numeric));
    var base = language + (script ? '-' + script : '') + (region ? '-' + region : '');
    var keys = Object.keys(ext).sort(), u = keys.map(function (k) { return k + (ext[k] === 'true' ? '' : '-' + ext[k]); }).join('-');
    hidden(this, { kind: 'Locale', base: base, tag: canonicalize(base + (u ? '-u-' + u : '')),
                   language: language, script: script, region: region, ext: ext });
}
method(Locale.prototype, 'toString', function () { return slot(this, 'Locale', 'toString').tag; });
[['baseName', 'base'], ['language', 'language'], ['script', 'script'], ['region', 'region']].forEach(function (p) {
    getter(Locale.prototype, p[0], function () { return slot(this, 'Locale', p[0])[p[1]]; });
});
[['calendar', 'ca'], ['collation', 'co'], ['hourCycle', 'hc'], ['caseFirst', 'kf'], ['numberingSystem', 'nu']].forEach(function (p) {
    getter(Locale.prototype, p[0], function () { return slot(this, 'Locale', p[0]).ext[p[1]]; });
});
getter(Locale.prototype, 'numeric', function () {
    var kn = slot(this, 'Locale', 'numeric').ext.kn;
    return kn === 'true' || kn === '';
});

/* --- the global -------------------------------------------------------- */

var Intl = {};
[['Collator', Collator], ['NumberFormat', NumberFormat], ['DateTimeFormat', DateTimeFormat],
 ['PluralRules', PluralRules], ['RelativeTimeFormat', RelativeTimeFormat], ['ListFormat', ListFormat],
 ['Segmenter', Segmenter], ['Locale', Locale]].forEach(function (p) {
    method(Intl, p[0], p[1]);
    defProp(p[1].prototype, Symbol.toStringTag, { value: 'Intl.' + p[0], configurable: true });
});
method(Intl, 'getCanonicalLocales', getCanonicalLocales);
defProp(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
method(G, 'Intl', Intl);

/* --- the locale-aware methods of the standard library ------------------ */

function thisString(v, name) {
    if (v === null || v === undefined) throw new TypeError('String.prototype.' + name + ' called on null or undefined');
    return String(v);
}

method(String.prototype, 'normalize', function normalize(form) {
    var s = thisString(this, 'normalize');
    var f = form === undefined ? 'NFC' : String(form), i = ['NFC', 'NFD', 'NFKC', 'NFKD'].indexOf(f);
    if (i < 0) throw new RangeError('The normalization form should be one of NFC, NFD, NFKC, NFKD.');
    /* ASCII is in every normal form */
    return /^[\x00-\x7f]*$/.test(s) ? s : sys.icuNormalize(s, i);
});

method(String.prototype, 'localeCompare', function localeCompare(that, locales, options) {
    var s = thisString(this, 'localeCompare');
    if (locales === undefined && options === undefined) {
        var c = cachedHandle('Cdefault', function () { return new Collator(); });
        return c.compare(s, String(that));
    }
    return new Collator(locales, options).compare(s, String(that));
});

function caseLocale(locales) {
    var list = getCanonicalLocales(locales);
    return list.length ? splitTag(list[0]).base : '';
}
method(String.prototype, 'toLocaleUpperCase', function toLocaleUpperCase(locales) {
    var s = thisString(this, 'toLocaleUpperCase'), l = caseLocale(locales);
    return /^(tr|az|lt)\b/.test(l) ? sys.icuCase(s, l, true) : s.toUpperCase();
});
method(String.prototype, 'toLocaleLowerCase', function toLocaleLowerCase(locales) {
    var s = thisString(this, 'toLocaleLowerCase'), l = caseLocale(locales);
    return /^(tr|az|lt)\b/.test(l) ? sys.icuCase(s, l, false) : s.toLowerCase();
});

/* one formatter per (locales, options) for the plain calls, as a loop of
 * toLocaleString makes them */
function formatterFor(kind, Ctor, locales, options, required, defaults) {
    var key;
    if (options === undefined && (locales === undefined || typeof locales === 'string'))
        key = kind + '\u0000' + (locales || '');
    if (key === undefined) return new Ctor(locales, options, required, defaults);
    return cachedHandle(key, function () { return new Ctor(locales, options, required, defaults); });
}

var numberValueOf = Number.prototype.valueOf;
method(Number.prototype, 'toLocaleString', function toLocaleString(locales, options) {
    var x = numberValueOf.call(this);
    return formatterFor('n', NumberFormat, locales, options).format(x);
});

/* a bigint in the locale's digits and grouping, as node */
method(BigInt.prototype, 'toLocaleString', function toLocaleString(locales, options) {
    var x = rt.bigValue(this, 'toLocaleString');
    return formatterFor('n', NumberFormat, locales, options).format(x);
});

var dateValueOf = Date.prototype.valueOf;
function dateLocale(name, required, defaults) {
    method(Date.prototype, name, function (locales, options) {
        var t = dateValueOf.call(this);
        if (t !== t) return 'Invalid Date';
        return formatterFor(name, DateTimeFormat, locales, options, required, defaults).format(t);
    });
}
dateLocale('toLocaleString', 'any', 'all');
dateLocale('toLocaleDateString', 'date', 'date');
dateLocale('toLocaleTimeString', 'time', 'time');

/* Date's toString, toDateString and toTimeString as V8 prints them ("Sat
 * Jan 01 2000 13:00:12 GMT+0100 (Central European Standard Time)"; Duktape
 * prints ISO-like text), the zone's name from ICU in English as V8 does */
var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
var MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function pad(n, w) { var s = String(Math.abs(n)); while (s.length < w) s = '0' + s; return (n < 0 ? '-' : '') + s; }
function dateText(d) {
    return DAYS[d.getDay()] + ' ' + MONTH_NAMES[d.getMonth()] + ' ' + pad(d.getDate(), 2) + ' ' + pad(d.getFullYear(), 4);
}
function timeText(d, t) {
    var off = -d.getTimezoneOffset(), name = '';
    var f = cachedHandle('Dzone', function () { return new DateTimeFormat('en-US', { timeZoneName: 'long' }); });
    var parts = f.formatToParts(t);
    for (var i = 0; i < parts.length; i++) if (parts[i].type === 'timeZoneName') name = parts[i].value;
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + ' GMT' +
        (off < 0 ? '-' : '+') + pad(Math.floor(Math.abs(off) / 60), 2) + pad(Math.abs(off) % 60, 2) +
        (name ? ' (' + name + ')' : '');
}
method(Date.prototype, 'toString', function toString() {
    var t = dateValueOf.call(this);
    return t !== t ? 'Invalid Date' : dateText(this) + ' ' + timeText(this, t);
});
method(Date.prototype, 'toDateString', function toDateString() {
    var t = dateValueOf.call(this);
    return t !== t ? 'Invalid Date' : dateText(this);
});
method(Date.prototype, 'toTimeString', function toTimeString() {
    var t = dateValueOf.call(this);
    return t !== t ? 'Invalid Date' : timeText(this, t);
});
