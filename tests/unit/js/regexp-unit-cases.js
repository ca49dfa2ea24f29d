// regexp-unit-cases.js: the RegExp cases of test_regexp.c.  Each case is an ES5
// expression; Node evaluates it with show() below and the result becomes
// the expected string in test_regexp.c, between its "@generated" markers
// (CI has no Node).  show() goes into the C file too, so fnpool evaluates
// each case as Node did:
//
//   node tests/unit/js/regexp-unit-cases.js --update tests/unit/js/test_regexp.c
'use strict';

/* eslint-disable no-var */
var runner = function show(v) {
	function esc(s) {
		var out = '', i, c;
		for (i = 0; i < s.length; i++) {
			c = s.charCodeAt(i);
			out += c >= 0x20 && c < 0x7f && c !== 0x5c && c !== 0x22 ?
			    s.charAt(i) : '\\u' + ('000' + c.toString(16)).slice(-4);
		}
		return '"' + out + '"';
	}
	if (typeof v === 'string')
		return esc(v);
	if (Array.isArray(v)) {
		var s = '[' + v.map(show).join(',') + ']';
		if (typeof v.index === 'number')
			s += '@' + v.index;
		if (v.groups !== undefined)
			s += show(v.groups);
		return s;
	}
	if (v !== null && typeof v === 'object')
		return '{' + Object.keys(v).sort().map(function (k) {
			return k + ':' + show(v[k]);
		}).join(',') + '}';
	return String(v);
};

var cases = [
	// flags and accessors
	"show([/a/gim.flags, /a/.global, /a/i.ignoreCase, /a/m.multiline])",
	"show(new RegExp('a', 'gimsuy').flags)",
	"show(new RegExp('a', 'ysmig').flags)",
	"show([new RegExp('a', 's').dotAll, new RegExp('a', 'u').unicode, new RegExp('a', 'y').sticky, /a/.sticky])",
	"show(String(new RegExp('a/b', 'gy')))",
	"show(new RegExp('a/b').source)",
	"show(new RegExp('').source)",
	"show(String(new RegExp(/x/gi)))",
	"show(String(new RegExp(/x/gi, 'm')))",
	"show(String(new RegExp(new RegExp('x', 'sy'))))",
	"(function () { try { new RegExp('a', 'gg'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('a', 'x'); } catch (e) { return e.name; } })()",
	"(function () { var r = /a/; return RegExp(r) === r; })()",
	"(function () { var r = new RegExp('a', 'y'); return r instanceof RegExp; })()",
	// dotAll, line terminators
	"show([/a.b/.test('a\\nb'), new RegExp('a.b', 's').test('a\\nb')])",
	"show([/./.test('\\r'), /./.test('\\u2028'), /./.test('\\u2029'), /./.test('\\u0085'), /./.test('\\v')])",
	"show('a\\r\\nb\\u2028c'.split(/^/m))",
	"show('a\\nb\\rc\\u2029d'.match(/^\\w$/gm))",
	"show([/a$/.test('a\\n'), /a$/m.test('a\\n'), /^b/.test('a\\nb'), /^b/m.test('a\\nb')])",
	"show('x\\r\\ny'.replace(/$/gm, '|'))",
	// \\s \\d \\w \\b
	"show(/^\\s+$/.test('\\ufeff\\u00a0\\u1680\\u2000\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000 \\t\\n\\v\\f\\r'))",
	"show([/\\s/.test('\\u0085'), /\\s/.test('\\u180e'), /\\S/.test('\\u00a0'), /[\\S]/.test('\\u3000'), /[^\\s]/.test('x')])",
	"show([/[a\\S]/.test(' '), /[a\\S]/.test('b'), /[^a\\S]/.test(' '), /[^a\\S]/.test('a'), /[^a\\S]/.test('b')])",
	"show([/\\d/.test('\\u0663'), /\\w/.test('\\u00e9'), /\\w/i.test('\\u017f'), /\\bé/.test(' é'), /a\\b/.test('aé')])",
	"show('a1_-é'.replace(/\\W/g, '.'))",
	// classes
	"show([/[^]/.test('\\n'), /[]/.test('a'), /a[^]b/.test('a\\u2028b'), 'abc'.replace(/[]/g, '-')])",
	"show([/[\\]]/.test(']'), /[a-]/.test('-'), /[-a]/.test('-'), /[\\d-z]/.test('-'), /[\\w-]/.test('-')])",
	"show('a]b{c}'.match(/]|{|}/g))",
	"show([/[\\b]/.test('\\b'), /\\cJ/.test('\\n'), /[\\c_]/.test('\\u001f'), /\\c/.test('\\\\c'), /[\\c]/.test('c')])",
	"(function () { try { new RegExp('[z-a]'); } catch (e) { return e.name; } })()",
	"show(/[\\u00e0-\\u00ff]+/i.exec('xÀÉÿ'))",
	// escapes
	"show([/\\x41/.test('A'), /\\x4/.test('x4'), /\\u0041/.test('A'), /\\u{41}/.test('uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu'), new RegExp('\\\\u{1F600}', 'u').test('\\ud83d\\ude00')])",
	"show([/\\-\\//.test('-/'), /\\a\\e\\g\\z/.test('aegz'), /\\8\\9/.test('89'), /\\0/.test('\\0'), /\\101/.test('A'), /[\\101]/.test('A'), /\\377/.test('\\u00ff')])",
	"show([/\\1(a)/.exec('aa'), /(a)\\2/.test('a2'), /(a)\\12/.test('a\\n')])",
	"(function () { try { new RegExp('\\\\-', 'u'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('\\\\u{110000}', 'u'); } catch (e) { return e.name; } })()",
	"show([new RegExp('^.$', 'u').test('\\ud83d\\ude00'), new RegExp('\\\\p{Lu}+', 'u').exec('abCDe')])",
	"show(new RegExp('[\\\\u{1F600}-\\\\u{1F64F}]', 'u').test('\\ud83d\\ude03'))",
	"show(/\\uD83D\\uDE00/.test('x\\ud83d\\ude00'))",
	"show(['\\ud83d\\ude00x'.replace(/x/, '|'), /x/.exec('\\ud83d\\ude00x').index])",
	"show(new RegExp('\\ud83d\\ude00').test('\\ud83d\\ude00'))",
	"show(new RegExp('\\\\p{Script=Greek}', 'u').test('\\u03b1'))",
	// characters above U+FFFF spelled as UTF-16 halves, without u
	"show('a\\ud834\\udf06b\\ud83d\\ude00'.replace(/[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]/g, '#'))",
	"show('\\ud83d\\udc4b\\ud83c\\udffd!'.match(/\\uD83D\\uDC4B(?:\\uD83C[\\uDFFB-\\uDFFF])?/))",
	"show(/^\\uD83D[\\uDE00-\\uDE4F\\uDC00]$/.test('\\ud83d\\ude03'))",
	"show(/^[\\uD83C\\uD83D][\\uDC00-\\uDFFF]+$/.test('\\ud83d\\ude03\\ud83c\\udf00'))",
	"show(new RegExp('[\\ud800-\\udbff][\\udc00-\\udfff]', 'g').exec('x\\ud83d\\ude00').index)",
	"show(/[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]/.test('plain'))",
	// quantifiers and bounds
	"show([/^a{1000}$/.test(new Array(1001).join('a')), /^a{0,300}$/.test(new Array(301).join('a')), /a{,5}/.test('a{,5}'), /x{2,1}?/.source])",
	"(function () { try { new RegExp('a{2,1}'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('a**'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('*a'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('(?<=a)*'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('a{2}{3}'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('(a'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('a)'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('(?x)'); } catch (e) { return e.name; } })()",
	"show([/a+?/.exec('aaa'), /a{2,}?/.exec('aaaa'), /(?=a)*b/.test('b')])",
	// back-references and groups
	"show([/(a\\1)/.exec('aa'), /(a)|\\1b/.exec('b'), /\\2(a)(b)/.exec('ab'), /(a)?b\\1/.exec('b')])",
	"show(/(?<year>\\d{4})-(?<month>\\d{2})/.exec('on 2024-05'))",
	"show('2024-05'.replace(/(?<y>\\d+)-(?<m>\\d+)/, '$<m>/$<y>/$<none>'))",
	"show('2024-05'.replace(/(\\d+)-(\\d+)/, '$<m>'))",
	"show(/(?<a>x)\\k<a>/.test('xx'))",
	"show([/\\k<a>/.test('k<a>'), /\\k/.test('k')])",
	"(function () { try { new RegExp('(?<a>x)(?<a>y)'); } catch (e) { return e.name; } })()",
	"(function () { try { new RegExp('(?<a>x)\\\\k<b>'); } catch (e) { return e.name; } })()",
	"show('2024-05'.replace(/(?<y>\\d+)-(?<m>\\d+)/, function () { return show(arguments[arguments.length - 1]); }))",
	"show([/(?:a|(b))+/.exec('ab'), /(a)|(b)/.exec('b')])",
	"show([/(?<=\\$)\\d+/.exec('cost $42'), /(?<!\\$)\\b\\d+/.exec('$4 and 5')])",
	// exec, lastIndex, g and y
	"(function () { var r = /a/g, s = 'aXa', out = []; while (r.exec(s)) out.push(r.lastIndex); out.push(r.lastIndex); return show(out); })()",
	"(function () { var r = new RegExp('o', 'y'); r.lastIndex = 1; var a = r.test('foo'); var b = r.lastIndex; var c = r.test('foo'); return show([a, b, c, r.lastIndex]); })()",
	"(function () { var r = new RegExp('a', 'y'); return show([r.test('ba'), r.lastIndex]); })()",
	"(function () { var r = new RegExp('a', 'gy'); return show('aaba'.replace(r, '-')); })()",
	"(function () { var r = new RegExp('a', 'gy'); return show('aaba'.match(r)); })()",
	"(function () { var r = /\\w/g; r.lastIndex = 3; return show([r.exec('ab'), r.lastIndex]); })()",
	"(function () { var r = /b/g; r.lastIndex = 2; return show([r.exec('\\ud83d\\ude00b'), r.lastIndex]); })()",
	"(function () { var r = /^b/gm; r.lastIndex = 2; return show(r.exec('a\\nb')); })()",
	"(function () { var r = /(?:)/g; return show([r.exec('ab'), r.lastIndex, r.exec('ab'), r.lastIndex]); })()",
	"(function () { var r = /a/; r.lastIndex = 5; r.exec('aaa'); return r.lastIndex; })()",
	// Unicode and offsets
	"show(/b/.exec('\\ud83d\\ude00b'))",
	"show('\\ud83d\\ude00a\\ud83d\\ude00b'.search(/b/))",
	"show('é\\ud83d\\ude00xé'.replace(/x/, function (m, i) { return i; }))",
	"show('a\\u0000b\\u0000c'.split(/\\0/))",
	"show([/\\x00/.exec('a\\u0000'), /a.b/.test('a\\u0000b'), /[^x]/.exec('\\u0000')])",
	"show('é\\u0000\\ud83d\\ude00z'.match(/z/).index)",
	"show(/./.exec('\\ud800x'))",
	"show('a\\ud800b'.split(/b/))",
	// String methods
	"show('aBc'.match(/b/i))",
	"show('abcabc'.match(/b/g))",
	"show('abc'.match(/x/g))",
	"show('a.b'.match('.'))",
	"show(''.match(/(?:)/g))",
	"show('abc'.search('c'))",
	"show('abc'.replace(/^/g, '-'))",
	"show('abc'.replace(/(?:)/g, '-'))",
	"show('x'.replace(/(a)|(x)/, function () { return arguments.length + ':' + show([].slice.call(arguments)); }))",
	"show('abc'.replace(/b/, '[$`|$&|$\\'|$$|$1|$0]'))",
	"show('abc'.replace(/(b)/, '[$1$2$01$10$11]'))",
	"show('aaaa'.replace(/a/g, function (m, i) { return i; }))",
	"show('a-b_c'.replace(/[-_]/g, ''))",
	"show('xaxbx'.replaceAll('x', '[$&]'))",
	"show('abc'.replaceAll('', '-'))",
	"show('aaa'.replaceAll('aa', 'b'))",
	"show('a.b.c'.replaceAll('.', function (m, i) { return i; }))",
	"show('abab'.replaceAll(/b/g, 'X'))",
	"(function () { try { 'a'.replaceAll(/a/, 'b'); } catch (e) { return e.name; } })()",
	"show('a1b2c3'.split(/\\d/))",
	"show('a1b2c3'.split(/(\\d)/))",
	"show('a1b2c3'.split(/\\d/, 2))",
	"show('abc'.split(/(?:)/))",
	"show(''.split(/(?:)/))",
	"show(''.split(/x/))",
	"show('ab'.split(/a*?/))",
	"show('ab'.split(/a*/))",
	"show('A<B>bold</B>and<CODE>coded</CODE>'.split(/<(\\/)?([^<>]+)>/))",
	"show('one\\r\\ntwo\\nthree'.split(/\\r?\\n/))",
	"show('a,b'.split(new RegExp(',', 'y')))",
	"(function () { var out = [], it = 'a1b22'.matchAll(/\\d+/g), n; while (!(n = it.next()).done) out.push(n.value); return show(out); })()",
	"show(Array.from('x1y2'.matchAll(/(?<d>\\d)/g)).map(function (m) { return m.groups.d + '@' + m.index; }))",
	"(function () { try { 'a'.matchAll(/a/); } catch (e) { return e.name; } })()",
	"show(Array.from('aXbX'.matchAll('X')).length)",
	// legacy statics
	"(function () { /(\\d)(\\d)/.exec('ab12cd'); return show([RegExp.$1, RegExp.$2, RegExp.$3, RegExp.lastMatch, RegExp.leftContext, RegExp.rightContext, RegExp.lastParen, RegExp.input]); })()",
	"(function () { /(b)/.test('abc'); return show([RegExp.$1, RegExp['$&'], RegExp['$`'], RegExp[\"$'\"]]); })()",
	"(function () { 'xay'.replace(/(a)/, 'b'); return show(RegExp.$1); })()",
	// compiled each time, as MuJS evaluates literals
	"(function () { function f(s) { return /^\\d+$/.test(s); } return show([f('12'), f('x'), f('3')]); })()",
];

if (require.main === module) {
	var fs = require('fs');
	var show = runner;
	var lines = cases.map(function (c) {
		var v;
		try {
			v = String(eval(c));
		} catch (e) {
			v = 'throws ' + e.name;
		}
		return '\t{ ' + JSON.stringify(c) + ',\n\t    ' + JSON.stringify(v) + ' },';
	});
	var out = '/* @generated begin: by node ' + process.version + ' */\n' +
	    'static const char show_js[] = ' + JSON.stringify('var show = ' + runner.toString() + ';') + ';\n\n' +
	    'static const struct {\n\tconst char\t*expr;\n\tconst char\t*want;\n} cases[] = {\n' +
	    lines.join('\n') + '\n};\n/* @generated end */';
	var file = process.argv[3];
	var src = fs.readFileSync(file, 'utf8');
	src = src.replace(/\/\* @generated begin[\s\S]*?@generated end \*\//, function () { return out; });
	fs.writeFileSync(file, src);
}
