/* schedule_key: see schedule_key.h. */
#include <string.h>
#include <sys/random.h>

#include "core/log.h"
#include "core/schedule_key.h"

static char key[SCHEDULE_KEY_LEN + 1];

void
schedule_key_init(void)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[SCHEDULE_KEY_LEN / 2];
	size_t i;

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		log_fatal("getrandom");
	for (i = 0; i < sizeof(raw); i++) {
		key[2 * i] = hex[raw[i] >> 4];
		key[2 * i + 1] = hex[raw[i] & 15];
	}
	key[SCHEDULE_KEY_LEN] = '\0';
}

const char *
schedule_key(void)
{
	return key;
}

int
schedule_key_check(const char *s)
{
	unsigned char diff = 0;
	size_t i;

	if (key[0] == '\0' || s == NULL || strlen(s) != SCHEDULE_KEY_LEN)
		return 0;
	for (i = 0; i < SCHEDULE_KEY_LEN; i++)
		diff |= (unsigned char)(s[i] ^ key[i]);
	return diff == 0;
}
