// intl-cases.js: the cases of tests/unit/js/test_intl.c (Date's and
// Number's strings, toLocale*, Intl in en-US), with what Node 20 answers
// for each under TZ=UTC; see node-cases.js.
//
//   TZ=UTC node tests/unit/js/intl-cases.js --update tests/unit/js/test_intl.c
//
// Dates are written as time values (new Date(ms)): MuJS's Date.UTC adds
// 1900 to every year below 100, negative ones too (docs/javascript.md).
'use strict';

if (process.env.TZ !== 'UTC')
	throw new Error('run with TZ=UTC: fnpool workers are tested in UTC');

var cases = [];
function add(expr) {
	cases.push(expr);
}
function date(y, mo, d, h, mi, s, ms) {
	var t = new Date(0);
	t.setUTCFullYear(y, mo, d);
	t.setUTCHours(h || 0, mi || 0, s || 0, ms || 0);
	return 'new Date(' + t.getTime() + ')';
}

// ---- Date's strings, across years, months, weekdays, leap years
var dates = [
	date(2030, 0, 2, 3, 4, 5), date(2024, 1, 29, 12, 0, 0),
	date(2000, 1, 29, 23, 59, 59, 999), date(1900, 1, 28, 0, 0, 1),
	date(1969, 11, 31, 23, 59, 59), date(1970, 0, 1), date(1066, 9, 14, 9),
	date(1, 0, 1), date(0, 0, 1, 13), date(-1, 11, 31, 11, 30),
	date(-271821, 3, 20), date(275760, 8, 13), date(9999, 11, 31, 23, 59, 59),
	date(10000, 0, 1), date(99, 5, 15, 18, 45), date(2023, 2, 5, 0, 30),
	date(2023, 3, 6, 12, 5), date(2023, 4, 7, 1), date(2023, 5, 8, 11, 59, 59),
	date(2023, 6, 9, 22), date(2023, 7, 10, 6, 6, 6), date(2023, 8, 11, 15),
	date(2023, 9, 12, 21, 1), date(2023, 10, 13, 10, 10), date(2100, 1, 28),
	date(1582, 9, 15), date(-1000, 5, 1), date(12345, 0, 1)
];
dates.forEach(function (d) {
	add('[' + d + '.toString(), ' + d + '.toUTCString(), ' + d +
	    '.toGMTString()]');
	add('[' + d + '.toDateString(), ' + d + '.toTimeString()]');
	add('[' + d + '.toLocaleString(), ' + d + '.toLocaleDateString(), ' + d +
	    '.toLocaleTimeString()]');
	add('[' + d + ".toLocaleString('en-US'), " + d +
	    ".toLocaleDateString('en-US'), " + d + ".toLocaleTimeString('en')]");
});
add('(function () { var d = new Date(NaN); return [d.toString(), ' +
    'd.toUTCString(), d.toGMTString(), d.toDateString(), d.toTimeString(), ' +
    "d.toLocaleString(), d.toLocaleDateString('en-US'), " +
    "d.toLocaleTimeString('en-US', { hour: '2-digit' })]; })()");
add('Date.prototype.toGMTString === Date.prototype.toUTCString');
add('Date.prototype.toString.call({})');
add('Date.prototype.toUTCString.call(5)');
add('Date.prototype.toLocaleString.call(null)');
add("'Expires=' + new Date(1893553445000).toUTCString()");
add('String(new Date(1893553445000))');
add("new Date(1893553445000) + ''");

// ---- Number.prototype.toFixed, toExponential, toPrecision
var numbers = ['0', '-0', '1', '-1', '0.5', '1.5', '2.5', '-2.5', '1.005',
    '1.45', '0.000001234', '1e-7', '-1e-7', '123.456', '12345.678', '1e21',
    '-1.5e21', '1.7976931348623157e308', 'Math.pow(2, -1022)', 'Math.pow(2, -1074)',
    '(0.1 + 0.2)',
    '9007199254740993', '4.35', '1.255', '8.345', '10.235', '1e-10',
    '123456789.123', '0.000015', '99.995', '(1 / 3)', '(2 / 3)', '1e20',
    '999.9999', '0.05', '25', '1234.5678', '(-1234.5678)', '3e-7',
    'Math.pow(2, 70)', 'Math.pow(2, -30)', 'NaN', 'Infinity', '-Infinity'];
numbers.forEach(function (n) {
	add('[' + ['', '0', '2', '5', '20'].map(function (a) {
		return '(' + n + ').toFixed(' + a + ')';
	}).join(', ') + ']');
	add('[' + ['', '0', '3', '20'].map(function (a) {
		return '(' + n + ').toExponential(' + a + ')';
	}).join(', ') + ']');
	add('[' + ['', '1', '4', '21'].map(function (a) {
		return '(' + n + ').toPrecision(' + a + ')';
	}).join(', ') + ']');
});
['1.23456789', '0.1', '123456.789e-3', 'Math.pow(2, -1022)', 'Math.pow(2, -1074)',
    '1e-7'].forEach(function (n) {
	add('(function () { var out = [], d; for (d = 0; d <= 100; d++) ' +
	    'out.push((' + n + ').toFixed(d)); return out; })()');
	add('(function () { var out = [], d; for (d = 0; d <= 100; d++) ' +
	    'out.push((' + n + ').toExponential(d)); return out; })()');
	add('(function () { var out = [], d; for (d = 1; d <= 100; d++) ' +
	    'out.push((' + n + ').toPrecision(d)); return out; })()');
});
add('(function () { var out = [], i; for (i = -40; i <= 40; i++) ' +
    'out.push(Math.pow(2, i).toExponential(), (Math.pow(2, i) / 10)' +
    '.toPrecision(), (Math.pow(2, i) / 10).toExponential()); return out; ' +
    '})()');
add('(function () { var out = [], i; for (i = 0; i < 200; i++) ' +
    'out.push((i / 8 + 0.0625).toFixed(2), (i * 0.005).toFixed(2)); ' +
    'return out; })()');
['(1).toFixed(-1)', '(1).toFixed(101)', '(1).toExponential(-1)',
    '(1).toExponential(101)', '(1).toPrecision(0)', '(1).toPrecision(101)',
    'NaN.toFixed(101)', 'NaN.toExponential(101)', 'Infinity.toPrecision(0)',
    '(1.5).toFixed(Infinity)', "(1.25).toFixed('1')", '(1.25).toFixed(1.9)',
    '(1.25).toFixed(null)', '(12.5).toPrecision(undefined)',
    '(12.5).toExponential(undefined)', "Number.prototype.toFixed.call('1', 2)",
    'Number.prototype.toPrecision.call({}, 2)',
    'Number.prototype.toExponential.call(new Number(1.5), 2)',
    'new Number(2.5).toFixed()', 'Number.prototype.toLocaleString.call(true)',
    '[Number.prototype.toFixed.length, Number.prototype.toExponential.length, ' +
    'Number.prototype.toPrecision.length, Number.prototype.toLocaleString.length]'
].forEach(add);

// ---- Number.prototype.toLocaleString and Intl.NumberFormat
['0', '-0', '1', '-1', '1234567.891', '0.5', '1.0005', '999.9995', '1e21',
    '1e-7', '-0.0001', '123456789012345680000', 'NaN', 'Infinity', '-Infinity',
    '1.005', '2.5', '-2.5', '0.1', '1000', '(0.1 + 0.2)', '12345.6789',
    '1.7976931348623157e308'].forEach(function (n) {
	add('[(' + n + ').toLocaleString(), (' + n + ").toLocaleString('en-US')]");
});
var numberOptions = [
	'{ minimumFractionDigits: 2 }', '{ maximumFractionDigits: 0 }',
	'{ minimumFractionDigits: 2, maximumFractionDigits: 2 }',
	'{ maximumFractionDigits: 1 }', '{ minimumFractionDigits: 5 }',
	'{ useGrouping: false }', "{ useGrouping: 'min2' }",
	"{ style: 'percent' }", "{ style: 'percent', minimumFractionDigits: 1 }",
	"{ style: 'currency', currency: 'USD' }",
	"{ style: 'currency', currency: 'eur' }",
	"{ style: 'currency', currency: 'GBP' }",
	"{ style: 'currency', currency: 'JPY' }",
	"{ style: 'currency', currency: 'CHF' }",
	"{ style: 'currency', currency: 'USD', currencyDisplay: 'code' }",
	"{ style: 'currency', currency: 'EUR', currencyDisplay: 'name' }",
	"{ style: 'currency', currency: 'CAD' }",
	"{ style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol' }",
	"{ style: 'currency', currency: 'USD', currencySign: 'accounting' }",
	"{ style: 'currency', currency: 'USD', maximumFractionDigits: 0 }",
	'{ minimumIntegerDigits: 3 }', '{ maximumSignificantDigits: 3 }',
	'{ minimumSignificantDigits: 5 }',
	'{ minimumSignificantDigits: 2, maximumSignificantDigits: 4 }',
	"{ signDisplay: 'always' }", "{ signDisplay: 'exceptZero' }",
	"{ signDisplay: 'never' }", "{ signDisplay: 'negative' }"
];
numberOptions.forEach(function (o) {
	add('[1234.5678, -1234.5678, 0.005, 0, -0, 1e6, 0.25].map(function (x) ' +
	    "{ return x.toLocaleString('en-US', " + o + '); })');
});
add("new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })" +
    '.formatToParts(-1234567.891)');
add("new Intl.NumberFormat('en-US', { style: 'percent' }).formatToParts(0.256)");
add('new Intl.NumberFormat().formatToParts(NaN)');
add("new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CHF' })" +
    '.formatToParts(5)');
add('new Intl.NumberFormat().resolvedOptions()');
add("new Intl.NumberFormat('en', { style: 'currency', currency: 'usd' })" +
    '.resolvedOptions()');
add("new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 })" +
    '.resolvedOptions()');
add("new Intl.NumberFormat('en-US', { style: 'percent' }).resolvedOptions()");
add('(function () { var f = new Intl.NumberFormat().format; ' +
    "return [f(1234.5), f('42'), f(), typeof f]; })()");
add('Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(1.25)');
add('Intl.NumberFormat() instanceof Intl.NumberFormat');
add("new Intl.NumberFormat('en_US')");
add("new Intl.NumberFormat('')");
add("new Intl.NumberFormat('en-US', { style: 'currency' })");
add("new Intl.NumberFormat('en-US', { style: 'currency', currency: 'US' })");
add("new Intl.NumberFormat('en-US', { maximumFractionDigits: 101 })");
add("new Intl.NumberFormat('en-US', { minimumFractionDigits: -1 })");
add("new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, " +
    'maximumFractionDigits: 1 })');
add("new Intl.NumberFormat('en-US', { style: 'bogus' })");
add("new Intl.NumberFormat('en-US', { maximumSignificantDigits: 0 })");
add("new Intl.NumberFormat('en-US', null)");
add('Intl.NumberFormat.prototype.format');
add('Intl.NumberFormat.prototype.resolvedOptions.call({})');
add("new Intl.NumberFormat(['en-US', 'de']).resolvedOptions().locale");
add("new Intl.NumberFormat('EN-us').resolvedOptions().locale");
add("Intl.NumberFormat.supportedLocalesOf(['en-US', 'en'])");

// ---- Intl.DateTimeFormat and Date's toLocale* with options
var dtOptions = [
	'{}', "{ year: 'numeric', month: 'long', day: 'numeric' }",
	"{ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }",
	"{ weekday: 'short', month: 'short', day: 'numeric' }",
	"{ month: 'short', day: 'numeric', year: 'numeric' }",
	"{ month: 'long', year: 'numeric' }", "{ month: 'long' }",
	"{ month: 'narrow' }", "{ weekday: 'long' }", "{ weekday: 'narrow' }",
	"{ year: 'numeric' }", "{ year: '2-digit' }", "{ day: 'numeric' }",
	"{ year: 'numeric', month: '2-digit', day: '2-digit' }",
	"{ month: 'numeric', day: 'numeric' }", "{ year: 'numeric', month: 'numeric' }",
	"{ weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric' }",
	"{ hour: 'numeric' }", "{ hour: '2-digit', minute: '2-digit' }",
	"{ hour: 'numeric', minute: '2-digit', second: '2-digit' }",
	"{ hour: 'numeric', hour12: false }", "{ hour: 'numeric', hourCycle: 'h23' }",
	"{ hour: 'numeric', minute: 'numeric', hourCycle: 'h11' }",
	'{ hour12: false }', "{ minute: '2-digit' }", "{ second: '2-digit' }",
	"{ minute: 'numeric', second: 'numeric' }",
	"{ hour: 'numeric', minute: 'numeric', second: 'numeric', " +
	    'fractionalSecondDigits: 3 }',
	"{ timeZone: 'UTC' }", "{ timeZone: 'Etc/UTC', timeZoneName: 'short' }",
	"{ timeZoneName: 'long' }", "{ timeZoneName: 'short', hour: 'numeric' }",
	"{ weekday: 'long', day: 'numeric' }", "{ year: 'numeric', day: 'numeric' }",
	"{ dateStyle: 'full' }", "{ dateStyle: 'long' }", "{ dateStyle: 'medium' }",
	"{ dateStyle: 'short' }", "{ timeStyle: 'full' }", "{ timeStyle: 'long' }",
	"{ timeStyle: 'medium' }", "{ timeStyle: 'short' }",
	"{ dateStyle: 'full', timeStyle: 'short' }",
	"{ dateStyle: 'medium', timeStyle: 'medium' }",
	"{ dateStyle: 'short', timeStyle: 'short', hour12: false }"
];
var some = [date(2030, 0, 2, 3, 4, 5, 67), date(2024, 1, 29, 12, 0, 0),
    date(1999, 11, 31, 23, 59, 59, 999), date(2023, 6, 9, 0, 30)];
dtOptions.forEach(function (o) {
	add('[' + some.join(', ') + "].map(function (d) { return new " +
	    "Intl.DateTimeFormat('en-US', " + o + ').format(d); })');
});
['{ month: \'long\' }', "{ hour: '2-digit' }", "{ dateStyle: 'short' }",
    "{ weekday: 'long', hour: 'numeric' }"].forEach(function (o) {
	var d = date(2030, 0, 2, 15, 4, 5);
	add('[' + d + ".toLocaleString('en-US', " + o + '), ' + d +
	    ".toLocaleDateString('en-US', " + o + '), ' + d +
	    ".toLocaleTimeString('en-US', " + o + ')]');
});
add(date(2030, 0, 2, 3, 4, 5) + ".toLocaleDateString('en-US', { timeStyle: 'short' })");
add(date(2030, 0, 2, 3, 4, 5) + ".toLocaleTimeString('en-US', { dateStyle: 'short' })");
add("new Intl.DateTimeFormat('en-US', { dateStyle: 'short', month: 'long' })");
add("new Intl.DateTimeFormat('en-US', { dateStyle: 'huge' })");
add("new Intl.DateTimeFormat('en-US', { month: 'longer' })");
add("new Intl.DateTimeFormat('en-US', { timeZone: 'Foo/Bar' })");
add("new Intl.DateTimeFormat('en-US', { timeZone: 'not a zone' })");
add('new Intl.DateTimeFormat().format(NaN)');
add("typeof new Intl.DateTimeFormat().format() + ' ' + " +
    "/^\\d+\\/\\d+\\/\\d{4}$/.test(new Intl.DateTimeFormat().format())");
add('new Intl.DateTimeFormat().resolvedOptions()');
add("new Intl.DateTimeFormat('en-US', { hour: 'numeric', hour12: false })" +
    '.resolvedOptions()');
add("new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'long', " +
    "timeZone: 'UTC' }).resolvedOptions()");
add('Intl.DateTimeFormat().resolvedOptions().timeZone');
add("new Intl.DateTimeFormat('en-US', { weekday: 'long', year: 'numeric', " +
    "month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })" +
    '.formatToParts(' + date(2030, 0, 2, 15, 4, 5) + ')');
add('new Intl.DateTimeFormat().formatToParts(' + date(2030, 0, 2) + ')');
add('(function () { var f = new Intl.DateTimeFormat().format; return ' +
    "f(0) + ' ' + [" + date(2030, 0, 2) + '].map(f)[0]; })()');
add('Intl.DateTimeFormat.prototype.formatToParts.call(5, 0)');

// ---- localeCompare and Intl.Collator
add("['b', 'A', 'a', 'B', '_', '1', ' ', '-', 'Z', '10', '9', 'a b', 'ab', " +
    "'Ab', 'aB', '', '!', '~', 'z'].sort(function (x, y) { return " +
    'x.localeCompare(y); })');
add("['resume', 'R\\u00e9sum\\u00e9', 'r\\u00e9sum\\u00e9', 'Resume', " +
    "'\\u00e4', 'a', 'A', '\\u00c4', '\\u00e0', 'b', 'cote', 'c\\u00f4te', " +
    "'\\u00f1', 'n', 'o'].sort(function (x, y) { return x.localeCompare(y); })");
add("['a'.localeCompare('B'), 'a'.localeCompare('a'), 'b'.localeCompare('a'), " +
    "'a'.localeCompare('A'), 'A'.localeCompare('a'), 'a'.localeCompare(''), " +
    "''.localeCompare('a'), 'a\\u0001b'.localeCompare('ab'), " +
    "'a-b'.localeCompare('ab'), 'item10'.localeCompare('item9')]");
add("['a'.localeCompare('A', 'en', { sensitivity: 'base' }), " +
    "'a'.localeCompare('\\u00e1', 'en', { sensitivity: 'base' }), " +
    "'a'.localeCompare('\\u00e1', 'en', { sensitivity: 'accent' }), " +
    "'a'.localeCompare('A', 'en', { sensitivity: 'accent' }), " +
    "'a'.localeCompare('A', 'en', { sensitivity: 'case' }), " +
    "'a'.localeCompare('\\u00e1', 'en', { sensitivity: 'case' })]");
add("['item10', 'item9', 'item1', 'Item2', 'item01'].sort(new " +
    "Intl.Collator('en', { numeric: true }).compare)");
add("['item10', 'item9', 'item1', 'Item2'].sort(Intl.Collator().compare)");
add("new Intl.Collator('en-US', { sensitivity: 'base' }).resolvedOptions()");
add('new Intl.Collator().resolvedOptions()');
add("new Intl.Collator('en', { sensitivity: 'loud' })");
add('String.prototype.localeCompare.call(null, "a")');
add("'a'.localeCompare()");

// ---- PluralRules, getCanonicalLocales
add("[0, 1, 2, 1.5, -1, 11, 21].map(function (n) { return new " +
    "Intl.PluralRules('en-US').select(n); })");
add("[1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 0].map(function (n) { " +
    "return new Intl.PluralRules('en', { type: 'ordinal' }).select(n); })");
add("new Intl.PluralRules('en-US', { minimumFractionDigits: 1 }).select(1)");
add("new Intl.PluralRules('en-US').resolvedOptions().pluralCategories");
add("new Intl.PluralRules('en-US', { type: 'ordinal' }).resolvedOptions()" +
    '.pluralCategories');
add("Intl.PluralRules('en')");
add("Intl.getCanonicalLocales(['EN-us', 'en-US', 'zh-hant-tw', 'de'])");
add("Intl.getCanonicalLocales('en_US')");
add('Intl.getCanonicalLocales([5])');
add('Intl.getCanonicalLocales()');
add('[typeof Intl, typeof Intl.NumberFormat, typeof Intl.DateTimeFormat, ' +
    'typeof Intl.Collator, typeof Intl.PluralRules]');

require('./node-cases.js').main(cases, '', {});
