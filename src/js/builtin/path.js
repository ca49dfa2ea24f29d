/*
 * path: Node's path.posix (path.win32 is not there).  resolve() starts
 * from process.cwd(), which is the functions root.
 */
'use strict';

var errors = require('internal/errors');

function validate(p, name) {
	errors.validateString(p, name || 'path');
}

/* Resolves . and .. in a path with no repeated slashes to care about */
function normalizeString(path, allowAboveRoot) {
	var res = '', lastSegmentLength = 0, lastSlash = -1, dots = 0, code;
	var i, lastSlashIndex;

	for (i = 0; i <= path.length; ++i) {
		if (i < path.length)
			code = path.charAt(i);
		else if (code === '/')
			break;
		else
			code = '/';
		if (code === '/') {
			if (lastSlash === i - 1 || dots === 1) {
				/* nothing */
			} else if (dots === 2) {
				if (res.length < 2 || lastSegmentLength !== 2 ||
				    res.charAt(res.length - 1) !== '.' ||
				    res.charAt(res.length - 2) !== '.') {
					if (res.length > 2) {
						lastSlashIndex = res.lastIndexOf('/');
						if (lastSlashIndex === -1) {
							res = '';
							lastSegmentLength = 0;
						} else {
							res = res.slice(0, lastSlashIndex);
							lastSegmentLength = res.length - 1 -
							    res.lastIndexOf('/');
						}
						lastSlash = i;
						dots = 0;
						continue;
					} else if (res.length !== 0) {
						res = '';
						lastSegmentLength = 0;
						lastSlash = i;
						dots = 0;
						continue;
					}
				}
				if (allowAboveRoot) {
					res += res.length > 0 ? '/..' : '..';
					lastSegmentLength = 2;
				}
			} else {
				if (res.length > 0)
					res += '/' + path.slice(lastSlash + 1, i);
				else
					res = path.slice(lastSlash + 1, i);
				lastSegmentLength = i - lastSlash - 1;
			}
			lastSlash = i;
			dots = 0;
		} else if (code === '.' && dots !== -1) {
			++dots;
		} else {
			dots = -1;
		}
	}
	return res;
}

var posix = {
	sep: '/',
	delimiter: ':',

	resolve: function () {
		var resolvedPath = '', resolvedAbsolute = false, i, path;

		for (i = arguments.length - 1; i >= -1 && !resolvedAbsolute; i--) {
			path = i >= 0 ? arguments[i] : require('process').cwd();
			validate(path, 'paths[' + i + ']');
			if (path.length === 0)
				continue;
			resolvedPath = path + '/' + resolvedPath;
			resolvedAbsolute = path.charAt(0) === '/';
		}
		resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute);
		if (resolvedAbsolute)
			return '/' + resolvedPath;
		return resolvedPath.length > 0 ? resolvedPath : '.';
	},

	normalize: function (path) {
		validate(path);
		if (path.length === 0)
			return '.';
		var isAbsolute = path.charAt(0) === '/';
		var trailingSeparator = path.charAt(path.length - 1) === '/';
		path = normalizeString(path, !isAbsolute);
		if (path.length === 0) {
			if (isAbsolute)
				return '/';
			return trailingSeparator ? './' : '.';
		}
		if (trailingSeparator)
			path += '/';
		return isAbsolute ? '/' + path : path;
	},

	isAbsolute: function (path) {
		validate(path);
		return path.length > 0 && path.charAt(0) === '/';
	},

	join: function () {
		var joined, i, arg;

		if (arguments.length === 0)
			return '.';
		for (i = 0; i < arguments.length; ++i) {
			arg = arguments[i];
			validate(arg, 'path');
			if (arg.length > 0)
				joined = joined === undefined ? arg : joined + '/' + arg;
		}
		if (joined === undefined)
			return '.';
		return posix.normalize(joined);
	},

	relative: function (from, to) {
		validate(from, 'from');
		validate(to, 'to');
		if (from === to)
			return '';
		from = posix.resolve(from);
		to = posix.resolve(to);
		if (from === to)
			return '';
		var fromStart = 1, fromEnd = from.length;
		var fromLen = fromEnd - fromStart, toStart = 1;
		var toLen = to.length - toStart;
		var length = fromLen < toLen ? fromLen : toLen;
		var lastCommonSep = -1, i = 0, fromCode;
		for (; i < length; i++) {
			fromCode = from.charAt(fromStart + i);
			if (fromCode !== to.charAt(toStart + i))
				break;
			else if (fromCode === '/')
				lastCommonSep = i;
		}
		if (i === length) {
			if (toLen > length) {
				if (to.charAt(toStart + i) === '/')
					return to.slice(toStart + i + 1);
				if (i === 0)
					return to.slice(toStart + i);
			} else if (fromLen > length) {
				if (from.charAt(fromStart + i) === '/')
					lastCommonSep = i;
				else if (i === 0)
					lastCommonSep = 0;
			}
		}
		var out = '';
		for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
			if (i === fromEnd || from.charAt(i) === '/')
				out += out.length === 0 ? '..' : '/..';
		}
		return out + to.slice(toStart + lastCommonSep);
	},

	toNamespacedPath: function (path) {
		return path;
	},

	dirname: function (path) {
		validate(path);
		if (path.length === 0)
			return '.';
		var hasRoot = path.charAt(0) === '/', end = -1, matchedSlash = true;
		for (var i = path.length - 1; i >= 1; --i) {
			if (path.charAt(i) === '/') {
				if (!matchedSlash) {
					end = i;
					break;
				}
			} else {
				matchedSlash = false;
			}
		}
		if (end === -1)
			return hasRoot ? '/' : '.';
		if (hasRoot && end === 1)
			return '//';
		return path.slice(0, end);
	},

	basename: function (path, suffix) {
		if (suffix !== undefined)
			validate(suffix, 'ext');
		validate(path);
		var start = 0, end = -1, matchedSlash = true, i;

		if (suffix !== undefined && suffix.length > 0 &&
		    suffix.length <= path.length) {
			if (suffix === path)
				return '';
			var extIdx = suffix.length - 1, firstNonSlashEnd = -1, c;
			for (i = path.length - 1; i >= 0; --i) {
				c = path.charAt(i);
				if (c === '/') {
					if (!matchedSlash) {
						start = i + 1;
						break;
					}
				} else {
					if (firstNonSlashEnd === -1) {
						matchedSlash = false;
						firstNonSlashEnd = i + 1;
					}
					if (extIdx >= 0) {
						if (c === suffix.charAt(extIdx)) {
							if (--extIdx === -1)
								end = i;
						} else {
							extIdx = -1;
							end = firstNonSlashEnd;
						}
					}
				}
			}
			if (start === end)
				end = firstNonSlashEnd;
			else if (end === -1)
				end = path.length;
			return path.slice(start, end);
		}
		for (i = path.length - 1; i >= 0; --i) {
			if (path.charAt(i) === '/') {
				if (!matchedSlash) {
					start = i + 1;
					break;
				}
			} else if (end === -1) {
				matchedSlash = false;
				end = i + 1;
			}
		}
		if (end === -1)
			return '';
		return path.slice(start, end);
	},

	extname: function (path) {
		validate(path);
		var startDot = -1, startPart = 0, end = -1, matchedSlash = true;
		var preDotState = 0, i, c;
		for (i = path.length - 1; i >= 0; --i) {
			c = path.charAt(i);
			if (c === '/') {
				if (!matchedSlash) {
					startPart = i + 1;
					break;
				}
				continue;
			}
			if (end === -1) {
				matchedSlash = false;
				end = i + 1;
			}
			if (c === '.') {
				if (startDot === -1)
					startDot = i;
				else if (preDotState !== 1)
					preDotState = 1;
			} else if (startDot !== -1) {
				preDotState = -1;
			}
		}
		if (startDot === -1 || end === -1 || preDotState === 0 ||
		    (preDotState === 1 && startDot === end - 1 &&
		    startDot === startPart + 1))
			return '';
		return path.slice(startDot, end);
	},

	format: function (o) {
		errors.validateObject(o, 'pathObject');
		var dir = o.dir || o.root;
		var base = o.base || ((o.name || '') + (o.ext ?
		    (o.ext.charAt(0) === '.' ? '' : '.') + o.ext : ''));
		if (!dir)
			return base;
		return dir === o.root ? dir + base : dir + '/' + base;
	},

	parse: function (path) {
		validate(path);
		var ret = { root: '', dir: '', base: '', ext: '', name: '' };
		if (path.length === 0)
			return ret;
		var isAbsolute = path.charAt(0) === '/', start;
		if (isAbsolute) {
			ret.root = '/';
			start = 1;
		} else {
			start = 0;
		}
		var startDot = -1, startPart = 0, end = -1, matchedSlash = true;
		var i = path.length - 1, preDotState = 0, c;
		for (; i >= start; --i) {
			c = path.charAt(i);
			if (c === '/') {
				if (!matchedSlash) {
					startPart = i + 1;
					break;
				}
				continue;
			}
			if (end === -1) {
				matchedSlash = false;
				end = i + 1;
			}
			if (c === '.') {
				if (startDot === -1)
					startDot = i;
				else if (preDotState !== 1)
					preDotState = 1;
			} else if (startDot !== -1) {
				preDotState = -1;
			}
		}
		if (end !== -1) {
			var begin = startPart === 0 && isAbsolute ? 1 : startPart;
			if (startDot === -1 || preDotState === 0 ||
			    (preDotState === 1 && startDot === end - 1 &&
			    startDot === startPart + 1)) {
				ret.base = ret.name = path.slice(begin, end);
			} else {
				ret.name = path.slice(begin, startDot);
				ret.base = path.slice(begin, end);
				ret.ext = path.slice(startDot, end);
			}
		}
		if (startPart > 0)
			ret.dir = path.slice(0, startPart - 1);
		else if (isAbsolute)
			ret.dir = '/';
		return ret;
	}
};

posix.posix = posix;
posix.win32 = undefined;
module.exports = posix;
