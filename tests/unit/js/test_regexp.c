/*
 * regexp: JavaScript's RegExp on PCRE2 (src/js/regexp_*.c).  The cases
 * table compares fnpool with Node 20 (tests/unit/js/regexp-unit-cases.js
 * writes it); the tests below it check what Node cannot show: the
 * translation's output, the cache, the limits on a runaway match, a
 * lastIndex past MuJS's 16 bits, and the probe.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mujs.h>

#include "js/budget.h"
#include "js/jsext.h"
#include "js/regexp_engine.h"
#include "js/regexp_mujs.h"
#include "js/regexp_source.h"
#include "js/regexp_translate.h"
#include "tap.h"

/* @generated begin: by node v20.20.2 */
static const char show_js[] = "var show = function show(v) {\n\tfunction esc(s) {\n\t\tvar out = '', i, c;\n\t\tfor (i = 0; i < s.length; i++) {\n\t\t\tc = s.charCodeAt(i);\n\t\t\tout += c >= 0x20 && c < 0x7f && c !== 0x5c && c !== 0x22 ?\n\t\t\t    s.charAt(i) : '\\\\u' + ('000' + c.toString(16)).slice(-4);\n\t\t}\n\t\treturn '\"' + out + '\"';\n\t}\n\tif (typeof v === 'string')\n\t\treturn esc(v);\n\tif (Array.isArray(v)) {\n\t\tvar s = '[' + v.map(show).join(',') + ']';\n\t\tif (typeof v.index === 'number')\n\t\t\ts += '@' + v.index;\n\t\tif (v.groups !== undefined)\n\t\t\ts += show(v.groups);\n\t\treturn s;\n\t}\n\tif (v !== null && typeof v === 'object')\n\t\treturn '{' + Object.keys(v).sort().map(function (k) {\n\t\t\treturn k + ':' + show(v[k]);\n\t\t}).join(',') + '}';\n\treturn String(v);\n};";

static const struct {
	const char	*expr;
	const char	*want;
} cases[] = {
	{ "show([/a/gim.flags, /a/.global, /a/i.ignoreCase, /a/m.multiline])",
	    "[\"gim\",false,true,true]" },
	{ "show(new RegExp('a', 'gimsuy').flags)",
	    "\"gimsuy\"" },
	{ "show(new RegExp('a', 'ysmig').flags)",
	    "\"gimsy\"" },
	{ "show([new RegExp('a', 's').dotAll, new RegExp('a', 'u').unicode, new RegExp('a', 'y').sticky, /a/.sticky])",
	    "[true,true,true,false]" },
	{ "show(String(new RegExp('a/b', 'gy')))",
	    "\"/a\\u005c/b/gy\"" },
	{ "show(new RegExp('a/b').source)",
	    "\"a\\u005c/b\"" },
	{ "show(new RegExp('').source)",
	    "\"(?:)\"" },
	{ "show(String(new RegExp(/x/gi)))",
	    "\"/x/gi\"" },
	{ "show(String(new RegExp(/x/gi, 'm')))",
	    "\"/x/m\"" },
	{ "show(String(new RegExp(new RegExp('x', 'sy'))))",
	    "\"/x/sy\"" },
	{ "(function () { try { new RegExp('a', 'gg'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('a', 'x'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { var r = /a/; return RegExp(r) === r; })()",
	    "true" },
	{ "(function () { var r = new RegExp('a', 'y'); return r instanceof RegExp; })()",
	    "true" },
	{ "show([/a.b/.test('a\\nb'), new RegExp('a.b', 's').test('a\\nb')])",
	    "[false,true]" },
	{ "show([/./.test('\\r'), /./.test('\\u2028'), /./.test('\\u2029'), /./.test('\\u0085'), /./.test('\\v')])",
	    "[false,false,false,true,true]" },
	{ "show('a\\r\\nb\\u2028c'.split(/^/m))",
	    "[\"a\\u000d\",\"\\u000a\",\"b\\u2028\",\"c\"]" },
	{ "show('a\\nb\\rc\\u2029d'.match(/^\\w$/gm))",
	    "[\"a\",\"b\",\"c\",\"d\"]" },
	{ "show([/a$/.test('a\\n'), /a$/m.test('a\\n'), /^b/.test('a\\nb'), /^b/m.test('a\\nb')])",
	    "[false,true,false,true]" },
	{ "show('x\\r\\ny'.replace(/$/gm, '|'))",
	    "\"x|\\u000d|\\u000ay|\"" },
	{ "show(/^\\s+$/.test('\\ufeff\\u00a0\\u1680\\u2000\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000 \\t\\n\\v\\f\\r'))",
	    "true" },
	{ "show([/\\s/.test('\\u0085'), /\\s/.test('\\u180e'), /\\S/.test('\\u00a0'), /[\\S]/.test('\\u3000'), /[^\\s]/.test('x')])",
	    "[false,false,false,false,true]" },
	{ "show([/[a\\S]/.test(' '), /[a\\S]/.test('b'), /[^a\\S]/.test(' '), /[^a\\S]/.test('a'), /[^a\\S]/.test('b')])",
	    "[false,true,true,false,false]" },
	{ "show([/\\d/.test('\\u0663'), /\\w/.test('\\u00e9'), /\\w/i.test('\\u017f'), /\\bé/.test(' é'), /a\\b/.test('aé')])",
	    "[false,false,false,false,true]" },
	{ "show('a1_-é'.replace(/\\W/g, '.'))",
	    "\"a1_..\"" },
	{ "show([/[^]/.test('\\n'), /[]/.test('a'), /a[^]b/.test('a\\u2028b'), 'abc'.replace(/[]/g, '-')])",
	    "[true,false,true,\"abc\"]" },
	{ "show([/[\\]]/.test(']'), /[a-]/.test('-'), /[-a]/.test('-'), /[\\d-z]/.test('-'), /[\\w-]/.test('-')])",
	    "[true,true,true,true,true]" },
	{ "show('a]b{c}'.match(/]|{|}/g))",
	    "[\"]\",\"{\",\"}\"]" },
	{ "show([/[\\b]/.test('\\b'), /\\cJ/.test('\\n'), /[\\c_]/.test('\\u001f'), /\\c/.test('\\\\c'), /[\\c]/.test('c')])",
	    "[true,true,true,true,true]" },
	{ "(function () { try { new RegExp('[z-a]'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "show(/[\\u00e0-\\u00ff]+/i.exec('xÀÉÿ'))",
	    "[\"\\u00c0\\u00c9\\u00ff\"]@1" },
	{ "show([/\\x41/.test('A'), /\\x4/.test('x4'), /\\u0041/.test('A'), /\\u{41}/.test('uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu'), new RegExp('\\\\u{1F600}', 'u').test('\\ud83d\\ude00')])",
	    "[true,true,true,true,true]" },
	{ "show([/\\-\\//.test('-/'), /\\a\\e\\g\\z/.test('aegz'), /\\8\\9/.test('89'), /\\0/.test('\\0'), /\\101/.test('A'), /[\\101]/.test('A'), /\\377/.test('\\u00ff')])",
	    "[true,true,true,true,true,true,true]" },
	{ "show([/\\1(a)/.exec('aa'), /(a)\\2/.test('a2'), /(a)\\12/.test('a\\n')])",
	    "[[\"a\",\"a\"]@0,false,true]" },
	{ "(function () { try { new RegExp('\\\\-', 'u'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('\\\\u{110000}', 'u'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "show([new RegExp('^.$', 'u').test('\\ud83d\\ude00'), new RegExp('\\\\p{Lu}+', 'u').exec('abCDe')])",
	    "[true,[\"CD\"]@2]" },
	{ "show(new RegExp('[\\\\u{1F600}-\\\\u{1F64F}]', 'u').test('\\ud83d\\ude03'))",
	    "true" },
	{ "show(/\\uD83D\\uDE00/.test('x\\ud83d\\ude00'))",
	    "true" },
	{ "show(['\\ud83d\\ude00x'.replace(/x/, '|'), /x/.exec('\\ud83d\\ude00x').index])",
	    "[\"\\ud83d\\ude00|\",2]" },
	{ "show(new RegExp('\\ud83d\\ude00').test('\\ud83d\\ude00'))",
	    "true" },
	{ "show(new RegExp('\\\\p{Script=Greek}', 'u').test('\\u03b1'))",
	    "true" },
	{ "show('a\\ud834\\udf06b\\ud83d\\ude00'.replace(/[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]/g, '#'))",
	    "\"a#b#\"" },
	{ "show('\\ud83d\\udc4b\\ud83c\\udffd!'.match(/\\uD83D\\uDC4B(?:\\uD83C[\\uDFFB-\\uDFFF])?/))",
	    "[\"\\ud83d\\udc4b\\ud83c\\udffd\"]@0" },
	{ "show(/^\\uD83D[\\uDE00-\\uDE4F\\uDC00]$/.test('\\ud83d\\ude03'))",
	    "true" },
	{ "show(/^[\\uD83C\\uD83D][\\uDC00-\\uDFFF]+$/.test('\\ud83d\\ude03\\ud83c\\udf00'))",
	    "false" },
	{ "show(new RegExp('[\\ud800-\\udbff][\\udc00-\\udfff]', 'g').exec('x\\ud83d\\ude00').index)",
	    "1" },
	{ "show(/[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]/.test('plain'))",
	    "false" },
	{ "show([/^a{1000}$/.test(new Array(1001).join('a')), /^a{0,300}$/.test(new Array(301).join('a')), /a{,5}/.test('a{,5}'), /x{2,1}?/.source])",
	    "throws SyntaxError" },
	{ "(function () { try { new RegExp('a{2,1}'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('a**'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('*a'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('(?<=a)*'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('a{2}{3}'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('(a'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('a)'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('(?x)'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "show([/a+?/.exec('aaa'), /a{2,}?/.exec('aaaa'), /(?=a)*b/.test('b')])",
	    "[[\"a\"]@0,[\"aa\"]@0,true]" },
	{ "show([/(a\\1)/.exec('aa'), /(a)|\\1b/.exec('b'), /\\2(a)(b)/.exec('ab'), /(a)?b\\1/.exec('b')])",
	    "[[\"a\",\"a\"]@0,[\"b\",undefined]@0,[\"ab\",\"a\",\"b\"]@0,[\"b\",undefined]@0]" },
	{ "show(/(?<year>\\d{4})-(?<month>\\d{2})/.exec('on 2024-05'))",
	    "[\"2024-05\",\"2024\",\"05\"]@3{month:\"05\",year:\"2024\"}" },
	{ "show('2024-05'.replace(/(?<y>\\d+)-(?<m>\\d+)/, '$<m>/$<y>/$<none>'))",
	    "\"05/2024/\"" },
	{ "show('2024-05'.replace(/(\\d+)-(\\d+)/, '$<m>'))",
	    "\"$<m>\"" },
	{ "show(/(?<a>x)\\k<a>/.test('xx'))",
	    "true" },
	{ "show([/\\k<a>/.test('k<a>'), /\\k/.test('k')])",
	    "[true,true]" },
	{ "(function () { try { new RegExp('(?<a>x)(?<a>y)'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "(function () { try { new RegExp('(?<a>x)\\\\k<b>'); } catch (e) { return e.name; } })()",
	    "SyntaxError" },
	{ "show('2024-05'.replace(/(?<y>\\d+)-(?<m>\\d+)/, function () { return show(arguments[arguments.length - 1]); }))",
	    "\"{m:\\u002205\\u0022,y:\\u00222024\\u0022}\"" },
	{ "show([/(?:a|(b))+/.exec('ab'), /(a)|(b)/.exec('b')])",
	    "[[\"ab\",\"b\"]@0,[\"b\",undefined,\"b\"]@0]" },
	{ "show([/(?<=\\$)\\d+/.exec('cost $42'), /(?<!\\$)\\b\\d+/.exec('$4 and 5')])",
	    "[[\"42\"]@6,[\"5\"]@7]" },
	{ "(function () { var r = /a/g, s = 'aXa', out = []; while (r.exec(s)) out.push(r.lastIndex); out.push(r.lastIndex); return show(out); })()",
	    "[1,3,0]" },
	{ "(function () { var r = new RegExp('o', 'y'); r.lastIndex = 1; var a = r.test('foo'); var b = r.lastIndex; var c = r.test('foo'); return show([a, b, c, r.lastIndex]); })()",
	    "[true,2,true,3]" },
	{ "(function () { var r = new RegExp('a', 'y'); return show([r.test('ba'), r.lastIndex]); })()",
	    "[false,0]" },
	{ "(function () { var r = new RegExp('a', 'gy'); return show('aaba'.replace(r, '-')); })()",
	    "\"--ba\"" },
	{ "(function () { var r = new RegExp('a', 'gy'); return show('aaba'.match(r)); })()",
	    "[\"a\",\"a\"]" },
	{ "(function () { var r = /\\w/g; r.lastIndex = 3; return show([r.exec('ab'), r.lastIndex]); })()",
	    "[null,0]" },
	{ "(function () { var r = /b/g; r.lastIndex = 2; return show([r.exec('\\ud83d\\ude00b'), r.lastIndex]); })()",
	    "[[\"b\"]@2,3]" },
	{ "(function () { var r = /^b/gm; r.lastIndex = 2; return show(r.exec('a\\nb')); })()",
	    "[\"b\"]@2" },
	{ "(function () { var r = /(?:)/g; return show([r.exec('ab'), r.lastIndex, r.exec('ab'), r.lastIndex]); })()",
	    "[[\"\"]@0,0,[\"\"]@0,0]" },
	{ "(function () { var r = /a/; r.lastIndex = 5; r.exec('aaa'); return r.lastIndex; })()",
	    "5" },
	{ "show(/b/.exec('\\ud83d\\ude00b'))",
	    "[\"b\"]@2" },
	{ "show('\\ud83d\\ude00a\\ud83d\\ude00b'.search(/b/))",
	    "5" },
	{ "show('é\\ud83d\\ude00xé'.replace(/x/, function (m, i) { return i; }))",
	    "\"\\u00e9\\ud83d\\ude003\\u00e9\"" },
	{ "show('a\\u0000b\\u0000c'.split(/\\0/))",
	    "[\"a\",\"b\",\"c\"]" },
	{ "show([/\\x00/.exec('a\\u0000'), /a.b/.test('a\\u0000b'), /[^x]/.exec('\\u0000')])",
	    "[[\"\\u0000\"]@1,true,[\"\\u0000\"]@0]" },
	{ "show('é\\u0000\\ud83d\\ude00z'.match(/z/).index)",
	    "4" },
	{ "show(/./.exec('\\ud800x'))",
	    "[\"\\ud800\"]@0" },
	{ "show('a\\ud800b'.split(/b/))",
	    "[\"a\\ud800\",\"\"]" },
	{ "show('aBc'.match(/b/i))",
	    "[\"B\"]@1" },
	{ "show('abcabc'.match(/b/g))",
	    "[\"b\",\"b\"]" },
	{ "show('abc'.match(/x/g))",
	    "null" },
	{ "show('a.b'.match('.'))",
	    "[\"a\"]@0" },
	{ "show(''.match(/(?:)/g))",
	    "[\"\"]" },
	{ "show('abc'.search('c'))",
	    "2" },
	{ "show('abc'.replace(/^/g, '-'))",
	    "\"-abc\"" },
	{ "show('abc'.replace(/(?:)/g, '-'))",
	    "\"-a-b-c-\"" },
	{ "show('x'.replace(/(a)|(x)/, function () { return arguments.length + ':' + show([].slice.call(arguments)); }))",
	    "\"5:[\\u0022x\\u0022,undefined,\\u0022x\\u0022,0,\\u0022x\\u0022]\"" },
	{ "show('abc'.replace(/b/, '[$`|$&|$\\'|$$|$1|$0]'))",
	    "\"a[a|b|c|$|$1|$0]c\"" },
	{ "show('abc'.replace(/(b)/, '[$1$2$01$10$11]'))",
	    "\"a[b$2bb0b1]c\"" },
	{ "show('aaaa'.replace(/a/g, function (m, i) { return i; }))",
	    "\"0123\"" },
	{ "show('a-b_c'.replace(/[-_]/g, ''))",
	    "\"abc\"" },
	{ "show('xaxbx'.replaceAll('x', '[$&]'))",
	    "\"[x]a[x]b[x]\"" },
	{ "show('abc'.replaceAll('', '-'))",
	    "\"-a-b-c-\"" },
	{ "show('aaa'.replaceAll('aa', 'b'))",
	    "\"ba\"" },
	{ "show('a.b.c'.replaceAll('.', function (m, i) { return i; }))",
	    "\"a1b3c\"" },
	{ "show('abab'.replaceAll(/b/g, 'X'))",
	    "\"aXaX\"" },
	{ "(function () { try { 'a'.replaceAll(/a/, 'b'); } catch (e) { return e.name; } })()",
	    "TypeError" },
	{ "show('a1b2c3'.split(/\\d/))",
	    "[\"a\",\"b\",\"c\",\"\"]" },
	{ "show('a1b2c3'.split(/(\\d)/))",
	    "[\"a\",\"1\",\"b\",\"2\",\"c\",\"3\",\"\"]" },
	{ "show('a1b2c3'.split(/\\d/, 2))",
	    "[\"a\",\"b\"]" },
	{ "show('abc'.split(/(?:)/))",
	    "[\"a\",\"b\",\"c\"]" },
	{ "show(''.split(/(?:)/))",
	    "[]" },
	{ "show(''.split(/x/))",
	    "[\"\"]" },
	{ "show('ab'.split(/a*?/))",
	    "[\"a\",\"b\"]" },
	{ "show('ab'.split(/a*/))",
	    "[\"\",\"b\"]" },
	{ "show('A<B>bold</B>and<CODE>coded</CODE>'.split(/<(\\/)?([^<>]+)>/))",
	    "[\"A\",undefined,\"B\",\"bold\",\"/\",\"B\",\"and\",undefined,\"CODE\",\"coded\",\"/\",\"CODE\",\"\"]" },
	{ "show('one\\r\\ntwo\\nthree'.split(/\\r?\\n/))",
	    "[\"one\",\"two\",\"three\"]" },
	{ "show('a,b'.split(new RegExp(',', 'y')))",
	    "[\"a\",\"b\"]" },
	{ "(function () { var out = [], it = 'a1b22'.matchAll(/\\d+/g), n; while (!(n = it.next()).done) out.push(n.value); return show(out); })()",
	    "[[\"1\"]@1,[\"22\"]@3]" },
	{ "show(Array.from('x1y2'.matchAll(/(?<d>\\d)/g)).map(function (m) { return m.groups.d + '@' + m.index; }))",
	    "[\"1@1\",\"2@3\"]" },
	{ "(function () { try { 'a'.matchAll(/a/); } catch (e) { return e.name; } })()",
	    "TypeError" },
	{ "show(Array.from('aXbX'.matchAll('X')).length)",
	    "2" },
	{ "(function () { /(\\d)(\\d)/.exec('ab12cd'); return show([RegExp.$1, RegExp.$2, RegExp.$3, RegExp.lastMatch, RegExp.leftContext, RegExp.rightContext, RegExp.lastParen, RegExp.input]); })()",
	    "[\"1\",\"2\",\"\",\"12\",\"ab\",\"cd\",\"2\",\"ab12cd\"]" },
	{ "(function () { /(b)/.test('abc'); return show([RegExp.$1, RegExp['$&'], RegExp['$`'], RegExp[\"$'\"]]); })()",
	    "[\"b\",\"b\",\"a\",\"c\"]" },
	{ "(function () { 'xay'.replace(/(a)/, 'b'); return show(RegExp.$1); })()",
	    "\"a\"" },
	{ "(function () { function f(s) { return /^\\d+$/.test(s); } return show([f('12'), f('x'), f('3')]); })()",
	    "[true,false,true]" },
};
/* @generated end */

#define NCASES	(sizeof(cases) / sizeof(cases[0]))

static struct budget mem;

static js_State *
state(void)
{
	js_State *J;

	budget_init(&mem, 0);
	if ((J = js_newstate(budget_alloc, &mem, 0)) == NULL)
		return NULL;
	budget_attach(&mem, J);
	if (jsext_install(J, budget_alloc, &mem) == -1) {
		js_freestate(J);
		return NULL;
	}
	return J;
}

/* String(value) of src, or "throws " + the error's name. */
static const char *
eval(js_State *J, const char *src)
{
	static char out[8192];

	if (js_ploadstring(J, "[test]", src) != 0 ||
	    (js_pushundefined(J), js_pcall(J, 0)) != 0) {
		if (js_isobject(J, -1)) {
			js_getproperty(J, -1, "name");
			snprintf(out, sizeof(out), "throws %s",
			    js_trystring(J, -1, "?"));
			js_pop(J, 1);
		} else
			snprintf(out, sizeof(out), "throws %s",
			    js_trystring(J, -1, "?"));
	} else
		snprintf(out, sizeof(out), "%s", js_trystring(J, -1, "?"));
	js_pop(J, 1);
	return out;
}

static void
test_cases(js_State *J)
{
	char what[200];
	size_t i;

	ok(strcmp(eval(J, show_js), "undefined") == 0, "show() loads");
	for (i = 0; i < NCASES; i++) {
		snprintf(what, sizeof(what), "%.150s", cases[i].expr);
		is_str(eval(J, cases[i].expr), cases[i].want, what);
	}
}

/* The translation itself, for the forms whose PCRE2 spelling matters. */
static void
test_translate(void)
{
	static const struct {
		const char *src;
		int flags;
		const char *want;	/* NULL: an error */
	} cases[] = {
		{ "a.b", 0, "a[^\\x{a}\\x{d}\\x{2028}\\x{2029}]b" },
		{ "a.b", RX_S, "a(?s:.)b" },
		{ "^a$", 0, "^a\\z" },
		{ "^a$", RX_M, "(?<![^\\x{a}\\x{d}\\x{2028}\\x{2029}])a"
		    "(?![^\\x{a}\\x{d}\\x{2028}\\x{2029}])" },
		{ "[^]", 0, "(?s:.)" },
		{ "[]", 0, "(?!)" },
		{ "(?<n>a)\\k<n>", 0, "(a)(?:\\g{1})" },
		{ "\\1(a)", 0, "(?:\\g{1})(a)" },
		{ "\\8", 0, "8" },
		{ "\\12", 0, "\\x{a}" },
		{ "a{1000}", 0, "a{1000,1000}" },
		{ "a{,5}", 0, "a\\x{7b}\\x{2c}5\\x{7d}" },
		{ "[\\ud800-\\udfff]", 0, "(?!)" },
		{ "[\\u0000-\\uffff]", 0, "[\\x{0}-\\x{d7ff}\\x{e000}-\\x{ffff}]" },
		{ "\\ud83d\\ude00", 0, "\\x{1f600}" },
		{ "\\ud800", 0, "(?:(?!))" },
		{ "\\u{1F600}", RX_U, "\\x{1f600}" },
		{ "a{65536}", 0, NULL },
		{ "(?<1a>x)", 0, NULL },
		{ "\\", 0, NULL },
		{ "[a", 0, NULL },
	};
	struct regexp_shape shape;
	struct buf out;
	char err[160];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_init(&out);
		err[0] = '\0';
		rc = regexp_translate(cases[i].src, strlen(cases[i].src),
		    cases[i].flags, &out, &shape, err, sizeof(err));
		if (cases[i].want == NULL)
			ok(rc == -1 && err[0] != '\0', "/%s/ refused: %s",
			    cases[i].src, err);
		else
			is_str(rc == 0 ? buf_cstr(&out) : err, cases[i].want,
			    cases[i].src);
		buf_free(&out);
		buf_free(&shape.names);
	}
	ok(regexp_flags_parse("gimsuy") == 63 && regexp_flags_parse("gg") == -1 &&
	    regexp_flags_parse("d") == RX_D && regexp_flags_parse("dd") == -1 &&
	    regexp_flags_parse("x") == -1 && regexp_flags_parse("") == 0,
	    "flags parse");
}

/* The patterns MuJS's engine refused, now compiling and matching. */
static void
test_refused_before(js_State *J)
{
	char src[16384], *p = src;
	int i;

	/* a validator-style class of hundreds of ranges */
	p += sprintf(p, "(function () { var r = new RegExp('^[");
	for (i = 0; i < 400; i++)
		p += sprintf(p, "\\\\u%04x-\\\\u%04x", 0x100 + i * 8,
		    0x100 + i * 8 + 3);
	sprintf(p, "]+$', 'i'); return [r.test('\\u0101\\u0109'), "
	    "r.test('\\u0105')].join(); })()");
	is_str(eval(J, src), "true,false", "a class of 400 ranges");
	is_str(eval(J, "String(/(a\\1)/.exec('aa'))"), "a,a",
	    "/(a\\1)/: a reference inside its own group");
	is_str(eval(J, "/^a{1000}$/.test(new Array(1001).join('a'))"), "true",
	    "/a{1000}/ literal");
	is_str(eval(J, "/\\-\\//.test('-/')"), "true", "/\\-\\// literal");
	is_str(eval(J, "/^a*$/.test(new Array(100001).join('a'))"), "true",
	    "a loop over 100,000 characters");
	/* documented difference: without u, Node's . is one UTF-16 unit */
	is_str(eval(J, "/^.$/.test('\\ud83d\\ude00')"), "true",
	    "without u, . takes a character above U+FFFF whole");
}

/*
 * MuJS's own js_regexec, for a path of MuJS's that fnpool does not
 * replace: MuJS's Resub (16 captures) filled with pointers into the text.
 */
struct resub {
	int	 nsub;
	struct {
		const char *sp, *ep;
	} sub[16];
};
int	 js_regexec(void *prog, const char *string, struct resub *sub,
	    int eflags);
struct mujs_regexp {
	void	*prog;
};
struct mujs_regexp *js_toregexp(js_State *J, int idx);

static void
test_regexec(js_State *J)
{
	/* x, U+1F600, NUL as MuJS writes it, then the match */
	static const char text[] = "x\xf0\x9f\x98\x80\xc0\x80" "ab";
	struct resub sub;
	void *prog;

	js_newregexp(J, "(a)(z)?(b)", 0);
	prog = js_toregexp(J, -1)->prog;
	ok(js_regexec(prog, text, &sub, 0) == 0 && sub.nsub == 4,
	    "js_regexec matches, 4 subs");
	ok(sub.sub[0].sp == text + 7 && sub.sub[0].ep == text + 9,
	    "... the match's pointers are into MuJS's bytes");
	ok(sub.sub[1].sp == text + 7 && sub.sub[2].sp == NULL &&
	    sub.sub[3].ep == text + 9, "... an unmatched group is NULL");
	ok(js_regexec(prog, "nothing", &sub, 0) == 1, "... 1 for no match");
	js_pop(J, 1);
	js_newregexp(J, "^a", 0);
	prog = js_toregexp(J, -1)->prog;
	ok(js_regexec(prog, "ab", &sub, 4) == 1 &&
	    js_regexec(prog, "ab", &sub, 0) == 0, "... REG_NOTBOL");
	js_pop(J, 1);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_catastrophic(js_State *J)
{
	double t = now();
	const char *got;

	got = eval(J, "(function () { var s = new Array(10001).join('a') + 'b';"
	    " try { /(a+)+$/.test(s); return 'matched'; }"
	    " catch (e) { return e.name + ': ' + e.message; } })()");
	t = now() - t;
	ok(strstr(got, "Error: regular expression /(a+)+$/ gave up") == got,
	    "a runaway match is a catchable Error naming the pattern: %s", got);
	ok(t < 5, "... within seconds (%.2f s)", t);
	is_str(eval(J, "/(a+)+$/.test('aaab'.slice(0, 3))"), "true",
	    "the same pattern matches ordinary input afterwards");
}

static void
test_cache(js_State *J)
{
	unsigned long before = regexp_compiles();

	is_str(eval(J, "(function () { var n = 0, i;"
	    " function f(s) { return /^[a-z]+@cache-probe\\.example$/.test(s); }"
	    " for (i = 0; i < 100000; i++) n += f('ab@cache-probe.example');"
	    " return n; })()"), "100000", "a literal evaluated 100,000 times");
	ok(regexp_compiles() - before == 1,
	    "... is compiled once (%lu compiles)", regexp_compiles() - before);
	before = regexp_compiles();
	is_str(eval(J, "new RegExp('^[a-z]+@cache-probe\\\\.example$').source"),
	    "^[a-z]+@cache-probe\\.example$", "new RegExp with that source");
	ok(regexp_compiles() == before, "... takes it from the cache too");
}

static void
test_last_index(js_State *J)
{
	is_str(eval(J, "(function () { var s = new Array(70001).join('a') + 'b',"
	    " r = /b|$/g; r.exec(s); var at = r.lastIndex; r.lastIndex = at;"
	    " var m = r.exec(s); return [at, m.index, m[0] === ''].join(); })()"),
	    "4465,70001,true",
	    "lastIndex past 65535 reads modulo 65536 but is kept whole");
	is_str(eval(J, "(function () { var s = new Array(70001).join('a') + 'b',"
	    " r = /a/g; r.lastIndex = 10; r.exec(s); return r.lastIndex; })()"),
	    "11", "a lastIndex assigned in JavaScript is taken");
}

/* source: what needs escaping, and what may not be touched */
static void
test_source(void)
{
	static const struct {
		const char *pattern, *want;
	} cases[] = {
		{ "abc", NULL },			/* nothing to do */
		{ "caf\xc3\xa9 \xe2\x82\xac", NULL },	/* E2 not a terminator */
		{ "a/b", "a\\/b" },
		{ "a\\/b", "a\\/b" },		/* escaped already */
		{ "a\\\\/b", "a\\\\\\/b" },	/* \\ then a bare / */
		{ "[/]/", "[/]\\/" },
		{ "[\\]/]/", "[\\]/]\\/" },	/* \] does not close the class */
		{ "[a]/[", "[a]\\/[" },		/* unclosed class at the end */
		{ "\n\r", "\\n\\r" },
		{ "\\\n", "\\n" },		/* one escape, not two */
		{ "\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029" },
		{ "a\\", NULL },			/* a trailing backslash */
		{ "/\\", "\\/\\" },
	};
	struct buf b;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].want == NULL) {
			ok(!regexp_source_needed(cases[i].pattern),
			    "source of %s needs no escape", cases[i].pattern);
			continue;
		}
		buf_init(&b);
		ok(regexp_source_needed(cases[i].pattern), "source of %s needs "
		    "escapes", cases[i].pattern);
		regexp_source_escape(cases[i].pattern, &b);
		is_str(buf_cstr(&b), cases[i].want, cases[i].pattern);
		buf_free(&b);
	}
}

static void
test_subject(void)
{
	struct regexp_subject s;
	/* é (2 bytes), U+1F600 (4 bytes, 2 units), NUL (C0 80), lone D800 */
	static const char js[] = "\xc3\xa9\xf0\x9f\x98\x80\xc0\x80\xed\xa0\x80z";

	regexp_subject_init(&s);
	regexp_subject_set(&s, js, sizeof(js) - 1);
	ok(!s.plain && s.len == sizeof(js) - 2, "converted: %zu bytes", s.len);
	ok(memcmp(s.text, "\xc3\xa9\xf0\x9f\x98\x80\0\xef\xbf\xbdz", 11) == 0,
	    "NUL as a byte, a lone surrogate as U+FFFD");
	ok(regexp_subject_units(&s, 10) == 5 && regexp_subject_js(&s, 10) == 11,
	    "z: unit 5, MuJS byte 11");
	ok(regexp_subject_units(&s, 2) == 1 && regexp_subject_units(&s, 6) == 3,
	    "the cursor walks back");
	ok(regexp_subject_offset(&s, 2) == 6, "unit 2, inside U+1F600: after it");
	ok(regexp_subject_offset(&s, 99) == s.len, "past the end: the end");
	regexp_subject_set(&s, "abc", 3);
	ok(s.plain && s.text != NULL && regexp_subject_units(&s, 2) == 2,
	    "ASCII is matched in place");
	regexp_subject_free(&s);
}

int
main(void)
{
	js_State *J;
	char err[256];

	ok(regexp_mujs_probe(err, sizeof(err)) == 0,
	    "the probe sees fnpool's engine in MuJS");
	test_translate();
	test_source();
	test_subject();
	J = state();
	ok(J != NULL, "a state with jsext");
	if (J == NULL)
		return tap_done();
	test_cases(J);
	test_refused_before(J);
	test_catastrophic(J);
	test_cache(J);
	test_last_index(J);
	test_regexec(J);
	js_freestate(J);
	ok(mem.used == 0, "the state frees every regexp it made");
	return tap_done();
}
