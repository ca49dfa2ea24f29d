# embed.awk: a built-in module's source (src/js/builtin/NAME.js) into the C
# string builtin_NAME_js, which builtin.c compiles on the module's first
# require:
#   (function (exports, require, module, native) { ...source... })
# The wrapper opens on the first line and comment lines become empty
# lines, so that an error's trace (node:NAME:LINE) names the line of the
# file.  Indentation is dropped: less for MuJS to scan.  Keep block
# comments on lines of their own.

# The characters of s in a C string literal ("?" too: no trigraphs).
function cquote(s,    i, c, r) {
	r = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		r = r (c == "\\" || c == "\"" || c == "?" ? "\\" c : c)
	}
	return r
}

BEGIN { incomment = 0 }
FNR == 1 {
	name = FILENAME
	sub(/^.*\//, "", name)
	sub(/\.js$/, "", name)
	print "/* Generated from src/js/builtin/" name ".js by embed.awk. */"
	print "static const char builtin_" name "_js[] ="
	printf "\"(function (exports, require, module, native) {\""
}
{
	line = $0
	if (incomment) {
		if (line ~ /\*\//)
			incomment = 0
		line = ""
	} else if (line ~ /^[ \t]*\/\*/) {
		if (line !~ /\*\/[ \t]*$/)
			incomment = 1
		line = ""
	} else if (line ~ /^[ \t]*\/\//) {
		line = ""
	}
	sub(/^[ \t]+/, "", line)
	printf "\n\"%s\\n\"", cquote(line)
}
END {
	print "\n\"})\\n\";"
}
