/*
 * date: new Date(value) and Date.parse (datector.c, dateparse.c), each
 * case compared with what Node 20 gives under TZ=UTC.  The table is the
 * output of `TZ=UTC node tests/unit/js/date-cases.js` (CI has no Node).
 * Then dateparse with a local zone east of UTC, as Node gave under
 * TZ=Asia/Tokyo (+09:00, no daylight saving time).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases.h"
#include "js/dateparse.h"

/* @generated begin: by node v20.20.2 */
#include "node-runner.h"
static const char prelude_js[] =
	"\n";
static const struct node_case cases[] = {
	{ "new Date(new Date(1709115630123)).getTime()",
	    "number 1709115630123" },
	{ "new Date(new Date(NaN)).getTime()",
	    "number NaN" },
	{ "(function () { var d = new Date(1709115630123); d.valueOf = function () { return 5; }; d.toString = function () { return \"x\"; }; return new Date(d).getTime(); })()",
	    "number 1709115630123" },
	{ "(function () { var d = new Date(1709115630123); return [new Date(d) !== d, new Date(d) instanceof Date]; })()",
	    "object [true,true]" },
	{ "(function () { var d = new Date(1709115630123); return [new Date(d).toISOString(), new d.constructor(d.getTime()).toISOString(), new d.constructor(+d).toISOString()]; })()",
	    "object [\"2024-02-28T10:20:30.123Z\",\"2024-02-28T10:20:30.123Z\",\"2024-02-28T10:20:30.123Z\"]" },
	{ "(function () { function clone(x) { return x instanceof Date \? new Date(x.getTime()) : new Date(x); } var d = new Date(86400000); var c = clone(d); c.setUTCDate(5); return [d.getUTCDate(), c.getUTCDate()]; })()",
	    "object [2,5]" },
	{ "new Date({ valueOf: function () { return 86400000; } }).getTime()",
	    "number 86400000" },
	{ "new Date({ toString: function () { return \"2024-02-28\"; }, valueOf: null }).getTime()",
	    "number 1709078400000" },
	{ "new Date({ valueOf: function () { return \"Feb 28 2024\"; } }).getTime()",
	    "number 1709078400000" },
	{ "new Date({ valueOf: function () { throw new Error(\"no\"); } })",
	    "throws Error: no" },
	{ "[new Date(null).getTime(), new Date(true).getTime(), new Date(undefined).getTime(), new Date(\"\").getTime(), new Date(8.64e15 + 1).getTime(), new Date(1.9).getTime()]",
	    "object [0,1,null,null,null,1]" },
	{ "new Date([2024, 1, 28]).getTime()",
	    "number 1706400000000" },
	{ "[new Date(2024, 1, 28).getTime(), new Date(2024, 1, 28, 10, 20, 30, 400).getTime(), new Date(99, 0).getTime(), new Date(2024, 14, 1).getTime()]",
	    "object [1709078400000,1709115630400,915148800000,1740787200000]" },
	{ "[typeof Date(), typeof Date(0), Date(0) === Date(1709115630123), /^[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d{4} \\d\\d:\\d\\d:\\d\\d GMT/.test(Date())]",
	    "object [\"string\",\"string\",true,true]" },
	{ "[Date.prototype.constructor === Date, new Date(0) instanceof Date, Object.getPrototypeOf(new Date(0)) === Date.prototype, Date.parse.length, typeof Date.UTC, typeof Date.now]",
	    "object [true,true,true,1,\"function\",\"function\"]" },
	{ "[Date.UTC(2024, 1, 28, 10, 20, 30), typeof Date.now(), Math.abs(Date.now() - new Date().getTime()) < 60000]",
	    "object [1709115630000,\"number\",true]" },
	{ "Object.prototype.toString.call(new Date(0))",
	    "string [object Date]" },
	{ "Object.keys(Date).concat(Object.keys(Date.prototype))",
	    "object []" },
	{ "(function () { var B = Function.prototype.bind.apply(Date, [null, 2024, 1, 28]); return new B().getTime(); })()",
	    "number 1709078400000" },
	{ "(function () { var args = [1709115630123]; var d = new (Function.prototype.bind.apply(Date, [null].concat(args)))(); return [d instanceof Date, new Date(d).getTime(), d.toISOString()]; })()",
	    "object [true,1709115630123,\"2024-02-28T10:20:30.123Z\"]" },
	{ "Reflect.construct(Date, [1709115630123]).getTime()",
	    "number 1709115630123" },
	{ "Reflect.construct(Date, [\"Feb 28 2024\"]).getTime()",
	    "number 1709078400000" },
	{ "Date.parse(\"2024-02-28\")",
	    "number 1709078400000" },
	{ "Date.parse(\"2024-02-28T10:20\")",
	    "number 1709115600000" },
	{ "Date.parse(\"2024-02-28T10:20:30\")",
	    "number 1709115630000" },
	{ "Date.parse(\"2024-02-28T10:20:30.123Z\")",
	    "number 1709115630123" },
	{ "Date.parse(\"2024-02-28T10:20:30.123456Z\")",
	    "number 1709115630123" },
	{ "Date.parse(\"2024-02-28T10:20:30.1\")",
	    "number 1709115630100" },
	{ "Date.parse(\"2024-02-28T10:20:30+01:00\")",
	    "number 1709112030000" },
	{ "Date.parse(\"2024-02-28T10:20:30-0530\")",
	    "number 1709135430000" },
	{ "Date.parse(\"2024-02-28t10:20z\")",
	    "number 1709115600000" },
	{ "Date.parse(\"2024\")",
	    "number 1704067200000" },
	{ "Date.parse(\"2024-02\")",
	    "number 1706745600000" },
	{ "Date.parse(\"+002024-02-28\")",
	    "number 1709078400000" },
	{ "Date.parse(\"-000001-12-31T00:00Z\")",
	    "number -62167305600000" },
	{ "Date.parse(\"2024-02-28T24:00\")",
	    "number 1709164800000" },
	{ "Date.parse(\"2024-02-30\")",
	    "number 1709251200000" },
	{ "Date.parse(\"2024-02-28 10:20\")",
	    "number 1709115600000" },
	{ "Date.parse(\"+275760-09-13T00:00:00.000Z\")",
	    "number 8640000000000000" },
	{ "Date.parse(\"-271821-04-20T00:00:00.000Z\")",
	    "number -8640000000000000" },
	{ "Date.parse(\"Wed Feb 28 2024 10:20:30 GMT+0000 (Coordinated Universal Time)\")",
	    "number 1709115630000" },
	{ "Date.parse(\"Wed Feb 28 2024 10:20:30 GMT+0100 (Central European Standard Time)\")",
	    "number 1709112030000" },
	{ "Date.parse(\"Wed Feb 28 2024\")",
	    "number 1709078400000" },
	{ "Date.parse(\"Wed, 28 Feb 2024 10:20:30 GMT\")",
	    "number 1709115630000" },
	{ "Date.parse(\"Wed, 28 Feb 2024 10:20:30 +0100\")",
	    "number 1709112030000" },
	{ "Date.parse(\"Wed, 28 Feb 2024 10:20:30 -0130\")",
	    "number 1709121030000" },
	{ "Date.parse(\"28 Feb 2024 10:20:30 +0100\")",
	    "number 1709112030000" },
	{ "Date.parse(\"Wednesday, 28 Feb 2024 10:20:30 UT\")",
	    "number 1709115630000" },
	{ "Date.parse(\"Feb 28 2024\")",
	    "number 1709078400000" },
	{ "Date.parse(\"Feb 28, 2024\")",
	    "number 1709078400000" },
	{ "Date.parse(\"28 Feb 2024 10:20\")",
	    "number 1709115600000" },
	{ "Date.parse(\"Feb 28\")",
	    "number 983318400000" },
	{ "Date.parse(\"2024/02/28\")",
	    "number 1709078400000" },
	{ "Date.parse(\"2024/2/28 10:20:30\")",
	    "number 1709115630000" },
	{ "Date.parse(\"2/28/2024\")",
	    "number 1709078400000" },
	{ "Date.parse(\"2/28/24\")",
	    "number 1709078400000" },
	{ "Date.parse(\"2/28/2024 10:20:30 GMT-0500\")",
	    "number 1709133630000" },
	{ "Date.parse(\"February 28, 2024 10:20:30\")",
	    "number 1709115630000" },
	{ "Date.parse(\"FEBRUARY 28 2024\")",
	    "number 1709078400000" },
	{ "Date.parse(\"december 25, 1995 1:30 PM\")",
	    "number 819898200000" },
	{ "Date.parse(\"25 Dec 1995 12:00 AM\")",
	    "number 819849600000" },
	{ "Date.parse(\"Feb 28 2024 10:20 UTC\")",
	    "number 1709115600000" },
	{ "Date.parse(\"Feb 28 2024 10:20 Z\")",
	    "number 1709115600000" },
	{ "Date.parse(\"Feb 28 2024 10:20 GMT+02:30\")",
	    "number 1709106600000" },
	{ "Date.parse(\"Feb 28 2024 10:20 UTC-8\")",
	    "number 1709144400000" },
	{ "Date.parse(\"Feb 28 2024 10:20 EST\")",
	    "number 1709133600000" },
	{ "Date.parse(\"Feb 28 2024 10:20 PDT\")",
	    "number 1709140800000" },
	{ "Date.parse(\"Feb 28 2024 10:20:30.5\")",
	    "number 1709115630500" },
	{ "Date.parse(\"28-Feb-2024\")",
	    "number 1709078400000" },
	{ "Date.parse(\"Feb 28 60\")",
	    "number -310608000000" },
	{ "Date.parse(\"1 2 3\")",
	    "number 1041465600000" },
	{ "Date.parse(\"Feb 28 2024 (a comment) 10:20\")",
	    "number 1709115600000" },
	{ "Date.parse(\"1/1/1970, 12:00:00 AM\")",
	    "number 0" },
	{ "Date.parse(\"\")",
	    "number NaN" },
	{ "Date.parse(\"   \")",
	    "number NaN" },
	{ "Date.parse(\"foo\")",
	    "number NaN" },
	{ "Date.parse(\"Feb\")",
	    "number NaN" },
	{ "Date.parse(\"foo2024\")",
	    "number NaN" },
	{ "Date.parse(\"2024 foo\")",
	    "number NaN" },
	{ "Date.parse(\"28 Feb 2024 Wed\")",
	    "number NaN" },
	{ "Date.parse(\"Feb 28 2024 10:20 CET\")",
	    "number NaN" },
	{ "Date.parse(\"Feb 28 2024 25:00\")",
	    "number NaN" },
	{ "Date.parse(\"Feb 28 2024 13:20 PM\")",
	    "number NaN" },
	{ "Date.parse(\"2024-02-32\")",
	    "number NaN" },
	{ "Date.parse(\"2024-13-01\")",
	    "number NaN" },
	{ "Date.parse(\"24-02-28\")",
	    "number NaN" },
	{ "Date.parse(\"2024-02-28T24:00:01\")",
	    "number NaN" },
	{ "Date.parse(\"2024-02-28T1:20\")",
	    "number NaN" },
	{ "Date.parse(\"2024-02-28T10:20:30.Z\")",
	    "number NaN" },
	{ "Date.parse(\"2024-02-28T10:20:30+24:00\")",
	    "number NaN" },
	{ "Date.parse(\"2024-02-28T10:20:30Z junk\")",
	    "number NaN" },
	{ "Date.parse(\"Feb 28 2024 10:20 GMT+123456\")",
	    "number NaN" },
	{ "Date.parse(\"Feb 28 2024 10:20)\")",
	    "number NaN" },
	{ "Date.parse(\"+275760-09-13T00:00:00.001Z\")",
	    "number NaN" },
	{ "Date.parse(\"1/2/3/4\")",
	    "number NaN" },
	{ "Date.parse(\"Feb 28 2024 10:20:30:40:50\")",
	    "number 1709115630040" },
	{ "Date.parse(\"\303\251t\303\251 2024\")",
	    "number 1704067200000" },
	{ "Date.parse(\"null\")",
	    "number NaN" },
	{ "Date.parse(\"undefined\")",
	    "number NaN" },
	{ "Date.parse(\"Invalid Date\")",
	    "number NaN" },
	{ "Date.parse(\"hello world 1\")",
	    "number 978307200000" },
	{ "Date.parse(\"-5\")",
	    "number 988675200000" },
	{ "Date.parse(\"Feb 28 2024 10:20 +0100 (CET)\")",
	    "number 1709112000000" },
	{ "[Date.parse(), Date.parse(null), Date.parse(1709115630123), Date.parse({ toString: function () { return \"2024-02-28\"; } })]",
	    "object [null,null,null,1709078400000]" },
	{ "new Date(\"Feb 28 2024 10:20 GMT+0100\").getTime()",
	    "number 1709112000000" },
	{ "new Date(\"not a date\").getTime()",
	    "number NaN" },
	{ "String(new Date(\"not a date\"))",
	    "string Invalid Date" },
	{ "(function () { var d = new Date(0); return [new Date(String(d)).getTime(), Date.parse(d.toString()), Date.parse(d.toUTCString()), new Date(d.toISOString()).getTime(), Date.parse(d.toDateString()), new Date(d).getTime(), Date.parse(JSON.parse(JSON.stringify(d)))]; })()",
	    "object [0,0,0,0,0,0,0]" },
	{ "(function () { var d = new Date(1709115630000); return [new Date(String(d)).getTime(), Date.parse(d.toString()), Date.parse(d.toUTCString()), new Date(d.toISOString()).getTime(), Date.parse(d.toDateString()), new Date(d).getTime(), Date.parse(JSON.parse(JSON.stringify(d)))]; })()",
	    "object [1709115630000,1709115630000,1709115630000,1709115630000,1709078400000,1709115630000,1709115630000]" },
	{ "(function () { var d = new Date(1709115630123); return [new Date(String(d)).getTime(), Date.parse(d.toString()), Date.parse(d.toUTCString()), new Date(d.toISOString()).getTime(), Date.parse(d.toDateString()), new Date(d).getTime(), Date.parse(JSON.parse(JSON.stringify(d)))]; })()",
	    "object [1709115630000,1709115630000,1709115630000,1709115630123,1709078400000,1709115630123,1709115630123]" },
	{ "(function () { var d = new Date(-1); return [new Date(String(d)).getTime(), Date.parse(d.toString()), Date.parse(d.toUTCString()), new Date(d.toISOString()).getTime(), Date.parse(d.toDateString()), new Date(d).getTime(), Date.parse(JSON.parse(JSON.stringify(d)))]; })()",
	    "object [-1000,-1000,-1000,-1,-86400000,-1,-1]" },
	{ "(function () { var d = new Date(951782400000); return [new Date(String(d)).getTime(), Date.parse(d.toString()), Date.parse(d.toUTCString()), new Date(d.toISOString()).getTime(), Date.parse(d.toDateString()), new Date(d).getTime(), Date.parse(JSON.parse(JSON.stringify(d)))]; })()",
	    "object [951782400000,951782400000,951782400000,951782400000,951782400000,951782400000,951782400000]" },
	{ "(function () { var d = new Date(253402300799999); return [new Date(String(d)).getTime(), Date.parse(d.toString()), Date.parse(d.toUTCString()), new Date(d.toISOString()).getTime(), Date.parse(d.toDateString()), new Date(d).getTime(), Date.parse(JSON.parse(JSON.stringify(d)))]; })()",
	    "object [253402300799000,253402300799000,253402300799000,253402300799999,253402214400000,253402300799999,253402300799999]" },
	{ "(function () { var d = new Date(-30610224000000); return [new Date(String(d)).getTime(), Date.parse(d.toString()), Date.parse(d.toUTCString()), new Date(d.toISOString()).getTime(), Date.parse(d.toDateString()), new Date(d).getTime(), Date.parse(JSON.parse(JSON.stringify(d)))]; })()",
	    "object [-30610224000000,-30610224000000,-30610224000000,-30610224000000,-30610224000000,-30610224000000,-30610224000000]" },
};
/* @generated end */

static void
test_cases(void)
{
	cases_table(runner_js, prelude_js, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

/* Local time is the offset given; a zone in the string overrides it. */
static void
test_local(void)
{
	static const struct {
		const char	*s;
		double		 want;
	} checks[] = {
		{ "2024-02-28", 1709078400000.0 },	/* a date alone: UTC */
		{ "2024-02-28T10:20", 1709083200000.0 },
		{ "2024-02-28 10:20", 1709083200000.0 },
		{ "Feb 28 2024", 1709046000000.0 },
		{ "Feb 28 2024 10:20 PM", 1709126400000.0 },
		{ "Wed, 28 Feb 2024 10:20:30 GMT", 1709115630000.0 },
	};
	char name[96];
	size_t i;

	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		snprintf(name, sizeof(name), "+09:00: %s", checks[i].s);
		ok(dateparse(checks[i].s, 9 * 3600000.0) == checks[i].want,
		    name);
	}
	ok(isnan(dateparse("Feb 28 2024 10:20 CET", 9 * 3600000.0)),
	    "+09:00: an unknown zone name is NaN");
}

int
main(void)
{
	/* Node's answers are UTC's; fnpool's local time follows TZ too */
	setenv("TZ", "UTC", 1);
	tzset();
	test_cases();
	test_local();
	return tap_done();
}
