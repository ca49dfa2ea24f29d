/*
 * util: Node's format, inspect, inherits, promisify, callbackify,
 * deprecate, debuglog, types and the old is* predicates.  inspect lays
 * out values as Node 20 does (breakLength 128, compact 3, arrays of
 * more than 6 short items grouped in columns); keys come in MuJS's order
 * (sorted), not in insertion order.  There is no Symbol: inspect.custom
 * and promisify.custom are strings.
 */
'use strict';

var errors = require('internal/errors');
var fnName = errors.fnName;
var hasOwn = Object.prototype.hasOwnProperty;
var toStr = Object.prototype.toString;

var customInspect = 'Symbol(nodejs.util.inspect.custom)';
var customPromisify = 'Symbol(nodejs.util.promisify.custom)';

var defaultOptions = {
	showHidden: false, depth: 2, colors: false, customInspect: true,
	showProxy: false, maxArrayLength: 100, maxStringLength: 10000,
	breakLength: 128, compact: 3, sorted: false, getters: false,
	numericSeparator: false
};

/* ---- types --------------------------------------------------------------- */

var typedNames = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray',
    'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
    'Float32Array', 'Float64Array'];

function isTypedArray(v) {
	return typeof v === 'object' && v !== null && ArrayBuffer.isView(v);
}

function typedName(v) {
	for (var i = 0; i < typedNames.length; i++)
		if (v instanceof globalThis[typedNames[i]])
			return typedNames[i];
	return '';
}

function tagIs(tag) {
	return function (v) { return toStr.call(v) === '[object ' + tag + ']'; };
}

function isError(v) {
	return v instanceof Error || toStr.call(v) === '[object Error]';
}

var types = {
	isDate: tagIs('Date'),
	isRegExp: tagIs('RegExp'),
	isNativeError: isError,
	isTypedArray: isTypedArray,
	isArrayBufferView: isTypedArray,
	isArrayBuffer: function (v) { return v instanceof ArrayBuffer; },
	isAnyArrayBuffer: function (v) { return v instanceof ArrayBuffer; },
	isPromise: function (v) {
		return typeof Promise === 'function' && v instanceof Promise;
	},
	isNumberObject: function (v) {
		return typeof v === 'object' && tagIs('Number')(v);
	},
	isStringObject: function (v) {
		return typeof v === 'object' && tagIs('String')(v);
	},
	isBooleanObject: function (v) {
		return typeof v === 'object' && tagIs('Boolean')(v);
	},
	isBoxedPrimitive: function (v) {
		return typeof v === 'object' && (tagIs('Number')(v) ||
		    tagIs('String')(v) || tagIs('Boolean')(v));
	},
	isSymbolObject: function () { return false; },
	isBigIntObject: function () { return false; },
	isMap: tagIs('Map'),
	isSet: tagIs('Set'),
	isWeakMap: tagIs('WeakMap'),
	isWeakSet: tagIs('WeakSet'),
	isMapIterator: tagIs('Map Iterator'),
	isSetIterator: tagIs('Set Iterator'),
	isGeneratorFunction: function () { return false; },
	isGeneratorObject: function () { return false; },
	isAsyncFunction: function () { return false; },
	isProxy: function () { return false; },
	isDataView: function () { return false; },
	isSharedArrayBuffer: function () { return false; },
	isExternal: function () { return false; },
	isModuleNamespaceObject: function () { return false; },
	isArgumentsObject: tagIs('Arguments')
};
typedNames.forEach(function (name) {
	types['is' + name] = function (v) {
		return typeof v === 'object' && v instanceof globalThis[name];
	};
});

/* ---- inspect --------------------------------------------------------- */

var strEscapeMap = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f',
    '\r': '\\r', '\v': '\\v' };

function strEscape(s) {
	var q = "'", out = '', i, c, n;

	if (s.indexOf("'") !== -1) {
		if (s.indexOf('"') === -1)
			q = '"';
		else if (s.indexOf('`') === -1 && s.indexOf('${') === -1)
			q = '`';
	}
	for (i = 0; i < s.length; i++) {
		c = s.charAt(i);
		n = s.charCodeAt(i);
		if (c === q || c === '\\')
			out += '\\' + c;
		else if (strEscapeMap[c])
			out += strEscapeMap[c];
		else if (n < 0x20 || n === 0x7f)
			out += '\\x' + (n < 16 ? '0' : '') + n.toString(16).toUpperCase();
		else
			out += c;
	}
	return q + out + q;
}

function isIdentifier(k) {
	return /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(k);
}

function formatNumber(n, sep) {
	if (n === 0 && 1 / n < 0)
		return '-0';
	var s = String(n);
	if (!sep || !/^-?\d+(\.\d+)?$/.test(s))
		return s;
	var parts = s.split('.'), int = parts[0], out = '', i;
	var start = int.charAt(0) === '-' ? 1 : 0;
	for (i = int.length; i >= start + 4; i -= 3)
		out = '_' + int.slice(i - 3, i) + out;
	return int.slice(0, i) + out + (parts[1] !== undefined ? '.' + parts[1] : '');
}

function formatPrimitive(ctx, v) {
	if (typeof v === 'string') {
		var trailer = '';
		if (v.length > ctx.maxStringLength) {
			var rest = v.length - ctx.maxStringLength;
			v = v.slice(0, ctx.maxStringLength);
			trailer = '... ' + rest + ' more character' +
			    (rest > 1 ? 's' : '');
		}
		if (ctx.compact !== true && v.length > 16 &&
		    v.length > ctx.breakLength - ctx.indentationLvl - 4) {
			var lines = [], at = 0, nl;
			while ((nl = v.indexOf('\n', at)) !== -1 && nl < v.length - 1) {
				lines.push(v.slice(at, nl + 1));
				at = nl + 1;
			}
			lines.push(v.slice(at));
			return lines.map(strEscape).join(' +\n' +
			    repeat(' ', ctx.indentationLvl + 2)) + trailer;
		}
		return strEscape(v) + trailer;
	}
	if (typeof v === 'number')
		return formatNumber(v, ctx.numericSeparator);
	return String(v);
}

function repeat(s, n) {
	var out = '';
	while (n-- > 0)
		out += s;
	return out;
}

function ctorName(obj) {
	var proto = Object.getPrototypeOf(obj), d, name;
	while (proto !== null) {
		d = Object.getOwnPropertyDescriptor(proto, 'constructor');
		if (d && typeof d.value === 'function' &&
		    (name = fnName(d.value)) !== '')
			return name;
		proto = Object.getPrototypeOf(proto);
	}
	return null;
}

function prefixOf(constructor, tag, fallback, size) {
	size = size || '';
	if (constructor === null)
		return '[' + fallback + size + ': null prototype] ';
	if (tag !== '' && constructor !== tag)
		return constructor + size + ' [' + tag + '] ';
	return constructor + size + ' ';
}

function getKeys(value, showHidden) {
	var keys = showHidden ? Object.getOwnPropertyNames(value) :
	    Object.keys(value);
	return keys;
}

function formatValue(ctx, value, recurseTimes, typedArray) {
	if (typeof value !== 'object' && typeof value !== 'function')
		return formatPrimitive(ctx, value);
	if (value === null)
		return 'null';
	if (ctx.customInspect) {
		var maybeCustom = value[customInspect];
		if (typeof maybeCustom === 'function' && maybeCustom !== inspect) {
			var depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
			var opts = {};
			for (var k in ctx)
				if (hasOwn.call(defaultOptions, k))
					opts[k] = ctx[k];
			opts.depth = depth;
			var ret = maybeCustom.call(value, depth, opts, inspect);
			if (ret !== value) {
				if (typeof ret !== 'string')
					return formatValue(ctx, ret, recurseTimes);
				return ret.replace(/\n/g, '\n' + repeat(' ', ctx.indentationLvl));
			}
		}
	}
	if (ctx.seen.indexOf(value) !== -1) {
		var index = 1;
		if (ctx.circular === undefined) {
			ctx.circular = [[value, index]];
		} else {
			var found = false;
			for (var c = 0; c < ctx.circular.length; c++)
				if (ctx.circular[c][0] === value) {
					index = ctx.circular[c][1];
					found = true;
				}
			if (!found) {
				index = ctx.circular.length + 1;
				ctx.circular.push([value, index]);
			}
		}
		return '[Circular *' + index + ']';
	}
	return formatRaw(ctx, value, recurseTimes, typedArray);
}

var kObjectType = 0, kArrayType = 1, kArrayExtrasType = 2;

function formatRaw(ctx, value, recurseTimes, typedArray) {
	var keys, constructor = ctorName(value), tag = '', base = '';
	var braces, formatter = formatObjectEntries, extrasType = kObjectType;
	var i, output, res, name;

	keys = getKeys(value, ctx.showHidden);
	if (Array.isArray(value)) {
		var prefix = constructor !== 'Array' || tag !== '' ?
		    prefixOf(constructor, tag, 'Array') : '';
		keys = keys.filter(function (k) { return !/^(0|[1-9]\d*)$/.test(k) ||
		    +k >= value.length; });
		if (!ctx.showHidden)
			keys = keys.filter(function (k) { return k !== 'length'; });
		braces = [prefix + '[', ']'];
		if (value.length === 0 && keys.length === 0)
			return braces[0] + ']';
		extrasType = kArrayExtrasType;
		formatter = formatArray;
	} else if (typeof Buffer === 'function' && value instanceof Buffer &&
	    !ctx.showHidden && ctx.customInspect) {
		return formatBuffer(ctx, value);
	} else if (isTypedArray(value)) {
		name = typedName(value) || constructor;
		keys = keys.filter(function (k) { return !/^(0|[1-9]\d*)$/.test(k); });
		braces = [prefixOf(constructor, name !== constructor ? name : '',
		    name, '(' + value.length + ')') + '[', ']'];
		if (value.length === 0 && keys.length === 0)
			return braces[0] + ']';
		formatter = formatTypedArray;
		extrasType = kArrayExtrasType;
	} else if (value instanceof ArrayBuffer) {
		keys.unshift('byteLength');
		braces = ['ArrayBuffer {', '}'];
		formatter = formatArrayBuffer;
	}
	if (braces === undefined) {
		var t = toStr.call(value);
		if (t === '[object Map]' || t === '[object Set]') {
			braces = [t.slice(8, -1) + '(' + value.size + ') {', '}'];
			formatter = formatMapSet;
			if (value.size === 0 && keys.length === 0)
				return braces[0] + '}';
		} else if (t === '[object Arguments]') {
			braces = ['[Arguments] [', ']'];
			formatter = formatArguments;
			extrasType = kArrayExtrasType;
			keys = keys.filter(function (k) { return !/^\d+$/.test(k); });
			if (value.length === 0 && keys.length === 0)
				return '[Arguments] []';
		} else if (typeof value === 'function') {
			base = functionBase(value, constructor, tag);
			if (keys.length === 0)
				return base;
		} else if (t === '[object RegExp]') {
			base = RegExp.prototype.toString.call(value);
			if (constructor !== 'RegExp' || tag !== '')
				base = prefixOf(constructor, tag, 'RegExp') + base;
			keys = keys.filter(function (k) { return k !== 'lastIndex'; });
			if (keys.length === 0)
				return base;
		} else if (t === '[object Date]') {
			base = isNaN(value.getTime()) ? 'Invalid Date' :
			    value.toISOString();
			if (constructor !== 'Date')
				base = prefixOf(constructor, tag, 'Date') + base;
			if (keys.length === 0)
				return base;
		} else if (isError(value)) {
			base = formatError(value, constructor, keys);
			keys = keys.filter(function (k) {
				return k !== 'stackTrace' && k !== 'stack' &&
				    k !== 'message';
			});
			if (keys.length === 0)
				return base;
		} else if (t === '[object Number]' || t === '[object String]' ||
		    t === '[object Boolean]') {
			var prim = value.valueOf(), type = t.slice(8, -1);
			base = '[' + type + (constructor !== type ?
			    constructor === null ? ' (null prototype)' :
			    ' (' + constructor + ')' : '') + ': ' +
			    formatPrimitive(ctx, prim) + ']';
			if (type === 'String')
				keys = keys.filter(function (k) {
					return !/^\d+$/.test(k) && k !== 'length';
				});
			if (keys.length === 0)
				return base;
		} else {
			if (constructor === 'Object') {
				if (t === '[object Math]' || t === '[object JSON]')
					tag = t.slice(8, -1);
				braces = [tag !== '' ? 'Object [' + tag + '] {' : '{', '}'];
			} else {
				braces = [prefixOf(constructor, tag, 'Object') + '{', '}'];
			}
			if (keys.length === 0)
				return braces[0] + '}';
		}
	}
	if (braces === undefined)
		braces = ['{', '}'];
	if (recurseTimes > ctx.depth && ctx.depth !== null) {
		name = constructor || tag || 'Object';
		if (Array.isArray(value))
			name = 'Array';
		return '[' + name + ']';
	}
	recurseTimes += 1;
	ctx.seen.push(value);
	ctx.currentDepth = recurseTimes;
	output = formatter(ctx, value, recurseTimes, keys);
	for (i = 0; i < keys.length; i++)
		output.push(formatProperty(ctx, value, recurseTimes, keys[i],
		    extrasType));
	ctx.seen.pop();
	if (ctx.circular !== undefined) {
		for (i = 0; i < ctx.circular.length; i++) {
			if (ctx.circular[i][0] === value) {
				var ref = '<ref *' + ctx.circular[i][1] + '>';
				if (base === '')
					braces[0] = ref + ' ' + braces[0];
				else
					base = ref + ' ' + base;
			}
		}
	}
	res = reduceToSingleString(ctx, output, base, braces, extrasType,
	    recurseTimes, value);
	return res;
}

function functionBase(value, constructor, tag) {
	var name = fnName(value);
	var base = '[Function' + (name ? ': ' + name : ' (anonymous)') + ']';
	if (constructor === null)
		base += ' (null prototype)';
	if (constructor !== 'Function' && constructor !== null)
		base += ' ' + constructor;
	if (tag !== '' && constructor !== tag)
		base += ' [' + tag + ']';
	return base;
}

function formatError(err, constructor, keys) {
	var stack = err.stack;
	var name = err.name ? String(err.name) : 'Error';
	var msg = err.message !== undefined ? String(err.message) : '';
	if (typeof stack !== 'string' || stack === '')
		stack = msg ? name + ': ' + msg : name;
	stack = stack.replace(/\n\t/g, '\n    ');
	if (keys.indexOf('message') !== -1 && err.message !== undefined &&
	    stack.indexOf(msg) === -1)
		stack = name + ': ' + msg;
	return stack.indexOf('\n    at') === -1 ? '[' + stack + ']' : stack;
}

function formatBuffer(ctx, value) {
	var max = exportsInspectMaxBytes(), n = Math.min(max, value.length);
	var hex = [], i;
	for (i = 0; i < n; i++)
		hex.push((value[i] < 16 ? '0' : '') + value[i].toString(16));
	var rest = value.length - max;
	var str = hex.join(' ');
	if (rest > 0)
		str += ' ... ' + rest + ' more byte' + (rest > 1 ? 's' : '');
	return '<Buffer' + (str ? ' ' + str : '') + '>';
}

function exportsInspectMaxBytes() {
	return 50;
}

function formatArrayBuffer(ctx, value) {
	var bytes = new Uint8Array(value), n = Math.min(50, bytes.length);
	var hex = [], i;
	for (i = 0; i < n; i++)
		hex.push((bytes[i] < 16 ? '0' : '') + bytes[i].toString(16));
	var str = hex.join(' ');
	if (bytes.length > 50)
		str += ' ... ' + (bytes.length - 50) + ' more byte' +
		    (bytes.length - 50 > 1 ? 's' : '');
	return ['[Uint8Contents]: <' + str + '>'];
}

function formatArrayLike(ctx, value, recurseTimes, len) {
	var output = [], i, max = Math.min(ctx.maxArrayLength, len), holes = 0;
	var outputLength = 0;
	for (i = 0; i < len && outputLength < max; i++) {
		if (!hasOwn.call(value, i)) {
			holes++;
			continue;
		}
		if (holes > 0) {
			output.push('<' + holes + ' empty item' +
			    (holes > 1 ? 's' : '') + '>');
			outputLength++;
			holes = 0;
			if (outputLength >= max)
				break;
		}
		output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
		outputLength++;
	}
	if (holes > 0 && outputLength < max) {
		output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') +
		    '>');
		outputLength++;
		i = len;
	}
	var remaining = len - i;
	if (remaining > 0)
		output.push('... ' + remaining + ' more item' +
		    (remaining > 1 ? 's' : ''));
	return output;
}

function formatArray(ctx, value, recurseTimes) {
	return formatArrayLike(ctx, value, recurseTimes, value.length);
}

/* a Map's entries as "key => value", a Set's values */
function formatMapSet(ctx, value, recurseTimes) {
	var output = [], isMap = toStr.call(value) === '[object Map]';
	value.forEach(function (v, k) {
		output.push(isMap ? formatValue(ctx, k, recurseTimes) + ' => ' +
		    formatValue(ctx, v, recurseTimes) :
		    formatValue(ctx, v, recurseTimes));
	});
	return output;
}

function formatArguments(ctx, value, recurseTimes) {
	return formatArrayLike(ctx, value, recurseTimes, value.length);
}

function formatTypedArray(ctx, value) {
	var len = value.length, max = Math.min(ctx.maxArrayLength, len);
	var output = [], i;
	for (i = 0; i < max; i++)
		output.push(formatNumber(value[i], ctx.numericSeparator));
	if (len > max)
		output.push('... ' + (len - max) + ' more item' +
		    (len - max > 1 ? 's' : ''));
	return output;
}

function formatObjectEntries() {
	return [];
}

function formatProperty(ctx, value, recurseTimes, key, type) {
	var name, str, desc;

	desc = Object.getOwnPropertyDescriptor(value, key);
	if (desc === undefined)
		desc = { value: value[key], enumerable: true };
	if (desc.value !== undefined) {
		ctx.indentationLvl += 2;
		str = formatValue(ctx, desc.value, recurseTimes);
		ctx.indentationLvl -= 2;
	} else if (desc.get !== undefined) {
		str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
	} else if (desc.set !== undefined) {
		str = '[Setter]';
	} else {
		str = 'undefined';
	}
	if (type === kArrayType)
		return str;
	key = String(key);
	if (isIdentifier(key))
		name = key;
	else
		name = strEscape(key);
	/* MuJS calls an array's length enumerable */
	if (desc.enumerable === false || (key === 'length' && Array.isArray(value)))
		name = '[' + name + ']';
	return name + ': ' + str;
}

function isBelowBreakLength(ctx, output, start, base) {
	var totalLength = output.length + start, i;
	if (totalLength + output.length > ctx.breakLength)
		return false;
	for (i = 0; i < output.length; i++) {
		totalLength += output[i].length;
		if (totalLength > ctx.breakLength)
			return false;
	}
	return base === '' || base.indexOf('\n') === -1;
}

function groupArrayElements(ctx, output, value) {
	var totalLength = 0, maxLength = 0, i = 0, outputLength = output.length;
	var separatorSpace = 2, dataLen = [], len;

	if (ctx.maxArrayLength < output.length)
		outputLength--;
	for (; i < outputLength; i++) {
		len = output[i].length;
		dataLen[i] = len;
		totalLength += len + separatorSpace;
		if (maxLength < len)
			maxLength = len;
	}
	var actualMax = maxLength + separatorSpace;
	if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
	    (totalLength / actualMax > 5 || maxLength <= 6)) {
		var approxCharHeights = 2.5, averageBias =
		    Math.sqrt(actualMax - totalLength / output.length);
		var biasedMax = Math.max(actualMax - 3 - averageBias, 1);
		var columns = Math.min(
		    Math.round(Math.sqrt(approxCharHeights * biasedMax *
		    outputLength) / biasedMax),
		    Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
		    ctx.compact * 4, 15);
		if (columns <= 1)
			return output;
		var tmp = [], maxLineLength = [], j, lineLength;
		for (i = 0; i < columns; i++) {
			lineLength = 0;
			for (j = i; j < output.length; j += columns)
				if (dataLen[j] > lineLength)
					lineLength = dataLen[j];
			maxLineLength.push(lineLength + separatorSpace);
		}
		var padStart = true;
		if (value !== undefined) {
			for (i = 0; i < output.length; i++) {
				if (typeof value[i] !== 'number') {
					padStart = false;
					break;
				}
			}
		}
		for (i = 0; i < outputLength; i += columns) {
			var max = Math.min(i + columns, outputLength), str = '';
			for (j = i; j < max - 1; j++)
				str += pad(output[j] + ', ', maxLineLength[j - i],
				    padStart);
			if (padStart)
				str += pad(output[j], maxLineLength[j - i] -
				    separatorSpace, true);
			else
				str += output[j];
			tmp.push(str);
		}
		if (ctx.maxArrayLength < output.length)
			tmp.push(output[outputLength]);
		output = tmp;
	}
	return output;
}

function pad(s, n, start) {
	var fill = n - s.length;
	if (fill <= 0)
		return s;
	return start ? repeat(' ', fill) + s : s + repeat(' ', fill);
}

function reduceToSingleString(ctx, output, base, braces, extrasType,
    recurseTimes, value) {
	if (ctx.compact !== true) {
		if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
			var entries = output.length;
			if (extrasType === kArrayExtrasType && entries > 6)
				output = groupArrayElements(ctx, output, value);
			if (ctx.currentDepth - recurseTimes < ctx.compact &&
			    entries === output.length) {
				var start = output.length + ctx.indentationLvl +
				    braces[0].length + base.length + 10;
				if (isBelowBreakLength(ctx, output, start, base)) {
					var joined = output.join(', ');
					if (joined.indexOf('\n') === -1)
						return (base ? base + ' ' : '') + braces[0] +
						    ' ' + joined + ' ' + braces[1];
				}
			}
		}
		var indentation = '\n' + repeat(' ', ctx.indentationLvl);
		return (base ? base + ' ' : '') + braces[0] + indentation + '  ' +
		    output.join(',' + indentation + '  ') + indentation + braces[1];
	}
	if (isBelowBreakLength(ctx, output, 0, base))
		return braces[0] + (base ? ' ' + base : '') + ' ' +
		    output.join(', ') + ' ' + braces[1];
	var ind = repeat(' ', ctx.indentationLvl);
	var ln = base === '' && braces[0].length === 1 ? ' ' :
	    (base ? ' ' + base : '') + '\n' + ind + '  ';
	return braces[0] + ln + output.join(',\n' + ind + '  ') + ' ' +
	    braces[1];
}

function inspect(value, opts) {
	var ctx = {
		indentationLvl: 0, seen: [], currentDepth: 0,
		stylize: function (s) { return s; }
	}, k;

	for (k in defaultOptions)
		ctx[k] = defaultOptions[k];
	if (arguments.length > 1 && typeof opts === 'boolean') {
		ctx.showHidden = opts;
		if (arguments.length > 2 && arguments[2] !== undefined)
			ctx.depth = arguments[2];
	} else if (opts && typeof opts === 'object') {
		for (k in opts)
			if (hasOwn.call(defaultOptions, k) || k === 'stylize')
				ctx[k] = opts[k];
	}
	if (ctx.depth === Infinity)
		ctx.depth = null;
	if (ctx.maxArrayLength === null || ctx.maxArrayLength === Infinity)
		ctx.maxArrayLength = 4294967295;
	if (ctx.maxStringLength === null || ctx.maxStringLength === Infinity)
		ctx.maxStringLength = 4294967295;
	if (ctx.breakLength === Infinity)
		ctx.breakLength = 4294967295;
	return formatValue(ctx, value, 0);
}
inspect.custom = customInspect;
inspect.defaultOptions = defaultOptions;
inspect.colors = {};
inspect.styles = {};

/* ---- format ------------------------------------------------------------ */

function formatWithOptions(inspectOptions, args) {
	var first = args[0], a = 0, str = '', join = '', i, lastPos = 0, c;
	var opts = inspectOptions || {}, tempStr, tempArg;

	function insp(v, extra) {
		var o = {}, k;
		for (k in opts)
			o[k] = opts[k];
		for (k in extra)
			o[k] = extra[k];
		return inspect(v, o);
	}
	if (typeof first === 'string') {
		if (args.length === 1)
			return first;
		for (i = 0; i < first.length - 1; i++) {
			if (first.charCodeAt(i) !== 37)		/* % */
				continue;
			c = first.charAt(i + 1);
			if (a + 1 !== args.length) {
				tempArg = args[a + 1];
				switch (c) {
				case 's':
					if (typeof tempArg === 'number')
						tempStr = formatNumber(tempArg, false);
					else if (typeof tempArg !== 'object' ||
					    tempArg === null || !hasBuiltInToString(tempArg))
						tempStr = String(tempArg);
					else
						tempStr = insp(tempArg, { depth: 0,
						    colors: false, compact: 3 });
					break;
				case 'j':
					tempStr = tryStringify(tempArg);
					break;
				case 'd':
					tempStr = typeof tempArg === 'object' &&
					    tempArg !== null ? 'NaN' :
					    formatNumber(Number(tempArg), false);
					break;
				case 'O':
					tempStr = insp(tempArg, {});
					break;
				case 'o':
					tempStr = insp(tempArg, { showHidden: true,
					    showProxy: true, depth: 4 });
					break;
				case 'i':
					tempStr = typeof tempArg === 'object' &&
					    tempArg !== null ? 'NaN' :
					    formatNumber(parseInt(tempArg), false);
					break;
				case 'f':
					tempStr = formatNumber(parseFloat(tempArg), false);
					break;
				case 'c':
					tempStr = '';
					break;
				case '%':
					str += first.slice(lastPos, i);
					lastPos = i + 1;
					continue;
				default:
					continue;
				}
				if (lastPos !== i)
					str += first.slice(lastPos, i);
				str += tempStr;
				lastPos = i + 2;
				i++;
				a++;
			} else if (c === '%') {
				str += first.slice(lastPos, i);
				lastPos = i + 1;
			}
		}
		if (lastPos !== 0) {
			a++;
			join = ' ';
			if (lastPos < first.length)
				str += first.slice(lastPos);
		}
	}
	while (a < args.length) {
		var value = args[a];
		str += join;
		str += typeof value !== 'string' ? insp(value, {}) : value;
		join = ' ';
		a++;
	}
	return str;
}

var builtInObjects = ['Object', 'Array', 'Error', 'EvalError', 'RangeError',
    'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'Date',
    'RegExp', 'Function', 'Number', 'String', 'Boolean', 'Math', 'JSON',
    'ArrayBuffer', 'Promise'].concat(typedNames);

/* Is the object's toString the one of a built-in (so %s inspects it)? */
function hasBuiltInToString(value) {
	var pointer = value, d;
	if (typeof value.toString !== 'function')
		return true;
	if (hasOwn.call(value, 'toString'))
		return false;
	do {
		pointer = Object.getPrototypeOf(pointer);
	} while (pointer !== null && !hasOwn.call(pointer, 'toString'));
	if (pointer === null)
		return true;
	d = Object.getOwnPropertyDescriptor(pointer, 'constructor');
	return d !== undefined && typeof d.value === 'function' &&
	    builtInObjects.indexOf(fnName(d.value)) !== -1;
}

function tryStringify(v) {
	try {
		return JSON.stringify(v);
	} catch (e) {
		if (/circular|cyclic/i.test(String(e.message)))
			return '[Circular]';
		throw e;
	}
}

function format() {
	return formatWithOptions(undefined, arguments);
}

/* ---- the rest ------------------------------------------------------------ */

function inherits(ctor, superCtor) {
	if (ctor === undefined || ctor === null)
		throw errors.invalidArgType('ctor', 'of type function', ctor);
	if (superCtor === undefined || superCtor === null)
		throw errors.invalidArgType('superCtor', 'of type function',
		    superCtor);
	if (superCtor.prototype === undefined)
		throw errors.invalidArgType('superCtor.prototype',
		    'of type object', superCtor.prototype);
	Object.defineProperty(ctor, 'super_', { value: superCtor,
	    writable: true, configurable: true });
	ctor.prototype = Object.create(superCtor.prototype, {
		constructor: { value: ctor, enumerable: false, writable: true,
		    configurable: true }
	});
}

function promisify(original) {
	errors.validateFunction(original, 'original');
	if (original[customPromisify]) {
		var fn = original[customPromisify];
		errors.validateFunction(fn, 'util.promisify.custom');
		return fn;
	}
	function fn2() {
		var args = Array.prototype.slice.call(arguments), self = this;
		return new Promise(function (resolve, reject) {
			args.push(function (err, value) {
				if (err)
					return reject(err);
				resolve(value);
			});
			original.apply(self, args);
		});
	}
	Object.defineProperty(fn2, customPromisify, { value: fn2,
	    enumerable: false, writable: false, configurable: true });
	return fn2;
}
promisify.custom = customPromisify;

function callbackify(original) {
	errors.validateFunction(original, 'original');
	return function () {
		var args = Array.prototype.slice.call(arguments);
		var cb = args.pop(), self = this;
		errors.validateFunction(cb, 'last argument');
		original.apply(this, args).then(function (ret) {
			process.nextTick(cb.bind(self, null, ret));
		}, function (rej) {
			if (!rej) {
				var e = new Error('Promise was rejected with falsy value');
				e.code = 'ERR_FALSY_VALUE_REJECTION';
				e.reason = rej;
				rej = e;
			}
			process.nextTick(cb.bind(self, rej));
		});
	};
}

var warnedCodes = {};

function deprecate(fn, msg, code) {
	var warned = false;
	if (code !== undefined)
		errors.validateString(code, 'code');
	return function deprecated() {
		if (!warned && !(code !== undefined && warnedCodes[code])) {
			warned = true;
			if (code !== undefined)
				warnedCodes[code] = true;
			console.warn('DeprecationWarning: ' + msg +
			    (code ? ' [' + code + ']' : ''));
		}
		if (this instanceof deprecated) {
			var o = Object.create(fn.prototype);
			var r = fn.apply(o, arguments);
			return r !== null && typeof r === 'object' ? r : o;
		}
		return fn.apply(this, arguments);
	};
}

function debuglog(section, cb) {
	var env = typeof process === 'object' && process.env.NODE_DEBUG || '';
	var enabled = env.split(/[\s,]+/).some(function (s) {
		if (s === '')
			return false;
		var re = new RegExp('^' + s.replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
		    .replace(/\*/g, '.*') + '$', 'i');
		return re.test(section);
	});
	var upper = section.toUpperCase();
	var logger = enabled ? function () {
		console.error(upper + ' ' + process.pid + ': ' +
		    formatWithOptions(undefined, arguments));
	} : function () {};
	logger.enabled = enabled;
	if (typeof cb === 'function')
		cb(logger);
	return logger;
}

exports.format = format;
exports.formatWithOptions = function (inspectOptions) {
	errors.validateObject(inspectOptions, 'inspectOptions');
	return formatWithOptions(inspectOptions,
	    Array.prototype.slice.call(arguments, 1));
};
exports.inspect = inspect;
exports.inherits = inherits;
exports.promisify = promisify;
exports.callbackify = callbackify;
exports.deprecate = deprecate;
exports.debuglog = debuglog;
exports.debug = debuglog;
exports.types = types;
exports.isDeepStrictEqual = function (a, b) {
	require('assert');
	return errors.isDeepStrictEqual(a, b);
};
exports.stripVTControlCharacters = function (s) {
	errors.validateString(s, 'str');
	return s.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, '');
};
exports.toUSVString = function (s) {
	return String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g,
	    function (m) { return m.length === 2 ? m.charAt(0) + '\ufffd' : '\ufffd'; });
};
exports.TextEncoder = globalThis.TextEncoder;
exports.TextDecoder = globalThis.TextDecoder;

/* the old predicates, deprecated in Node but still used by packages */
exports.isArray = Array.isArray;
exports.isBoolean = function (v) { return typeof v === 'boolean'; };
exports.isNull = function (v) { return v === null; };
exports.isNullOrUndefined = function (v) { return v === null || v === undefined; };
exports.isNumber = function (v) { return typeof v === 'number'; };
exports.isString = function (v) { return typeof v === 'string'; };
exports.isSymbol = function () { return false; };
exports.isUndefined = function (v) { return v === undefined; };
exports.isRegExp = types.isRegExp;
exports.isObject = function (v) { return v !== null && typeof v === 'object'; };
exports.isDate = types.isDate;
exports.isError = isError;
exports.isFunction = function (v) { return typeof v === 'function'; };
exports.isPrimitive = function (v) {
	return v === null || (typeof v !== 'object' && typeof v !== 'function');
};
exports.isBuffer = function (v) {
	return typeof Buffer === 'function' && Buffer.isBuffer(v);
};
