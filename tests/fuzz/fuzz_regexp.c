/*
 * libFuzzer target: fnpool's regexps (src/js/regexp_translate.c,
 * src/js/regexp_engine.c).  The first byte picks the flags, the pattern
 * runs to the first 0xff byte, the subject is the rest: translated,
 * compiled, then matched as a global loop would, each capture's offsets
 * mapped back to MuJS's bytes and UTF-16 units.  It must not crash,
 * overread or hang (PCRE2's limits end a runaway match).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "js/regexp_engine.h"

static void
run(struct regexp_code *code, const char *subject, size_t len)
{
	struct regexp_subject s;
	const size_t *ov;
	size_t start = 0, js;
	char err[128];
	int i, n, pairs = regexp_code_groups(code) + 1;

	regexp_subject_init(&s);
	regexp_subject_set(&s, subject, len);
	for (n = 0; n < 64 && regexp_match(code, &s, start, 0, &ov, err,
	    sizeof(err)) == 1; n++) {
		for (i = 0; i < 2 * pairs; i++) {
			if (ov[i] == (size_t)-1)
				continue;
			if (ov[i] > s.len || regexp_subject_units(&s, ov[i]) < 0 ||
			    (js = regexp_subject_js(&s, ov[i])) > s.js_len)
				abort();
		}
		for (i = 1; i < pairs; i++)
			(void)regexp_code_name(code, i);
		start = ov[1] > ov[0] ? ov[1] : regexp_subject_next(&s, ov[1]);
		if (ov[1] == ov[0] && ov[1] >= s.len)
			break;
	}
	if (regexp_subject_offset(&s, 3) > s.len)
		abort();
	regexp_subject_free(&s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct regexp_code *code;
	const uint8_t *sep;
	char err[256], *pattern, *subject;
	size_t plen, slen;
	int flags;

	if (size < 1)
		return 0;
	flags = data[0] & (RX_I | RX_M | RX_S | RX_U | RX_Y);
	data++;
	size--;
	sep = memchr(data, 0xff, size);
	plen = sep != NULL ? (size_t)(sep - data) : size;
	slen = sep != NULL ? size - plen - 1 : 0;
	/* exact sizes, so ASan sees overreads */
	pattern = malloc(plen + 1);
	subject = malloc(slen + 1);
	memcpy(pattern, data, plen);
	pattern[plen] = '\0';
	if (slen > 0)
		memcpy(subject, sep + 1, slen);
	subject[slen] = '\0';
	err[0] = '\0';
	code = regexp_code_get(pattern, plen, flags, err, sizeof(err));
	if (code == NULL && err[0] == '\0')
		abort();
	if (code != NULL) {
		run(code, subject, slen);
		regexp_code_put(code);
	}
	free(pattern);
	free(subject);
	return 0;
}
