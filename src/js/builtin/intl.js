/*
 * internal/intl: the global Intl for en-US, as Node 20 with full ICU
 * formats it: NumberFormat, DateTimeFormat, Collator, PluralRules,
 * getCanonicalLocales.  fnpool carries no other locale: a valid tag it
 * does not carry (de-DE, fr) formats as en-US and resolvedOptions()
 * says en-US; a malformed one throws as in Node.  Digits come from C
 * (native.formatDigits, numfmt.c), calendar fields from datefmt.c,
 * comparisons from collate.c.  Also the paths of Number's, Date's and
 * String's toLocale* methods that take a locale or options.
 */
'use strict';

var hasOwn = Object.prototype.hasOwnProperty;

function define(obj, props) {
	for (var k in props)
		Object.defineProperty(obj, k, { value: props[k], writable: true,
		    enumerable: false, configurable: true });
}

/* format and compare are getters that give a function bound to the object. */
function boundGetter(proto, name, method, check) {
	Object.defineProperty(proto, name, { enumerable: false,
	    configurable: true, get: function () {
		var self = check(this, name), bound = self['_bound_' + name];
		if (!bound) {
			bound = function (x) { return method.call(self, x,
			    arguments[1]); };
			Object.defineProperty(self, '_bound_' + name,
			    { value: bound });
		}
		return bound;
	} });
}

/* V8's messages: NumberFormat and DateTimeFormat unwrap objects first */
function checkThis(ctor, kind, unwraps) {
	return function (self, method) {
		if (self instanceof ctor && self._intl)
			return self;
		if (unwraps && self !== null && typeof self === 'object')
			throw new TypeError('Method Unwrap' + kind +
			    ' called on incompatible receiver undefined');
		throw new TypeError('Method Intl.' + kind + '.prototype.' +
		    method + ' called on incompatible receiver ' +
		    (self !== null && typeof self === 'object' ? '#<Object>' :
		    String(self)));
	};
}

/* ---- locales -------------------------------------------------------- */

/* BCP 47 language tags, as far as Node checks them */
var TAG = /^[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[a-wyz0-9](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$/i;

function canonicalTag(tag) {
	if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null))
		throw new TypeError('Language ID should be string or object.');
	tag = String(tag);
	if (!TAG.test(tag))
		throw new RangeError('Incorrect locale information provided');
	var parts = tag.toLowerCase().split('-'), i;
	for (i = 1; i < parts.length && parts[i].length > 1; i++) {
		if (parts[i].length === 4 && /^[a-z]/.test(parts[i]))
			parts[i] = parts[i].charAt(0).toUpperCase() + parts[i].slice(1);
		else if (parts[i].length === 2)
			parts[i] = parts[i].toUpperCase();
	}
	return parts.join('-');
}

function localeList(locales) {
	var list = [], o, n, i, tag;
	if (locales === undefined)
		return list;
	o = typeof locales === 'string' ? [locales] : Object(locales);
	n = o.length >>> 0;
	for (i = 0; i < n; i++) {
		if (!(i in o))
			continue;
		tag = canonicalTag(o[i]);
		if (list.indexOf(tag) === -1)
			list.push(tag);
	}
	return list;
}

/* The tags fnpool formats as written: en and en-US; any other is en-US. */
function carried(tag) {
	return tag === 'en' || tag === 'en-US';
}

function resolveLocale(locales) {
	var list = localeList(locales), i;
	for (i = 0; i < list.length; i++)
		if (carried(list[i]))
			return list[i];
	return 'en-US';
}

function supportedLocalesOf(locales) {
	return localeList(locales).filter(carried);
}

/* ---- options ---------------------------------------------------------- */

function toOptions(options, what) {
	if (options === undefined)
		return Object.create(null);
	if (options === null)
		throw new TypeError(what ? what + ' called on null or undefined' :
		    'Cannot convert undefined or null to object');
	return Object(options);
}

function getOption(options, prop, allowed, fallback, what) {
	var v = options[prop];
	if (v === undefined)
		return fallback;
	if (allowed === 'boolean')
		return Boolean(v);
	v = String(v);
	if (allowed && allowed.indexOf(v) === -1)
		throw new RangeError('Value ' + v + ' out of range for ' + what +
		    ' options property ' + prop);
	return v;
}

function getNumber(options, prop, min, max, fallback) {
	var v = options[prop];
	if (v === undefined)
		return fallback;
	v = Number(v);
	if (v !== v || v < min || v > max)
		throw new RangeError(prop + ' value is out of range.');
	return Math.floor(v);
}

/* ---- NumberFormat ------------------------------------------------------ */

var NF = 'Intl.NumberFormat';

/* en-US's currency symbols: [symbol, narrow symbol, name] */
var CURRENCIES = {
	USD: ['$', '$', 'US dollars'],
	EUR: ['\u20ac', '\u20ac', 'euros'],
	GBP: ['\u00a3', '\u00a3', 'British pounds'],
	JPY: ['\u00a5', '\u00a5', 'Japanese yen'],
	CNY: ['CN\u00a5', '\u00a5', 'Chinese yuan'],
	INR: ['\u20b9', '\u20b9', 'Indian rupees'],
	CAD: ['CA$', '$', 'Canadian dollars'],
	AUD: ['A$', '$', 'Australian dollars'],
	MXN: ['MX$', '$', 'Mexican pesos'],
	BRL: ['R$', 'R$', 'Brazilian reals'],
	KRW: ['\u20a9', '\u20a9', 'South Korean won'],
	CHF: ['CHF', 'CHF', 'Swiss francs']
};
var CURRENCY_DIGITS = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, UGX: 0,
    BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

function NumberFormat(locales, options) {
	if (!(this instanceof NumberFormat) || this._intl)
		return new NumberFormat(locales, options);
	var o = toOptions(options, NF), r = {}, mnfd, mxfd, dmin, dmax, cd;
	r.locale = resolveLocale(locales);
	r.numberingSystem = 'latn';
	r.style = getOption(o, 'style', ['decimal', 'percent', 'currency',
	    'unit'], 'decimal', NF);
	var currency = getOption(o, 'currency', null, undefined, NF);
	if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency))
		throw new RangeError('Invalid currency code : ' + currency);
	var display = getOption(o, 'currencyDisplay', ['code', 'symbol',
	    'narrowSymbol', 'name'], 'symbol', NF);
	var sign = getOption(o, 'currencySign', ['standard', 'accounting'],
	    'standard', NF);
	var unit = getOption(o, 'unit', null, undefined, NF);
	if (r.style === 'currency') {
		if (currency === undefined)
			throw new TypeError('Currency code is required with ' +
			    'currency style.');
		r.currency = currency.toUpperCase();
		r.currencyDisplay = display;
		r.currencySign = sign;
	}
	if (r.style === 'unit') {
		if (unit === undefined)
			throw new TypeError('Unit is required with unit style.');
		r.unit = unit;
		r.unitDisplay = getOption(o, 'unitDisplay', ['short', 'narrow',
		    'long'], 'short', NF);
	}
	var notation = getOption(o, 'notation', ['standard', 'scientific',
	    'engineering', 'compact'], 'standard', NF);
	r.minimumIntegerDigits = getNumber(o, 'minimumIntegerDigits', 1, 21, 1);
	cd = r.style === 'currency' ? (hasOwn.call(CURRENCY_DIGITS, r.currency) ?
	    CURRENCY_DIGITS[r.currency] : 2) : 0;
	dmin = cd;
	dmax = r.style === 'currency' ? cd : r.style === 'percent' ? 0 : 3;
	var mnsd = o.minimumSignificantDigits, mxsd = o.maximumSignificantDigits;
	if (mnsd !== undefined || mxsd !== undefined) {
		r.minimumSignificantDigits = getNumber(o,
		    'minimumSignificantDigits', 1, 21, 1);
		r.maximumSignificantDigits = getNumber(o,
		    'maximumSignificantDigits', r.minimumSignificantDigits, 21, 21);
	}
	mnfd = getNumber(o, 'minimumFractionDigits', 0, 100, undefined);
	mxfd = getNumber(o, 'maximumFractionDigits', 0, 100, undefined);
	if (mnfd === undefined && mxfd === undefined) {
		mnfd = dmin;
		mxfd = dmax;
	} else if (mnfd === undefined) {
		mnfd = Math.min(dmin, mxfd);
	} else if (mxfd === undefined) {
		mxfd = Math.max(dmax, mnfd);
	} else if (mnfd > mxfd) {
		throw new RangeError('maximumFractionDigits value is out of range.');
	}
	if (r.minimumSignificantDigits === undefined) {
		r.minimumFractionDigits = mnfd;
		r.maximumFractionDigits = mxfd;
	}
	var grouping = o.useGrouping;
	r.useGrouping = grouping === undefined ? 'auto' :
	    grouping === false || grouping === 'false' ? false :
	    grouping === true || grouping === 'true' ? 'always' :
	    getOption(o, 'useGrouping', ['always', 'auto', 'min2'], 'auto', NF);
	r.notation = notation;
	r.signDisplay = getOption(o, 'signDisplay', ['auto', 'never', 'always',
	    'exceptZero', 'negative'], 'auto', NF);
	r.roundingMode = 'halfExpand';
	r.roundingIncrement = 1;
	r.trailingZeroDisplay = 'auto';
	r.roundingPriority = 'auto';
	this._intl = r;
}

/* The parts of |x| (finite) as r says: integer, group, decimal, fraction. */
function digitParts(r, x, parts) {
	var sig = r.minimumSignificantDigits !== undefined;
	var s = native.formatDigits(x, r.style === 'percent' ? 2 : 0,
	    r.minimumIntegerDigits, sig ? 0 : r.minimumFractionDigits,
	    sig ? 0 : r.maximumFractionDigits,
	    sig ? r.minimumSignificantDigits : 0,
	    sig ? r.maximumSignificantDigits : 0, r.useGrouping !== false);
	var dot = s.indexOf('.'), int = dot === -1 ? s : s.slice(0, dot);
	var groups = int.split(','), i;
	if (r.useGrouping === 'min2' && groups.length === 2 &&
	    groups[0].length === 1)
		groups = [groups.join('')];
	for (i = 0; i < groups.length; i++) {
		if (i > 0)
			parts.push({ type: 'group', value: ',' });
		parts.push({ type: 'integer', value: groups[i] });
	}
	if (dot !== -1) {
		parts.push({ type: 'decimal', value: '.' });
		parts.push({ type: 'fraction', value: s.slice(dot + 1) });
	}
	return !/[1-9]/.test(s);
}

function signPart(r, x, zero) {
	var neg = x < 0 || (x === 0 && 1 / x < 0);
	switch (r.signDisplay) {
	case 'never':
		return null;
	case 'always':
		return neg ? '-' : '+';
	case 'exceptZero':
		return zero || x !== x ? null : neg ? '-' : '+';
	case 'negative':
		return neg && !zero ? '-' : null;
	default:
		return neg ? '-' : null;
	}
}

function currencyPart(r) {
	var c = hasOwn.call(CURRENCIES, r.currency) ? CURRENCIES[r.currency] :
	    null;
	if (r.currencyDisplay === 'code' || c === null)
		return { type: 'currency', value: r.currency, code: true };
	if (r.currencyDisplay === 'name')
		return { type: 'currency', value: c[2], name: true };
	return { type: 'currency', value: r.currencyDisplay === 'narrowSymbol' ?
	    c[1] : c[0], code: /^[A-Z]+$/.test(c[0]) };
}

function formatToParts(x) {
	var r = this._intl, parts = [], num = [], zero = false, sign, cur;
	x = Number(x);
	if (x !== x)
		num.push({ type: 'nan', value: 'NaN' });
	else if (x === Infinity || x === -Infinity)
		num.push({ type: 'infinity', value: '\u221e' });
	else
		zero = digitParts(r, x, num);
	sign = signPart(r, x, zero);
	var paren = sign === '-' && r.style === 'currency' &&
	    r.currencySign === 'accounting';
	if (paren)
		parts.push({ type: 'literal', value: '(' });
	else if (sign !== null)
		parts.push({ type: sign === '-' ? 'minusSign' : 'plusSign',
		    value: sign });
	if (r.style === 'currency') {
		cur = currencyPart(r);
		if (cur.name) {
			parts = parts.concat(num);
			parts.push({ type: 'literal', value: ' ' });
			parts.push({ type: 'currency', value: cur.value });
		} else {
			parts.push({ type: 'currency', value: cur.value });
			if (cur.code)
				parts.push({ type: 'literal', value: '\u00a0' });
			parts = parts.concat(num);
		}
	} else {
		parts = parts.concat(num);
		if (r.style === 'percent')
			parts.push({ type: 'percentSign', value: '%' });
		else if (r.style === 'unit') {
			parts.push({ type: 'literal', value: ' ' });
			parts.push({ type: 'unit', value: r.unit });
		}
	}
	if (paren)
		parts.push({ type: 'literal', value: ')' });
	return parts;
}

/* Node 20 prints ICU's narrow no-break space before AM/PM as a space */
function joinParts(parts) {
	var s = '', i;
	for (i = 0; i < parts.length; i++)
		s += parts[i].value === '\u202f' ? ' ' : parts[i].value;
	return s;
}

var checkNF = checkThis(NumberFormat, 'NumberFormat', true);
boundGetter(NumberFormat.prototype, 'format', function (x) {
	return joinParts(formatToParts.call(this, x));
}, checkNF);
define(NumberFormat.prototype, {
	formatToParts: function (x) {
		return formatToParts.call(checkNF(this, 'formatToParts'), x);
	},
	resolvedOptions: function () {
		var r = checkNF(this, 'resolvedOptions')._intl, out = {}, k;
		for (k in r)
			out[k] = r[k];
		return out;
	}
});
define(NumberFormat, { supportedLocalesOf: supportedLocalesOf });

/* ---- DateTimeFormat ---------------------------------------------------- */

var DTF = 'Intl.DateTimeFormat';
var WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday',
    'Friday', 'Saturday'];
var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];
var TEXT = ['narrow', 'short', 'long'];
var NUMERIC = ['numeric', '2-digit'];
var FIELDS = [['weekday', TEXT], ['era', TEXT], ['year', NUMERIC],
    ['month', NUMERIC.concat(TEXT)], ['day', NUMERIC],
    ['hour', NUMERIC], ['minute', NUMERIC], ['second', NUMERIC]];
var STYLES = ['full', 'long', 'medium', 'short'];
var UTC_NAMES = /^(etc\/)?(utc|gmt|uct|universal|zulu|gmt[+-]?0)$/i;

function timeZoneOf(o) {
	var tz = o.timeZone, local = native.localZone();
	if (tz === undefined)
		return local;
	tz = String(tz);
	if (UTC_NAMES.test(tz))
		return ['UTC', 'Coordinated Universal Time'];
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz))
		throw new RangeError('Invalid time zone specified: ' + tz);
	if (tz.toLowerCase() === local[0].toLowerCase())
		return local;
	if (!native.zoneExists(tz))
		throw new RangeError('Invalid time zone specified: ' + tz);
	/* a zone fnpool has no rules for: UTC, as resolvedOptions says */
	return ['UTC', 'Coordinated Universal Time'];
}

/*
 * ECMA-402's ToDateTimeOptions: what a kind of method ('any', 'date',
 * 'time') shows when the options name no field.
 */
function withDefaults(options, required, defaults) {
	var o = toOptions(options), copy = Object.create(o), need = true;
	if ((required === 'date' || required === 'any') &&
	    (o.weekday !== undefined || o.year !== undefined ||
	    o.month !== undefined || o.day !== undefined))
		need = false;
	if ((required === 'time' || required === 'any') &&
	    (o.dayPeriod !== undefined || o.hour !== undefined ||
	    o.minute !== undefined || o.second !== undefined ||
	    o.fractionalSecondDigits !== undefined))
		need = false;
	if (o.dateStyle !== undefined || o.timeStyle !== undefined)
		need = false;
	if (required === 'date' && o.timeStyle !== undefined)
		throw new TypeError('Invalid option : timeStyle');
	if (required === 'time' && o.dateStyle !== undefined)
		throw new TypeError('Invalid option : dateStyle');
	if (need && (defaults === 'date' || defaults === 'all')) {
		copy.year = 'numeric';
		copy.month = 'numeric';
		copy.day = 'numeric';
	}
	if (need && (defaults === 'time' || defaults === 'all')) {
		copy.hour = 'numeric';
		copy.minute = 'numeric';
		copy.second = 'numeric';
	}
	return copy;
}

function DateTimeFormat(locales, options) {
	if (!(this instanceof DateTimeFormat) || this._intl)
		return new DateTimeFormat(locales, options);
	this._intl = dateTimeFormat(locales, withDefaults(options, 'any', 'date'));
}

function dateTimeFormat(locales, o) {
	var r = {}, i, f, v, hour12, cycle, zone, fsd;
	r.locale = resolveLocale(locales);
	r.calendar = 'gregory';
	r.numberingSystem = 'latn';
	hour12 = o.hour12 === undefined ? undefined : Boolean(o.hour12);
	cycle = getOption(o, 'hourCycle', ['h11', 'h12', 'h23', 'h24'],
	    undefined, DTF);
	zone = timeZoneOf(o);
	r.timeZone = zone[0];
	var fields = {};
	for (i = 0; i < FIELDS.length; i++) {
		f = FIELDS[i];
		v = getOption(o, f[0], f[1], undefined, DTF);
		if (v !== undefined)
			fields[f[0]] = v;
	}
	fsd = getNumber(o, 'fractionalSecondDigits', 1, 3, undefined);
	var tzn = getOption(o, 'timeZoneName', ['short', 'long', 'shortOffset',
	    'longOffset', 'shortGeneric', 'longGeneric'], undefined, DTF);
	var ds = getOption(o, 'dateStyle', STYLES, undefined, DTF);
	var ts = getOption(o, 'timeStyle', STYLES, undefined, DTF);
	if (ds !== undefined || ts !== undefined) {
		for (f in fields)
			throw new TypeError("Can't set option " + f + ' when ' +
			    (ds !== undefined ? 'dateStyle' : 'timeStyle') +
			    ' is used');
		if (fsd !== undefined || tzn !== undefined)
			throw new TypeError("Can't set option " + (fsd !== undefined ?
			    'fractionalSecondDigits' : 'timeZoneName') + ' when ' +
			    (ds !== undefined ? 'dateStyle' : 'timeStyle') +
			    ' is used');
	}
	if (fields.hour !== undefined || ts !== undefined) {
		/* Node 20's ICU takes hour12: false for h24 in en-US */
		if (hour12 !== undefined)
			cycle = hour12 ? 'h12' : 'h24';
		if (cycle === undefined)
			cycle = 'h12';
		r.hourCycle = cycle;
		r.hour12 = cycle === 'h11' || cycle === 'h12';
	}
	for (i = 0; i < FIELDS.length; i++)
		if (fields[FIELDS[i][0]] !== undefined)
			r[FIELDS[i][0]] = fields[FIELDS[i][0]];
	/* en-US pads minutes and seconds beside an hour, and 24-hour hours */
	if (r.hour !== undefined && r.minute !== undefined)
		r.minute = '2-digit';
	if (r.hour !== undefined && r.second !== undefined ||
	    r.minute !== undefined && r.second !== undefined)
		r.second = '2-digit';
	if (r.hour !== undefined && !r.hour12)
		r.hour = '2-digit';
	if (fsd !== undefined)
		r.fractionalSecondDigits = fsd;
	if (tzn !== undefined)
		r.timeZoneName = tzn;
	if (ds !== undefined)
		r.dateStyle = ds;
	if (ts !== undefined)
		r.timeStyle = ts;
	Object.defineProperty(r, '_zone', { value: zone });
	return r;
}

function pad2(n) {
	return n < 10 ? '0' + n : String(n);
}

function num(v, style) {
	return style === '2-digit' ? pad2(v % 100) : String(v);
}

function weekday(style, day) {
	return style === 'long' ? WEEKDAYS[day] : style === 'short' ?
	    WEEKDAYS[day].slice(0, 3) : WEEKDAYS[day].charAt(0);
}

function datePart(r, f, parts) {
	var year = f[0] > 0 ? f[0] : 1 - f[0], text = r.month !== undefined &&
	    TEXT.indexOf(r.month) !== -1, p = [];
	function add(type, value) {
		p.push({ type: type, value: value });
	}
	function lit(s) {
		add('literal', s);
	}
	/* ICU's patterns for two odd pairs */
	if (r.day !== undefined && r.month === undefined &&
	    (r.weekday !== undefined) !== (r.year !== undefined)) {
		if (r.weekday !== undefined) {
			add('day', num(f[2], r.day));
			lit(' ');
			add('weekday', weekday(r.weekday, f[3]));
		} else {
			add('year', num(year, r.year));
			lit(' (day: ');
			add('day', num(f[2], r.day));
			lit(')');
		}
		for (var j = 0; j < p.length; j++)
			parts.push(p[j]);
		return;
	}
	if (r.weekday !== undefined) {
		add('weekday', weekday(r.weekday, f[3]));
		if (r.month !== undefined || r.day !== undefined ||
		    r.year !== undefined)
			lit(', ');
	}
	if (text) {
		add('month', r.month === 'long' ? MONTHS[f[1]] :
		    r.month === 'short' ? MONTHS[f[1]].slice(0, 3) :
		    MONTHS[f[1]].charAt(0));
		if (r.day !== undefined) {
			lit(' ');
			add('day', num(f[2], r.day));
		}
		if (r.year !== undefined) {
			lit(r.day !== undefined ? ', ' : ' ');
			add('year', num(year, r.year));
		}
	} else {
		if (r.month !== undefined)
			add('month', num(f[1] + 1, r.month));
		if (r.day !== undefined) {
			if (p.length && p[p.length - 1].type === 'month')
				lit('/');
			add('day', num(f[2], r.day));
		}
		if (r.year !== undefined) {
			if (r.month !== undefined || r.day !== undefined)
				lit('/');
			add('year', num(year, r.year));
		}
	}
	for (var i = 0; i < p.length; i++)
		parts.push(p[i]);
}

function zoneName(r, f, style) {
	var m = f[8], h = Math.floor(Math.abs(m) / 60), mm = Math.abs(m) % 60;
	if (r.timeZone === 'UTC')
		return style === 'long' ? 'Coordinated Universal Time' :
		    style === 'longOffset' ? 'GMT' : style === 'shortOffset' ?
		    'GMT' : 'UTC';
	if (style === 'long' || style === 'longGeneric')
		return r._zone[1];
	if (style === 'longOffset')
		return 'GMT' + (m < 0 ? '-' : '+') + pad2(h) + ':' + pad2(mm);
	return 'GMT' + (m < 0 ? '-' : '+') + h + (mm ? ':' + pad2(mm) : '');
}

function timePart(r, f, parts, tzn) {
	var h = f[4], any = false;
	if (r.hour !== undefined) {
		if (r.hourCycle === 'h12')
			h = h % 12 || 12;
		else if (r.hourCycle === 'h11')
			h = h % 12;
		else if (r.hourCycle === 'h24')
			h = h || 24;
		parts.push({ type: 'hour', value: num(h, r.hour) });
		any = true;
	}
	if (r.minute !== undefined) {
		if (any)
			parts.push({ type: 'literal', value: ':' });
		/* alone, ICU prints a minute or a second unpadded */
		parts.push({ type: 'minute', value: num(f[5], any ||
		    r.second !== undefined ? '2-digit' : 'numeric') });
		any = true;
	}
	if (r.second !== undefined) {
		if (any)
			parts.push({ type: 'literal', value: ':' });
		parts.push({ type: 'second', value: num(f[6], any ? r.second :
		    'numeric') });
		any = true;
	}
	if (r.fractionalSecondDigits !== undefined) {
		if (any)
			parts.push({ type: 'literal', value: '.' });
		parts.push({ type: 'fractionalSecond', value: String(1000 +
		    f[7]).slice(1, 1 + r.fractionalSecondDigits) });
	}
	if (r.hour !== undefined && r.hour12) {
		/* format() prints it as a space (joinParts) */
		parts.push({ type: 'literal', value: '\u202f' });
		parts.push({ type: 'dayPeriod', value: f[4] < 12 ? 'AM' : 'PM' });
	}
	if (tzn !== undefined) {
		parts.push({ type: 'literal', value: ' ' });
		parts.push({ type: 'timeZoneName', value: zoneName(r, f, tzn) });
	}
}

/* dateStyle and timeStyle, as the fields they stand for */
var DATE_STYLES = {
	full: { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' },
	long: { month: 'long', day: 'numeric', year: 'numeric' },
	medium: { month: 'short', day: 'numeric', year: 'numeric' },
	short: { month: 'numeric', day: 'numeric', year: '2-digit' }
};

function styled(r, style, fields) {
	var s = Object.create(r), k;
	for (k in fields)
		s[k] = fields[k];
	if (style === 'short' && fields.second !== undefined)
		s.second = undefined;
	return s;
}

function dateParts(t) {
	var r = this._intl, parts = [], f, hasDate, hasTime, s;
	t = t === undefined ? Date.now() : Number(t);
	f = native.dateFields(t, r.timeZone !== 'UTC');
	if (r.dateStyle !== undefined || r.timeStyle !== undefined) {
		if (r.dateStyle !== undefined)
			datePart(styled(r, r.dateStyle, DATE_STYLES[r.dateStyle]),
			    f, parts);
		if (r.dateStyle !== undefined && r.timeStyle !== undefined)
			parts.push({ type: 'literal', value: r.dateStyle === 'full' ||
			    r.dateStyle === 'long' ? ' at ' : ', ' });
		if (r.timeStyle !== undefined) {
			s = Object.create(r);
			s.hour = r.hour12 ? 'numeric' : '2-digit';
			s.minute = '2-digit';
			s.second = r.timeStyle === 'short' ? undefined : '2-digit';
			timePart(s, f, parts, r.timeStyle === 'full' ? 'long' :
			    r.timeStyle === 'long' ? 'short' : undefined);
		}
		return parts;
	}
	hasDate = r.weekday !== undefined || r.year !== undefined ||
	    r.month !== undefined || r.day !== undefined;
	hasTime = r.hour !== undefined || r.minute !== undefined ||
	    r.second !== undefined || r.fractionalSecondDigits !== undefined;
	if (hasDate)
		datePart(r, f, parts);
	/* ICU's glue: "at" after a long month, a space after a weekday */
	if (hasDate && hasTime)
		parts.push({ type: 'literal', value: r.month === 'long' ? ' at ' :
		    parts.length === 1 ? ' ' : ', ' });
	if (hasTime || r.timeZoneName !== undefined)
		timePart(r, f, parts, r.timeZoneName);
	if (!hasTime && r.timeZoneName !== undefined && hasDate)
		parts.splice(parts.length - 2, 1, { type: 'literal', value: ', ' });
	return parts;
}

var checkDTF = checkThis(DateTimeFormat, 'DateTimeFormat', true);
boundGetter(DateTimeFormat.prototype, 'format', function (t) {
	return joinParts(dateParts.call(this, t));
}, checkDTF);
define(DateTimeFormat.prototype, {
	formatToParts: function (t) {
		return dateParts.call(checkDTF(this, 'formatToParts'), t);
	},
	resolvedOptions: function () {
		var r = checkDTF(this, 'resolvedOptions')._intl, out = {}, k;
		for (k in r)
			out[k] = r[k];
		return out;
	}
});
define(DateTimeFormat, { supportedLocalesOf: supportedLocalesOf });

/* ---- Collator ------------------------------------------------------------- */

var COLLATE = { base: 0, accent: 1, 'case': 2, variant: 3 };

function Collator(locales, options) {
	if (!(this instanceof Collator) || this._intl)
		return new Collator(locales, options);
	var o = toOptions(options, 'Intl.Collator'), r = {};
	r.locale = resolveLocale(locales);
	r.usage = getOption(o, 'usage', ['sort', 'search'], 'sort',
	    'Intl.Collator');
	r.sensitivity = getOption(o, 'sensitivity', ['base', 'accent', 'case',
	    'variant'], 'variant', 'Intl.Collator');
	r.ignorePunctuation = getOption(o, 'ignorePunctuation', 'boolean',
	    false);
	r.collation = 'default';
	r.numeric = getOption(o, 'numeric', 'boolean', false);
	r.caseFirst = getOption(o, 'caseFirst', ['upper', 'lower', 'false'],
	    'false', 'Intl.Collator');
	this._intl = r;
}

var checkCollator = checkThis(Collator, 'Collator');
boundGetter(Collator.prototype, 'compare', function (a, b) {
	var r = this._intl;
	return native.compare(String(a), String(b), COLLATE[r.sensitivity] |
	    (r.numeric ? 4 : 0));
}, checkCollator);
define(Collator.prototype, {
	resolvedOptions: function () {
		var r = checkCollator(this, 'resolvedOptions')._intl, out = {}, k;
		for (k in r)
			out[k] = r[k];
		return out;
	}
});
define(Collator, { supportedLocalesOf: supportedLocalesOf });

/* ---- PluralRules ------------------------------------------------------------ */

function PluralRules(locales, options) {
	if (!(this instanceof PluralRules) || this._intl)
		throw new TypeError("Constructor Intl.PluralRules requires 'new'");
	var o = toOptions(options, 'Intl.PluralRules'), r = {};
	r.locale = resolveLocale(locales);
	r.type = getOption(o, 'type', ['cardinal', 'ordinal'], 'cardinal',
	    'Intl.PluralRules');
	r.minimumIntegerDigits = getNumber(o, 'minimumIntegerDigits', 1, 21, 1);
	r.minimumFractionDigits = getNumber(o, 'minimumFractionDigits', 0, 100,
	    0);
	r.maximumFractionDigits = getNumber(o, 'maximumFractionDigits',
	    r.minimumFractionDigits, 100, Math.max(3, r.minimumFractionDigits));
	r.pluralCategories = r.type === 'ordinal' ?
	    ['few', 'one', 'two', 'other'] : ['one', 'other'];
	this._intl = r;
}

var checkPR = checkThis(PluralRules, 'PluralRules');
define(PluralRules.prototype, {
	select: function (n) {
		var r = checkPR(this, 'select')._intl, s, i10, i100;
		n = Math.abs(Number(n));
		if (n !== n || n === Infinity)
			return 'other';
		s = native.formatDigits(n, 0, 1, r.minimumFractionDigits,
		    r.maximumFractionDigits, 0, 0, false);
		if (r.type === 'cardinal')
			return s === '1' ? 'one' : 'other';
		if (s.indexOf('.') !== -1)
			return 'other';
		i10 = Number(s.slice(-1));
		i100 = Number(s.slice(-2));
		return i10 === 1 && i100 !== 11 ? 'one' : i10 === 2 && i100 !== 12 ?
		    'two' : i10 === 3 && i100 !== 13 ? 'few' : 'other';
	},
	resolvedOptions: function () {
		var r = checkPR(this, 'resolvedOptions')._intl, out = {}, k;
		for (k in r)
			out[k] = r[k];
		out.pluralCategories = r.pluralCategories.slice();
		return out;
	}
});
define(PluralRules, { supportedLocalesOf: supportedLocalesOf });

/* ---- Intl and the toLocale* methods ------------------------------------------ */

var Intl = {};
define(Intl, {
	NumberFormat: NumberFormat,
	DateTimeFormat: DateTimeFormat,
	Collator: Collator,
	PluralRules: PluralRules,
	getCanonicalLocales: function (locales) {
		return localeList(locales);
	}
});
exports.Intl = Intl;

exports.numberToLocaleString = function (x, locales, options) {
	return new NumberFormat(locales, options).format(x);
};

/* kind: 'any' (toLocaleString), 'date' or 'time' */
exports.dateToLocaleString = function (t, kind, locales, options) {
	var r = dateTimeFormat(locales, withDefaults(options, kind,
	    kind === 'any' ? 'all' : kind));
	if (t !== t)
		return 'Invalid Date';
	return joinParts(dateParts.call({ _intl: r }, t));
};

exports.localeCompare = function (a, b, locales, options) {
	return new Collator(locales, options).compare(a, b);
};
