/* libFuzzer target: .env files (dotenv_parse), as --env-file reads them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/dotenv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dotenv d;
	char err[256];
	size_t i;

	dotenv_init(&d);
	err[0] = '\0';
	if (dotenv_parse(&d, (const char *)data, size, "f", err,
	    sizeof(err)) == 0) {
		if (err[0] != '\0')
			abort();	/* a message without an error */
		/* every name is one env.NAME could have, every value a string */
		for (i = 0; i < d.nvars; i++)
			if (d.vars[i].name[0] == '\0' ||
			    strspn(d.vars[i].name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz0123456789_") !=
			    strlen(d.vars[i].name) ||
			    (d.vars[i].name[0] >= '0' && d.vars[i].name[0] <= '9') ||
			    strlen(d.vars[i].value) > size)
				abort();
	} else if (strncmp(err, "f:", 2) != 0 || d.nvars != 0)
		abort();	/* errors name file:line and set nothing */
	dotenv_free(&d);
	return 0;
}
