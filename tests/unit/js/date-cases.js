// date-cases.js: the cases of tests/unit/js/test_date.c (new Date(value),
// Date.parse, and the round trips through Date's strings), with what
// Node 20 answers for each under TZ=UTC; see node-cases.js.
//
//   TZ=UTC node tests/unit/js/date-cases.js --update tests/unit/js/test_date.c
'use strict';

if (process.env.TZ !== 'UTC')
	throw new Error('run with TZ=UTC: fnpool workers are tested in UTC');

var cases = [];
function add(expr) {
	cases.push(expr);
}
function parse(s) {
	add('Date.parse(' + JSON.stringify(s) + ')');
}

// ---- new Date(date) takes the time value, not a string of it
add('new Date(new Date(1709115630123)).getTime()');
add('new Date(new Date(NaN)).getTime()');
add('(function () { var d = new Date(1709115630123); d.valueOf = ' +
    'function () { return 5; }; d.toString = function () { return "x"; }; ' +
    'return new Date(d).getTime(); })()');
add('(function () { var d = new Date(1709115630123); ' +
    'return [new Date(d) !== d, new Date(d) instanceof Date]; })()');
// dayjs clones with new Date(d), date-fns with new Date(d.getTime()) or
// the constructor of the argument
add('(function () { var d = new Date(1709115630123); return [' +
    'new Date(d).toISOString(), new d.constructor(d.getTime()).toISOString(),' +
    ' new d.constructor(+d).toISOString()]; })()');
add('(function () { function clone(x) { return x instanceof Date ? ' +
    'new Date(x.getTime()) : new Date(x); } var d = new Date(86400000); ' +
    'var c = clone(d); c.setUTCDate(5); return [d.getUTCDate(), c.getUTCDate()]; })()');
// other objects still go through ToPrimitive: valueOf, then toString
add('new Date({ valueOf: function () { return 86400000; } }).getTime()');
add('new Date({ toString: function () { return "2024-02-28"; }, ' +
    'valueOf: null }).getTime()');
add('new Date({ valueOf: function () { return "Feb 28 2024"; } }).getTime()');
add('new Date({ valueOf: function () { throw new Error("no"); } })');
add('[new Date(null).getTime(), new Date(true).getTime(), ' +
    'new Date(undefined).getTime(), new Date("").getTime(), ' +
    'new Date(8.64e15 + 1).getTime(), new Date(1.9).getTime()]');
add('new Date([2024, 1, 28]).getTime()');

// ---- the constructor otherwise as before
add('[new Date(2024, 1, 28).getTime(), new Date(2024, 1, 28, 10, 20, 30, ' +
    '400).getTime(), new Date(99, 0).getTime(), new Date(2024, 14, 1).getTime()]');
add('[typeof Date(), typeof Date(0), Date(0) === Date(1709115630123), ' +
    '/^[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d{4} \\d\\d:\\d\\d:\\d\\d GMT/' +
    '.test(Date())]');
add('[Date.prototype.constructor === Date, new Date(0) instanceof Date, ' +
    'Object.getPrototypeOf(new Date(0)) === Date.prototype, ' +
    'Date.parse.length, typeof Date.UTC, typeof Date.now]');
add('[Date.UTC(2024, 1, 28, 10, 20, 30), typeof Date.now(), ' +
    'Math.abs(Date.now() - new Date().getTime()) < 60000]');
add('Object.prototype.toString.call(new Date(0))');
add('Object.keys(Date).concat(Object.keys(Date.prototype))');
add('(function () { var B = Function.prototype.bind.apply(Date, [null, ' +
    '2024, 1, 28]); return new B().getTime(); })()');
// what compiled classes' _construct does before setting the prototype
add('(function () { var args = [1709115630123]; var d = new (Function.prototype' +
    '.bind.apply(Date, [null].concat(args)))(); return [d instanceof Date, ' +
    'new Date(d).getTime(), d.toISOString()]; })()');
add('Reflect.construct(Date, [1709115630123]).getTime()');
add('Reflect.construct(Date, ["Feb 28 2024"]).getTime()');

// ---- Date.parse and new Date(string): ISO 8601
['2024-02-28', '2024-02-28T10:20', '2024-02-28T10:20:30',
	'2024-02-28T10:20:30.123Z', '2024-02-28T10:20:30.123456Z',
	'2024-02-28T10:20:30.1', '2024-02-28T10:20:30+01:00',
	'2024-02-28T10:20:30-0530', '2024-02-28t10:20z', '2024', '2024-02',
	'+002024-02-28', '-000001-12-31T00:00Z', '2024-02-28T24:00',
	'2024-02-30', '2024-02-28 10:20', '+275760-09-13T00:00:00.000Z',
	'-271821-04-20T00:00:00.000Z'].forEach(parse);
// ---- V8's own strings, RFC 2822, and the common hand-written forms
['Wed Feb 28 2024 10:20:30 GMT+0000 (Coordinated Universal Time)',
	'Wed Feb 28 2024 10:20:30 GMT+0100 (Central European Standard Time)',
	'Wed Feb 28 2024', 'Wed, 28 Feb 2024 10:20:30 GMT',
	'Wed, 28 Feb 2024 10:20:30 +0100', 'Wed, 28 Feb 2024 10:20:30 -0130',
	'28 Feb 2024 10:20:30 +0100', 'Wednesday, 28 Feb 2024 10:20:30 UT',
	'Feb 28 2024', 'Feb 28, 2024', '28 Feb 2024 10:20', 'Feb 28',
	'2024/02/28', '2024/2/28 10:20:30', '2/28/2024', '2/28/24',
	'2/28/2024 10:20:30 GMT-0500', 'February 28, 2024 10:20:30',
	'FEBRUARY 28 2024', 'december 25, 1995 1:30 PM', '25 Dec 1995 12:00 AM',
	'Feb 28 2024 10:20 UTC', 'Feb 28 2024 10:20 Z',
	'Feb 28 2024 10:20 GMT+02:30', 'Feb 28 2024 10:20 UTC-8',
	'Feb 28 2024 10:20 EST', 'Feb 28 2024 10:20 PDT',
	'Feb 28 2024 10:20:30.5', '28-Feb-2024', 'Feb 28 60', '1 2 3',
	'Feb 28 2024 (a comment) 10:20', '1/1/1970, 12:00:00 AM'].forEach(parse);
// ---- junk: NaN where Node gives NaN, and what Node makes of the rest
['', '   ', 'foo', 'Feb', 'foo2024', '2024 foo', '28 Feb 2024 Wed',
	'Feb 28 2024 10:20 CET', 'Feb 28 2024 25:00', 'Feb 28 2024 13:20 PM',
	'2024-02-32', '2024-13-01', '24-02-28', '2024-02-28T24:00:01',
	'2024-02-28T1:20', '2024-02-28T10:20:30.Z', '2024-02-28T10:20:30+24:00',
	'2024-02-28T10:20:30Z junk', 'Feb 28 2024 10:20 GMT+123456',
	'Feb 28 2024 10:20)', '+275760-09-13T00:00:00.001Z', '1/2/3/4',
	'Feb 28 2024 10:20:30:40:50', '\u00e9t\u00e9 2024', 'null',
	'undefined', 'Invalid Date', 'hello world 1', '-5',
	'Feb 28 2024 10:20 +0100 (CET)'].forEach(parse);
add('[Date.parse(), Date.parse(null), Date.parse(1709115630123), ' +
    'Date.parse({ toString: function () { return "2024-02-28"; } })]');
add('new Date("Feb 28 2024 10:20 GMT+0100").getTime()');
add('new Date("not a date").getTime()');
add('String(new Date("not a date"))');

// ---- round trips: every string Date prints parses back to its time
[0, 1709115630000, 1709115630123, -1, 951782400000,
	253402300799999, -30610224000000].forEach(function (t) {
	add('(function () { var d = new Date(' + t + '); return [' +
	    'new Date(String(d)).getTime(), Date.parse(d.toString()), ' +
	    'Date.parse(d.toUTCString()), new Date(d.toISOString()).getTime(), ' +
	    'Date.parse(d.toDateString()), new Date(d).getTime(), ' +
	    'Date.parse(JSON.parse(JSON.stringify(d)))]; })()');
});

require('./node-cases.js').main(cases, '', {});
