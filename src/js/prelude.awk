# prelude.awk: src/js/prelude.js into the C strings jsext.c compiles, one
# function per section: (function (native) { 'use strict'; core; section }).
# Drops the header, blank lines, full-line comments and indentation:
# less for MuJS to scan.

# The characters of s in a C string literal (gsub's escapes vary by awk).
function cquote(s,    i, c, r) {
	r = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		r = r (c == "\\" || c == "\"" ? "\\" c : c)
	}
	return r
}

BEGIN { n = 0; mode = "" }
/^\/\*@core\*\/$/ { mode = "core"; next }
/^\/\*@section [a-z0-9]+\*\/$/ {
	mode = "section"
	name[n] = $2
	sub(/\*\/$/, "", name[n])
	n++
	next
}
mode == "" { next }
/^[ \t]*$/ || /^[ \t]*\/\*.*\*\/[ \t]*$/ || /^[ \t]*\/\// { next }
{
	line = $0
	sub(/^[ \t]+/, "", line)
	line = "\"" cquote(line) "\\n\"\n"
	if (mode == "core")
		core = core line
	else
		text[n - 1] = text[n - 1] line
}
END {
	print "/* Generated from src/js/prelude.js by src/js/prelude.awk. */"
	print "static const char *const prelude_names[] = {"
	for (i = 0; i < n; i++)
		printf "\t\"%s\",\n", name[i]
	print "};"
	print "static const char *const prelude_sources[] = {"
	for (i = 0; i < n; i++) {
		printf "\"(function (native) {\\n\"\n\"'use strict';\\n\"\n"
		printf "%s%s", core, text[i]
		printf "\"})\\n\",\n"
	}
	print "};"
}
